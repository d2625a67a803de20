// tadqiq/facts/hash.h — a stable 64-bit digest (FNV-1a) for fingerprints, keys and cache
// versions. Stable across runs, builds and machines; not cryptographic.
#pragma once

#include <cstdint>
#include <string_view>

namespace tadqiq {

inline constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;

inline std::uint64_t fnv1a(std::string_view s, std::uint64_t h = kFnvOffset) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace tadqiq
