#!/usr/bin/env bash
# The fact-sheet cache: a re-run extracts only what changed; new binaries or rules invalidate
# it; --no-cache bypasses it; results are identical with and without it.
source "$(dirname "$0")/lib.bash"
export TADQIQ_CACHE_STATS=1
mkdir -p "$WORK/corpus"
cp "$SRC"/fixtures/seeds/*.md "$WORK/corpus/"

"$TADQIQ" check "$WORK/corpus" --format jsonl --fail-on never > "$WORK/first.txt" 2> "$WORK/e1"
expect_grep 'cache: 0 hits, 5 extracted' "$WORK/e1" "first run extracts everything"
if [ -f "$WORK/.tadqiq-cache/sheets.sqlite" ]; then pass; else fail "the cache lives in .tadqiq-cache/"; fi
"$TADQIQ" check "$WORK/corpus" --format jsonl --fail-on never > "$WORK/second.txt" 2> "$WORK/e2"
expect_grep 'cache: 5 hits, 0 extracted' "$WORK/e2" "second run reads every sheet from the cache"
cmp -s "$WORK/first.txt" "$WORK/second.txt" && pass || fail "cached results equal fresh ones"

printf '\nوقتل 12 شخصا في غارة على رفح.\n' >> "$WORK/corpus/002_97e23d5805bb0975.md"
"$TADQIQ" check "$WORK/corpus" --format jsonl --fail-on never > /dev/null 2> "$WORK/e3"
expect_grep 'cache: 4 hits, 1 extracted' "$WORK/e3" "a changed article is extracted again"

mkdir -p "$WORK/rules"
printf 'places:\n  hebron: [الخليل]\n' > "$WORK/rules/places.yaml"
"$TADQIQ" check --rules "$WORK/rules" "$WORK/corpus" --fail-on never > /dev/null 2> "$WORK/e4"
expect_grep 'cache: 0 hits, 5 extracted' "$WORK/e4" "other rules: nothing is reused"

rm -rf "$WORK/.tadqiq-cache"
"$TADQIQ" check --no-cache "$WORK/corpus" --fail-on never > /dev/null 2> "$WORK/e5"
if [ -e "$WORK/.tadqiq-cache" ]; then fail "--no-cache writes no cache"; else pass; fi
expect_no_grep 'cache:' "$WORK/e5" "--no-cache reads no cache"
"$TADQIQ" extract --cache-dir "$WORK/elsewhere" "$WORK/corpus" > /dev/null 2> "$WORK/e6"
if [ -f "$WORK/elsewhere/sheets.sqlite" ]; then pass; else fail "--cache-dir is honoured"; fi

# The cache version covers the binary's bytes, not its time stamp: the same build copied (as a
# CI job rebuilds the same sources) keeps the cache; a binary with other bytes starts afresh.
mkdir -p "$WORK/bin1" "$WORK/bin2" "$WORK/bin3"
cp "$TADQIQ" "$WORK/bin1/tadqiq"
cp "$TADQIQ" "$WORK/bin2/tadqiq" && touch -d '2001-01-01 00:00' "$WORK/bin2/tadqiq"
cp "$TADQIQ" "$WORK/bin3/tadqiq" && printf 'x' >> "$WORK/bin3/tadqiq"
export TADQIQ_RULES_DIR="$SRC/rules"
"$WORK/bin1/tadqiq" check --cache-dir "$WORK/c2" "$WORK/corpus" --fail-on never > /dev/null 2> "$WORK/e7"
expect_grep 'cache: 0 hits, 5 extracted' "$WORK/e7" "a fresh cache"
"$WORK/bin2/tadqiq" check --cache-dir "$WORK/c2" "$WORK/corpus" --fail-on never > /dev/null 2> "$WORK/e8"
expect_grep 'cache: 5 hits, 0 extracted' "$WORK/e8" "the same binary bytes with another time stamp keep the cache"
"$WORK/bin3/tadqiq" check --cache-dir "$WORK/c2" "$WORK/corpus" --fail-on never > /dev/null 2> "$WORK/e9"
expect_grep 'cache: 0 hits, 5 extracted' "$WORK/e9" "other binary bytes start afresh"
unset TADQIQ_RULES_DIR

# Pre-publication mode reads the cache too: the archive's sheets are hits.
mkdir -p "$WORK/drafts"
printf -- '---\ndate: 2024-04-20\n---\nوبلغت حصيلة الشهداء في غزة 30,000 شهيد منذ بدء الحرب.\n' > "$WORK/drafts/d.md"
"$TADQIQ" check "$WORK/drafts/d.md" --against "$WORK/corpus" --cache-dir "$WORK/c3" --fail-on never > /dev/null 2> "$WORK/e10"
expect_grep 'cache: 0 hits, 6 extracted' "$WORK/e10" "--against: first run"
"$TADQIQ" check "$WORK/drafts/d.md" --against "$WORK/corpus" --cache-dir "$WORK/c3" --fail-on never > /dev/null 2> "$WORK/e11"
expect_grep 'cache: 6 hits, 0 extracted' "$WORK/e11" "--against: the draft and the archive from the cache"

# extract copies cached sheets as they are: byte for byte what a fresh extraction writes.
for fmt in "--format jsonl" "--format json" "--emit keyed"; do
  "$TADQIQ" extract $fmt --cache-dir "$WORK/c4" "$WORK/corpus" > /dev/null 2>&1
  "$TADQIQ" extract $fmt --cache-dir "$WORK/c4" "$WORK/corpus" > "$WORK/x-hit" 2> "$WORK/e12"
  expect_grep 'cache: 5 hits, 0 extracted' "$WORK/e12" "extract $fmt: every sheet from the cache"
  "$TADQIQ" extract $fmt --no-cache "$WORK/corpus" > "$WORK/x-fresh"
  cmp -s "$WORK/x-hit" "$WORK/x-fresh" && pass || fail "extract $fmt: cached output equals fresh output"
done

# An unusable cache folder is a warning, never a failure.
touch "$WORK/blocker"
expect_exit 0 "unusable cache folder" -- "$TADQIQ" check --fail-on never --cache-dir "$WORK/blocker/sub" "$WORK/corpus"
expect_grep 'warning: cache disabled' "$WORK/err" "says the cache is disabled"
finish
