#!/usr/bin/env bash
# Runs every libFuzzer target built by fuzz/build.sh.
# Usage: bash fuzz/run.sh BUILD_DIR smoke|long [TARGET...]
#
#   smoke  a fixed number of runs per target (deterministic seed), a few seconds each; part of
#          `make test`.
#   long   SECONDS_PER_TARGET seconds per target (default 600), random seed.
#
# Each target starts from a temporary COPY of fuzz/corpus/<target>/ (new inputs never land in
# the repository) with fuzz/dict/arabic.dict. Logs and crash artifacts go to
# BUILD_DIR/fuzz-out/<target>/ (cleared when that target runs again).
#
# Environment:
#   SECONDS_PER_TARGET   long mode, seconds per target (default 600)
#   FUZZ_SMOKE_RUNS      smoke mode, runs per target (default: per-target, see below)
#   FUZZ_SEED            libFuzzer -seed (smoke default 1; long default: random)
#   FUZZ_MAX_LEN         -max_len (default 4096)
#   FUZZ_EXTRA_ARGS      extra libFuzzer flags, e.g. "-jobs=2 -workers=2" or "-only_ascii=1"
# Prints one line per target and a final line "fuzz: N passed, M failed"; exits non-zero when
# a target fails.
set -uo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 BUILD_DIR smoke|long [TARGET...]" >&2
  exit 2
fi
build_dir=$(cd "$1" 2>/dev/null && pwd) || {
  echo "fuzz/run.sh: no build directory '$1'; run 'make fuzz' (bash fuzz/build.sh $1) first" >&2
  exit 2
}
mode=$2
shift 2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dict="$here/dict/arabic.dict"

all_targets=(frontmatter jsonl decode normalize extract sheets)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

# Smoke runs per target, tuned so that each takes a few seconds on one core (the extract
# path is far slower per input than the others).
declare -A smoke_runs=([frontmatter]=10000 [jsonl]=6000 [decode]=10000 [normalize]=8000 [extract]=4000 [sheets]=1500)

case "$mode" in
  smoke | long) ;;
  *)
    echo "fuzz/run.sh: unknown mode '$mode' (smoke or long)" >&2
    exit 2
    ;;
esac

export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ]; then
  for s in llvm-symbolizer llvm-symbolizer-14; do
    if command -v "$s" >/dev/null 2>&1; then
      export ASAN_SYMBOLIZER_PATH
      ASAN_SYMBOLIZER_PATH=$(command -v "$s")
      break
    fi
  done
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tadqiq-fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Value of "stat::NAME: V" in a -print_final_stats log.
stat_of() { sed -n "s/^stat::$2: *//p" "$1" | tail -n1; }

passed=0
failed=0
failed_names=()
start_all=$(date +%s%N)
for t in "${targets[@]}"; do
  bin="$build_dir/fuzz_$t"
  out="$build_dir/fuzz-out/$t"
  rm -rf "$out"
  mkdir -p "$out/artifacts"
  log="$out/log.txt"
  if [ ! -x "$bin" ]; then
    echo "fuzz_$t: FAIL: $bin not built (run 'make fuzz')"
    failed=$((failed + 1))
    failed_names+=("$t")
    continue
  fi
  if [ ! -d "$here/corpus/$t" ]; then
    echo "fuzz_$t: FAIL: no seed corpus at fuzz/corpus/$t"
    failed=$((failed + 1))
    failed_names+=("$t")
    continue
  fi
  corpus="$tmp/$t"
  mkdir -p "$corpus"
  cp -R "$here/corpus/$t/." "$corpus/"

  args=(-max_len="${FUZZ_MAX_LEN:-4096}" -timeout=10 -rss_limit_mb=2048 -dict="$dict"
        -print_final_stats=1 -artifact_prefix="$out/artifacts/")
  if [ "$mode" = smoke ]; then
    runs=${FUZZ_SMOKE_RUNS:-${smoke_runs[$t]:-3000}}
    args+=(-runs="$runs" -seed="${FUZZ_SEED:-1}")
    guard=300
  else
    secs=${SECONDS_PER_TARGET:-600}
    args+=(-max_total_time="$secs")
    [ -n "${FUZZ_SEED:-}" ] && args+=(-seed="$FUZZ_SEED")
    guard=$((secs + 300))
  fi
  # shellcheck disable=SC2206
  extra=(${FUZZ_EXTRA_ARGS:-})

  t0=$(date +%s%N)
  # Run from the temporary directory: libFuzzer writes fuzz-N.log files (with -jobs) to the
  # current directory.
  (cd "$tmp" && timeout --kill-after=30 "$guard" "$bin" "${args[@]}" "${extra[@]}" "$corpus") \
    > "$log" 2>&1
  rc=$?
  ms=$((($(date +%s%N) - t0) / 1000000))
  dt=$(printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)))

  execs=$(stat_of "$log" number_of_executed_units)
  eps=
  [ -n "$execs" ] && [ "$ms" -gt 0 ] && eps=$((execs * 1000 / ms))
  rss=$(stat_of "$log" peak_rss_mb)
  # Last status line, e.g. "#4000 DONE cov: 1234 ft: 5678 corp: 80/12Kb ...".
  status_line=$(grep -E '^#[0-9]+' "$log" | tail -n1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$status_line")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$status_line")
  corp=$(sed -n 's/.* corp: \([^ ]*\).*/\1/p' <<<"$status_line")
  seed=$(sed -n 's/.*Seed: \([0-9]*\).*/\1/p' "$log" | head -n1)

  if [ $rc -eq 0 ]; then
    passed=$((passed + 1))
    echo "fuzz_$t: PASS ${execs:-?} execs in ${dt}s (${eps:-?} exec/s, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}, peak rss ${rss:-?} MB, seed ${seed:-?})"
  else
    failed=$((failed + 1))
    failed_names+=("$t")
    why=$(grep -m1 -E '==tadqiq-fuzz== invariant violated|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|uncaught exception|terminate called' "$log")
    [ $rc -eq 124 ] || [ $rc -eq 137 ] && why="killed by the ${guard}s guard timeout"
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n1)
    [ -z "$artifact" ] && artifact=$(ls -1t "$out/artifacts/"* 2>/dev/null | head -n1)
    echo "fuzz_$t: FAIL (exit $rc) after ${dt}s: ${why:-see log}"
    echo "fuzz_$t:   crash input: ${artifact:-none written}"
    echo "fuzz_$t:   log: $log"
    echo "fuzz_$t:   reproduce: $bin ${artifact:-<input>}"
  fi
done

total_ms=$((($(date +%s%N) - start_all) / 1000000))
echo "fuzz: mode $mode, wall time $((total_ms / 1000)).$((total_ms % 1000 / 100))s, logs under $build_dir/fuzz-out/"
[ $failed -gt 0 ] && echo "fuzz: failed targets: ${failed_names[*]}"
echo "fuzz: $passed passed, $failed failed"
[ $failed -eq 0 ]
