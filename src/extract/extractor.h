// tadqiq/extract/extractor.h — the extractor interface and the per-article pipeline.
//
// Contract:
//  * An extractor is built once from the rule set (compiling its lexicons and patterns) and
//    then is const and thread-safe: extract() may run on many articles concurrently.
//  * extract() reads one Document and appends facts; it never prints and never sees other
//    articles. Spans are given in view offsets through Document::make_fact(), which maps them
//    back to the exact original bytes, line and column.
//  * Extractors may read facts appended by extractors that ran before them (registration
//    order), e.g. quantities read numbers.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "facts/article.h"
#include "extract/lexicon.h"
#include "facts/fact.h"
#include "normalize/normalize.h"
#include "rules/rules.h"

namespace tadqiq::extract {

// One article prepared for extraction: the matching view of its body, sentences, lines.
class Document {
 public:
  explicit Document(const Article& a);

  const Article& article() const { return article_; }
  // A number of its own for each Document built in the process (never 0): per-document caches
  // (people.h) tell documents apart by it, since an address may be reused.
  std::uint64_t serial() const { return serial_; }
  const normalize::View& view() const { return view_; }
  const std::string& text() const { return view_.text(); }  // the view's text
  // Tokens of the view (see lexicon.h).
  const std::vector<Token>& tokens() const { return tokens_; }
  std::string_view token_text(std::size_t i) const {
    return std::string_view(view_.text()).substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin);
  }
  // Index of the first token starting at or after view offset `i`.
  std::size_t token_at_or_after(std::size_t i) const {
    std::size_t b = i >> kTokenBlockShift;
    if (b >= token_block_.size()) b = token_block_.size() - 1;
    std::size_t k = token_block_[b];
    while (k < tokens_.size() && tokens_[k].begin < i) ++k;
    return k;
  }
  // Sentences as view ranges, in order.
  const std::vector<normalize::Range>& sentences() const { return sentences_; }
  // Index of the sentence containing view offset `i` (or the last one before it; 0 when none).
  std::size_t sentence_at(std::size_t i) const {
    std::size_t b = i >> kSentenceBlockShift;
    if (b >= sentence_block_.size()) b = sentence_block_.size() - 1;
    std::size_t k = sentence_block_[b];  // sentences starting before the block
    while (k < sentences_.size() && sentences_[k].begin <= i) ++k;
    return k ? k - 1 : 0;
  }

  // A fact of `type` for view range [b, e): fills span, text, sentence from the source.
  Fact make_fact(std::string type, std::size_t b, std::size_t e) const;
  // The source range of view range [b, e), with the combining marks of its last letter.
  normalize::Range source_range(std::size_t b, std::size_t e) const;
  // The source text of view range [b, e).
  std::string source_text(std::size_t b, std::size_t e) const;

 private:
  const Article& article_;
  normalize::View view_;
  normalize::LineIndex lines_;
  std::vector<Token> tokens_;
  // For every 16-byte block of the view (and one past the end): the first token starting at or
  // after the block's first byte, so token_at_or_after() scans at most a block of tokens.
  static constexpr unsigned kTokenBlockShift = 4;
  std::vector<std::uint32_t> token_block_;
  std::vector<normalize::Range> sentences_;  // view offsets
  // For every 64-byte block of the view (and one past the end): how many sentences begin
  // before the block's first byte, so sentence_at() scans at most a block of sentences.
  static constexpr unsigned kSentenceBlockShift = 6;
  std::vector<std::uint32_t> sentence_block_;
  std::vector<normalize::Range> sentences_src_;  // source offsets
  static std::uint64_t next_serial() {
    static std::atomic<std::uint64_t> n{0};
    return ++n;
  }
  std::uint64_t serial_ = next_serial();
  // Each sentence's source text, made by make_fact() for the sentence's first fact.
  mutable std::vector<SharedString> sentence_text_;
};

class Extractor {
 public:
  virtual ~Extractor() = default;
  virtual std::string_view name() const = 0;
  virtual void extract(const Document& doc, std::vector<Fact>& facts) const = 0;
};

// All built-in extractors, in order, compiled from `rules`. Throws rules::RuleShapeError.
std::vector<std::unique_ptr<Extractor>> make_extractors(const rules::RuleSet& rules);

// Runs the extractors over one article and returns its fact sheet (fact ids assigned).
FactSheet extract_sheet(const Article& a, const std::vector<std::unique_ptr<Extractor>>& ex);

}  // namespace tadqiq::extract
