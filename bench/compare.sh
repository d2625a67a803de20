#!/usr/bin/env bash
# bench/compare.sh BUILD_DIR — time and memory of `tadqiq compare` on generated fact sheets.
#
# Builds nothing: expects BUILD_DIR/tadqiq and BUILD_DIR/bench/bench_gen_sheets (make build).
# For each size, generates that many articles' fact sheets as JSON Lines (bench_gen_sheets:
# deterministic, checked by generating the smallest size twice), then runs
#   tadqiq compare SHEETS.jsonl --format jsonl -o OUT --fail-on never --no-config
# BENCH_RUNS times and reports the median wall time, CPU time (user + sys), facts/s and
# articles/s (per wall second), the largest peak RSS (/usr/bin/time %M) and RSS per fact, so
# the sizes show whether time and memory grow linearly. The target (issue 7): 1,000,000
# articles in under 120 s on the 2-core machine. See docs/performance.md.
#
# Environment:
#   BENCH_COMPARE_SIZES="100000 300000 1000000"   articles per run
#   BENCH_RUNS=1             runs per size (median wall / CPU, largest RSS)
#   BENCH_JOBS=$(nproc)      compare threads (-j)
#   BENCH_SHARDS=0           N > 0: also run the largest size as N `--shard I/N -j 1`
#                            processes at once (their outputs concatenated)
#   BENCH_SEED=42            generator seed
#   BENCH_WORK=BUILD_DIR/bench-compare   where sheets and outputs go
#   BENCH_KEEP=0             1 keeps the generated sheets
set -euo pipefail

source "$(dirname "$0")/lib.bash"
bench_init compare.sh bench_gen_sheets "$@"

SIZES=${BENCH_COMPARE_SIZES:-"100000 300000 1000000"}
RUNS=${BENCH_RUNS:-1}
JOBS=${BENCH_JOBS:-$(nproc)}
SHARDS=${BENCH_SHARDS:-0}
SEED=${BENCH_SEED:-42}
WORK=${BENCH_WORK:-$BUILD/bench-compare}
KEEP=${BENCH_KEEP:-0}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
RESULTS="$WORK/results.tsv"

echo "tadqiq compare benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
bench_machine
echo

gen() {  # gen N FILE — generates N articles' sheets; prints the fact count
  "$GEN" --seed "$SEED" --articles "$1" --out "$2" 2>"$WORK/gen.err" || { cat "$WORK/gen.err" >&2; exit 1; }
  sed -n 's/^bench_gen_sheets: [0-9]* articles, \([0-9]*\) facts.*/\1/p' "$WORK/gen.err"
}

# Determinism: the smallest size, generated twice.
first=$(printf '%s\n' $SIZES | sort -n | head -1)
gen "$first" "$WORK/a.jsonl" >/dev/null
gen "$first" "$WORK/b.jsonl" >/dev/null
cmp -s "$WORK/a.jsonl" "$WORK/b.jsonl" || { echo "bench: bench_gen_sheets is not deterministic" >&2; exit 1; }
rm -f "$WORK/a.jsonl" "$WORK/b.jsonl"
echo "generator: deterministic (${first} articles generated twice, identical)"

printf 'articles\tfacts\tbytes\tvariant\twall_s\tcpu_s\trss_kb\tfindings\n' >"$RESULTS"
timed() {  # timed OUTFILE COMMAND... — runs once; prints "wall_us cpu_s rss_kb"
  local out=$1 t0 t1 user sys rss
  shift
  t0=$(date +%s%N)
  if ! /usr/bin/time -f '%U %S %M' -o "$WORK/time.out" "$@" >/dev/null 2>"$WORK/cmd.err"; then
    echo "bench: failed: $*" >&2; cat "$WORK/cmd.err" >&2; exit 1
  fi
  t1=$(date +%s%N)
  read -r user sys rss < <(tail -1 "$WORK/time.out")
  echo "$(( (t1 - t0) / 1000 )) $(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}') $rss"
  : "$out"
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

largest=$(printf '%s\n' $SIZES | sort -n | tail -1)
for n in $SIZES; do
  sheets="$WORK/sheets-$n.jsonl"
  g0=$(date +%s%N)
  facts=$(gen "$n" "$sheets")
  g1=$(date +%s%N)
  bytes=$(stat -c %s "$sheets")
  echo "$n articles: $facts facts, $((bytes / 1000000)) MB of sheets (generated in $(awk -v d=$(( (g1 - g0) / 1000000 )) 'BEGIN {printf "%.1f", d / 1000}') s)"
  walls=() cpus=() rss_max=0
  for ((i = 0; i < RUNS; i++)); do
    read -r w c r < <(timed "$WORK/out.jsonl" "$TADQIQ" compare "$sheets" --no-config --format jsonl \
      --fail-on never -j "$JOBS" -o "$WORK/out.jsonl")
    walls+=("$w"); cpus+=("$c"); ((r > rss_max)) && rss_max=$r
    echo "  run $((i + 1)): $(awk -v w="$w" 'BEGIN {printf "%.2f", w / 1e6}') s wall, $c s CPU, $((r / 1024)) MB peak RSS"
  done
  findings=$(wc -l <"$WORK/out.jsonl")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$facts" "$bytes" "compare -j $JOBS" \
    "$(printf '%s\n' "${walls[@]}" | median | awk '{printf "%.3f", $1 / 1e6}')" \
    "$(printf '%s\n' "${cpus[@]}" | median)" "$rss_max" "$findings" >>"$RESULTS"
  if [[ $SHARDS -gt 0 && $n == "$largest" ]]; then
    # N shard processes at once, one thread each; the wall time of the slowest, the summed
    # CPU and the largest RSS of one process.
    t0=$(date +%s%N)
    for ((s = 0; s < SHARDS; s++)); do
      /usr/bin/time -f '%U %S %M' -o "$WORK/time-$s.out" "$TADQIQ" compare "$sheets" --no-config \
        --format jsonl --fail-on never -j 1 --shard "$s/$SHARDS" -o "$WORK/part-$s.jsonl" 2>"$WORK/shard-$s.err" &
    done
    wait
    t1=$(date +%s%N)
    cpu=$(cat "$WORK"/time-*.out | awk 'NF == 3 {u += $1 + $2} END {printf "%.2f", u}')
    rss=$(cat "$WORK"/time-*.out | awk 'NF == 3 && $3 > m {m = $3} END {print m + 0}')
    sf=$(cat "$WORK"/part-*.jsonl | wc -l)
    [[ $sf == "$findings" ]] || echo "  WARNING: $SHARDS shards gave $sf findings, one process $findings"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$facts" "$bytes" "$SHARDS shards -j 1" \
      "$(awk -v w=$(( (t1 - t0) / 1000 )) 'BEGIN {printf "%.3f", w / 1e6}')" "$cpu" "$rss" "$sf" >>"$RESULTS"
    rm -f "$WORK"/part-*.jsonl "$WORK"/time-*.out
  fi
  [[ $KEEP == 1 ]] || rm -f "$sheets"
done
rm -f "$WORK/out.jsonl"
echo
echo "  load    : $(uptime | sed 's/.*load average: //') (after)"
echo

awk -F'\t' '
  function row(a, b, c, d, e, f, g, h, i, j, k) {
    printf "%9s %10s %8s %-16s %8s %8s %11s %11s %8s %9s %9s\n", a, b, c, d, e, f, g, h, i, j, k
  }
  NR == 1 {
    row("articles", "facts", "MB", "variant", "wall s", "CPU s", "facts/s", "articles/s", "RSS MB", "B/fact", "findings")
    next
  }
  {
    row($1, $2, sprintf("%.0f", $3 / 1e6), $4, sprintf("%.2f", $5), sprintf("%.2f", $6),
        sprintf("%.0f", $2 / $5), sprintf("%.0f", $1 / $5), sprintf("%.0f", $7 / 1024),
        sprintf("%.0f", $7 * 1024 / $2), $8)
    if ($4 ~ /^compare/) { last_n = $1; last_w = $5 }
  }
  END {
    if (last_n >= 1000000)
      printf "\n%d articles compared in %.1f s (target: under 120 s): %s\n", last_n, last_w, (last_w < 120 ? "met" : "NOT met")
  }' "$RESULTS"
echo
echo "raw results: $RESULTS"
