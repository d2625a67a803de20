// tadqiq/normalize/normalize.h — the matching view of an article and its offset map.
//
// The view is what extractors match against (see docs/normalization.md): NFKC; tashkeel and
// tatweel removed; alef/hamza forms, alef maqsura and teh marbuta folded; every digit script
// to ASCII; Arabic thousands/decimal separators to ',' and '.', Arabic percent sign to '%';
// zero-width and bidi controls removed; quote characters to '"' and '\''; ASCII letters
// lower-cased; Unicode spaces to ' '; CRLF and lone CR (and U+0085/2028/2029) to '\n'.
//
// Contract:
//  * Every byte offset of the view maps back to a byte offset of the source text, and a view
//    range [b, e) maps to the smallest source range that produced it: source(b, e) never
//    splits a UTF-8 sequence and the source bytes in that range are exactly what was
//    normalized into view[b, e) (removed characters inside the range are included; removed
//    characters at its edges are not).
//  * An empty view range [b, b) maps to the empty source range at source_of(b).
//  * Slicing: re-running make_view on to_source(b, e) gives view[b, e) widened to whole
//    normalization units, with the same offsets.
//  * Sentences and paragraphs are given in source offsets. Sentences do not end at the dot of
//    a standalone abbreviation ("د. محمد").
//  * LineIndex keeps a view of its text: the text must outlive it.
//  * Knows no extractor and no rules file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tadqiq::normalize {

namespace detail {
// An allocator whose value-less construct() leaves trivial values uninitialized, so the offset
// map (8 bytes per view byte) can be sized without first being zero-filled.
template <class T>
struct UninitAllocator : std::allocator<T> {
  using value_type = T;
  template <class U>
  struct rebind {
    using other = UninitAllocator<U>;
  };
  UninitAllocator() noexcept = default;
  template <class U>
  UninitAllocator(const UninitAllocator<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... A>
  void construct(U* p, A&&... a) {
    ::new (static_cast<void*>(p)) U(std::forward<A>(a)...);
  }
};
using OffsetVector = std::vector<std::uint32_t, UninitAllocator<std::uint32_t>>;
}  // namespace detail

struct Range {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The matching view of source[begin, end) of some text.
class View {
 public:
  View() = default;
  const std::string& text() const { return text_; }
  // Source range (offsets into the full source text) for view range [b, e), b <= e <= size.
  Range to_source(std::size_t b, std::size_t e) const {
    const std::size_t n = text_.size();
    if (start_.empty()) return {0, 0};
    if (e > n) e = n;
    if (b > e) b = e;
    if (b == e) return {start_[b], start_[b]};
    return {start_[b], end_[e - 1]};
  }
  // Source offset where view byte `i` came from (i <= size; size maps to the source end).
  std::size_t source_of(std::size_t i) const {
    if (start_.empty()) return 0;
    if (i >= start_.size()) i = start_.size() - 1;
    return start_[i];
  }

 private:
  friend View make_view(std::string_view source, std::size_t begin, std::size_t end);
  std::string text_;
  // For each view byte i: source start of the unit it came from (a code point, or a
  // normalization chunk that ICU changed); and one past the end of that unit. Sized
  // text_.size() + 1 (start_[size] is the source end) / text_.size(). Empty for a
  // default-constructed View.
  detail::OffsetVector start_;
  detail::OffsetVector end_;
};

// Builds the view of source[begin, end). Invalid UTF-8 is never passed in (ingest rejects it).
View make_view(std::string_view source, std::size_t begin, std::size_t end);

// The view of a short string (rules entries go through this so they match the view).
std::string fold(std::string_view s);

// Line/column lookup over a text: 1-based line, 1-based column in Unicode code points.
// A lookup is a binary search over line starts and a count of at most 64 bytes (code points
// before every 64-byte block and every line start are counted once, at construction).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  std::pair<int, int> line_col(std::size_t offset) const;

 private:
  // UTF-8 continuation bytes in text_[0, i).
  std::size_t continuation_before(std::size_t i) const;
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  std::vector<std::uint32_t> block_cont_;  // continuation bytes before each 64-byte block
  std::vector<std::size_t> line_cont_;     // continuation bytes before each line start
};

// Sentences of source[begin, end) from ICU sentence break iteration (Arabic locale), also
// broken at every line break and at Arabic question mark; leading/trailing whitespace
// trimmed, empty ones dropped. Source offsets.
std::vector<Range> sentences(std::string_view source, std::size_t begin, std::size_t end);

namespace detail {
// The raw ICU sentence boundaries of a text (byte offsets after its start, in order, the last
// one its size; none for an empty text), as sentences() finds them (`skipping`: ICU asked
// only near the characters where a sentence may end) or by plain sequential iteration. Both
// give the same boundaries; exposed for the tests that check it.
std::vector<std::size_t> icu_sentence_breaks(std::string_view text, bool skipping);
}  // namespace detail

// Paragraphs: non-blank lines of source[begin, end) (news copy puts one paragraph per
// line). Source offsets, whitespace-trimmed.
std::vector<Range> paragraphs(std::string_view source, std::size_t begin, std::size_t end);

}  // namespace tadqiq::normalize
