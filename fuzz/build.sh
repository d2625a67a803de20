#!/usr/bin/env bash
# Configures and builds the libFuzzer targets (fuzz/CMakeLists.txt) into DIR with clang.
# Usage: bash fuzz/build.sh DIR        (DIR relative to the current directory, e.g. build-fuzz)
# Environment: FUZZ_CXX (default: clang++, then clang++-14), JOBS (default 2).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
build_dir=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jobs=${JOBS:-2}

cxx=${FUZZ_CXX:-}
if [ -z "$cxx" ]; then
  for c in clang++ clang++-14; do
    if command -v "$c" >/dev/null 2>&1; then cxx=$c; break; fi
  done
fi
if [ -z "$cxx" ] || ! command -v "$cxx" >/dev/null 2>&1; then
  echo "fuzz/build.sh: clang++ not found. The fuzz targets need clang with libFuzzer:" >&2
  echo "  apt-get install -y clang libclang-rt-dev   (or run 'make deps' as root)" >&2
  exit 1
fi

# libFuzzer and the sanitizer runtimes come from libclang-rt-dev: check before a long build.
probe_dir=$(mktemp -d "${TMPDIR:-/tmp}/tadqiq-fuzz-probe.XXXXXX")
trap 'rm -rf "$probe_dir"' EXIT
printf '%s\n' '#include <cstddef>' '#include <cstdint>' \
  'extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }' \
  > "$probe_dir/probe.cpp"
if ! "$cxx" -fsanitize=fuzzer,address,undefined "$probe_dir/probe.cpp" -o "$probe_dir/probe" \
     > "$probe_dir/log" 2>&1; then
  echo "fuzz/build.sh: $cxx cannot link a libFuzzer program (-fsanitize=fuzzer,address,undefined):" >&2
  sed 's/^/  /' "$probe_dir/log" >&2
  echo "  install the runtimes: apt-get install -y libclang-rt-dev" >&2
  exit 1
fi

echo "fuzz/build.sh: building fuzz targets with $($cxx --version | head -n1) into $build_dir"
cmake -S "$here" -B "$build_dir" -DCMAKE_CXX_COMPILER="$cxx"
cmake --build "$build_dir" -j"$jobs"
echo "fuzz/build.sh: targets in $build_dir: $(cd "$build_dir" && ls fuzz_* 2>/dev/null | tr '\n' ' ')"
