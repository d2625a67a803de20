#!/usr/bin/env bash
# The seed corpus: bodies byte-for-byte, every fact span maps exactly to the original bytes,
# and the findings the demo must show.
source "$(dirname "$0")/lib.bash"
SEEDS="$SRC/fixtures/seeds"

# Bodies are the received articles byte for byte (body_sha256 in the front matter).
for f in "$SEEDS"/*.md; do
  want=$(sed -n 's/^body_sha256: //p' "$f")
  got=$(awk 'BEGIN{n=0} n>=2{print; next} /^---$/{n++}' "$f" | head -c -1 | sha256sum | cut -d' ' -f1)
  # awk prints a newline after the last line; the originals end without one (head -c -1 drops it).
  if [ "$want" = "$got" ]; then pass; else fail "$(basename "$f"): body differs from the received article"; fi
done

# Every fact's span is exactly its text in the original bytes, and line:column agree.
"$TADQIQ" extract "$SEEDS" "$SRC/tests/fixtures" -o "$WORK/sheets.json" 2>/dev/null
python3 - "$WORK/sheets.json" <<'PY' && pass || fail "fact spans map to the original bytes"
import json, sys
sheets = json.load(open(sys.argv[1], encoding='utf-8'))
n = 0
for s in sheets:
    a = s['article']
    if a.get('record') or a['encoding'] != 'UTF-8':
        continue
    data = open(a['path'], 'rb').read()
    for f in s['facts']:
        sp = f['span']
        got = data[sp['start']:sp['end']].decode('utf-8')
        assert got == f['text'], (a['path'], f['id'], got, f['text'])
        before = data[:sp['start']].decode('utf-8')
        line = before.count('\n') + 1
        col = len(before) - (before.rfind('\n') + 1) + 1
        assert (line, col) == (sp['line'], sp['column']), (a['path'], f['id'], line, col, sp)
        n += 1
assert n > 50, n
print(f'{n} spans checked')
PY

# The demo: the toll of 004 (27,708 as of 2024-02-07) and 003's "more than 33,000" (2024-04-18)
# are one key, reported as an update across dates, not as a contradiction.
"$TADQIQ" check "$SEEDS" --format json -o "$WORK/report.json"
json_check "$WORK/report.json" "len(d['articles']) == 5 and not d['errors']" "five seed articles read"
json_check "$WORK/report.json" "any(f['class'] == 'update' and f['key'] == 'killed/gaza/cumulative' and f['severity'] == 'info' and [e['as_of'] for e in f['evidence']] == ['2024-02-07', '2024-04-18'] and '27,708' in f['message'] and 'more than 33,000' in f['message'] for f in d['findings'])" "27,708 (Feb) vs more than 33,000 (Apr) is an update"
json_check "$WORK/report.json" "not any(f['kind'] == 'quantity' and f['severity'] != 'info' for f in d['findings'])" "no quantity warning or error on the seeds"
finish
