// bench/rng.h — the benchmark generators' random source: splitmix64 (Steele, Lea, Flood
// 2014), with no standard-library distribution, so output depends only on the seed.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace tadqiq::bench {

struct Rng {
  std::uint64_t state;
  explicit Rng(std::uint64_t seed) : state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform-enough integer in [0, n) (n > 0); the tiny modulo bias does not matter here.
  std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }
  // Integer in [lo, hi].
  std::int64_t range(std::int64_t lo, std::int64_t hi) {
    return hi <= lo ? lo : lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  bool percent(int p) { return static_cast<int>(below(100)) < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
  // A double in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
  // Skewed towards 0: an index in [0, n) with density ~ 1/sqrt(x) (a few popular, a long tail).
  std::uint64_t skewed(std::uint64_t n) {
    const double u = unit();
    return std::min<std::uint64_t>(n - 1, static_cast<std::uint64_t>(u * u * static_cast<double>(n)));
  }
};

}  // namespace tadqiq::bench
