#!/usr/bin/env bash
# Bad input is reported, naming the file (and byte offset), and the rest is still checked.
source "$(dirname "$0")/lib.bash"
mkdir -p "$WORK/in"
cp "$SRC/tests/fixtures/checks/quantity/regression/articles/"*.md "$WORK/in/"
printf 'good start \xff\xfe bad bytes\n' > "$WORK/in/latin.txt"
: > "$WORK/in/empty.txt"
printf 'abc\0def\n' > "$WORK/in/binary.txt"
printf -- '---\ntitle: [unclosed\n' > "$WORK/in/truncated.md"

expect_exit 1 "bad files among good ones still check the good ones" -- "$TADQIQ" check "$WORK/in"
expect_grep 'latin.txt.*byte 11.*UTF-8.*--encoding windows-1256' "$WORK/err" "invalid UTF-8: file, offset and hint"
expect_grep 'empty.txt' "$WORK/err" "empty file reported"
expect_grep 'binary.txt.*byte 3' "$WORK/err" "NUL byte reported with offset"
expect_grep 'truncated.md' "$WORK/err" "truncated front matter reported"
expect_grep 'regression' "$WORK/out" "findings of the good files are reported"

"$TADQIQ" check "$WORK/in" --format json --fail-on never -o "$WORK/r.json" 2>/dev/null
json_check "$WORK/r.json" "len(d['errors']) == 4 and d['summary']['errors'] == 4" "input errors are in the JSON report"
json_check "$WORK/r.json" "any(e['file'].endswith('latin.txt') and e['offset'] == 11 for e in d['errors'])" "JSON error carries the byte offset"
json_check "$WORK/r.json" "len(d['articles']) == 2" "the two good articles are checked"

# A legacy-encoded file is read with --encoding.
printf '\xc7\xe1\xd4\xe5\xcf\xc7\xc1 12 \xd4\xce\xd5\xc7\n' > "$WORK/cp1256.txt"
expect_exit 2 "windows-1256 without --encoding" -- "$TADQIQ" extract "$WORK/cp1256.txt"
expect_exit 0 "windows-1256 with --encoding" -- "$TADQIQ" extract --encoding windows-1256 "$WORK/cp1256.txt"
json_check "$WORK/out" "d[0]['article']['encoding'] == 'windows-1256' and any(f['type'] == 'quantity' and f['text'] == '12 شخصا' for f in d[0]['facts'])" "the sheet records the input encoding; the text is decoded"
finish
