// tadqiq/ingest/sha256.cpp — SHA-256 (FIPS 180-4, section 6.2), used to fingerprint inputs.
#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define TADQIQ_SHA_NI 1
#endif

#include "ingest/ingest.h"

namespace tadqiq::ingest {
namespace {

// FIPS 180-4, 4.2.2: the first 32 bits of the fractional parts of the cube roots of the
// first 64 primes.
constexpr std::uint32_t kRound[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

// Forced inline: the hash also runs over 50 MB inputs in unoptimized (Debug) builds.
[[gnu::always_inline]] inline std::uint32_t rotr(std::uint32_t x, int n) {
  return (x >> n) | (x << (32 - n));
}

// Applies the compression function to one 64-byte block.
void compress(std::uint32_t h[8], const unsigned char* block) {
  std::uint32_t w[64];
  for (int t = 0; t < 16; ++t)
    w[t] = std::uint32_t{block[4 * t]} << 24 | std::uint32_t{block[4 * t + 1]} << 16 |
           std::uint32_t{block[4 * t + 2]} << 8 | std::uint32_t{block[4 * t + 3]};
  for (int t = 16; t < 64; ++t) {
    const std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
    const std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int t = 0; t < 64; ++t) {
    const std::uint32_t t1 =
        hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + kRound[t] + w[t];
    const std::uint32_t t2 =
        (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += hh;
}

#if TADQIQ_SHA_NI
// The same compression with the x86 SHA extensions (Intel SHA-NI, also on AMD Zen), for
// `blocks` consecutive 64-byte blocks of each of N messages (h[s], data[s]): some ten times
// faster than the portable code. Rounds go four at a time; the message schedule is computed
// in the four registers m[s][0..3]. The rounds of one message wait on each other; N > 1
// messages' rounds interleave, which nearly multiplies the throughput by N.
template <int N>
__attribute__((target("sha,sse4.1"))) inline void compress_sha_ni_n(std::uint32_t* const h[N],
                                                                    const unsigned char* data[N],
                                                                    std::size_t blocks) {
  const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i state0[N], state1[N];
  for (int s = 0; s < N; ++s) {
    // h[0..7] = A..H → the instructions' ABEF and CDGH halves.
    const __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(h[s])), 0xB1);
    state1[s] = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(h[s] + 4)), 0x1B);
    state0[s] = _mm_alignr_epi8(tmp, state1[s], 8);
    state1[s] = _mm_blend_epi16(state1[s], tmp, 0xF0);
  }

  for (std::size_t b = 0; b < blocks; ++b) {
    __m128i abef[N], cdgh[N], m[N][4];
    for (int s = 0; s < N; ++s) {
      abef[s] = state0[s];
      cdgh[s] = state1[s];
    }
#pragma GCC unroll 16
    for (int g = 0; g < 16; ++g) {  // rounds 4g .. 4g+3
      const __m128i k = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kRound + 4 * g));
#pragma GCC unroll 2
      for (int s = 0; s < N; ++s) {
        if (g < 4)
          m[s][g] = _mm_shuffle_epi8(
              _mm_loadu_si128(reinterpret_cast<const __m128i*>(data[s] + 64 * b + 16 * g)), byte_swap);
        __m128i msg = _mm_add_epi32(m[s][g % 4], k);
        state1[s] = _mm_sha256rnds2_epu32(state1[s], state0[s], msg);
        if (g >= 3 && g < 15) {
          const __m128i t = _mm_alignr_epi8(m[s][g % 4], m[s][(g + 3) % 4], 4);
          m[s][(g + 1) % 4] = _mm_sha256msg2_epu32(_mm_add_epi32(m[s][(g + 1) % 4], t), m[s][g % 4]);
        }
        msg = _mm_shuffle_epi32(msg, 0x0E);
        state0[s] = _mm_sha256rnds2_epu32(state0[s], state1[s], msg);
        if (g >= 1 && g < 13) m[s][(g + 3) % 4] = _mm_sha256msg1_epu32(m[s][(g + 3) % 4], m[s][g % 4]);
      }
    }
    for (int s = 0; s < N; ++s) {
      state0[s] = _mm_add_epi32(state0[s], abef[s]);
      state1[s] = _mm_add_epi32(state1[s], cdgh[s]);
    }
  }

  for (int s = 0; s < N; ++s) {
    const __m128i tmp = _mm_shuffle_epi32(state0[s], 0x1B);
    const __m128i cdgh = _mm_shuffle_epi32(state1[s], 0xB1);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(h[s]), _mm_blend_epi16(tmp, cdgh, 0xF0));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(h[s] + 4), _mm_alignr_epi8(cdgh, tmp, 8));
  }
}

__attribute__((target("sha,sse4.1"))) void compress_sha_ni(std::uint32_t h[8],
                                                           const unsigned char* data,
                                                           std::size_t blocks) {
  std::uint32_t* const hs[1] = {h};
  const unsigned char* ds[1] = {data};
  compress_sha_ni_n<1>(hs, ds, blocks);
}

__attribute__((target("sha,sse4.1"))) void compress_sha_ni_2(std::uint32_t* const h[2],
                                                             const unsigned char* data[2],
                                                             std::size_t blocks) {
  compress_sha_ni_n<2>(h, data, blocks);
}

bool cpu_has_sha_ni() {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
  const bool ssse3_sse41 = (c & (1u << 9)) && (c & (1u << 19));
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
  return ssse3_sse41 && (b & (1u << 29));
}
#endif

#if TADQIQ_SHA_NI
const bool kShaNi = cpu_has_sha_ni();
#endif

// Compresses `blocks` consecutive 64-byte blocks.
void compress_blocks(std::uint32_t h[8], const unsigned char* data, std::size_t blocks) {
#if TADQIQ_SHA_NI
  if (kShaNi) {
    compress_sha_ni(h, data, blocks);
    return;
  }
#endif
  for (std::size_t i = 0; i < blocks; ++i) compress(h, data + 64 * i);
}

// FIPS 180-4, 5.3.3: initial hash value.
constexpr std::uint32_t kInitial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// The hash `h` of `bytes`, whose first `done` bytes (a multiple of 64) are compressed into it
// already, as hex.
std::string finish(std::uint32_t h[8], std::string_view bytes, std::size_t done) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  const std::size_t full = n - n % 64;
  compress_blocks(h, p + done, (full - done) / 64);

  // FIPS 180-4, 5.1.1: padding — a 1 bit, zeros, then the message length in bits (64-bit
  // big-endian), to a multiple of 512 bits. One or two final blocks.
  unsigned char tail[128] = {};
  const std::size_t rest = n - full;
  if (rest > 0) std::memcpy(tail, p + full, rest);
  tail[rest] = 0x80;
  const std::size_t tail_len = rest < 56 ? 64 : 128;
  const std::uint64_t bits = static_cast<std::uint64_t>(n) * 8;
  for (int k = 0; k < 8; ++k) tail[tail_len - 1 - k] = static_cast<unsigned char>(bits >> (8 * k));
  compress_blocks(h, tail, tail_len / 64);

  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(64, '0');
  for (int i = 0; i < 8; ++i)
    for (int k = 0; k < 8; ++k) out[8 * i + k] = kHex[(h[i] >> (28 - 4 * k)) & 0xF];
  return out;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  std::uint32_t h[8];
  std::memcpy(h, kInitial, sizeof h);
  return finish(h, bytes, 0);
}

void sha256_hex_pair(std::string_view a, std::string_view b, std::string& hex_a, std::string& hex_b) {
  std::uint32_t ha[8], hb[8];
  std::memcpy(ha, kInitial, sizeof ha);
  std::memcpy(hb, kInitial, sizeof hb);
  std::size_t together = 0;  // the full blocks the two have both, compressed side by side
#if TADQIQ_SHA_NI
  if (kShaNi) {
    together = std::min(a.size(), b.size()) / 64;
    std::uint32_t* const hs[2] = {ha, hb};
    const unsigned char* ds[2] = {reinterpret_cast<const unsigned char*>(a.data()),
                                  reinterpret_cast<const unsigned char*>(b.data())};
    compress_sha_ni_2(hs, ds, together);
  }
#endif
  hex_a = finish(ha, a, 64 * together);
  hex_b = finish(hb, b, 64 * together);
}

}  // namespace tadqiq::ingest
