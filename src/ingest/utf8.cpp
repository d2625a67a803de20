// tadqiq/ingest/utf8.cpp — strict UTF-8 validation and code point counting.
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "ingest/internal.h"

namespace tadqiq::ingest::internal {

namespace {

// Length of the well-formed UTF-8 sequence at p[i] (Unicode Table 3-7), or 0 when none
// starts there.
inline std::size_t sequence_at(const unsigned char* p, std::size_t i, std::size_t n) {
  const unsigned char c = p[i];
  if (c < 0x80) return 1;
  // The lead byte fixes the length and the range of the second byte.
  std::size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // UTF-16 surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;  // continuation byte without a lead, C0/C1 overlong lead, or F5..FF
  }
  if (i + 1 >= n || p[i + 1] < lo || p[i + 1] > hi) return 0;
  for (std::size_t k = 2; k < len; ++k)
    if (i + k >= n || (p[i + k] & 0xC0) != 0x80) return 0;
  return len;
}

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view s, bool nul_invalid) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
#if defined(__SSE2__)
    // Fast path: sixteen bytes of ASCII and 2-byte sequences (Arabic text) at a time. Stops
    // at the start of the first sequence that needs a closer look (3 or 4 bytes, or an
    // error), which the byte-wise check below then takes. `carry`: the last window's last
    // byte leads a 2-byte sequence, so this window's first byte must continue it.
    unsigned carry = 0;
    while (i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const auto mask = [](__m128i m) { return static_cast<unsigned>(_mm_movemask_epi8(m)); };
      // As signed bytes: continuations 0x80..0xBF = -128..-65, 2-byte leads 0xC2..0xDF =
      // -62..-33.
      const unsigned high = mask(v);
      const unsigned cont = mask(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
      const unsigned lead2 = mask(
          _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-63)), _mm_cmplt_epi8(v, _mm_set1_epi8(-32))));
      const unsigned nul = nul_invalid ? mask(_mm_cmpeq_epi8(v, _mm_setzero_si128())) : 0;
      // Continuations follow 2-byte leads and nothing else.
      const unsigned problem =
          nul | (high & ~(cont | lead2)) | ((cont ^ ((lead2 << 1) | carry)) & 0xFFFF);
      if (problem != 0) {
        const unsigned q = static_cast<unsigned>(__builtin_ctz(problem));
        i += q;
        if (q > 0 ? (lead2 >> (q - 1)) & 1 : carry) --i;  // a lead left without its continuation
        carry = 0;
        break;
      }
      carry = lead2 >> 15;
      i += 16;
    }
    if (carry) --i;  // the last lead: its sequence is checked byte-wise
    if (i >= n) break;
#else
    // Fast path: eight ASCII bytes (none NUL, when that counts as invalid) at a time.
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      const std::uint64_t zero_byte =  // nonzero when a byte of `word` is 0
          (word - 0x0101010101010101ULL) & ~word & 0x8080808080808080ULL;
      if ((word & 0x8080808080808080ULL) == 0 && !(nul_invalid && zero_byte)) {
        i += 8;
        continue;
      }
    }
#endif
    const std::size_t len = sequence_at(p, i, n);
    if (len == 0 || (nul_invalid && p[i] == 0)) return i;
    i += len;
  }
  return std::nullopt;
}

bool only_white_space(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int64_t>(s.size());
  std::int64_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !u_isUWhiteSpace(c)) return false;
  }
  return true;
}

LineColumn line_column(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  LineColumn lc;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      line_start = i + 1;
    }
  }
  for (std::size_t i = line_start; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++lc.column;
  return lc;
}

}  // namespace tadqiq::ingest::internal
