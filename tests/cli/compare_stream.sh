#!/usr/bin/env bash
# `compare` of JSONL sheet files goes through the two-pass streaming path (compare/stream.h);
# standard input and JSON documents through the in-memory reader. Both must give the same
# findings, shards must add up to the whole, and bad lines are reported and skipped.
source "$(dirname "$0")/lib.bash"

# Sheets of every check fixture and the seeds (quotes, escapes, Arabic, all fact types).
"$TADQIQ" extract --no-config --no-cache --format jsonl "$SRC/fixtures/seeds" "$SRC/tests/fixtures/checks" \
  -o "$WORK/sheets.jsonl" 2>"$WORK/err" || { fail "extract failed"; cat "$WORK/err"; }
[ "$(wc -l <"$WORK/sheets.jsonl")" -gt 20 ] && pass || fail "extract wrote too few sheets"
grep -q '\\"' "$WORK/sheets.jsonl" && pass || fail "the sheets have no escaped quote to read back"

run() { "$TADQIQ" compare --no-config --fail-on never "$@"; }  # --format jsonl unless given
runl() { run --format jsonl "$@"; }
runl "$WORK/sheets.jsonl" -o "$WORK/stream.jsonl" 2>"$WORK/err" || fail "compare (stream) failed"
runl - -o "$WORK/memory.jsonl" <"$WORK/sheets.jsonl" 2>>"$WORK/err" || fail "compare (stdin) failed"
[ -s "$WORK/stream.jsonl" ] && pass || fail "no findings on the fixtures"
cmp -s "$WORK/stream.jsonl" "$WORK/memory.jsonl" && pass || {
  fail "streamed and in-memory findings differ"; diff "$WORK/stream.jsonl" "$WORK/memory.jsonl" | head -5; }
runl "$WORK/sheets.jsonl" -j 1 -o "$WORK/stream1.jsonl" && cmp -s "$WORK/stream1.jsonl" "$WORK/stream.jsonl" &&
  pass || fail "-j 1 and -j N differ"

# The same sheets with every non-ASCII character escaped (\uXXXX, surrogate pairs for emoji):
# the scanner unescapes them into the same findings.
python3 - "$WORK/sheets.jsonl" "$WORK/ascii.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], encoding='utf-8') as src, open(sys.argv[2], 'w', encoding='ascii') as dst:
    for line in src:
        sheet = json.loads(line)
        for fact in sheet['facts']:  # an astral character (a surrogate pair once escaped)
            fact['sentence'] += ' \U0001F600'
        dst.write(json.dumps(sheet, ensure_ascii=True) + '\n')
PY
grep -q '\\ud83d' "$WORK/ascii.jsonl" && pass || fail "the escaped sheets have no surrogate pair"
runl "$WORK/ascii.jsonl" -o "$WORK/ascii.out"
runl - -o "$WORK/ascii-memory.out" <"$WORK/ascii.jsonl"
cmp -s "$WORK/ascii.out" "$WORK/ascii-memory.out" && pass || fail "escaped sheets: streamed and in-memory findings differ"
grep -q $'\xF0\x9F\x98\x80' "$WORK/ascii.out" && pass || fail "escaped sheets: the astral character is not in the findings"

# JSON report: the same articles (with their metadata) and summary either way.
run "$WORK/sheets.jsonl" --format json -o "$WORK/stream.json"
run - --format json -o "$WORK/memory.json" <"$WORK/sheets.jsonl"
cmp -s "$WORK/stream.json" "$WORK/memory.json" && pass || fail "JSON reports differ"

# Shards add up to the whole.
for i in 0 1 2; do runl "$WORK/sheets.jsonl" --shard "$i/3" -o "$WORK/part-$i.jsonl"; done
sort "$WORK"/part-*.jsonl >"$WORK/parts.sorted"
sort "$WORK/stream.jsonl" >"$WORK/whole.sorted"
cmp -s "$WORK/parts.sorted" "$WORK/whole.sorted" && pass || fail "shards do not add up to the whole"

# Two files: the same as one file holding both.
half=$(( $(wc -l <"$WORK/sheets.jsonl") / 2 ))
head -n "$half" "$WORK/sheets.jsonl" >"$WORK/a.jsonl"
tail -n +"$((half + 1))" "$WORK/sheets.jsonl" >"$WORK/b.jsonl"
runl "$WORK/a.jsonl" "$WORK/b.jsonl" -o "$WORK/two.jsonl"
cmp -s "$WORK/two.jsonl" "$WORK/stream.jsonl" && pass || fail "two files differ from one"

# A bad line (not JSON) and a JSON line that is no fact sheet: reported with their line
# numbers, the rest compared.
{ head -n 3 "$WORK/sheets.jsonl"; echo '{"schema": "tadqiq.factsheet/1", "article": '; echo '{"x": 1}';
  tail -n +4 "$WORK/sheets.jsonl"; } >"$WORK/bad.jsonl"
run "$WORK/bad.jsonl" --format json -o "$WORK/bad.json" 2>"$WORK/bad.err"
json_check "$WORK/bad.json" "[(e['record'], e['offset'] is not None) for e in d['errors']] == [(4, True), (5, True)]" \
  "bad lines reported with their line numbers"
json_check "$WORK/bad.json" "'not valid JSON' in d['errors'][0]['message'] and 'not a fact sheet' in d['errors'][1]['message']" \
  "bad lines say what is wrong"
expect_grep 'bad.jsonl' "$WORK/bad.err" "bad lines on standard error"
runl "$WORK/bad.jsonl" -o "$WORK/bad.jsonl.out" 2>/dev/null
cmp -s "$WORK/bad.jsonl.out" "$WORK/stream.jsonl" && pass || fail "the readable sheets around bad lines are compared"
finish
