// fuzz_normalize — the matching view and its offset map, sentence and paragraph splitting,
// line/column lookup, fold(). Inputs that are not valid UTF-8 are skipped (ingest rejects
// them before they get here).
//
// Invariants (see src/normalize/normalize.h), for the view of the whole input and for the
// view of a sub-range [lo, hi) (both code point boundaries, picked from the input):
//  * The view text is valid UTF-8; fold() of the input is valid UTF-8.
//  * source_of(i) for every i in [0, view size] lies in [lo, hi], on a code point boundary,
//    and is non-decreasing in i; source_of(view size) == hi.
//  * to_source(b, e) for b <= e: lo <= begin <= end <= hi, both on code point boundaries;
//    begin is non-decreasing in b (for e = view size) and end is non-decreasing in e (for
//    b = 0); a sample of other (b, e) pairs is checked for bounds too, and a non-empty pair
//    nested in each maps inside the outer pair's source range.
//  * An empty view range [b, b) maps to the empty source range at source_of(b).
//  * Slicing: make_view(src, to_source(b, e)) is view[b, e) widened to whole normalization
//    units (a substring of the view covering [b, e)), with the same source offsets.
//  * sentences() and paragraphs(): every range is non-empty, within [lo, hi], on code point
//    boundaries, trimmed (no ASCII whitespace at either edge), holds no '\n', and the ranges
//    are in order without overlap.
//  * The sentence boundaries ICU gives when asked only near the characters where a sentence
//    may end (what sentences() uses) are those of plain iteration over the whole text.
//  * LineIndex::line_col at every offset 0..size: line >= 1, column >= 1, (1, 1) at offset
//    0, line non-decreasing, column 1 right after a '\n'.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.h"
#include "normalize/normalize.h"

namespace nz = tadqiq::normalize;
using tadqiq::fuzz::is_boundary;
using tadqiq::fuzz::Rng;

namespace {

void check_view(std::string_view src, std::size_t lo, std::size_t hi, Rng& rng) {
  const nz::View v = nz::make_view(src, lo, hi);
  const std::size_t n = v.text().size();
  TADQIQ_FUZZ_CHECK(tadqiq::fuzz::valid_utf8(v.text()));

  // source_of over every view offset.
  std::size_t prev = lo;
  for (std::size_t i = 0; i <= n; ++i) {
    const std::size_t s = v.source_of(i);
    TADQIQ_FUZZ_CHECK(s >= lo && s <= hi);
    TADQIQ_FUZZ_CHECK(is_boundary(src, s));
    TADQIQ_FUZZ_CHECK(s >= prev);
    prev = s;
  }
  TADQIQ_FUZZ_CHECK(v.source_of(n) == hi);

  auto check_range = [&](std::size_t b, std::size_t e) {
    const nz::Range r = v.to_source(b, e);
    TADQIQ_FUZZ_CHECK(r.begin <= r.end);
    TADQIQ_FUZZ_CHECK(r.begin >= lo && r.end <= hi);
    TADQIQ_FUZZ_CHECK(is_boundary(src, r.begin));
    TADQIQ_FUZZ_CHECK(is_boundary(src, r.end));
    return r;
  };

  // Monotone in b (e fixed at the end) and in e (b fixed at the start).
  std::size_t prev_begin = 0;
  std::size_t prev_end = 0;
  for (std::size_t i = 0; i <= n; ++i) {
    const nz::Range rb = check_range(i, n);
    TADQIQ_FUZZ_CHECK(i == 0 || rb.begin >= prev_begin);
    prev_begin = rb.begin;
    const nz::Range re = check_range(0, i);
    TADQIQ_FUZZ_CHECK(i == 0 || re.end >= prev_end);
    prev_end = re.end;
  }

  // An empty view range maps to the empty source range at source_of(b).
  for (std::size_t i = 0; i <= n; i += 1 + n / 128) {
    const nz::Range r = v.to_source(i, i);
    TADQIQ_FUZZ_CHECK(r.begin == r.end && r.begin == v.source_of(i));
  }

  // Slicing: the view of to_source(b, e) is view[b, e) widened to whole normalization units,
  // with the same offsets.
  for (int k = 0; k < 4 && n > 0; ++k) {
    std::size_t b = rng.upto(n);
    std::size_t e = rng.upto(n);
    if (b > e) std::swap(b, e);
    if (b == e) continue;
    const nz::Range r = v.to_source(b, e);
    const nz::View sub = nz::make_view(src, r.begin, r.end);
    const std::string& st = sub.text();
    const std::size_t len = st.size();
    bool found = false;
    // Candidate starts w <= b with w + len >= e where the text matches.
    for (std::size_t w = (e > len ? e - len : 0); w <= b && !found; ++w) {
      if (w + len > n || v.text().compare(w, len, st) != 0) continue;
      bool same = true;
      // i < len: the end maps to the end of the sub-range, while the whole view's offset there
      // may lie after characters removed between the two units.
      for (std::size_t i = 0; i < len && same; ++i) same = sub.source_of(i) == v.source_of(w + i);
      found = same;
    }
    TADQIQ_FUZZ_CHECK_MSG(found, "make_view(to_source(b, e)) is not view[b, e) widened");
  }

  // Pseudo-random pairs, and nested pairs: [b, e) inside [b0, e0) maps inside its image.
  for (int k = 0; k < 32; ++k) {
    std::size_t b = rng.upto(n);
    std::size_t e = rng.upto(n);
    if (b > e) std::swap(b, e);
    const nz::Range outer = check_range(b, e);
    const std::size_t ib = b + rng.upto(e - b);
    const std::size_t ie = ib + rng.upto(e - ib);
    const nz::Range inner = check_range(ib, ie);
    if (ib < ie) TADQIQ_FUZZ_CHECK(inner.begin >= outer.begin && inner.end <= outer.end);
  }
}

void check_ranges(std::string_view src, std::size_t lo, std::size_t hi,
                  const std::vector<nz::Range>& rs) {
  std::size_t prev_end = lo;
  for (const nz::Range& r : rs) {
    TADQIQ_FUZZ_CHECK(r.begin < r.end);
    TADQIQ_FUZZ_CHECK(r.begin >= prev_end);
    TADQIQ_FUZZ_CHECK(r.end <= hi);
    TADQIQ_FUZZ_CHECK(is_boundary(src, r.begin));
    TADQIQ_FUZZ_CHECK(is_boundary(src, r.end));
    TADQIQ_FUZZ_CHECK(!tadqiq::fuzz::is_ascii_space(src[r.begin]));
    TADQIQ_FUZZ_CHECK(!tadqiq::fuzz::is_ascii_space(src[r.end - 1]));
    TADQIQ_FUZZ_CHECK(src.substr(r.begin, r.end - r.begin).find('\n') == std::string_view::npos);
    prev_end = r.end;
  }
}

// A code point boundary at or after `off`.
std::size_t boundary_at_or_after(std::string_view s, std::size_t off) {
  while (off < s.size() && !is_boundary(s, off)) ++off;
  return off;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view src(reinterpret_cast<const char*>(data), size);
  if (!tadqiq::fuzz::valid_utf8(src)) return 0;

  Rng rng(src);

  // The whole text, then a sub-range (as for a Markdown body after its front matter).
  check_view(src, 0, size, rng);
  std::size_t lo = boundary_at_or_after(src, rng.upto(size));
  std::size_t hi = boundary_at_or_after(src, rng.upto(size));
  if (lo > hi) std::swap(lo, hi);
  check_view(src, lo, hi, rng);

  check_ranges(src, 0, size, nz::sentences(src, 0, size));
  TADQIQ_FUZZ_CHECK(nz::detail::icu_sentence_breaks(src, true) == nz::detail::icu_sentence_breaks(src, false));
  check_ranges(src, 0, size, nz::paragraphs(src, 0, size));
  check_ranges(src, lo, hi, nz::sentences(src, lo, hi));
  check_ranges(src, lo, hi, nz::paragraphs(src, lo, hi));

  TADQIQ_FUZZ_CHECK(tadqiq::fuzz::valid_utf8(nz::fold(src)));

  const nz::LineIndex lines(src);
  int prev_line = 1;
  for (std::size_t i = 0; i <= size; ++i) {
    const auto [line, col] = lines.line_col(i);
    TADQIQ_FUZZ_CHECK(line >= 1 && col >= 1);
    TADQIQ_FUZZ_CHECK(line >= prev_line);
    if (i == 0) TADQIQ_FUZZ_CHECK(line == 1 && col == 1);
    if (i > 0 && src[i - 1] == '\n') TADQIQ_FUZZ_CHECK(col == 1);
    prev_line = line;
  }
  return 0;
}
