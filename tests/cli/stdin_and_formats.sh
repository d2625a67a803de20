#!/usr/bin/env bash
# Standard input, JSONL input, extract output formats, -o, text report layout and colour.
source "$(dirname "$0")/lib.bash"
Q="$SRC/tests/fixtures/checks/quantity"

# stdin as Markdown (front matter detected) and as text.
"$TADQIQ" extract - < "$Q/regression/articles/march.md" > "$WORK/stdin.json"
json_check "$WORK/stdin.json" "d[0]['article']['path'] == '-' and d[0]['article']['date'] == '2024-03-01'" "stdin Markdown keeps front matter"
json_check "$WORK/stdin.json" "any(f['type'] == 'quantity' and f['as_of'] == '2024-03-01' for f in d[0]['facts'])" "stdin article yields quantity facts"
printf 'قتل 12 شخصا في غارة على رفح.\n' | "$TADQIQ" extract - > "$WORK/stdin2.json"
json_check "$WORK/stdin2.json" "d[0]['article']['format'] == 'text' and len(d[0]['facts']) >= 2" "stdin text"

# JSONL in, JSONL out: one sheet per line, each with its schema.
python3 - "$WORK/in.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    f.write(json.dumps({"id": "a1", "date": "2024-03-01", "text": "وبلغت حصيلة الشهداء في غزة 30,000 شهيد منذ بدء الحرب."}, ensure_ascii=False) + "\n")
    f.write("\n")
    f.write(json.dumps({"id": "a2", "date": "2024-04-01", "text": "وبلغت حصيلة الشهداء في غزة 25,000 شهيد منذ بدء الحرب."}, ensure_ascii=False) + "\n")
PY
"$TADQIQ" extract --format jsonl "$WORK/in.jsonl" -o "$WORK/sheets.jsonl"
if [ "$(wc -l < "$WORK/sheets.jsonl")" = 2 ]; then pass; else fail "jsonl output has one line per article"; fi
python3 -c "
import json,sys
for line in open(sys.argv[1], encoding='utf-8'):
    d = json.loads(line); assert d['schema'] == 'tadqiq.factsheet/1', d['schema']
" "$WORK/sheets.jsonl" && pass || fail "every JSONL sheet declares tadqiq.factsheet/1"
expect_exit 1 "JSONL articles are compared" -- "$TADQIQ" check "$WORK/in.jsonl"
expect_grep 'in.jsonl' "$WORK/out" "JSONL evidence names the file"

# Text report: compiler style, no colour when piped.
"$TADQIQ" check --fail-on never "$Q/regression/articles" > "$WORK/text.txt"
expect_grep '^[^ ].*\.md:[0-9]+:[0-9]+: error: .*\[quantity/regression\]$' "$WORK/text.txt" "file:line:col: severity: message [kind/class]"
expect_grep '^    .*april.md:4:[0-9]+: 25,000' "$WORK/text.txt" "evidence lines"
expect_no_grep $'\x1b\\[' "$WORK/text.txt" "no colour when piped"
"$TADQIQ" check --fail-on never --color always "$Q/regression/articles" > "$WORK/color.txt"
expect_grep $'\x1b\\[' "$WORK/color.txt" "colour when forced"

# -o writes the report to a file and nothing to stdout.
"$TADQIQ" check --fail-on never --format json -o "$WORK/r.json" "$Q/regression/articles" > "$WORK/stdout.txt"
json_check "$WORK/r.json" "d['schema'] == 'tadqiq.report/1' and d['summary']['findings'] == 1" "JSON report written with -o"
if [ -s "$WORK/stdout.txt" ]; then fail "-o leaves stdout empty"; else pass; fi
json_check "$WORK/r.json" "set(d['findings'][0]) >= {'id','kind','class','severity','key','message','evidence'}" "finding fields"
json_check "$WORK/r.json" "set(d['findings'][0]['evidence'][0]) >= {'file','line','column','end_line','end_column','text','sentence','value','as_of'}" "evidence fields"
expect_exit 2 "-o into a missing directory" -- "$TADQIQ" check -o "$WORK/no/such/dir/r.json" "$Q/regression/articles"
finish
