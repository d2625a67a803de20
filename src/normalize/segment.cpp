// tadqiq/normalize/segment.cpp — line/column lookup, sentences and paragraphs (source offsets).
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>
#include <vector>

#include "normalize/normalize.h"

namespace tadqiq::normalize {
namespace {

// Characters trimmed from the edges of sentences and paragraphs: Unicode White_Space and
// the invisible format controls that the view removes.
bool is_trimmable(UChar32 c) {
  if (c == ' ' || c == '\n' || c == '\r' || c == '\t') return true;
  if (c < 0x80) return c == '\v' || c == '\f';
  return u_isUWhiteSpace(c) || (c >= 0x200B && c <= 0x200F) || c == 0x061C ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x2060 ||
         c == 0xFEFF || c == 0x00AD;
}

// Trims [b, e) of source; returns false if nothing is left.
bool trim(std::string_view src, std::size_t& b, std::size_t& e) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(src.data());
  while (b < e) {
    std::size_t i = b;
    UChar32 c;
    U8_NEXT(s, i, e, c);
    if (c < 0 || !is_trimmable(c)) break;
    b = i;
  }
  while (e > b) {
    std::size_t p = e - 1;
    while (p > b && (s[p] & 0xC0) == 0x80) --p;
    std::size_t i = p;
    UChar32 c;
    U8_NEXT(s, i, e, c);
    if (c < 0 || i != e || !is_trimmable(c)) break;
    e = p;
  }
  return b < e;
}

// Calls f(line_begin, line_end) for every line of src[b, e); a line ends before "\n",
// "\r\n" or a lone "\r" (the terminator is not part of the line).
template <typename F>
void for_each_line(std::string_view src, std::size_t b, std::size_t e, F&& f) {
  const char* d = src.data();
  // Position of the next CR at or after i (e if none), found lazily: most texts have none,
  // and most that do have one per line.
  auto find_cr = [&](std::size_t from) {
    const void* p = std::memchr(d + from, '\r', e - from);
    return p ? static_cast<std::size_t>(static_cast<const char*>(p) - d) : e;
  };
  std::size_t next_cr = find_cr(b);
  std::size_t ls = b;
  std::size_t i = b;
  while (i < e) {
    if (next_cr < i) next_cr = find_cr(i);
    const void* p = std::memchr(d + i, '\n', std::min(next_cr, e) - i);
    const std::size_t nl = p ? static_cast<std::size_t>(static_cast<const char*>(p) - d) : e;
    if (nl < next_cr) {  // LF first (or neither, when nl == e == next_cr is impossible here)
      if (nl == e) break;
      f(ls, nl);
      ls = i = nl + 1;
    } else if (next_cr < e) {  // CR first
      f(ls, next_cr);
      i = next_cr + 1;
      if (i < e && d[i] == '\n') ++i;
      ls = i;
    } else {
      break;
    }
  }
  if (ls < e) f(ls, e);
}

// The sentence break iterator: created once, cloned once per thread.
icu::BreakIterator& sentence_iterator() {
  static const std::unique_ptr<icu::BreakIterator> proto = [] {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createSentenceInstance(icu::Locale("ar"), st));
    if (U_FAILURE(st) || !bi)
      throw std::runtime_error(std::string("ICU sentence break iterator unavailable: ") +
                               u_errorName(st));
    return bi;
  }();
  thread_local std::unique_ptr<icu::BreakIterator> it(proto->clone());
  return *it;
}

// Detaches the iterator from its text (before the UText goes away).
void detach(icu::BreakIterator& bi) {
  UText empty = UTEXT_INITIALIZER;
  UErrorCode st = U_ZERO_ERROR;
  utext_openUTF8(&empty, "", 0, &st);
  bi.setText(&empty, st);
  utext_close(&empty);
}

// Sentence_Break classes of code points, from ICU's property: kEnd, the characters after
// which a sentence may end (UAX #29: only after an ATerm or STerm and what may follow it, or
// after a paragraph separator: Sep, CR, LF; every supplementary character counts too); kGlue,
// those that may stand between a character and a terminator without separating them (Close,
// Sp, Extend, Format); kStop, the BMP letters, terminators and separators, where the
// look-ahead of the rules after a terminator ends. Finer classes for the common ending that
// is decided without ICU (see for_each_break): kTerm (ATerm, STerm), kSpace (Sp), kPara (Sep,
// LF: a paragraph separator that is not CR), kOLetter (a letter without case: Arabic).
constexpr std::uint8_t kEnd = 1, kGlue = 2, kStop = 4, kTerm = 8, kSpace = 16, kPara = 32, kOLetter = 64;
std::uint8_t sentence_class(UChar32 c) {
  if (static_cast<std::uint32_t>(c) >= 0x10000) return kEnd;
  const auto sb = u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
  if (sb == U_SB_ATERM || sb == U_SB_STERM) return kEnd | kStop | kTerm;
  if (sb == U_SB_SEP || sb == U_SB_LF) return kEnd | kStop | kPara;
  if (sb == U_SB_CR) return kEnd | kStop;
  if (sb == U_SB_SP) return kGlue | kSpace;
  if (sb == U_SB_CLOSE || sb == U_SB_EXTEND || sb == U_SB_FORMAT) return kGlue;
  if (sb == U_SB_OLETTER) return kStop | kOLetter;
  if (sb == U_SB_UPPER || sb == U_SB_LOWER) return kStop;
  return 0;
}

// The classes of the code points of one and two bytes, asked of ICU once (three- and
// four-byte ones are rare and asked each time).
struct SentenceClasses {
  std::vector<std::uint8_t> small = std::vector<std::uint8_t>(0x800);
  // By a byte and the next one: whether a byte-by-byte scan must look closer at the first,
  // i.e. unless it starts no end candidate and the pair is well-formed as far as it shows: an
  // ASCII byte that is none, not followed by a continuation byte; a well-formed two-byte code
  // point that is none; a continuation byte not followed by another. (Three- and four-byte
  // code points are always looked at; the scan steps over them whole.)
  std::vector<std::uint8_t> look = std::vector<std::uint8_t>(0x10000);
  SentenceClasses() {
    for (UChar32 c = 0; c < 0x800; ++c) small[static_cast<std::size_t>(c)] = sentence_class(c);
    // Row by row (a row is a first byte; its continuation bytes are columns 0x80..0xBF).
    for (std::size_t b0 = 0; b0 < 0x100; ++b0) {
      std::uint8_t* row = look.data() + (b0 << 8);
      if ((b0 < 0x80 && !(small[b0] & kEnd)) || (b0 >= 0x80 && b0 < 0xC0)) {
        std::memset(row, 0, 0x100);
        std::memset(row + 0x80, 1, 0x40);  // ill-formed: a continuation byte follows
      } else {
        std::memset(row, 1, 0x100);
        if (b0 >= 0xC2 && b0 < 0xE0)
          for (std::size_t b1 = 0x80; b1 < 0xC0; ++b1)
            row[b1] = small[((b0 & 0x1F) << 6) | (b1 & 0x3F)] & kEnd;
      }
    }
#if defined(__SSE2__)
    simd = true;
    for (UChar32 c = 0; c < 0x800 && simd; ++c) {
      if (!(small[static_cast<std::size_t>(c)] & kEnd)) continue;
      if (c < 0x80) {
        if (n_ascii == kMaxSet) simd = false;
        else ascii[n_ascii++] = static_cast<std::uint8_t>(c);
        continue;
      }
      const auto b0 = static_cast<std::uint8_t>(0xC0 | (c >> 6)), b1 = static_cast<std::uint8_t>(0x80 | (c & 0x3F));
      std::size_t k = 0;
      while (k < n_lead && lead[k] != b0) ++k;
      if (k == n_lead) {
        if (n_lead == kMaxSet) {
          simd = false;
          continue;
        }
        lead[k] = b0;
        lo[k] = hi[k] = b1;
        ++n_lead;
      }
      lo[k] = std::min(lo[k], b1);
      hi[k] = std::max(hi[k], b1);
    }
    const auto splat = [](std::uint8_t b) { return _mm_set1_epi8(static_cast<char>(b)); };
    for (std::size_t k = 0; k < n_ascii; ++k) ascii_v[k] = splat(ascii[k]);
    for (std::size_t k = 0; k < n_lead; ++k) {
      lead_v[k] = splat(lead[k]);
      lo_v[k] = splat(lo[k]);
      span_v[k] = splat(static_cast<std::uint8_t>(hi[k] - lo[k]));
    }
#endif
  }
#if defined(__SSE2__)
  // The same as `look`, sixteen pairs at once (see look_mask): the ASCII end candidates, and
  // for each byte that leads a two-byte end candidate, the range of continuation bytes that
  // completes one (a superset when they are not contiguous). `simd` is false when there are
  // too many of either (not with ICU's data: five and six).
  static constexpr std::size_t kMaxSet = 8;
  bool simd = false;
  std::size_t n_ascii = 0, n_lead = 0;
  std::array<std::uint8_t, kMaxSet> ascii{}, lead{}, lo{}, hi{};
  // The same, each byte repeated sixteen times; span: hi - lo.
  __m128i ascii_v[kMaxSet]{}, lead_v[kMaxSet]{}, lo_v[kMaxSet]{}, span_v[kMaxSet]{};
#endif
  std::uint8_t of(UChar32 c) const {
    return static_cast<std::uint32_t>(c) < 0x800 ? small[static_cast<std::size_t>(c)] : sentence_class(c);
  }
};

const SentenceClasses& sentence_classes() {
  static const SentenceClasses t;
  return t;
}

// The code point at s[i], i advanced past it; negative for ill-formed bytes.
[[gnu::always_inline]] inline UChar32 next_cp(const std::uint8_t* s, std::size_t& i, std::size_t n) {
  const std::uint8_t b0 = s[i];
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  if (b0 >= 0xC2 && b0 < 0xE0 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
    const UChar32 c = (static_cast<UChar32>(b0 & 0x1F) << 6) | (s[i + 1] & 0x3F);
    i += 2;
    return c;
  }
  UChar32 c;
  U8_NEXT(s, i, n, c);
  return c;
}

#if defined(__SSE2__)
// Bit k set when cls.look is (or may be) true for the pair p[k], p[k + 1], k < 16 (p[16] is
// read): a byte that is an ASCII end candidate; a three- or four-byte lead, an overlong or
// invalid byte; a continuation byte that does not follow a two-byte lead, or a two-byte lead
// not followed by one; a two-byte end candidate.
inline unsigned look_mask(const SentenceClasses& cls, const std::uint8_t* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
  const auto splat = [](std::uint8_t b) { return _mm_set1_epi8(static_cast<char>(b)); };
  const __m128i lead2 = _mm_cmpeq_epi8(_mm_and_si128(v, splat(0xE0)), splat(0xC0));
  const __m128i cont_next = _mm_cmpeq_epi8(_mm_and_si128(w, splat(0xC0)), splat(0x80));
  __m128i m = _mm_xor_si128(lead2, cont_next);
  m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_max_epu8(v, splat(0xE0)), v));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_and_si128(v, splat(0xFE)), splat(0xC0)));
  for (std::size_t k = 0; k < cls.n_ascii; ++k) m = _mm_or_si128(m, _mm_cmpeq_epi8(v, cls.ascii_v[k]));
  for (std::size_t k = 0; k < cls.n_lead; ++k) {
    const __m128i d = _mm_sub_epi8(w, cls.lo_v[k]);  // in range: 0 .. span, unsigned
    const __m128i in = _mm_cmpeq_epi8(_mm_min_epu8(d, cls.span_v[k]), d);
    m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(v, cls.lead_v[k]), in));
  }
  return static_cast<unsigned>(_mm_movemask_epi8(m));
}
#endif

// Calls f(b) for every sentence boundary of the UTF-8 text `t` after its start (byte offsets;
// the last boundary is its size), from ICU's iterator `bi`. With `skipping`, ICU reads only the
// text around the places where a sentence may end: after a boundary the next one comes after
// an end candidate, and what decides it is the candidate with the candidates and glue after
// it, the characters up to the next stop, and the one character before it with the glue
// between them (UAX #29 SB5-SB11). ICU is given that window alone (iterating the whole rest
// would make it fill its cache with the next boundaries too); a boundary it finds inside the
// window is the text's, and a window without one says that this candidate ends no sentence.
// The commonest ending (a terminator, spaces or a line break, then an Arabic letter) is decided
// without ICU, and ICU is not asked again in a window whose rest holds no end candidate.
// Returns false (having called f for some boundaries) on ill-formed UTF-8, where only the
// plain way is used. The unit test "sentence boundaries" checks that both ways give the same
// boundaries on random texts of every class. Without `skipping`, ICU iterates the whole text.
template <typename F>
bool for_each_break(icu::BreakIterator& bi, std::string_view t, bool skipping, F&& f) {
  UErrorCode st = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  const auto* s = reinterpret_cast<const std::uint8_t*>(t.data());
  const std::size_t n = t.size();
  bool ok = true;
  if (!skipping) {
    utext_openUTF8(&ut, t.data(), static_cast<int64_t>(n), &st);
    bi.setText(&ut, st);
    if (U_FAILURE(st)) {
      utext_close(&ut);
      throw std::runtime_error(std::string("ICU sentence iteration failed: ") + u_errorName(st));
    }
    for (int32_t b = bi.next(); b != icu::BreakIterator::DONE; b = bi.next()) f(static_cast<std::size_t>(b));
  } else {
    const SentenceClasses& cls = sentence_classes();
    if (n && (s[0] & 0xC0) == 0x80) ok = false;  // the scan checks every byte but the first
    std::size_t pos = ok ? 0 : n;  // the last boundary
    std::size_t from = 0;  // where to look for the next end candidate
    while (pos < n) {
      std::size_t c = from;  // a code point starts here, checked well-formed
      UChar32 cp = 0;
      while (c < n) {
#if defined(__SSE2__)
        // Sixteen bytes at a time, up to the first that needs a closer look.
        if (cls.simd && c + 17 <= n) {
          const unsigned m = look_mask(cls, s + c);
          if (!m) {
            c += 16;
            continue;
          }
          c += static_cast<std::size_t>(__builtin_ctz(m));
        }
#endif
        // Byte by byte (no load waits for the previous one), as long as the pairs pass.
        if (c + 1 < n && !cls.look[(std::size_t{s[c]} << 8) | s[c + 1]]) {
          ++c;
          continue;
        }
        std::size_t next = c;
        cp = next_cp(s, next, n);
        if (cp < 0 || (cls.of(cp) & kEnd)) break;
        c = next;
        if (c < n && (s[c] & 0xC0) == 0x80) {  // a continuation byte after a whole code point
          cp = -1;
          break;
        }
      }
      if (cp < 0) {
        ok = false;
        break;
      }
      if (c == n) {
        f(n);  // the end of the text is always a boundary
        break;
      }
      // ICU reads from the character before the candidate (with the glue between them) ...
      // (Bytes before c are well-formed: a code point starts at the last non-continuation byte.)
      auto prev = [&](std::size_t i) {
        do --i;
        while (i > pos && (s[i] & 0xC0) == 0x80);
        return i;
      };
      std::size_t q = c;
      while (q > pos) {
        const std::size_t p = prev(q);
        std::size_t k = p;
        if (!(cls.of(next_cp(s, k, n)) & kGlue)) break;
        q = p;
      }
      if (q > pos) q = prev(q);
      // ... to the first stop after the candidates and glue that follow it.
      std::size_t e = c;
      while (e < n) {
        std::size_t next = e;
        cp = next_cp(s, next, n);
        if (cp < 0 || !(cls.of(cp) & (kEnd | kGlue))) break;
        e = next;
      }
      std::size_t w = e;
      while (w < n) {
        cp = next_cp(s, w, n);
        if (cp < 0 || (cls.of(cp) & kStop)) break;
      }
      if (cp < 0) {
        ok = false;
        break;
      }
      // The common ending, decided without ICU: the candidate is a terminator, followed only
      // by spaces and at most one paragraph separator (last, and not CR), and then by a letter
      // without case. UAX #29 breaks before that letter (SB11) and nowhere else in the window:
      // SB6-SB8a would need a digit, a cased letter, or continuation punctuation or another
      // terminator after the spaces, and the characters before the candidate hold no end
      // candidate. (With w == n the end of the text is a boundary too: ICU is asked.)
      const auto decided = [&] {
        std::size_t i = c;
        if (!(cls.of(next_cp(s, i, n)) & kTerm)) return false;
        while (i < e) {
          const std::uint8_t k = cls.of(next_cp(s, i, n));
          if (k & kSpace) continue;
          if (!(k & kPara) || i != e) return false;
        }
        std::size_t j = e;
        return (cls.of(next_cp(s, j, n)) & kOLetter) != 0;
      };
      if (w != n && decided()) {
        f(e);
        pos = from = e;
        continue;
      }
      // Whether a code point of the window's [i, e) is an end candidate (the window is
      // well-formed: it was decoded above).
      auto has_end = [&](std::size_t i, std::size_t e) {
        while (i < e)
          if (cls.of(next_cp(s, i, e)) & kEnd) return true;
        return false;
      };
      utext_openUTF8(&ut, t.data() + q, static_cast<int64_t>(w - q), &st);
      bi.setText(&ut, st);
      if (U_FAILURE(st)) {
        ok = false;  // cannot happen
        break;
      }
      // Every boundary ICU finds before the window's end is the text's (the look-ahead after
      // each ends inside the window); taking them all, rather than restarting after the first,
      // keeps a long run of terminators, separators or closing marks linear (restarting made
      // each of its boundaries re-read the rest of the run: quadratic).
      for (int32_t b = bi.next(); b != icu::BreakIterator::DONE; b = bi.next()) {
        const std::size_t at = q + static_cast<std::size_t>(b);
        if (!(at < w || w == n)) break;
        if (at <= pos) {
          ok = false;  // cannot happen
          break;
        }
        f(at);
        pos = at;
        // A sentence ends only after a terminator or a separator: with no end candidate left
        // in [at, w), ICU would find no boundary before w (asking it costs as much as the
        // whole window did).
        if (w != n && !has_end(at, w)) break;
      }
      if (!ok) break;
      from = std::max(e, pos);  // no further boundary in the window: the next candidate decides
    }
  }
  detach(bi);
  utext_close(&ut);
  return ok;
}

// Abbreviations after which ICU's break (a '.' followed by a space and an Arabic letter)
// is suppressed: "د." (doctor) and "أ." (professor/mister, also in "أ.د."). The token must
// stand alone: preceded by the start, whitespace, '(' or another '.'.
bool ends_with_abbreviation(std::string_view src, std::size_t lo, std::size_t b) {
  // Back over trailing whitespace (not line breaks: those always end a sentence).
  std::size_t i = b;
  while (i > lo && (src[i - 1] == ' ' || src[i - 1] == '\t')) --i;
  if (i == lo || src[i - 1] != '.') return false;
  --i;  // at '.'
  static constexpr std::string_view kAbbrev[] = {"\xD8\xAF" /* د */, "\xD8\xA3" /* أ */};
  for (std::string_view a : kAbbrev) {
    if (i - lo < a.size() || src.substr(i - a.size(), a.size()) != a) continue;
    const std::size_t t = i - a.size();
    if (t == lo) return true;
    const char before = src[t - 1];
    if (before == ' ' || before == '\t' || before == '(' || before == '.' || before == '\n')
      return true;
  }
  return false;
}

}  // namespace

// ---- LineIndex ----------------------------------------------------------------------------

namespace {
// Continuation bytes (10xxxxxx) among the eight bytes of w: bit 7 set and bit 6 clear.
inline std::size_t continuation_bytes(std::uint64_t w) {
  // One bit (bit 7) per continuation byte, moved to bit 0 and summed by a multiply (no
  // popcount instruction is assumed: the generic build would call a library routine).
  const std::uint64_t x = ((w & ~(w << 1)) >> 7) & 0x0101010101010101ULL;
  return static_cast<std::size_t>((x * 0x0101010101010101ULL) >> 56);
}
}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for_each_line(text, 0, text.size(), [&](std::size_t, std::size_t le) {
    // The next line starts after the terminator of this one.
    std::size_t n = le;
    if (n < text.size()) {
      if (text[n] == '\r' && n + 1 < text.size() && text[n + 1] == '\n') n += 2;
      else ++n;
      line_starts_.push_back(n);
    }
  });
  block_cont_.resize(text.size() / 64 + 1);
  std::size_t cont = 0;
  for (std::size_t b = 0; b < block_cont_.size(); ++b) {
    block_cont_[b] = static_cast<std::uint32_t>(cont);
    const std::size_t i = b * 64;
    if (i + 64 > text.size()) break;
    for (std::size_t k = 0; k < 64; k += 8) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + i + k, 8);
      cont += continuation_bytes(w);
    }
  }
  line_cont_.reserve(line_starts_.size());
  for (const std::size_t ls : line_starts_) line_cont_.push_back(continuation_before(ls));
}

std::size_t LineIndex::continuation_before(std::size_t offset) const {
  std::size_t i = offset & ~std::size_t{63};
  std::size_t cont = block_cont_[i / 64];
  for (; i + 8 <= offset; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text_.data() + i, 8);
    cont += continuation_bytes(w);
  }
  for (; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80) ++cont;
  return cont;
}

std::pair<int, int> LineIndex::line_col(std::size_t offset) const {
  if (offset > text_.size()) offset = text_.size();
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());  // >= 1
  const std::size_t ls = line_starts_[line - 1];
  // Code points = bytes that are not UTF-8 continuation bytes.
  const std::size_t cont = continuation_before(offset) - line_cont_[line - 1];
  const std::size_t col = 1 + (offset - ls) - cont;
  return {static_cast<int>(line), static_cast<int>(col)};
}

// ---- Sentences and paragraphs ---------------------------------------------------------------

std::vector<Range> sentences(std::string_view source, std::size_t begin, std::size_t end) {
  std::vector<Range> out;
  if (end > source.size()) end = source.size();
  if (begin >= end) return out;
  if (end - begin > static_cast<std::size_t>(std::numeric_limits<int32_t>::max()))
    throw std::length_error("sentences: range larger than 2 GiB");

  auto add = [&](std::size_t b, std::size_t e) {
    // Also break at every line break.
    for_each_line(source, b, e, [&](std::size_t lb, std::size_t le) {
      if (trim(source, lb, le)) out.push_back({lb, le});
    });
  };

  std::size_t seg = begin;  // start of the current sentence
  auto boundary = [&](std::size_t b) {
    const std::size_t pos = begin + b;
    if (pos < end && ends_with_abbreviation(source, seg, pos)) return;
    add(seg, pos);
    seg = pos;
  };
  icu::BreakIterator& bi = sentence_iterator();
  const std::string_view body = source.substr(begin, end - begin);
  if (!for_each_break(bi, body, true, boundary)) {
    out.clear();
    seg = begin;
    for_each_break(bi, body, false, boundary);
  }
  if (seg < end) add(seg, end);
  return out;
}

namespace detail {

std::vector<std::size_t> icu_sentence_breaks(std::string_view text, bool skipping) {
  std::vector<std::size_t> out;
  if (!text.empty() &&
      !for_each_break(sentence_iterator(), text, skipping, [&](std::size_t b) { out.push_back(b); })) {
    out.clear();
    for_each_break(sentence_iterator(), text, false, [&](std::size_t b) { out.push_back(b); });
  }
  return out;
}

}  // namespace detail

std::vector<Range> paragraphs(std::string_view source, std::size_t begin, std::size_t end) {
  std::vector<Range> out;
  if (end > source.size()) end = source.size();
  if (begin >= end) return out;
  for_each_line(source, begin, end, [&](std::size_t lb, std::size_t le) {
    if (trim(source, lb, le)) out.push_back({lb, le});
  });
  return out;
}

}  // namespace tadqiq::normalize
