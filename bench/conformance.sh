#!/usr/bin/env bash
# bench/conformance.sh BUILD_DIR [SPECS_DIR] — scores `tadqiq extract` against the Microsoft
# Recognizers-Text Arabic number specifications (docs/conformance.md).
#
# Builds nothing: expects BUILD_DIR/tadqiq and BUILD_DIR/bench/bench_conformance (make build).
# SPECS_DIR defaults to ../shared/conformance/recognizers-text/Specs/Number/Arabic beside the
# repository. Disputed cases are read from bench/conformance-disputed.yaml. Prints every
# failing case (input, expected, got) and a table of pass rates; CONFORMANCE_QUIET=1 prints the
# table only.
set -euo pipefail
if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: bash bench/conformance.sh BUILD_DIR [SPECS_DIR]" >&2
  exit 2
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$1" && pwd)
SPECS=${2:-$ROOT/../shared/conformance/recognizers-text/Specs/Number/Arabic}
for bin in "$BUILD/tadqiq" "$BUILD/bench/bench_conformance"; do
  [[ -x $bin ]] || { echo "conformance: $bin not found; build first (make build)" >&2; exit 2; }
done
[[ -d $SPECS ]] || { echo "conformance: no specs at $SPECS" >&2; exit 2; }
WORK="$BUILD/conformance-work"
mkdir -p "$WORK"
args=("$BUILD/tadqiq" "$SPECS" "$ROOT/bench/conformance-disputed.yaml" "$WORK")
[[ ${CONFORMANCE_QUIET:-0} == 1 ]] && args+=(--quiet)
echo "conformance: $(date -u +%Y-%m-%d) specs=$SPECS"
"$BUILD/bench/bench_conformance" "${args[@]}"
