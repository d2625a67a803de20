#!/usr/bin/env bash
# Conformance of the dates extractor on the Recognizers-Text Arabic DateTime specs, through
# `tadqiq extract` (JSONL in, JSONL out). See docs/conformance.md, "Dates".
# Usage: bench/conformance_dates.sh BUILD_DIR [SPEC_DIR]
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="$(cd "${1:-$SRC/build}" && pwd)"
SPECS="${2:-$SRC/../shared/conformance/recognizers-text/Specs/DateTime/Arabic}"
WORK="$BUILD/conformance-dates"
mkdir -p "$WORK"
TOOL="$BUILD/bench/bench_conformance_dates"
"$TOOL" prepare "$SPECS" "$WORK/cases.jsonl"
"$BUILD/tadqiq" extract --format jsonl -j 1 "$WORK/cases.jsonl" -o "$WORK/sheets.jsonl"
"$TOOL" score "$SPECS" "$WORK/sheets.jsonl" --disputed "$SRC/bench/conformance_dates_disputed.tsv" \
  --rules "$SRC/rules" --failures "$WORK/failures.tsv"
echo "failures: $WORK/failures.tsv"
