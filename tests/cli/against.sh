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
finish
