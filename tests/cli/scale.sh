#!/usr/bin/env bash
# Comparison gives the same findings however it is run: a plain `check`, precomputed sheets
# with `compare`, N shards concatenated, and the map-reduce pipeline
# `extract --emit keyed | sort | compare --grouped` (docs/scale.md).
source "$(dirname "$0")/lib.bash"
export LC_ALL=C
IN=("$SRC/fixtures/seeds" "$SRC/tests/fixtures/checks")

"$TADQIQ" check --format jsonl --fail-on never "${IN[@]}" | sort > "$WORK/check.txt"
n=$(wc -l < "$WORK/check.txt")
if [ "$n" -ge 5 ]; then pass; else fail "the corpus should give several findings (got $n)"; fi
# Key kinds beyond one fact per key: quote_text groups (a quote under each of its content keys;
# a pair is reported once, under the smallest key it shares) and cross-article name groups are
# in the corpus, so every comparison below covers them.
n_mis=$(grep -c '"class":"misattribution"' "$WORK/check.txt")
[ "$n_mis" -eq 2 ] && pass || fail "two misattribution findings (checks/quote fixtures; each pair once over its shared content keys), got $n_mis"
grep -q '"check":"name_variant"' "$WORK/check.txt" && pass || fail "the corpus should give a cross-article name variant"
json_lines_ok=$(python3 -c "
import json,sys
for l in open(sys.argv[1], encoding='utf-8'): json.loads(l)
print('ok')" "$WORK/check.txt")
[ "$json_lines_ok" = ok ] && pass || fail "--format jsonl writes one JSON finding per line"

# A focus (--against; --changed likewise) reads only the key groups and per-article checks of
# the focus articles (compare/stream.h): it must give exactly the full run's findings that
# involve them, for a draft with findings of several checks and for one with a per-article
# (date_consistency) finding.
for d in "$SRC/fixtures/seeds/004_f2b0d23337b16d42.md" "$SRC/tests/fixtures/checks/date_consistency/war_day/articles/wrong.md"; do
  "$TADQIQ" check --format jsonl --fail-on never "$d" --against "${IN[@]}" | sort > "$WORK/focus.txt"
  python3 -c "
import json, sys
for l in open(sys.argv[1], encoding='utf-8'):
    if any(e['article'] == sys.argv[2] for e in json.loads(l)['evidence']): sys.stdout.write(l)" "$WORK/check.txt" "$d" | sort > "$WORK/focus-expected.txt"
  if [ -s "$WORK/focus-expected.txt" ] && cmp -s "$WORK/focus.txt" "$WORK/focus-expected.txt"; then pass
  else fail "check $(basename "$d") --against: not the full run's findings involving it"; diff "$WORK/focus.txt" "$WORK/focus-expected.txt" | head -5; fi
done

# Precomputed fact sheets, as JSONL and as a JSON array.
"$TADQIQ" extract --format jsonl "${IN[@]}" -o "$WORK/sheets.jsonl"
"$TADQIQ" compare --format jsonl --fail-on never "$WORK/sheets.jsonl" | sort > "$WORK/compare.txt"
cmp -s "$WORK/check.txt" "$WORK/compare.txt" && pass || { fail "compare of JSONL sheets differs from check"; diff "$WORK/check.txt" "$WORK/compare.txt" | head -5; }
"$TADQIQ" extract --format json "${IN[@]}" -o "$WORK/sheets.json"
"$TADQIQ" compare --format jsonl --fail-on never - < "$WORK/sheets.json" | sort > "$WORK/compare2.txt"
cmp -s "$WORK/check.txt" "$WORK/compare2.txt" && pass || fail "compare of a JSON array from stdin differs from check"

# Shards: disjoint, and together the whole.
for i in 0 1 2; do
  "$TADQIQ" compare --shard "$i/3" --format jsonl --fail-on never "$WORK/sheets.jsonl" > "$WORK/shard$i.txt"
done
sort "$WORK"/shard*.txt > "$WORK/shards.txt"
cmp -s "$WORK/check.txt" "$WORK/shards.txt" && pass || { fail "shards concatenated differ from check"; diff "$WORK/check.txt" "$WORK/shards.txt" | head -5; }
nonempty=0; for i in 0 1 2; do [ -s "$WORK/shard$i.txt" ] && nonempty=$((nonempty + 1)); done
[ "$nonempty" -ge 2 ] && pass || fail "findings should spread over shards (only $nonempty non-empty)"
"$TADQIQ" check --shard 1/3 --format jsonl --fail-on never "${IN[@]}" | sort > "$WORK/check-shard1.txt"
sort "$WORK/shard1.txt" | cmp -s - "$WORK/check-shard1.txt" && pass || fail "check --shard equals compare --shard"

# Map-reduce: mapper, sort, reducer.
"$TADQIQ" extract --emit keyed "${IN[@]}" > "$WORK/keyed.txt"
awk -F'\t' 'NF < 2 { bad = 1 } END { exit bad }' "$WORK/keyed.txt" && pass || fail "every keyed line is KEY<TAB>JSON"
sort "$WORK/keyed.txt" | "$TADQIQ" compare --grouped --format jsonl --fail-on never | sort > "$WORK/grouped.txt"
cmp -s "$WORK/check.txt" "$WORK/grouped.txt" && pass || { fail "extract --emit keyed | sort | compare --grouped differs from check"; diff "$WORK/check.txt" "$WORK/grouped.txt" | head -5; }
# Two reducers over a split of the sorted stream (split between keys) concatenate to the same.
sort "$WORK/keyed.txt" > "$WORK/sorted.txt"
half=$(( $(wc -l < "$WORK/sorted.txt") / 2 ))
key_at_half=$(sed -n "${half}p" "$WORK/sorted.txt" | cut -f1)
awk -F'\t' -v k="$key_at_half" '$1 <= k' "$WORK/sorted.txt" | "$TADQIQ" compare --grouped --format jsonl --fail-on never > "$WORK/r1.txt"
awk -F'\t' -v k="$key_at_half" '$1 > k' "$WORK/sorted.txt" | "$TADQIQ" compare --grouped --format jsonl --fail-on never > "$WORK/r2.txt"
sort "$WORK/r1.txt" "$WORK/r2.txt" | cmp -s - "$WORK/check.txt" && pass || fail "two reducers concatenate to the same findings"

# Unsorted input is refused; a malformed line is reported and skipped.
expect_exit 2 "unsorted keyed input" -- sh -c "sort -r '$WORK/keyed.txt' | '$TADQIQ' compare --grouped"
expect_grep 'not sorted' "$WORK/err" "says the input is not sorted"
{ echo "no tab here"; cat "$WORK/sorted.txt"; } | "$TADQIQ" compare --grouped --format jsonl --fail-on never > "$WORK/g2.txt" 2> "$WORK/g2.err"
expect_grep '^tadqiq: -:1: not a keyed line' "$WORK/g2.err" "a malformed line is reported with its line number"
sort "$WORK/g2.txt" | cmp -s - "$WORK/check.txt" && pass || fail "the other lines are still compared"

expect_exit 2 "bad --shard" -- "$TADQIQ" compare --shard 3/3 "$WORK/sheets.jsonl"
expect_exit 2 "compare without sheets" -- "$TADQIQ" compare
expect_exit 2 "compare of a non-sheet file" -- "$TADQIQ" compare "$SRC/rules/numbers.yaml"
finish
