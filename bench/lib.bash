# bench/lib.bash — what the benchmark scripts share. Source it, then call
#   bench_init SCRIPT_NAME GENERATOR "$@"
# which checks the one argument (BUILD_DIR), sets BUILD (absolute), TADQIQ and GEN
# (BUILD_DIR/bench/GENERATOR), and exits 2 with a message when a binary or GNU time is missing.
bench_init() {
  local script=$1 generator=$2
  shift 2
  if [[ $# -ne 1 ]]; then
    echo "usage: bash bench/$script BUILD_DIR" >&2
    exit 2
  fi
  BUILD=$(cd "$1" && pwd)
  TADQIQ="$BUILD/tadqiq"
  GEN="$BUILD/bench/$generator"
  local bin
  for bin in "$TADQIQ" "$GEN"; do
    [[ -x $bin ]] || { echo "bench: $bin not found; build first (make build)" >&2; exit 2; }
  done
  [[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time (GNU time) is needed for peak RSS" >&2; exit 2; }
}

# Prints the machine, the binary and the load average (before the runs).
bench_machine() {
  local cpu mem_kb
  cpu=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^[^:]*: *//' || true)
  mem_kb=$(awk '/^MemTotal/ {print $2}' /proc/meminfo)
  echo "  machine : ${cpu:-unknown CPU}, $(nproc) cores, $((mem_kb / 1024 / 1024)) GiB RAM"
  echo "  tadqiq  : $("$TADQIQ" --version 2>/dev/null || echo '?') ($BUILD)"
  echo "  load    : $(uptime | sed 's/.*load average: //') (1, 5, 15 min; before)"
}
