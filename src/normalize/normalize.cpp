// tadqiq/normalize/normalize.cpp — the matching view (make_view, fold).
//
// How the view is built (see docs/normalization.md for the full contract):
//
//  1. The source range is cut into normalization *units*. ICU tells us where NFKC can be
//     split without changing the result (Normalizer2::hasBoundaryBefore/hasBoundaryAfter);
//     a few characters that we map *before* NFKC ("pre-mapped", e.g. U+2033 DOUBLE PRIME,
//     whose NFKC form would be two primes) are forced to be units of their own.
//  2. A unit that is a single code point whose NFKC form is itself (the overwhelmingly
//     common case) is not handed to ICU at all. Other units go through
//     Normalizer2::normalizeUTF8. When ICU leaves the unit unchanged, every code point keeps
//     its own source range; otherwise all of its output maps to the whole unit.
//  3. Every code point of the NFKC output is then "post-mapped" on its own: kept, removed
//     (tashkeel, tatweel, format controls) or replaced (letter folds, digits, separators,
//     quotes, spaces, ASCII lower case).
//
// Per-code-point decisions for the BMP are cached in one table built once from ICU
// properties; nothing here re-states Unicode data that ICU provides, except the explicit
// fold lists, which are project policy.
#include "normalize/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <unicode/bytestream.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cassert>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>

namespace tadqiq::normalize {
namespace {

// ---- Per-code-point information --------------------------------------------------------

// Layout of an info word:
//   bits 0..23  replacement bytes (UTF-8, up to 3), valid when kMapped is set
//   bits 24..25 replacement length (0 = remove)
//   kMapped     the code point is replaced (or removed) in the view; otherwise kept as is
//   kBB / kBA   NFKC boundary before / after the code point (ICU)
//   kSelf       NFKC of the code point alone is the code point itself
//   kInert      kBB & kBA & kSelf: a unit of its own that never needs ICU
//   kCR         U+000D: removed before '\n', else becomes '\n' (context dependent)
constexpr std::uint32_t kLenShift = 24;
constexpr std::uint32_t kMapped = 1u << 26;
constexpr std::uint32_t kBB = 1u << 27;
constexpr std::uint32_t kBA = 1u << 28;
constexpr std::uint32_t kSelf = 1u << 29;
constexpr std::uint32_t kInert = 1u << 30;
constexpr std::uint32_t kCR = 1u << 31;
constexpr std::uint32_t kRemove = kMapped;  // mapped to zero bytes

constexpr std::uint32_t map_to(UChar32 r) {
  // UTF-8 of r (r < U+10000) packed into the info word.
  if (r < 0x80) return kMapped | (1u << kLenShift) | static_cast<std::uint32_t>(r);
  if (r < 0x800) {
    const std::uint32_t b0 = 0xC0 | (r >> 6), b1 = 0x80 | (r & 0x3F);
    return kMapped | (2u << kLenShift) | b0 | (b1 << 8);
  }
  const std::uint32_t b0 = 0xE0 | (r >> 12), b1 = 0x80 | ((r >> 6) & 0x3F), b2 = 0x80 | (r & 0x3F);
  return kMapped | (3u << kLenShift) | b0 | (b1 << 8) | (b2 << 16);
}

const icu::Normalizer2& nfkc() {
  static const icu::Normalizer2* n = [] {
    UErrorCode st = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFKCInstance(st);
    if (U_FAILURE(st) || p == nullptr)
      throw std::runtime_error(std::string("ICU NFKC instance unavailable: ") + u_errorName(st));
    return p;
  }();
  return *n;
}

bool in_arabic_block(UChar32 c) {
  switch (ublock_getCode(c)) {
    case UBLOCK_ARABIC:
    case UBLOCK_ARABIC_SUPPLEMENT:
    case UBLOCK_ARABIC_EXTENDED_A:
    case UBLOCK_ARABIC_EXTENDED_B:
    case UBLOCK_ARABIC_EXTENDED_C:
      return true;
    default:
      return false;
  }
}

// The post-NFKC mapping of one code point: 0 (keep), kRemove, or map_to(x).
// Policy lists live here; general categories and digit values come from ICU.
std::uint32_t post_mapping(UChar32 c) {
  // Removed: format controls that are invisible and only disturb matching.
  if ((c >= 0x200B && c <= 0x200F) ||  // ZWSP, ZWNJ, ZWJ, LRM, RLM
      c == 0x061C ||                   // ARABIC LETTER MARK
      (c >= 0x202A && c <= 0x202E) ||  // LRE, RLE, PDF, LRO, RLO
      (c >= 0x2066 && c <= 0x2069) ||  // LRI, RLI, FSI, PDI
      c == 0x2060 ||                   // WORD JOINER
      c == 0xFEFF ||                   // ZERO WIDTH NO-BREAK SPACE / BOM
      c == 0x00AD)                     // SOFT HYPHEN
    return kRemove;
  // Removed: tashkeel, superscript alef, Quranic annotation marks, tatweel, and any other
  // nonspacing mark of the Arabic blocks (e.g. U+0610..U+061A honorific signs).
  if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED) ||
      c == 0x0640)
    return kRemove;
  if (u_charType(c) == U_NON_SPACING_MARK && in_arabic_block(c)) return kRemove;

  switch (c) {
    // Letter folds.
    case 0x0623: case 0x0625: case 0x0622: case 0x0671: return map_to(0x0627);  // alef forms
    case 0x0649: return map_to(0x064A);  // alef maqsura -> yeh
    case 0x0629: return map_to(0x0647);  // teh marbuta -> heh
    case 0x0624: return map_to(0x0648);  // waw with hamza -> waw
    case 0x0626: return map_to(0x064A);  // yeh with hamza -> yeh
    case 0x06CC: return map_to(0x064A);  // Farsi yeh -> Arabic yeh
    case 0x06A9: return map_to(0x0643);  // keheh (Persian kaf) -> Arabic kaf
    // Number punctuation.
    case 0x066C: return map_to(',');     // ARABIC THOUSANDS SEPARATOR
    case 0x066B: return map_to('.');     // ARABIC DECIMAL SEPARATOR
    case 0x066A: return map_to('%');     // ARABIC PERCENT SIGN
    // Double quotes.
    case 0x201C: case 0x201D: case 0x00AB: case 0x00BB: case 0x201E: case 0x201F:
    case 0x2033: case 0x2036: case 0x301D: case 0x301E: case 0x301F: case 0xFF02:
      return map_to('"');
    // Single quotes.
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2035:
    case 0x2039: case 0x203A:
      return map_to('\'');
    // Whitespace that is not a space separator.
    case 0x0009: case 0x000B: case 0x000C: return map_to(' ');
    case 0x0085: case 0x2028: case 0x2029: return map_to('\n');
    default:
      break;
  }
  if (c >= 'A' && c <= 'Z') return map_to(c - 'A' + 'a');
  const std::int8_t t = u_charType(c);
  if (t == U_SPACE_SEPARATOR) return c == ' ' ? 0 : map_to(' ');
  if (t == U_DECIMAL_DIGIT_NUMBER) {
    const std::int32_t v = u_charDigitValue(c);
    if (v >= 0 && v <= 9) return c == '0' + v ? 0 : map_to('0' + v);
  }
  return 0;
}

// Characters mapped before NFKC, because NFKC would otherwise turn them into something the
// post mapping cannot recognise: U+2033/U+2036 (double primes -> two primes, but they are
// used as double quotes), and the Arabic isolated-form vowel signs such as U+FE76 and the
// shadda ligatures U+FC5E..U+FC63, whose NFKC form is SPACE + marks (a space would appear
// inside a word once the marks are removed). They become units of their own.
bool pre_mapped(UChar32 c, std::uint32_t& mapping) {
  if (c == 0x2033 || c == 0x2036) {
    mapping = map_to('"');
    return true;
  }
  const bool arabic_presentation =
      (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
  if (!arabic_presentation) return false;
  UErrorCode st = U_ZERO_ERROR;
  icu::UnicodeString s(c);
  const icu::UnicodeString n = nfkc().normalize(s, st);
  if (U_FAILURE(st) || n.length() < 2 || n.charAt(0) != u' ') return false;
  for (int32_t i = 1; i < n.length();) {
    const UChar32 m = n.char32At(i);
    if (post_mapping(m) != kRemove) return false;
    i += U16_LENGTH(m);
  }
  mapping = kRemove;
  return true;
}

std::uint32_t compute_info(UChar32 c) {
  const icu::Normalizer2& n = nfkc();
  if (c == '\r') return kCR | kBB | kBA | kSelf | kInert;
  std::uint32_t pre = 0;
  if (pre_mapped(c, pre)) return pre | kBB | kBA | kSelf | kInert;
  std::uint32_t info = post_mapping(c);
  if (n.hasBoundaryBefore(c)) info |= kBB;
  if (n.hasBoundaryAfter(c)) info |= kBA;
  if (n.isInert(c)) {
    info |= kSelf | kInert;
  } else {
    icu::UnicodeString d;
    if (!n.getDecomposition(c, d)) {
      info |= kSelf;  // no mapping: NFKC of c alone is c
    } else {
      UErrorCode st = U_ZERO_ERROR;
      const icu::UnicodeString s(c);
      if (n.normalize(s, st) == s && U_SUCCESS(st)) info |= kSelf;
    }
  }
  return info;
}

// Layout of a pair word (what the fast path of build() needs of the code point that starts
// with two given bytes):
//   bits 0..25  its view bytes and their count, as in an info word (its own bytes if kept)
//   kPairPlain  a well-formed code point of one or two bytes, with an NFKC boundary before it,
//               whose NFKC form is itself, not CR, with no more view bytes than source bytes
// The word of an ASCII byte does not depend on the byte after it.
constexpr std::uint32_t kPairBytes = (1u << 26) - 1;
constexpr std::uint32_t kPairPlain = 1u << 27;

struct Tables {
  std::unique_ptr<std::uint32_t[]> bmp{new std::uint32_t[0x10000]};
  // Indexed by two bytes (the first one high): see the pair word above.
  std::unique_ptr<std::uint32_t[]> pair{new std::uint32_t[0x10000]};
  Tables() {
    for (UChar32 c = 0; c < 0x10000; ++c) {
      if (U_IS_SURROGATE(c)) {
        bmp[c] = kBB | kBA | kSelf | kInert;  // never produced by U8_NEXT
      } else {
        bmp[c] = compute_info(c);
      }
    }
    for (std::uint32_t b0 = 0; b0 < 0x100; ++b0)
      for (std::uint32_t b1 = 0; b1 < 0x100; ++b1) {
        std::uint32_t w = 0;
        std::uint32_t len = 0, own = 0;
        UChar32 c = 0;
        if (b0 < 0x80) {
          c = static_cast<UChar32>(b0);
          len = 1;
          own = b0;
        } else if (b0 >= 0xC2 && b0 < 0xE0 && (b1 & 0xC0) == 0x80) {
          c = static_cast<UChar32>(((b0 & 0x1F) << 6) | (b1 & 0x3F));
          len = 2;
          own = b0 | (b1 << 8);
        }
        if (len) {
          const std::uint32_t info = bmp[c];
          w = (info & kMapped) ? (info & kPairBytes) : (own | (len << kLenShift));
          if ((info & (kBB | kSelf | kCR)) == (kBB | kSelf) && ((w >> kLenShift) & 3) <= len)
            w |= kPairPlain;
        }
        pair[(b0 << 8) | b1] = w;
      }
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

inline std::uint32_t info_of(const std::uint32_t* bmp, UChar32 c) {
  if (static_cast<std::uint32_t>(c) < 0x10000) return bmp[c];
  return compute_info(c);  // supplementary: rare, asked of ICU each time
}

// Post mapping of a code point produced by NFKC (no boundary information needed).
inline std::uint32_t post_of(const Tables& t, UChar32 c) {
  if (static_cast<std::uint32_t>(c) < 0x10000) return t.bmp[c] & ~(kBB | kBA | kSelf | kInert);
  return post_mapping(c);
}

// ---- Output ------------------------------------------------------------------------------

// A growable output buffer: view bytes and, with kMap, the unit range of every byte. The hot
// loop writes through a Cursor (raw pointers held in locals, so that byte stores are not taken
// to alias the buffer's own members); the buffers always have room for kSlack bytes past the
// capacity, so a code point (at most four bytes) is written with whole-word stores.
template <bool kMap>
class Out {
 public:
  static constexpr std::size_t kSlack = 4;
  struct Cursor {
    char* t;
    std::uint32_t* ss;
    std::uint32_t* ee;
    std::size_t n, cap;
  };

  explicit Out(std::size_t expect) { grow(expect + 16); }

  Cursor cursor() { return {text_.data(), start_.data(), end_.data(), n_, cap_}; }
  void set_size(std::size_t n) { n_ = n; }

  // Room for `k` more bytes (k <= kSlack needs no check beyond n <= cap).
  void reserve_more(Cursor& c, std::size_t k) {
    if (c.n + k <= c.cap) return;
    n_ = c.n;
    grow((c.n + k) * 2);
    c = cursor();
  }

  static void emit(Cursor& c, const char* p, std::size_t n, std::uint32_t s, std::uint32_t e) {
    char* t = c.t + c.n;
    for (std::size_t k = 0; k < n; ++k) t[k] = p[k];
    fill(c, n, s, e);
  }

  // Offsets of the next n <= kSlack bytes (written as kSlack, the rest overwritten later).
  static void fill(Cursor& c, std::size_t n, std::uint32_t s, std::uint32_t e) {
    if constexpr (kMap) {
      std::uint32_t* ss = c.ss + c.n;
      std::uint32_t* ee = c.ee + c.n;
      for (std::size_t k = 0; k < kSlack; ++k) {
        ss[k] = s;
        ee[k] = e;
      }
    }
    c.n += n;
  }

  // The replacement bytes packed in an info word (see map_to).
  static void emit_packed(Cursor& c, std::uint32_t info, std::uint32_t s, std::uint32_t e) {
    const std::uint32_t bytes = info & 0xFFFFFF;
    std::memcpy(c.t + c.n, &bytes, 4);
    fill(c, (info >> kLenShift) & 3, s, e);
  }

  std::string take_text() {
    text_.resize(n_);
    return std::move(text_);
  }
  // Hands the buffers over (no shrink_to_fit: the capacity is the source size, or twice
  // what was needed when NFKC expanded the text, and copying would cost more).
  void finish(std::string& text, detail::OffsetVector& start, detail::OffsetVector& end,
              std::uint32_t source_end) {
    text_.resize(n_);
    text = std::move(text_);
    if constexpr (kMap) {
      start_.resize(n_ + 1);
      start_[n_] = source_end;
      end_.resize(n_);
      start = std::move(start_);
      end = std::move(end_);
    }
  }

 private:
  void grow(std::size_t cap) {
    cap_ = cap;
    text_.resize(cap_ + kSlack);
    if constexpr (kMap) {
      start_.resize(cap_ + kSlack + 1);
      end_.resize(cap_ + kSlack);
    }
  }
  std::string text_;
  detail::OffsetVector start_, end_;
  std::size_t n_ = 0, cap_ = 0;
};

// ---- The builder ---------------------------------------------------------------------------

// Four offsets of each map: ss[0..3] = s, ee[0..3] = e.
[[gnu::always_inline]] inline void fill4(std::uint32_t* ss, std::uint32_t* ee, std::size_t s, std::size_t e) {
#if defined(__SSE2__)
  _mm_storeu_si128(reinterpret_cast<__m128i*>(ss), _mm_set1_epi32(static_cast<int>(s)));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(ee), _mm_set1_epi32(static_cast<int>(e)));
#else
  const std::uint64_t sp = s | (static_cast<std::uint64_t>(s) << 32);
  const std::uint64_t ep = e | (static_cast<std::uint64_t>(e) << 32);
  std::memcpy(ss, &sp, 8);
  std::memcpy(ss + 2, &sp, 8);
  std::memcpy(ee, &ep, 8);
  std::memcpy(ee + 2, &ep, 8);
#endif
}

// Emits one code point (UTF-8 bytes `p`, length `n` <= 4) after post mapping (`info`); the
// view bytes map to source [us, ue).
template <bool kMap>
[[gnu::always_inline]] inline void emit_cp(Out<kMap>& out, typename Out<kMap>::Cursor& cur,
                                           std::uint32_t info, const char* p, std::size_t n,
                                           std::size_t us, std::size_t ue) {
  using O = Out<kMap>;
  out.reserve_more(cur, O::kSlack);
  if (!(info & kMapped)) {
    O::emit(cur, p, n, static_cast<std::uint32_t>(us), static_cast<std::uint32_t>(ue));
  } else {
    O::emit_packed(cur, info, static_cast<std::uint32_t>(us), static_cast<std::uint32_t>(ue));
  }
}

// Normalizes the unit source[us, ue) (more than one code point, or one whose NFKC form
// differs from itself) through ICU; `tmp` is scratch. Returns the advanced cursor (taken and
// returned by value, so the caller's copy stays in registers).
template <bool kMap>
[[gnu::noinline]] typename Out<kMap>::Cursor flush_icu(Out<kMap>& out, typename Out<kMap>::Cursor cur,
                                                       const Tables& T, std::string_view source,
                                                       std::size_t us, std::size_t ue, std::string& tmp) {
  tmp.clear();
  icu::StringByteSink<std::string> sink(&tmp);
  UErrorCode st = U_ZERO_ERROR;
  const std::string_view unit(source.data() + us, ue - us);
  nfkc().normalizeUTF8(0, icu::StringPiece(unit.data(), static_cast<int32_t>(unit.size())),
                       sink, nullptr, st);
  if (U_FAILURE(st)) tmp.assign(unit);  // cannot happen on valid UTF-8; keep the bytes
  // Unchanged by NFKC: every code point keeps its own source range; otherwise all of the
  // output maps to the whole unit.
  const bool same = tmp == unit;
  const std::string_view from = same ? unit : std::string_view(tmp);
  const auto* t = reinterpret_cast<const std::uint8_t*>(from.data());
  for (std::size_t i = 0; i < from.size();) {
    const std::size_t p = i;
    UChar32 c;
    U8_NEXT(t, i, from.size(), c);
    emit_cp(out, cur, post_of(T, c), from.data() + p, i - p, same ? us + p : us, same ? us + i : ue);
  }
  return cur;
}

template <bool kMap>
void build(std::string_view source, std::size_t begin, std::size_t end, Out<kMap>& out) {
  const Tables& T = tables();
  const std::uint32_t* const bmp = T.bmp.get();
  const std::uint32_t* const pair = T.pair.get();
  const auto* s = reinterpret_cast<const std::uint8_t*>(source.data());
  const char* cs_ = source.data();
  std::string tmp;  // NFKC output of a unit
  typename Out<kMap>::Cursor cur = out.cursor();
  // The pending unit source[us, p): emitted as is (post mapped) when it is one code point
  // that NFKC leaves alone, else through ICU.
  auto flush = [&](std::size_t us, std::size_t p, std::size_t nc, std::uint32_t info0) __attribute__((always_inline)) {
    if (nc == 1 && (info0 & kSelf)) emit_cp(out, cur, info0, cs_ + us, p - us, us, p);
    else cur = flush_icu(out, cur, T, source, us, p, tmp);
  };

  static constexpr char kReplacement[] = "\xEF\xBF\xBD";
  std::size_t us = 0;       // start of the pending unit
  std::size_t nc = 0;       // code points in the pending unit
  std::uint32_t info0 = 0;  // info of its first code point
  bool prev_ba = true;      // boundary after the previous code point
  std::size_t i = begin;
  while (i < end) {
    if (nc == 1 && (info0 & kSelf) && i - us <= 2) {
      // Fast path for the common case (the unit logic below decides the same): the pending
      // unit is one code point of one or two bytes that NFKC leaves alone, and the next code
      // point is plain (see kPairPlain): the pending one is emitted on its own and the next
      // one becomes pending. `pend` holds the pending one's view bytes and their count.
      char* t = cur.t;
      std::uint32_t* ss = cur.ss;
      std::uint32_t* ee = cur.ee;
      std::size_t n = cur.n;
      std::uint32_t pend = (info0 & kMapped) ? (info0 & kPairBytes)
                                             : (s[us] | (i - us == 2 ? s[us + 1] << 8 : 0u) |
                                                static_cast<std::uint32_t>(i - us) << kLenShift);
      // Each step emits at most as many bytes as it consumes (the first one up to two more),
      // so staying below `lim` keeps kSlack bytes of room; and a step reads two bytes.
      std::size_t lim = end - 1;
      const std::size_t room = cur.cap - n;
      if (room < Out<kMap>::kSlack + 2) lim = 0;
      else lim = std::min(lim, us + room - Out<kMap>::kSlack - 2);
      while (i < lim) {
        // The step is taken by a branch on the first byte, not from the table word: the next
        // iteration's loads then need not wait for this one's.
        const std::uint8_t b0 = s[i];
        std::uint32_t x;
        std::size_t q;
        if (b0 < 0x80) {
          x = pair[std::size_t{b0} << 8];
          q = i + 1;
        } else {
          x = pair[(std::size_t{b0} << 8) | s[i + 1]];
          q = i + 2;
        }
        if (!(x & kPairPlain)) break;
        // Emit the pending code point source[us, i).
        std::memcpy(t + n, &pend, 4);  // its bytes; the rest of the four is overwritten later
        if constexpr (kMap) fill4(ss + n, ee + n, us, i);
        n += pend >> kLenShift;
        us = i;
        pend = x & kPairBytes;
        i = q;
      }
      cur.n = n;
      info0 = bmp[s[us] < 0x80 ? s[us] : ((s[us] & 0x1F) << 6) | (s[us + 1] & 0x3F)];
      prev_ba = (info0 & kBA) != 0;
      if (i >= end) break;
    }
    const std::size_t p = i;
    UChar32 c;
    // ASCII and two-byte sequences (the Arabic block) decoded here; the rest by U8_NEXT.
    const std::uint8_t b0 = s[i];
    if (b0 < 0x80) {
      c = b0;
      ++i;
    } else if (b0 >= 0xC2 && b0 < 0xE0 && i + 1 < end && (s[i + 1] & 0xC0) == 0x80) {
      c = (static_cast<UChar32>(b0 & 0x1F) << 6) | (s[i + 1] & 0x3F);
      i += 2;
    } else {
      U8_NEXT(s, i, end, c);
    }
    if (c < 0) {
      // Ill-formed UTF-8 (ingest rejects it; be safe for fuzzers): U+FFFD, its own unit.
      if (nc) {
        flush(us, p, nc, info0);
        nc = 0;
      }
      emit_cp(out, cur, 0, kReplacement, 3, p, i);
      prev_ba = true;
      continue;
    }
    const std::uint32_t info = info_of(bmp, c);
    if (nc && ((info & kBB) || prev_ba)) {
      flush(us, p, nc, info0);
      nc = 0;
    }
    if (nc == 0 && (info & kInert)) {
      if (info & kCR) {
        if (i == end || s[i] != '\n') emit_cp(out, cur, 0, "\n", 1, p, i);
      } else {
        emit_cp(out, cur, info, cs_ + p, i - p, p, i);
      }
      prev_ba = true;
      continue;
    }
    if (nc == 0) {
      us = p;
      info0 = info;
    }
    ++nc;
    prev_ba = (info & kBA) != 0;
  }
  if (nc) flush(us, end, nc, info0);
  out.set_size(cur.n);
}

}  // namespace


View make_view(std::string_view source, std::size_t begin, std::size_t end) {
  if (end > source.size()) end = source.size();
  if (begin > end) begin = end;
  if (end > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("make_view: source larger than 4 GiB");
  View v;
  Out<true> out(end - begin);
  build<true>(source, begin, end, out);
  out.finish(v.text_, v.start_, v.end_, static_cast<std::uint32_t>(end));
  return v;
}

std::string fold(std::string_view s) {
  if (s.size() > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("fold: string larger than 4 GiB");
  Out<false> out(s.size());
  build<false>(s, 0, s.size(), out);
  return out.take_text();
}

}  // namespace tadqiq::normalize
