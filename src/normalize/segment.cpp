// tadqiq/normalize/segment.cpp — line/column lookup, sentences and paragraphs (source offsets).
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
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

// The UTF-16 copy of a text for the sentence iterator, reused by the thread.
std::vector<UChar>& utf16_buffer() {
  thread_local std::vector<UChar> buf;
  return buf;
}

// `s` in UTF-16 into `out` (resized); false (out unspecified) when `s` is not valid UTF-8.
bool to_utf16(std::string_view s, std::vector<UChar>& out) {
  out.resize(s.size());  // never more units than bytes
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const std::size_t n = s.size();
  UChar* o = out.data();
  std::size_t i = 0, k = 0;
  while (i < n) {
    const std::uint8_t b0 = p[i];
    if (b0 < 0x80) {
      o[k++] = b0;
      ++i;
      continue;
    }
    if (b0 >= 0xC2 && b0 < 0xE0 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      o[k++] = static_cast<UChar>(((b0 & 0x1F) << 6) | (p[i + 1] & 0x3F));
      i += 2;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
    if (c < 0x10000) {
      o[k++] = static_cast<UChar>(c);
    } else {
      o[k++] = U16_LEAD(c);
      o[k++] = U16_TRAIL(c);
    }
  }
  out.resize(k);
  return true;
}

// Detaches the iterator from its text (before the UText goes away).
void detach(icu::BreakIterator& bi) {
  UText empty = UTEXT_INITIALIZER;
  UErrorCode st = U_ZERO_ERROR;
  utext_openUTF8(&empty, "", 0, &st);
  bi.setText(&empty, st);
  utext_close(&empty);
}

// Sentence_Break classes of UTF-16 units, from ICU's property once: `end`, the units after which
// a sentence may end (UAX #29: only after an ATerm or STerm and what may follow it, or after a
// paragraph separator: Sep, CR, LF; surrogates, i.e. supplementary characters, always count);
// `glue`, those that may stand between a character and a terminator without separating them
// (Close, Sp, Extend, Format); `stop`, the BMP letters, terminators and separators, where the
// look-ahead of the rules after a terminator ends.
struct SentenceClasses {
  std::vector<std::uint64_t> end = std::vector<std::uint64_t>(0x10000 / 64);
  std::vector<std::uint64_t> glue = std::vector<std::uint64_t>(0x10000 / 64);
  std::vector<std::uint64_t> stop = std::vector<std::uint64_t>(0x10000 / 64);
  SentenceClasses() {
    for (UChar32 c = 0; c < 0x10000; ++c) {
      const auto sb = u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
      const std::uint64_t bit = std::uint64_t{1} << (c & 63);
      if (U_IS_SURROGATE(c) || sb == U_SB_ATERM || sb == U_SB_STERM || sb == U_SB_SEP || sb == U_SB_CR ||
          sb == U_SB_LF)
        end[static_cast<std::size_t>(c) >> 6] |= bit;
      else if (sb == U_SB_CLOSE || sb == U_SB_SP || sb == U_SB_EXTEND || sb == U_SB_FORMAT)
        glue[static_cast<std::size_t>(c) >> 6] |= bit;
      if (!U_IS_SURROGATE(c) && (sb == U_SB_OLETTER || sb == U_SB_UPPER || sb == U_SB_LOWER || sb == U_SB_ATERM ||
                                 sb == U_SB_STERM || sb == U_SB_SEP || sb == U_SB_CR || sb == U_SB_LF))
        stop[static_cast<std::size_t>(c) >> 6] |= bit;
    }
  }
  bool is_end(UChar u) const { return (end[u >> 6] >> (u & 63)) & 1; }
  bool is_glue(UChar u) const { return (glue[u >> 6] >> (u & 63)) & 1; }
  bool is_stop(UChar u) const { return (stop[u >> 6] >> (u & 63)) & 1; }
};

const SentenceClasses& sentence_classes() {
  static const SentenceClasses t;
  return t;
}

// Calls f(b) for every sentence boundary of the `n` UTF-16 units at `u` after their start (the
// last boundary is n), from ICU's iterator `bi`. With `skipping`, ICU reads only the text
// around the places where a sentence may end: after a boundary the next one comes after an end
// candidate, and what decides it is the candidate and the candidates and glue after it, the
// characters up to the next stop, and the one character before it with the glue between them
// (UAX #29 SB5-SB11). ICU is given that window alone (iterating the whole rest would make it
// fill its cache with the next boundaries too); a boundary it finds inside the window is the
// text's, and a window without one says that this candidate ends no sentence. The unit test
// "sentence boundaries" checks that both ways give the same boundaries on random texts of
// every class. Without `skipping`, ICU iterates the whole text.
template <typename F>
void for_each_break(icu::BreakIterator& bi, const UChar* u, std::size_t n, bool skipping, F&& f) {
  UErrorCode st = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUChars(&ut, u, static_cast<int64_t>(n), &st);
  bi.setText(&ut, st);
  if (U_FAILURE(st)) {
    utext_close(&ut);
    throw std::runtime_error(std::string("ICU sentence iteration failed: ") + u_errorName(st));
  }
  if (!skipping) {
    for (int32_t b = bi.next(); b != icu::BreakIterator::DONE; b = bi.next()) f(static_cast<std::size_t>(b));
  } else {
    const SentenceClasses& cls = sentence_classes();
    std::size_t pos = 0;   // the last boundary
    std::size_t from = 0;  // where to look for the next end candidate
    while (pos < n) {
      std::size_t c = from;
      while (c < n && !cls.is_end(u[c])) ++c;
      if (c == n) {
        f(n);  // the end of the text is always a boundary
        break;
      }
      // ICU reads from the character before the candidate (with the glue between them) ...
      std::size_t q = c;
      while (q > pos && cls.is_glue(u[q - 1])) --q;
      if (q > pos) --q;
      // ... to the first stop after the candidates and glue that follow it.
      std::size_t t = c;
      while (t < n && (cls.is_end(u[t]) || cls.is_glue(u[t]))) ++t;
      std::size_t w = t;
      while (w < n && !cls.is_stop(u[w])) ++w;
      if (w < n) ++w;
      if (w < n && U16_IS_LEAD(u[w - 1]) && U16_IS_TRAIL(u[w])) ++w;  // a whole code point
      utext_openUChars(&ut, u + q, static_cast<int64_t>(w - q), &st);
      bi.setText(&ut, st);
      const int32_t b = bi.next();
      if (U_FAILURE(st) || b == icu::BreakIterator::DONE) break;  // cannot happen
      const std::size_t at = q + static_cast<std::size_t>(b);
      if (at < w || w == n) {
        if (at <= pos) break;  // cannot happen
        f(at);
        pos = from = at;
      } else {
        from = t;  // no boundary there: the next candidate decides
      }
    }
  }
  detach(bi);
  utext_close(&ut);
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

  // ICU reads a UTF-16 text through its inline fast path, but a UTF-8 one (outside ASCII)
  // through a call per code point: valid UTF-8 is converted (into a buffer kept per thread)
  // and the UTF-16 boundaries are mapped back to bytes; anything else is read as UTF-8.
  std::size_t seg = begin;  // start of the current sentence
  auto boundary = [&](std::size_t pos) {
    if (pos < end && ends_with_abbreviation(source, seg, pos)) return;
    add(seg, pos);
    seg = pos;
  };
  icu::BreakIterator& bi = sentence_iterator();
  std::vector<UChar>& u16 = utf16_buffer();
  if (to_utf16(source.substr(begin, end - begin), u16)) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(source.data());
    std::size_t at8 = begin, at16 = 0;  // the same place in bytes and in UTF-16 units
    for_each_break(bi, u16.data(), u16.size(), true, [&](std::size_t b) {
      // Boundaries come in order and fall between code points.
      while (at16 < b) {
        const std::uint8_t lead = bytes[at8];
        at8 += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        at16 += lead < 0xF0 ? 1 : 2;
      }
      boundary(at8);
    });
  } else {
    UErrorCode st = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, source.data() + begin, static_cast<int64_t>(end - begin), &st);
    bi.setText(&ut, st);
    if (U_FAILURE(st)) {
      utext_close(&ut);
      throw std::runtime_error(std::string("ICU sentence iteration failed: ") + u_errorName(st));
    }
    for (int32_t b = bi.next(); b != icu::BreakIterator::DONE; b = bi.next())
      boundary(begin + static_cast<std::size_t>(b));
    detach(bi);
    utext_close(&ut);
  }
  if (seg < end) add(seg, end);
  return out;
}

namespace detail {

std::vector<std::size_t> icu_sentence_breaks(std::u16string_view text, bool skipping) {
  std::vector<std::size_t> out;
  if (!text.empty())
    for_each_break(sentence_iterator(), text.data(), text.size(), skipping, [&](std::size_t b) { out.push_back(b); });
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
