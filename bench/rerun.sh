#!/usr/bin/env bash
# bench/rerun.sh BUILD_DIR — the CI gate's re-run: `tadqiq check` over a generated article
# repository, first with an empty cache, then after one article changes: a full check, then
# `check --changed HEAD` (git). Reports wall time, CPU time (user + sys), peak RSS and the
# cache's hits for each run (issue 8: a re-run with one changed file should take a small
# fraction of the first run). See docs/performance.md#re-runs-with-the-cache-100000-articles-one-changed-issue-8.
#
# Builds nothing: expects BUILD_DIR/tadqiq and BUILD_DIR/bench/bench_gen_corpus (make build).
# The binary and rules/ are copied first (the cache version covers both: rebuilding during the
# run would empty the cache).
#
# Environment:
#   BENCH_ARTICLES=100000   articles (Markdown files)
#   BENCH_JOBS=$(nproc)     threads (-j)
#   BENCH_WORK=BUILD_DIR/bench-rerun   where the repository, cache and outputs go (recreated)
set -euo pipefail

source "$(dirname "$0")/lib.bash"
bench_init rerun.sh bench_gen_corpus "$@"
SRC=$(cd "$(dirname "$0")/.." && pwd)
ARTICLES=${BENCH_ARTICLES:-100000}
JOBS=${BENCH_JOBS:-$(nproc)}
WORK=${BENCH_WORK:-$BUILD/bench-rerun}

rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
cp "$BUILD/tadqiq" ./tadqiq
cp -r "$SRC/rules" ./rules
export TADQIQ_RULES_DIR="$WORK/rules" TADQIQ_CACHE_STATS=1
"$GEN" --articles "$ARTICLES" --format md --rules "$SRC/rules" \
  --templates "$SRC/bench/templates.yaml" --out corpus > /dev/null
git init -q . && git config user.email bench@localhost && git config user.name bench
git add corpus && git commit -q -m corpus
echo "tadqiq re-run benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $ARTICLES articles, $(du -sb corpus | cut -f1) bytes, -j $JOBS"
bench_machine

run() {  # LABEL ARGS...
  local label=$1
  shift
  local load0
  load0=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %U %S %M" -o time.txt ./tadqiq check "$@" --format jsonl --fail-on never -j "$JOBS" \
    -o findings.jsonl 2> err.txt
  read -r wall user sys rss < time.txt
  printf '%-34s wall %8.1f s  cpu %8.1f s  peak %6d MB  findings %8d  %s  (load %s -> %s)\n' "$label" "$wall" \
    "$(echo "$user + $sys" | bc)" $((rss / 1024)) "$(wc -l < findings.jsonl)" \
    "$(grep -o 'cache: .*' err.txt | head -1)" "$load0" "$(cut -d' ' -f1 /proc/loadavg)"
}

run "first run (empty cache)" corpus
echo "وقال المتحدث إن 12 شخصا أصيبوا في القصف يوم الأحد." >> "corpus/$(ls corpus | sed -n "$((ARTICLES / 2))p")"
run "one changed: check" corpus
git commit -qam "one change"
echo "وأضاف أن 40 منزلا دمرت بالكامل." >> "corpus/$(ls corpus | sed -n "$((ARTICLES * 7 / 10))p")"
run "another changed: check --changed" corpus --changed HEAD
