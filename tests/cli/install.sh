#!/usr/bin/env bash
# `cmake --install` puts the binary and its rules under a prefix; the installed binary finds
# its rules relative to itself, from any working directory.
source "$(dirname "$0")/lib.bash"
BUILD_DIR="$(dirname "$TADQIQ")"
cmake --install "$BUILD_DIR" --prefix "$WORK/prefix" > "$WORK/install.log" 2>&1 && pass || { fail "cmake --install"; cat "$WORK/install.log"; }
if [ -x "$WORK/prefix/bin/tadqiq" ] && [ -f "$WORK/prefix/share/tadqiq/rules/quantities.yaml" ]; then pass; else fail "installed layout"; fi
printf 'قتل 3 أشخاص.\n' > "$WORK/b.txt"
(cd / && env -u TADQIQ_RULES_DIR "$WORK/prefix/bin/tadqiq" extract "$WORK/b.txt") > "$WORK/b.json" 2> "$WORK/err"
json_check "$WORK/b.json" "any(f['type'] == 'quantity' for f in d[0]['facts'])" "installed binary finds its rules"
# It reads the installed copy (not the source tree): a change there is seen.
printf '  journalists:\n    nouns: [مراسل, مراسلا]\n' > "$WORK/extra"
sed -i "/^categories:/r $WORK/extra" "$WORK/prefix/share/tadqiq/rules/quantities.yaml"
printf 'وصل 12 مراسلا.\n' > "$WORK/c.txt"
(cd / && env -u TADQIQ_RULES_DIR "$WORK/prefix/bin/tadqiq" extract "$WORK/c.txt") > "$WORK/c.json" 2> "$WORK/err"
json_check "$WORK/c.json" "any(f['type'] == 'quantity' and f['attributes']['category'] == 'journalists' for f in d[0]['facts'])" "installed binary reads the installed rules"
finish
