#include "facts/json_writer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <type_traits>

#include <unicode/utf8.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

namespace tadqiq {

namespace json_detail {

void append_int(std::string& out, long long v) {
  const fmt::format_int f(v);
  out.append(f.data(), f.size());
}

void key(std::string& out, const char* k) {
  out.push_back('"');
  out += k;
  out += "\":";
}

}  // namespace json_detail

void JsonBuffer::reserve(std::size_t n) {
  if (n <= capacity_) return;
  const std::size_t capacity = std::max(n, 2 * capacity_);
  auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
  if (size_) std::memcpy(bigger.get(), data_.get(), size_);
  data_ = std::move(bigger);
  capacity_ = capacity;
}

namespace {

using namespace std::string_view_literals;

// What a byte of a string is to the writer: copied as it is (ASCII but controls, '"' and
// '\\'), escaped, the lead of a 2-, 3- or 4-byte UTF-8 sequence, or never valid in UTF-8
// (a continuation byte without a lead, C0/C1, F5..FF).
enum ByteClass : unsigned char { kPlain, kEscape, kLead2, kLead3, kLead4, kInvalid };

constexpr std::array<unsigned char, 256> kByteClass = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = kEscape;
  t['"'] = t['\\'] = kEscape;
  for (int c = 0x80; c < 0xC2; ++c) t[c] = kInvalid;
  for (int c = 0xC2; c <= 0xDF; ++c) t[c] = kLead2;
  for (int c = 0xE0; c <= 0xEF; ++c) t[c] = kLead3;
  for (int c = 0xF0; c <= 0xF4; ++c) t[c] = kLead4;
  for (int c = 0xF5; c <= 0xFF; ++c) t[c] = kInvalid;
  return t;
}();

#if !defined(__SSE2__)
// True when none of the eight bytes of `w` is non-ASCII, a control, '"' or '\\'.
inline bool plain_ascii8(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
  const auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & high; };
  const std::uint64_t below_space = (w - ones * 0x20) & ~w & high;  // bytes < 0x20 (of ASCII)
  return ((w & high) | below_space | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\'))) ==
         0;
}
#endif

// One well-formed character at p[0, n) that needs no escape: its length, or 0 when p[0]
// needs an escape or starts no well-formed UTF-8 sequence (Unicode Table 3-7, as U8_NEXT
// accepts them: no overlongs, no surrogates, nothing above U+10FFFF).
inline std::size_t plain_char(const unsigned char* p, std::size_t n) {
  const unsigned char c = p[0];
  switch (kByteClass[c]) {
    case kPlain: return 1;
    case kLead2: return n > 1 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    case kLead3: {
      const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
      return n > 2 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    case kLead4: {
      const unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
      return n > 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 &&
                     (p[3] & 0xC0) == 0x80
                 ? 4
                 : 0;
    }
    default: return 0;  // kEscape, kInvalid
  }
}

// Appends to a std::string or a JsonBuffer through a raw pointer: the target is grown ahead
// and cut back to what was written when the sink goes away, so that each piece written costs
// a bounds check and a copy rather than a call into std::string. (A std::string zero-fills
// what it grows by, a JsonBuffer does not.)
//
// The writers below carry the write position themselves, as a `char* p` they are given and
// return: held in the sink, it would be stored and loaded again around every byte written
// (a char store may alias any object). They start at start(), get room(p, n) before writing
// n bytes at p, and hand the end back with finish(p) before the sink goes away.
class Sink {
 public:
  Sink(std::string& s, std::size_t expect) : str_(&s), base_(s.size()) { extend(expect); }
  Sink(JsonBuffer& b, std::size_t expect) : buf_(&b), base_(b.size()) { extend(expect); }
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;
  ~Sink() {
    if (str_) str_->resize(size());
    else buf_->set_size(size());
  }

  char* start() const { return p_; }
  void finish(char* p) { p_ = p; }
  // Room for `n` bytes at p: p, or where it is after the target grew.
  [[gnu::always_inline]] char* room(char* p, std::size_t n) {
    return static_cast<std::size_t>(end_ - p) < n ? grow(p, n) : p;
  }
  // Position p as an offset from the target's first byte (which growth keeps), and back.
  std::size_t offset(const char* p) const { return static_cast<std::size_t>(p - data_); }
  const char* at(std::size_t offset) const { return data_ + offset; }

 private:
  std::size_t size() const { return offset(p_); }
  [[gnu::noinline]] char* grow(char* p, std::size_t n) {
    // By what this sink wrote so far at least (amortized growth), never by the whole target,
    // which may hold much more (many small appends to one big output).
    const std::size_t used = offset(p) - base_;
    p_ = p;
    if (buf_) buf_->set_size(size());  // kept by its reserve
    extend(used + std::max(n, used) + 256);
    p_ = data_ + base_ + used;
    return p_;
  }
  // Room for `n` bytes after the target's first base_, p_ at the first of them.
  void extend(std::size_t n) {
    if (str_) {
      str_->resize(base_ + n);
      data_ = str_->data();
    } else {
      buf_->reserve(base_ + n);
      data_ = buf_->data();
    }
    p_ = data_ + base_;
    end_ = data_ + base_ + n;
  }

  std::string* str_ = nullptr;
  JsonBuffer* buf_ = nullptr;
  const std::size_t base_;  // the target's size before this sink
  char* data_;              // the target's first byte
  char* p_;                 // the end of what was written, as of the last finish or growth
  char* end_;
};

// `n` bytes at p, in room the caller got; the end of them.
[[gnu::always_inline]] inline char* put_raw(char* p, const char* d, std::size_t n) {
  std::memcpy(p, d, n);
  return p + n;
}
[[gnu::always_inline]] inline char* put_raw(char* p, std::string_view v) { return put_raw(p, v.data(), v.size()); }
// The same with a room check.
[[gnu::always_inline]] inline char* raw(Sink& o, char* p, std::string_view v) {
  return put_raw(o.room(p, v.size()), v);
}
[[gnu::always_inline]] inline char* put(Sink& o, char* p, char c) {
  p = o.room(p, 1);
  *p = c;
  return p + 1;
}

// Room a copy_plain call needs beyond the bytes it copies: it stores whole 16-byte windows.
constexpr std::size_t kSlack = 16;

#if defined(__SSE2__)
// Sixteen bytes at once, for text of ASCII and 2-byte characters (Arabic, as a rule).
// `lead2`: the bytes that lead a 2-byte character; `problem`: the bytes that need a closer
// look (an escape, a 3- or 4-byte character, ill-formed UTF-8). `carry`: byte 0 continues a
// 2-byte character led by the byte before the window. A 2-byte lead at byte 15 is not a
// problem here: its continuation is beyond the window.
inline void window_bits(__m128i v, unsigned carry, unsigned& problem, unsigned& lead2) {
  const auto mask = [](__m128i m) { return static_cast<unsigned>(_mm_movemask_epi8(m)); };
  // As signed bytes: controls 0..31, continuations 0x80..0xBF = -128..-65, 2-byte leads
  // 0xC2..0xDF = -62..-33.
  // Controls are the bytes that saturate to zero less 0x1F.
  const __m128i control = _mm_cmpeq_epi8(_mm_subs_epu8(v, _mm_set1_epi8(0x1F)), _mm_setzero_si128());
  const unsigned special = mask(_mm_or_si128(
      control, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')))));
  const unsigned high = mask(v);
  const unsigned cont = mask(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
  lead2 = mask(_mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-63)), _mm_cmplt_epi8(v, _mm_set1_epi8(-32))));
  // A continuation byte must follow a 2-byte lead, and a 2-byte lead be followed by one.
  problem = special | (high & ~(cont | lead2)) | ((cont ^ ((lead2 << 1) | carry)) & 0xFFFF);
}

// The r (1..15) bytes at p, zero-padded to sixteen, built in registers (at most two loads,
// no loop, no call, and no store to reload: that would stall on store forwarding).
// Little-endian, as every SSE2 machine is.
[[gnu::always_inline]] inline __m128i load_short(const unsigned char* p, std::size_t r) {
  if (r >= 8) {
    std::uint64_t lo, hi = 0;
    std::memcpy(&lo, p, 8);
    if (r > 8) {
      std::memcpy(&hi, p + r - 8, 8);
      hi >>= 8 * (16 - r);  // bytes 8 .. r-1
    }
    return _mm_set_epi64x(static_cast<long long>(hi), static_cast<long long>(lo));
  }
  std::uint64_t v;
  if (r >= 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + r - 4, 4);
    v = lo | (std::uint64_t{hi} >> (8 * (8 - r)) << 32);  // bytes 4 .. r-1 above bytes 0..3
  } else {
    v = std::uint64_t{p[0]} | (r > 1 ? std::uint64_t{p[1]} << 8 : 0) |
        (r > 2 ? std::uint64_t{p[2]} << 16 : 0);
  }
  return _mm_cvtsi64_si128(static_cast<long long>(v));
}
#endif

// Copies the longest prefix of p[0, n) that is written as it is (ASCII but controls, '"' and
// '\\', and well-formed UTF-8 sequences, see plain_char) to `out`, which must have room
// for n + kSlack bytes, and returns its length. With SSE2 the check and the copy go sixteen
// bytes at a time: each window is stored whole, and what follows the prefix is overwritten
// by whatever is written next.
std::size_t copy_plain(char* out, const unsigned char* p, std::size_t n) {
  std::size_t i = 0;
#if defined(__SSE2__)
  unsigned carry = 0;  // byte i continues a 2-byte character led by byte i - 1
  for (;;) {
    unsigned problem = 0, lead2 = 0;
    // Whole windows while they need no closer look: the hot loop.
    for (; n - i >= 16; i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), v);
      window_bits(v, carry, problem, lead2);
      if (problem != 0) break;
      carry = lead2 >> 15;
    }
    const std::size_t rest = n - i;
    std::size_t start;  // where the character that needs a closer look starts
    if (problem != 0) {
      const unsigned q = static_cast<unsigned>(__builtin_ctz(problem));
      start = i + q;
      if (q > 0 ? (lead2 >> (q - 1)) & 1 : carry) --start;  // a lead without its continuation
      carry = 0;
    } else {
      if (carry) {  // back to the last lead, so that the last bytes start at a character
        --i;
        carry = 0;
        continue;
      }
      if (rest == 0) break;
      // The last bytes: a window ending at the end of p (overlapping bytes copied already,
      // stored again unchanged), or for a short string its bytes zero-padded. Bits [lo, hi)
      // are the bytes from i.
      __m128i v;
      std::size_t base;  // offset in p of the window's first byte
      unsigned lo;
      if (n >= 16) {
        base = n - 16;
        v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + base));
        lo = static_cast<unsigned>(16 - rest);
      } else {
        base = i;
        v = load_short(p + i, rest);
        lo = 0;
      }
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + base), v);
      const unsigned hi = lo + static_cast<unsigned>(rest);
      window_bits(v, 0, problem, lead2);
      // A 2-byte lead at the last byte has no continuation. Bytes before lo are checked
      // already (and byte lo - 1 ends a character, so it leads none).
      problem = (problem | (lead2 & (1u << (hi - 1)))) & ((1u << hi) - 1) & ~((1u << lo) - 1);
      if (problem == 0) {
        i = n;
        break;
      }
      const unsigned q = static_cast<unsigned>(__builtin_ctz(problem));
      start = base + q;
      if (q > 0 && (lead2 >> (q - 1)) & 1) --start;  // a lead without its continuation
    }
    i = start;
    // The character there: a 3- or 4-byte one is copied on its own; else the prefix ends.
    const std::size_t len = plain_char(p + i, n - i);
    if (len == 0) break;
    std::memcpy(out + i, p + i, len);
    i += len;
  }
#else
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (plain_ascii8(w)) {
        i += 8;
        continue;
      }
    }
    const std::size_t len = plain_char(p + i, n - i);
    if (len == 0) break;
    i += len;
  }
  std::memcpy(out, p, i);
#endif
  return i;
}

// Room write_int needs: a sign and the twenty digits of the largest 64-bit integer.
constexpr std::size_t kIntRoom = 21;

// "00" "01" ... "99": two digits at a time.
constexpr std::array<char, 200> kDigitPairs = [] {
  std::array<char, 200> t{};
  for (int i = 0; i < 100; ++i) {
    t[2 * i] = static_cast<char>('0' + i / 10);
    t[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return t;
}();

inline unsigned decimal_digits(std::uint64_t v) {
  for (unsigned n = 1;; n += 4, v /= 10000) {
    if (v < 10) return n;
    if (v < 100) return n + 1;
    if (v < 1000) return n + 2;
    if (v < 10000) return n + 3;
  }
}

// `v` in decimal at `p`; the end of what was written.
[[gnu::always_inline]] inline char* put_decimal(char* p, std::uint64_t v) {
  char* const end = p + decimal_digits(v);
  char* q = end;
  for (; v >= 100; v /= 100) {
    q -= 2;
    std::memcpy(q, kDigitPairs.data() + 2 * (v % 100), 2);
  }
  if (v >= 10) std::memcpy(q - 2, kDigitPairs.data() + 2 * v, 2);
  else q[-1] = static_cast<char>('0' + v);
  return end;
}

// An integer as nlohmann writes it, in room the caller got (kIntRoom bytes).
template <class Int>
[[gnu::always_inline]] inline char* put_int(char* p, Int v) {
  std::uint64_t magnitude = static_cast<std::uint64_t>(v);
  if constexpr (std::is_signed_v<Int>) {
    if (v < 0) {
      *p++ = '-';
      magnitude = 0 - magnitude;
    }
  }
  return put_decimal(p, magnitude);
}

template <class Int>
[[gnu::always_inline]] inline char* write_int(Sink& o, char* p, Int v) {
  return put_int(o.room(p, kIntRoom), v);
}

// What precedes an integer (a literal of at most 24 bytes), then the integer, in room the
// caller got.
template <std::size_t N, class Int>
[[gnu::always_inline]] inline char* put_int_member(char* p, const char (&prefix)[N], Int v) {
  static_assert(N - 1 <= 24);
  return put_int(put_raw(p, prefix, N - 1), v);
}

// write_string for any string: see there.
[[gnu::noinline]] char* write_any_string(Sink& o, char* p, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  p = o.room(p, n + 2 + kSlack);  // enough unless something is escaped or replaced
  *p++ = '"';
  std::size_t i = 0;
  for (;;) {
    // Runs that need no escape (the whole string, as a rule) are copied at once.
    const std::size_t plain = copy_plain(p, b + i, n - i);
    p += plain;
    i += plain;
    if (i >= n) break;
    // The longest replacement, the rest as it is, the quote.
    p = o.room(p, 6 + (n - i) + 1 + kSlack);
    const unsigned char c = b[i];
    if (kByteClass[c] != kEscape) {
      // Not well-formed UTF-8 here: U+FFFD, for what U8_NEXT takes as the ill-formed sequence.
      auto k = static_cast<std::int64_t>(i);
      UChar32 cp;
      U8_NEXT(b, k, static_cast<std::int64_t>(n), cp);
      p = put_raw(p, "\xEF\xBF\xBD", 3);
      i = static_cast<std::size_t>(k);
      continue;
    }
    ++i;
    switch (c) {
      case '"': p = put_raw(p, "\\\"", 2); break;
      case '\\': p = put_raw(p, "\\\\", 2); break;
      case '\b': p = put_raw(p, "\\b", 2); break;
      case '\f': p = put_raw(p, "\\f", 2); break;
      case '\n': p = put_raw(p, "\\n", 2); break;
      case '\r': p = put_raw(p, "\\r", 2); break;
      case '\t': p = put_raw(p, "\\t", 2); break;
      default: {
        const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        p = put_raw(p, u, 6);
      }
    }
  }
  *p++ = '"';
  return p;
}

// Room a put_short call needs: the sixteen bytes it stores.
constexpr std::size_t kShortRoom = 16;

// Most strings written are short (keys, ids, types, attribute values): one of 1 to 15 bytes
// is checked and copied to `out` as one zero-padded window, without the general loop.
// True when s[0, n), 0 < n < 16, needs no escape (then it is at out[0, n)); false (and
// out[0, 16) is garbage) when it needs the general writer.
[[gnu::always_inline]] inline bool put_short(char* out, const char* s, std::size_t n) {
#if defined(__SSE2__)
  const __m128i v = load_short(reinterpret_cast<const unsigned char*>(s), n);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v);
  const unsigned bytes = (1u << n) - 1;  // the padding is no part of it
  // ASCII first (ids, keys, most attribute values): bytes 0x20..0x7F but '"' and '\\'
  // (a signed compare: bytes from 0x80 are negative).
  const unsigned ascii = static_cast<unsigned>(_mm_movemask_epi8(_mm_andnot_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
      _mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)))));
  if ((~ascii & bytes) == 0) return true;
  unsigned problem, lead2;
  window_bits(v, 0, problem, lead2);
  // A 2-byte lead at the last byte has no continuation.
  return ((problem | (lead2 & (1u << (n - 1)))) & bytes) == 0;
#else
  (void)out, (void)s, (void)n;
  return false;
#endif
}

// write_string for 17 to 32 bytes (a short sentence or span text, a name, most long
// attribute values): two windows, the second ending at the last byte and overlapping the
// first, checked and copied without the general writer's loop; any other string, or one
// that needs an escape, goes to write_any_string.
[[gnu::noinline]] char* write_medium_string(Sink& o, char* p, std::string_view s) {
#if defined(__SSE2__)
  const std::size_t n = s.size();
  if (n - 17 < 16) {
    p = o.room(p, n + 2);
    char* const out = p + 1;
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data()));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + n - 16));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), a);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + n - 16), b);
    // The first `lo` (0..15) bytes of b are bytes of a, checked there: their bits of b are
    // dropped (a continuation at b's first byte included). b's byte lo continues a's last
    // byte when lo is 0, and follows it in b otherwise.
    const unsigned lo = static_cast<unsigned>(32 - n);
    unsigned problem_a, lead2_a, problem_b, lead2_b;
    window_bits(a, 0, problem_a, lead2_a);
    window_bits(b, lo == 0 ? lead2_a >> 15 : 0, problem_b, lead2_b);
    // A 2-byte lead at the last byte has no continuation.
    if ((problem_a | ((problem_b | (lead2_b & 0x8000u)) >> lo)) == 0) {
      p[0] = '"';
      p[n + 1] = '"';
      return p + n + 2;
    }
  }
#endif
  return write_any_string(o, p, s);
}

// A JSON string literal (with quotes) of `s`, then the byte `after` unless it is 0.
[[gnu::always_inline]] inline char* write_string(Sink& o, char* p, std::string_view s, char after = 0) {
  const std::size_t n = s.size();
  if (n - 1 < 15) {
    p = o.room(p, 1 + kShortRoom + 1);
    if (put_short(p + 1, s.data(), n)) {
      p[0] = '"';
      p[n + 1] = '"';
      p += n + 2;
      if (after) *p++ = after;
      return p;
    }
  } else if (n == 0) {
    p = o.room(p, 3);
    p[0] = p[1] = '"';
    p += 2;
    if (after) *p++ = after;
    return p;
  }
  p = write_medium_string(o, p, s);
  return after ? put(o, p, after) : p;
}

// A member: its key literal (with what precedes it, and the colon), then a string.
template <std::size_t N>
[[gnu::always_inline]] inline char* string_member(Sink& o, char* p, const char (&key)[N], std::string_view s) {
  return write_string(o, put_raw(o.room(p, N - 1), key, N - 1), s);
}

// An object member's key: what precedes it ('{' or ','), the key's literal, its colon.
[[gnu::always_inline]] inline char* write_key(Sink& o, char* p, char before, std::string_view k) {
  const std::size_t n = k.size();
  if (n - 1 < 15) {
    p = o.room(p, 2 + kShortRoom + 2);
    if (put_short(p + 2, k.data(), n)) {
      p[0] = before;
      p[1] = p[n + 2] = '"';
      p[n + 3] = ':';
      return p + n + 4;
    }
  }
  return write_string(o, put(o, p, before), k, ':');
}

template <class Json>
char* write_value(Sink& o, char* p, const Json& j);

// A JSON value (nlohmann::json or FactJson), written as nlohmann's compact dump writes it;
// fact values and attributes are small trees, so walking them directly saves the
// serializer's set-up and its temporary string. Scalars are written in place (the members of
// an object or array, as a rule), containers through write_value.
template <class Json>
[[gnu::always_inline]] inline char* write_element(Sink& o, char* p, const Json& j) {
  using V = nlohmann::json::value_t;
  // Strings and integers first (most members are), by two tests rather than a jump table.
  if (j.type() == V::string) return write_string(o, p, *j.template get_ptr<const typename Json::string_t*>());
  if (j.type() == V::number_integer)
    return write_int(o, p, *j.template get_ptr<const typename Json::number_integer_t*>());
  switch (j.type()) {
    case V::number_unsigned:
      return write_int(o, p, *j.template get_ptr<const typename Json::number_unsigned_t*>());
    case V::null: return raw(o, p, "null"sv);
    case V::boolean:
      return raw(o, p, *j.template get_ptr<const typename Json::boolean_t*>() ? "true"sv : "false"sv);
    default: return write_value(o, p, j);
  }
}

template <class Json>
char* write_value(Sink& o, char* p, const Json& j) {
  using V = nlohmann::json::value_t;
  switch (j.type()) {
    case V::object: {
      const auto& members = j.template get_ref<const typename Json::object_t&>();
      if (members.empty()) return raw(o, p, "{}"sv);
      char before = '{';
      for (const auto& [k, v] : members) {
        p = write_key(o, p, before, k);
        p = write_element(o, p, v);
        before = ',';
      }
      return put(o, p, '}');
    }
    case V::array: {
      const auto& elements = j.template get_ref<const typename Json::array_t&>();
      if (elements.empty()) return raw(o, p, "[]"sv);
      char before = '[';
      for (const auto& v : elements) {
        p = put(o, p, before);
        p = write_element(o, p, v);
        before = ',';
      }
      return put(o, p, ']');
    }
    case V::number_float:
    case V::binary:
    case V::discarded:  // floats (nlohmann's own shortest form)
      return raw(o, p, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    default: return write_element(o, p, j);
  }
}

// The sentences of a sheet's facts repeat (every fact of a sentence carries it, and facts
// come by type, not by sentence): the distinct ones written, where their literal sits in the
// output, so that a repeat is a copy of the literal instead of another validating, escaping
// pass over the text. A small hash table by length and end bytes; when it fills up it starts
// over.
class SentenceMemo {
 public:
  char* write(Sink& o, char* p, std::string_view s) {
    const std::size_t n = s.size();
    std::size_t k = slot(s);
    for (; slots_[k].text; k = (k + 1) % kSlots) {
      const Entry& e = slots_[k];
      // Facts of one sentence share its buffer (SharedString): the same address is the same
      // text; another with the same bytes (read back from JSON, set by hand) is too.
      if (e.size == n && (e.text == s.data() || std::memcmp(e.text, s.data(), n) == 0)) {
        p = o.room(p, e.len);
        return put_raw(p, o.at(e.at), e.len);
      }
    }
    const std::size_t at = o.offset(p);
    p = write_string(o, p, s);
    if (used_ == kMaxUsed) {
      slots_ = {};
      used_ = 0;
      k = slot(s);
    }
    slots_[k] = Entry{s.data(), n, at, o.offset(p) - at};
    ++used_;
    return p;
  }

 private:
  static constexpr unsigned kSlotBits = 6;
  static constexpr std::size_t kSlots = std::size_t{1} << kSlotBits, kMaxUsed = kSlots * 3 / 4;
  struct Entry {
    const char* text;        // a fact's sentence, alive while the sheet is written; null: free
    std::size_t size, at, len;  // its length; its literal in the output
  };

  static std::size_t slot(std::string_view s) {
    const std::size_t n = s.size();
    std::uint64_t a = 0, b = 0;
    if (n >= 8) {
      std::memcpy(&a, s.data(), 8);
      std::memcpy(&b, s.data() + n - 8, 8);
    } else if (n > 0) {
      a = static_cast<unsigned char>(s[0]);
      b = static_cast<unsigned char>(s[n - 1]);
    }
    const std::uint64_t h = ((a * 0x9E3779B97F4A7C15ULL) ^ b ^ n) * 0xFF51AFD7ED558CCDULL;
    return static_cast<std::size_t>(h >> (64 - kSlotBits));
  }

  std::array<Entry, kSlots> slots_{};
  std::size_t used_ = 0;
};

char* write_fact(Sink& o, char* p, const Fact& f, SentenceMemo* sentences) {
  // Keys in nlohmann's (sorted) order.
  p = raw(o, p, "{\"as_of\":"sv);
  p = f.as_of ? write_string(o, p, *f.as_of) : raw(o, p, "null"sv);
  p = raw(o, p, ",\"attributes\":"sv);
  p = write_value(o, p, f.attributes);
  p = string_member(o, p, ",\"id\":", f.id);
  p = string_member(o, p, ",\"key\":", f.key);
  p = raw(o, p, ",\"sentence\":"sv);
  p = sentences ? sentences->write(o, p, f.sentence) : write_string(o, p, f.sentence);
  // The span at once: its keys and six integers fit the room got here.
  p = o.room(p, 6 * (24 + kIntRoom));
  p = put_int_member(p, ",\"span\":{\"column\":", f.span.column);
  p = put_int_member(p, ",\"end\":", f.span.end);
  p = put_int_member(p, ",\"end_column\":", f.span.end_column);
  p = put_int_member(p, ",\"end_line\":", f.span.end_line);
  p = put_int_member(p, ",\"line\":", f.span.line);
  p = put_int_member(p, ",\"start\":", f.span.start);
  p = string_member(o, p, "},\"text\":", f.text);
  p = string_member(o, p, ",\"type\":", f.type);
  p = raw(o, p, ",\"value\":"sv);
  p = write_value(o, p, f.value);
  return put(o, p, '}');
}

char* write_article(Sink& o, char* p, const ArticleMeta& a) {
  // As to_json(ArticleMeta) builds it, keys in nlohmann's (sorted) order; record and
  // suppressions only when set.
  p = string_member(o, p, "{\"date\":", a.date);
  p = string_member(o, p, ",\"encoding\":", a.encoding);
  p = string_member(o, p, ",\"format\":", a.format);
  p = string_member(o, p, ",\"id\":", a.id);
  p = raw(o, p, ",\"meta\":"sv);
  p = write_value(o, p, a.meta);
  p = string_member(o, p, ",\"path\":", a.path);
  if (a.record) {
    p = raw(o, p, ",\"record\":"sv);
    p = write_int(o, p, a.record);
  }
  p = string_member(o, p, ",\"sha256\":", a.sha256);
  p = string_member(o, p, ",\"source\":", a.source);
  if (!a.suppressions.empty()) {
    p = raw(o, p, ",\"suppressions\":["sv);
    for (std::size_t i = 0; i < a.suppressions.size(); ++i) {
      const Suppression& s = a.suppressions[i];
      if (i) p = put(o, p, ',');
      p = raw(o, p, "{\"directive_line\":"sv);
      p = write_int(o, p, s.directive_line);
      p = raw(o, p, ",\"first_line\":"sv);
      p = write_int(o, p, s.first_line);
      p = raw(o, p, ",\"kinds\":["sv);
      for (std::size_t k = 0; k < s.kinds.size(); ++k) {
        if (k) p = put(o, p, ',');
        p = write_string(o, p, s.kinds[k]);
      }
      p = raw(o, p, "],\"last_line\":"sv);
      p = write_int(o, p, s.last_line);
      p = put(o, p, '}');
    }
    p = put(o, p, ']');
  }
  p = string_member(o, p, ",\"title\":", a.title);
  p = string_member(o, p, ",\"url\":", a.url);
  return put(o, p, '}');
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  Sink o(out, s.size() + 2 + kSlack);
  o.finish(write_string(o, o.start(), s));
}

void append_fact_json(std::string& out, const Fact& f) {
  Sink o(out, f.sentence.size() + f.text.size() + f.key.size() + 320);
  o.finish(write_fact(o, o.start(), f, nullptr));
}

void append_article_json(std::string& out, const ArticleMeta& a) {
  Sink o(out, 512);
  o.finish(write_article(o, o.start(), a));
}

namespace {

template <class Out>
void write_sheet(Out& out, const FactSheet& s) {
  // About what the sheet takes, so the target is not regrown (and copied) many times. A
  // JsonBuffer does not fill the room it grows by (and keeps it from sheet to sheet), so a
  // generous bound costs nothing; a std::string does, so it gets a closer one, from a pass
  // over the facts.
  std::size_t estimate = 1024;
  if constexpr (std::is_same_v<Out, JsonBuffer>)
    estimate += 1024 * s.facts.size();
  else
    for (const auto& f : s.facts) estimate += f.sentence.size() + f.text.size() + f.key.size() + 320;
  Sink o(out, estimate);
  char* p = raw(o, o.start(), "{\"article\":"sv);
  p = write_article(o, p, s.article);
  p = raw(o, p, ",\"facts\":["sv);
  SentenceMemo sentences;
  for (std::size_t i = 0; i < s.facts.size(); ++i) {
    if (i) p = put(o, p, ',');
    p = write_fact(o, p, s.facts[i], &sentences);
  }
  p = string_member(o, p, "],\"schema\":", kFactSheetSchema);
  o.finish(put(o, p, '}'));
}

}  // namespace

void append_sheet_json(std::string& out, const FactSheet& s) { write_sheet(out, s); }
void append_sheet_json(JsonBuffer& out, const FactSheet& s) { write_sheet(out, s); }

}  // namespace tadqiq
