#!/usr/bin/env bash
# bench/run.sh BUILD_DIR — throughput and memory of `tadqiq extract` and `tadqiq check`.
#
# Builds nothing: expects BUILD_DIR/tadqiq and BUILD_DIR/bench/bench_gen_corpus (make build).
# Generates a deterministic corpus (checked: generated twice, checksums compared), then runs
# each command BENCH_RUNS times and reports the median wall time as MB/s (input bytes,
# 1 MB = 10^6 bytes, / wall seconds), articles/s, peak RSS (/usr/bin/time %M), and the
# median CPU time (user + sys) as MB/s per CPU-second ("MB/s/core"): on an idle machine
# that equals the single-thread MB/s, and unlike wall time it holds up when other
# processes compete for the cores (the load average is printed; a warning when busy).
# See docs/performance.md.
#
# Environment:
#   BENCH_MB=50           size of the JSONL corpus, in MB
#   BENCH_MD_FILES=2000   number of Markdown files
#   BENCH_RUNS=3          runs per measurement (the median is reported)
#   BENCH_JOBS=$(nproc)   threads of the "all cores" runs
#   BENCH_SEED=42         generator seed
#   BENCH_STORY_SIZE=8    articles per story
#   BENCH_WORK=BUILD_DIR/bench-work   where the corpus and outputs go (reused; regenerated)
#   BENCH_KEEP=0          1 keeps the corpus after the run
set -euo pipefail

source "$(dirname "$0")/lib.bash"
bench_init run.sh bench_gen_corpus "$@"

MB=${BENCH_MB:-50}
MD_FILES=${BENCH_MD_FILES:-2000}
RUNS=${BENCH_RUNS:-3}
JOBS=${BENCH_JOBS:-$(nproc)}
SEED=${BENCH_SEED:-42}
STORY=${BENCH_STORY_SIZE:-8}
WORK=${BENCH_WORK:-$BUILD/bench-work}
KEEP=${BENCH_KEEP:-0}

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
JSONL="$WORK/corpus.jsonl"
MD="$WORK/md"
RESULTS="$WORK/results.tsv"

# ---- Machine. ----
cpu=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^[^:]*: *//' || true)
mem_kb=$(awk '/^MemTotal/ {print $2}' /proc/meminfo)
cache="$BUILD/CMakeCache.txt"
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[^=]*=//p' "$cache" 2>/dev/null || true)
cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[^=]*=//p' "$cache" 2>/dev/null || true)
cxx_version=$("${cxx:-c++}" --version 2>/dev/null | head -1 || true)
echo "tadqiq benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "  machine : ${cpu:-unknown CPU}, $(nproc) cores, $((mem_kb / 1024 / 1024)) GiB RAM"
echo "  build   : $BUILD (${build_type:-?}, ${cxx_version:-?})"
echo "  tadqiq  : $("$TADQIQ" --version 2>/dev/null || echo '?')"
load_check() {  # load_check WHEN — prints the load average, warns when the machine is busy
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "  load    : $load ($1; $(nproc) cores)"
  if awk -v l="$load" -v n="$(nproc)" 'BEGIN {exit !(l > 0.5 * n)}'; then
    echo "  WARNING : the machine is busy; wall-clock figures are inflated, trust the CPU-time ones (MB/s/core)"
  fi
}
load_check "before"
echo

# ---- Corpus (generated twice: the generator must be deterministic). ----
gen() {  # gen ARGS... — runs the generator, prints the article count it reports
  "$GEN" --seed "$SEED" --story-size "$STORY" "$@" 2>"$WORK/gen.err" ||
    { cat "$WORK/gen.err" >&2; exit 1; }
  sed -n 's/^bench_gen_corpus: \([0-9]*\) articles.*/\1/p' "$WORK/gen.err"
}
md_digest() { (cd "$1" && find . -type f -name '*.md' | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1); }

echo "generating: ${MB} MB of JSONL and ${MD_FILES} Markdown files (seed $SEED, story size $STORY)"
rm -rf "$MD" "$MD.2" "$JSONL" "$JSONL.2"
jsonl_articles=$(gen --format jsonl --bytes $((MB * 1000000)) --out "$JSONL")
gen --format jsonl --bytes $((MB * 1000000)) --out "$JSONL.2" >/dev/null
md_articles=$(gen --format md --articles "$MD_FILES" --out "$MD")
gen --format md --articles "$MD_FILES" --out "$MD.2" >/dev/null
sum1=$(sha256sum <"$JSONL" | cut -d' ' -f1); sum2=$(sha256sum <"$JSONL.2" | cut -d' ' -f1)
[[ $sum1 == "$sum2" ]] || { echo "bench: generator is not deterministic (JSONL checksums differ)" >&2; exit 1; }
msum1=$(md_digest "$MD"); msum2=$(md_digest "$MD.2")
[[ $msum1 == "$msum2" ]] || { echo "bench: generator is not deterministic (Markdown checksums differ)" >&2; exit 1; }
rm -rf "$MD.2" "$JSONL.2"
jsonl_bytes=$(stat -c %s "$JSONL")
md_bytes=$(find "$MD" -type f -name '*.md' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
echo "  corpus.jsonl : $jsonl_articles articles, $jsonl_bytes bytes, sha256 ${sum1:0:16}… (identical twice)"
echo "  md/          : $md_articles articles, $md_bytes bytes, digest ${msum1:0:16}… (identical twice)"
echo

# ---- Measurements. ----
# measure NAME CORPUS_LABEL BYTES ARTICLES THREADS -- COMMAND...
# Runs COMMAND $RUNS times; appends "name corpus threads bytes articles wall cpu rss" to
# RESULTS with the median wall time, the median CPU time and the largest peak RSS.
printf 'command\tcorpus\tthreads\tbytes\tarticles\twall_s\tcpu_s\trss_kb\n' >"$RESULTS"
measure() {
  local name=$1 label=$2 bytes=$3 articles=$4 threads=$5
  shift 6
  local walls=() cpus=() rss_max=0 i t0 t1 rss user sys
  for ((i = 0; i < RUNS; i++)); do
    # The previous run's output is removed untimed: truncating it (hundreds of MB of page
    # cache) would otherwise be charged to this run's sys time.
    rm -f "$OUT"
    t0=$(date +%s%N)
    if ! /usr/bin/time -f '%U %S %M' -o "$WORK/time.out" "$@" >/dev/null 2>"$WORK/cmd.err"; then
      echo "bench: failed: $*" >&2
      cat "$WORK/cmd.err" >&2
      exit 1
    fi
    t1=$(date +%s%N)
    walls+=("$(( (t1 - t0) / 1000 ))")  # microseconds
    read -r user sys rss < <(tail -1 "$WORK/time.out")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')")
    if ((rss > rss_max)); then rss_max=$rss; fi
  done
  local median cpu
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$label" "$threads" "$bytes" "$articles" \
    "$(awk -v u="$median" 'BEGIN {printf "%.3f", u / 1e6}')" "$cpu" "$rss_max" >>"$RESULTS"
  printf '  %-8s %-6s -j %-3s %s\n' "$name" "$label" "$threads" \
    "$(awk -v u="$median" 'BEGIN {printf "%.2f s (median of '"$RUNS"')", u / 1e6}')"
}

OUT="$WORK/out"
echo "running (each $RUNS times):"
for corpus in jsonl md; do
  if [[ $corpus == jsonl ]]; then input=$JSONL bytes=$jsonl_bytes articles=$jsonl_articles
  else input=$MD bytes=$md_bytes articles=$md_articles; fi
  # --no-cache: every run extracts (a warm fact-sheet cache would time SQLite reads, not the
  # extractors); --no-config: no tadqiq.yaml of the working directory applies.
  measure extract "$corpus" "$bytes" "$articles" 1 -- \
    "$TADQIQ" extract "$input" --no-cache --no-config --format jsonl -j 1 -o "$OUT"
  measure extract "$corpus" "$bytes" "$articles" "$JOBS" -- \
    "$TADQIQ" extract "$input" --no-cache --no-config --format jsonl -j "$JOBS" -o "$OUT"
  measure check "$corpus" "$bytes" "$articles" "$JOBS" -- \
    "$TADQIQ" check "$input" --no-cache --no-config --fail-on never --format text --color never -j "$JOBS" -o "$OUT"
done
rm -f "$OUT"
load_check "after"
echo

# ---- Table. ----
# MB/s = input MB / median wall seconds; MB/s/core = input MB / median CPU seconds.
awk -F'\t' '
  function row(a, b, c, d, e, f, g, h, i, j, k) {
    printf "%-8s %-6s %7s %9s %9s %8s %8s %8s %10s %10s %9s\n", a, b, c, d, e, f, g, h, i, j, k
  }
  NR == 1 {
    row("command", "corpus", "threads", "input MB", "articles", "wall s", "CPU s", "MB/s", "MB/s/core", "articles/s", "RSS MB")
    row("-------", "------", "-------", "--------", "--------", "------", "-----", "----", "---------", "----------", "------")
    next
  }
  {
    mb = $4 / 1e6
    row($1, $2, $3, sprintf("%.1f", mb), $5, sprintf("%.2f", $6), sprintf("%.2f", $7),
        sprintf("%.2f", mb / $6), sprintf("%.2f", mb / $7), sprintf("%.0f", $5 / $6), sprintf("%.1f", $8 / 1024))
    if ($1 == "extract" && $3 == 1) { wall[$2] = mb / $6; core[$2] = mb / $7; order[n++] = $2 }
  }
  END {
    print ""
    for (i = 0; i < n; i++) {
      c = order[i]
      printf "extract -j 1, %s corpus: %.2f MB/s wall, %.2f MB/s per CPU-second (target >= 20 MB/s per core: %s)\n",
        c, wall[c], core[c], (core[c] >= 20 ? "met" : "NOT met")
    }
  }' "$RESULTS"
echo
echo "raw results: $RESULTS"
if [[ $KEEP != 1 ]]; then rm -rf "$MD" "$JSONL"; fi
