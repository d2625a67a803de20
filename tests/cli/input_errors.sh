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
# A fact sheet not written by tadqiq: a fact whose attribute has another JSON type than the
# checks read (a boolean bound) is reported with its file and line (or byte offset), left out,
# and every other fact is still compared; by the streamed, the in-memory and the grouped reader.
"$TADQIQ" extract --no-config --format jsonl "$SRC/tests/fixtures/checks/quantity/regression/articles/"*.md > "$WORK/sheets.jsonl"
python3 - "$WORK/sheets.jsonl" <<'PY'
import copy, json, sys
path = sys.argv[1]
sheets = [json.loads(l) for l in open(path, encoding="utf-8")]
q = next(f for f in sheets[1]["facts"] if f["type"] == "quantity")
bad = copy.deepcopy(q)
bad["id"] = "quantity-99"
bad["attributes"]["bound"] = False
sheets[1]["facts"].append(bad)
with open(path, "w", encoding="utf-8") as out:
    for s in sheets:
        out.write(json.dumps(s, ensure_ascii=False) + "\n")
with open(path[:-1], "w", encoding="utf-8") as out:  # sheets.json: one JSON array
    json.dump(sheets, out, ensure_ascii=False)
PY
for sheets in sheets.jsonl sheets.json; do
  expect_exit 1 "$sheets: an unreadable fact does not stop the comparison" -- "$TADQIQ" compare --no-config "$WORK/$sheets"
  expect_grep "$sheets(:2)?: the quantity check cannot read fact \"quantity-99\" of article \"[^\"]*march.md\".*type must be string, but is boolean" "$WORK/err" "$sheets: the fact is named with its file (and line, in JSON Lines)"
  expect_grep 'regression' "$WORK/out" "$sheets: the other facts are still compared"
done
"$TADQIQ" compare --no-config --format json --fail-on never -o "$WORK/r2.json" "$WORK/sheets.jsonl" 2>/dev/null
json_check "$WORK/r2.json" "len(d['errors']) == 1 and d['errors'][0]['record'] == 2 and isinstance(d['errors'][0]['offset'], int) and 'quantity-99' in d['errors'][0]['message']" "the JSON report lists it with line and byte offset"
"$TADQIQ" compare --no-config --format json --fail-on never -o "$WORK/r3.json" "$WORK/sheets.json" 2>/dev/null
json_check "$WORK/r3.json" "[f['id'] for f in d['findings']] == [f['id'] for f in json.load(open('$WORK/r2.json'))['findings']]" "the in-memory reader finds the same"
python3 - "$WORK/sheets.jsonl" "$WORK/keyed.tsv" <<'PY'
import json, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        s = json.loads(line)
        for f in s["facts"]:
            if f["key"]:
                out.write(f"{f['type']}:{f['key']}\t" + json.dumps({"article": s["article"], "fact": f}, ensure_ascii=False) + "\n")
PY
LC_ALL=C sort "$WORK/keyed.tsv" > "$WORK/keyed.sorted"
expect_exit 1 "grouped: an unreadable fact does not stop the comparison" -- sh -c "\"$TADQIQ\" compare --no-config --grouped < \"$WORK/keyed.sorted\""
expect_grep "^tadqiq: -:[0-9]*: the quantity check cannot read fact \"quantity-99\"" "$WORK/err" "grouped: the fact is named with its line"
expect_grep 'regression' "$WORK/out" "grouped: the other facts are still compared"
finish
