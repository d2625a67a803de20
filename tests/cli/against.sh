#!/usr/bin/env bash
# Pre-publication mode: drafts checked against an archive; only findings involving a draft.
source "$(dirname "$0")/lib.bash"
mkdir -p "$WORK/archive" "$WORK/drafts"
cat > "$WORK/archive/a.md" <<'MD'
---
date: 2024-03-01
---
وبلغت حصيلة الشهداء في غزة 30,000 شهيد منذ بدء الحرب.
MD
cat > "$WORK/archive/b.md" <<'MD'
---
date: 2024-03-01
---
وبلغت حصيلة الشهداء في غزة 31,500 شهيد منذ بدء الحرب.
MD
cat > "$WORK/drafts/draft.md" <<'MD'
---
date: 2024-04-01
---
وبلغت حصيلة الشهداء في غزة 25,000 شهيد منذ بدء الحرب.
MD
cat > "$WORK/drafts/clean.md" <<'MD'
---
date: 2024-04-01
---
وصل الوزير إلى القاهرة.
MD
# The archive alone has a same-day contradiction (30,000 vs 31,500).
"$TADQIQ" check --format json --fail-on never -o "$WORK/all.json" "$WORK/archive"
json_check "$WORK/all.json" "[f['class'] for f in d['findings']] == ['contradiction']" "archive alone: the contradiction"
# The draft against the archive: only the findings that involve the draft.
expect_exit 1 "draft against archive" -- "$TADQIQ" check "$WORK/drafts/draft.md" --against "$WORK/archive"
"$TADQIQ" check --format json --fail-on never -o "$WORK/draft.json" "$WORK/drafts/draft.md" --against "$WORK/archive"
json_check "$WORK/draft.json" "len(d['findings']) >= 1 and all(any(e['file'].endswith('draft.md') for e in f['evidence']) for f in d['findings'])" "every finding involves the draft"
json_check "$WORK/draft.json" "'contradiction' not in [f['class'] for f in d['findings']]" "archive-only findings are not reported"
expect_exit 0 "a clean draft" -- "$TADQIQ" check "$WORK/drafts/clean.md" --against "$WORK/archive"

# With a focus, sheets and groups without a draft are not checked: nothing is lost. Each seed
# as the draft against the others gets exactly the corpus findings that involve it.
cp -r "$SRC/fixtures/seeds" "$WORK/seeds"
"$TADQIQ" check "$WORK/seeds" --no-cache --format json --fail-on never -o "$WORK/full.json"
for d in "$WORK"/seeds/*.md; do
  "$TADQIQ" check "$d" --against "$WORK/seeds" --no-cache --format json --fail-on never -o "$WORK/one.json"
  python3 - "$WORK/full.json" "$WORK/one.json" "$d" > "$WORK/py.out" 2>&1 <<'PY' && pass || { fail "$(basename "$d") as the draft: the corpus findings that involve it"; sed 's/^/    /' "$WORK/py.out" | head -5; }
import json, sys
full = json.load(open(sys.argv[1], encoding='utf-8'))['findings']
one = json.load(open(sys.argv[2], encoding='utf-8'))['findings']
want = [f['id'] for f in full if any(e['file'] == sys.argv[3] for e in f['evidence'])]
got = [f['id'] for f in one]
assert got == want and want, (got, want)
PY
done
finish
