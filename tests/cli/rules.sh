#!/usr/bin/env bash
# Rules as data: --rules layers a user folder on the built-in rules; bad rules are reported
# as file:line:column and stop the run with exit 2.
source "$(dirname "$0")/lib.bash"
printf 'وصل 12 مراسلا إلى المدينة.\n' > "$WORK/a.txt"

"$TADQIQ" extract "$WORK/a.txt" > "$WORK/before.json"
json_check "$WORK/before.json" "not any(f['type'] == 'quantity' for f in d[0]['facts'])" "unknown noun: no quantity"

mkdir -p "$WORK/user"
cat > "$WORK/user/quantities.yaml" <<'YAML'
categories:
  journalists:
    nouns: [مراسل, مراسلا, مراسلين]
YAML
"$TADQIQ" extract --rules "$WORK/user" "$WORK/a.txt" > "$WORK/after.json"
json_check "$WORK/after.json" "any(f['type'] == 'quantity' and f['attributes']['category'] == 'journalists' for f in d[0]['facts'])" "a user category is merged in"
json_check "$WORK/after.json" "True" "user rules keep the built-in ones"
printf 'قتل 3 أشخاص.\n' > "$WORK/b.txt"
"$TADQIQ" extract --rules "$WORK/user" "$WORK/b.txt" > "$WORK/b.json"
json_check "$WORK/b.json" "any(f['type'] == 'quantity' and f['attributes']['category'] == 'killed' for f in d[0]['facts'])" "built-in categories still work with user rules"

mkdir -p "$WORK/bad"
printf 'categories:\n  x: [unclosed\n' > "$WORK/bad/quantities.yaml"
expect_exit 2 "invalid YAML in user rules" -- "$TADQIQ" extract --rules "$WORK/bad" "$WORK/a.txt"
expect_grep 'bad/quantities.yaml:[0-9]+:[0-9]+:' "$WORK/err" "YAML error as file:line:column"

mkdir -p "$WORK/shape"
printf 'checks:\n  quantity:\n    severity:\n      regression: fatal\n' > "$WORK/shape/checks.yaml"
expect_exit 2 "bad severity value" -- "$TADQIQ" check --rules "$WORK/shape" "$WORK/a.txt"
expect_grep 'shape/checks.yaml:4:[0-9]+: expected error, warning or info' "$WORK/err" "shape error points at the user's file and line"

# A severity override is honoured: the regression becomes a warning.
mkdir -p "$WORK/soft"
printf 'checks:\n  quantity:\n    severity:\n      regression: warning\n' > "$WORK/soft/checks.yaml"
expect_exit 0 "regression downgraded to warning" -- "$TADQIQ" check --rules "$WORK/soft" "$SRC/tests/fixtures/checks/quantity/regression/articles"
expect_grep 'warning: .*\[quantity/regression\]' "$WORK/out" "the overridden severity is reported"
expect_exit 2 "--rules with a missing folder" -- "$TADQIQ" extract --rules "$WORK/nope" "$WORK/a.txt"
# The quote check's bounds are settings: a wording used in three articles is listed in full by
# default and cut to one use, then a count, with max_listed_uses: 1.
mkdir -p "$WORK/quotes" "$WORK/qbound"
for n in 1 2 3; do
  cp "$SRC/tests/fixtures/checks/quote/miller_reworded/articles/a.md" "$WORK/quotes/a$n.md"
done
cp "$SRC/tests/fixtures/checks/quote/miller_reworded/articles/b.md" "$WORK/quotes/b.md"
"$TADQIQ" check "$WORK/quotes" --no-config --format json --fail-on never -o "$WORK/q-default.json"
json_check "$WORK/q-default.json" "any(f['kind'] == 'quote' and f['class'] == 'variant' and 'a3.md' in f['message'] and 'more' not in f['message'] for f in d['findings'])" "the quote variant lists every use by default"
printf 'checks:\n  quote:\n    max_listed_uses: 1\n' > "$WORK/qbound/checks.yaml"
"$TADQIQ" check --rules "$WORK/qbound" "$WORK/quotes" --no-config --format json --fail-on never -o "$WORK/q-bound.json"
json_check "$WORK/q-bound.json" "any(f['kind'] == 'quote' and f['class'] == 'variant' and 'and 2 more' in f['message'] for f in d['findings'])" "max_listed_uses cuts the listed uses"
finish
