#!/usr/bin/env bash
# Inline suppressions: reported as suppressed in JSON, never fail a run, never silently dropped.
source "$(dirname "$0")/lib.bash"
mkdir -p "$WORK/c"
cat > "$WORK/c/march.md" <<'MD'
---
date: 2024-03-01
---
وبلغت حصيلة الشهداء في غزة 30,000 شهيد منذ بدء الحرب.
MD
cat > "$WORK/c/april.md" <<'MD'
---
date: 2024-04-01
---
<!-- tadqiq-ignore quantity -->

وبلغت حصيلة الشهداء في غزة 25,000 شهيد منذ بدء الحرب.
وبلغت حصيلة الجرحى في غزة 50,000 جريح منذ بدء الحرب.
MD
cat > "$WORK/c/may.md" <<'MD'
---
date: 2024-05-01
---
وبلغت حصيلة الجرحى في غزة 40,000 جريح منذ بدء الحرب.
MD
# The killed regression (march → april) is suppressed by the directive before its paragraph;
# the injured regression (april line 7 → may) is not: the directive covers one paragraph.
"$TADQIQ" check "$WORK/c" --format json --fail-on never -o "$WORK/r.json"
json_check "$WORK/r.json" "[(f['key'], f['suppressed']) for f in d['findings'] if f['class'] == 'regression'] == [('injured/gaza/cumulative', False), ('killed/gaza/cumulative', True)]" "only the covered finding is suppressed"
json_check "$WORK/r.json" "[f['suppressed_by'] for f in d['findings'] if f['suppressed']] == ['$WORK/c/april.md:4']" "suppressed_by names the directive"
json_check "$WORK/r.json" "d['summary']['suppressed'] == 1 and d['summary']['by_severity']['error'] == 1" "summary counts suppressed apart"
expect_exit 1 "the unsuppressed error still fails" -- "$TADQIQ" check "$WORK/c"
expect_no_grep 'killed' "$WORK/out" "a suppressed finding is not printed in text"
expect_grep '1 suppressed' "$WORK/out" "but it is counted"

# -file: the whole file, for the kinds named; other kinds are not covered.
sed -i 's/<!-- tadqiq-ignore quantity -->/<!-- tadqiq-ignore-file ordinal quantity -->/' "$WORK/c/april.md"
expect_exit 0 "whole-file suppression" -- "$TADQIQ" check "$WORK/c"
sed -i 's/<!-- tadqiq-ignore-file ordinal quantity -->/<!-- tadqiq-ignore-file title -->/' "$WORK/c/april.md"
expect_exit 1 "a suppression of another kind does not apply" -- "$TADQIQ" check "$WORK/c"
# Suppressions travel in fact sheets: compare of precomputed sheets honours them.
sed -i 's/<!-- tadqiq-ignore-file title -->/<!-- tadqiq-ignore-file -->/' "$WORK/c/april.md"
"$TADQIQ" extract --format jsonl "$WORK/c" -o "$WORK/s.jsonl"
expect_exit 0 "compare honours suppressions from sheets" -- "$TADQIQ" compare "$WORK/s.jsonl"
finish
