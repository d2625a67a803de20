#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <tuple>

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "extract/extractor.h"
#include "extract/suppressions.h"

namespace tadqiq::extract {

Document::Document(const Article& a)
    : article_(a),
      view_(normalize::make_view(a.text, a.body_begin, a.text.size())),
      lines_(a.text) {
  tokens_ = tokenize(view_.text());
  // The first token starting at or after each block's first byte, without a branch per block
  // or token: each token marks the first block that starts at or after its own start (the
  // first token to do so wins), and a block without a mark takes the next block's.
  token_block_.assign((view_.text().size() >> kTokenBlockShift) + 2, static_cast<std::uint32_t>(tokens_.size()));
  for (std::size_t k = tokens_.size(); k-- > 0;) {
    constexpr std::size_t kRound = (std::size_t{1} << kTokenBlockShift) - 1;
    token_block_[(tokens_[k].begin + kRound) >> kTokenBlockShift] = static_cast<std::uint32_t>(k);
  }
  for (std::size_t b = token_block_.size() - 1; b-- > 0;)
    token_block_[b] = std::min(token_block_[b], token_block_[b + 1]);
  sentences_src_ = normalize::sentences(a.text, a.body_begin, a.text.size());
  // Express sentence bounds in view offsets: a view byte belongs to the sentence whose
  // source range holds the source byte it came from.
  sentences_.reserve(sentences_src_.size());
  const std::size_t n = view_.text().size();
  // Source offsets of view bytes never decrease, so each bound is a search: the first view
  // byte at or after `from` whose source offset is at least `src` (n when none). Bounds are
  // near the previous one: gallop from `from`, then search the last step in halves.
  auto first_from = [&](std::size_t from, std::size_t src) {
    std::size_t lo = from, hi = from;  // view bytes before lo map before src
    for (std::size_t step = 1; hi < n && view_.source_of(hi) < src; step *= 2) {
      lo = hi + 1;
      hi += step;
    }
    hi = std::min(hi, n);
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (view_.source_of(mid) < src) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  std::size_t v = 0;
  for (const auto& s : sentences_src_) {
    v = first_from(v, s.begin);
    const std::size_t b = v;
    v = first_from(v, s.end);
    sentences_.push_back({b, v});
  }
  sentence_block_.resize((n >> kSentenceBlockShift) + 2);
  for (std::size_t blk = 0, k = 0; blk < sentence_block_.size(); ++blk) {
    const std::size_t at = blk << kSentenceBlockShift;
    while (k < sentences_.size() && sentences_[k].begin < at) ++k;
    sentence_block_[blk] = static_cast<std::uint32_t>(k);
  }
}

std::string Document::source_text(std::size_t b, std::size_t e) const {
  const auto r = source_range(b, e);
  return article_.text.substr(r.begin, r.end - r.begin);
}

normalize::Range Document::source_range(std::size_t b, std::size_t e) const {
  auto r = view_.to_source(b, e);
  // Keep the combining marks (tashkeel) that belong to the last letter: they are part of its
  // grapheme, though the view drops them ("مصاباً", not "مصابا").
  const std::string& t = article_.text;
  while (r.end < t.size()) {
    UChar32 c;
    std::int32_t j = static_cast<std::int32_t>(r.end);
    U8_NEXT(t.data(), j, static_cast<std::int32_t>(t.size()), c);
    if (c < 0 || !(U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_ME_MASK))) break;
    r.end = static_cast<std::size_t>(j);
  }
  return r;
}

Fact Document::make_fact(std::string type, std::size_t b, std::size_t e) const {
  Fact f;
  f.type = std::move(type);
  f.view_begin = b;
  f.view_end = e;
  const auto r = source_range(b, e);
  f.text = article_.text.substr(r.begin, r.end - r.begin);
  f.span.start = r.begin + article_.byte_base;
  f.span.end = r.end + article_.byte_base;
  std::tie(f.span.line, f.span.column) = lines_.line_col(r.begin);
  // The end is on the same line when the fact holds no line break (LineIndex breaks lines at
  // '\n' and '\r' only): its column is the start's plus the code points in between.
  const char* p = article_.text.data() + r.begin;
  const std::size_t len = r.end - r.begin;
  if (!std::memchr(p, '\n', len) && !std::memchr(p, '\r', len)) {
    // Continuation bytes (10xxxxxx), eight at a time: bit 7 set and bit 6 clear.
    std::size_t cont = 0, k = 0;
    for (; k + 8 <= len; k += 8) {
      std::uint64_t w;
      std::memcpy(&w, p + k, 8);
      cont += static_cast<std::size_t>(std::popcount(w & ~(w << 1) & 0x8080808080808080ULL));
    }
    for (; k < len; ++k) cont += (static_cast<unsigned char>(p[k]) & 0xC0) == 0x80;
    f.span.end_line = f.span.line;
    f.span.end_column = f.span.column + static_cast<int>(len - cont);
  } else {
    std::tie(f.span.end_line, f.span.end_column) = lines_.line_col(r.end);
  }
  if (!sentences_src_.empty()) {
    // One copy of a sentence's text, made for its first fact and shared by the others.
    if (sentence_text_.empty()) sentence_text_.resize(sentences_src_.size());
    const std::size_t k = sentence_at(b);
    if (sentence_text_[k].empty()) {
      const auto& s = sentences_src_[k];
      sentence_text_[k] = std::string_view(article_.text).substr(s.begin, s.end - s.begin);
    }
    f.sentence = sentence_text_[k];
  }
  return f;
}

FactSheet extract_sheet(const Article& a, const std::vector<std::unique_ptr<Extractor>>& ex) {
  FactSheet sheet;
  sheet.article = meta_of(a);
  sheet.article.suppressions = find_suppressions(a);
  Document doc(a);
  for (const auto& e : ex) e->extract(doc, sheet.facts);
  // Few fact types: a short list of counters, no map of strings.
  std::vector<std::pair<const std::string*, int>> counters;
  for (auto& f : sheet.facts) {
    auto it = std::find_if(counters.begin(), counters.end(), [&](const auto& c) { return *c.first == f.type; });
    if (it == counters.end()) it = counters.insert(counters.end(), {&f.type, 0});
    const fmt::format_int n(++it->second);
    f.id.reserve(f.type.size() + 1 + n.size());
    f.id.assign(f.type).push_back('-');
    f.id.append(n.data(), n.size());
  }
  return sheet;
}

}  // namespace tadqiq::extract
