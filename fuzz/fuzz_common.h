// fuzz/fuzz_common.h — helpers shared by the libFuzzer targets.
//
// Every invariant violation goes through TADQIQ_FUZZ_CHECK: it prints what failed (and where)
// to stderr and traps, so libFuzzer records the input as a crash artifact.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace tadqiq::fuzz {

[[noreturn]] inline void fail(const char* expr, const char* file, int line, const char* detail) {
  std::fprintf(stderr, "\n==tadqiq-fuzz== invariant violated: %s\n==tadqiq-fuzz==   at %s:%d\n",
               expr, file, line);
  if (detail && *detail) std::fprintf(stderr, "==tadqiq-fuzz==   %s\n", detail);
  std::fflush(stderr);
  __builtin_trap();
}

// Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
inline bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return false;
    }
    if (i + len > n) return false;
    if (p[i + 1] < lo || p[i + 1] > hi) return false;
    for (std::size_t k = 2; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

// True when `off` is a code point boundary of `s` (0 and s.size() included).
inline bool is_boundary(std::string_view s, std::size_t off) {
  if (off == 0 || off == s.size()) return true;
  if (off > s.size()) return false;
  return (static_cast<unsigned char>(s[off]) & 0xC0) != 0x80;
}

// True when `j` serializes with nlohmann's default (strict) error handler, as the fact sheet and
// report writers do: every string in it must be valid UTF-8.
inline bool json_dumps(const nlohmann::json& j, std::string* why = nullptr) {
  try {
    (void)j.dump();
    return true;
  } catch (const nlohmann::json::exception& e) {
    if (why) *why = e.what();
    return false;
  }
}

inline bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A small deterministic generator (splitmix64) seeded from the input, so that "random" offsets
// are a pure function of the input and every crash reproduces from its artifact alone.
class Rng {
 public:
  explicit Rng(std::string_view data) {
    std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
    for (unsigned char c : data) h = (h ^ c) * 0x100000001b3ULL;
    state_ = h;
  }
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform-ish in [0, n].
  std::size_t upto(std::size_t n) { return static_cast<std::size_t>(next() % (n + 1)); }

 private:
  std::uint64_t state_;
};

}  // namespace tadqiq::fuzz

#define TADQIQ_FUZZ_CHECK(cond)                                                  \
  do {                                                                           \
    if (!(cond)) ::tadqiq::fuzz::fail(#cond, __FILE__, __LINE__, nullptr);       \
  } while (0)

#define TADQIQ_FUZZ_CHECK_MSG(cond, detail)                                      \
  do {                                                                           \
    if (!(cond)) ::tadqiq::fuzz::fail(#cond, __FILE__, __LINE__, (detail));      \
  } while (0)
