// tadqiq/extract/extractors/phrase_filter.h — filters of the tokens phrases can start or end
// at, checked on the token's hash, for the figure extractors (numbers, quantities, ordinals).
//
// Contract:
//  * TokenFilter and PhraseFilter are filters only: false means "surely not", true decides
//    nothing (the lexicon does).
//  * FilteredPhrases holds a PhraseSet and answers exactly as it does (same phrases, clitics,
//    payloads, longest match). Before a lookup it checks the token's hash (Token::hash) against
//    the hashes of every first word of its phrases, bare and behind each clitic (match_at), or
//    of every last word, with the clitic forms of one-word phrases (match_ending). A token
//    outside the filter can start or end no phrase, so the lookup is skipped; most tokens of a
//    text are outside it.
//  * Built once with the rules, then immutable and thread-safe. Lookups never allocate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/lexicon.h"
#include "normalize/normalize.h"
#include "rules/rules.h"

namespace tadqiq::extract {

// A set of token hashes (Token::hash, token_hash()) as a bit set: test() is false only for a
// hash never added. Grown to keep at most one bit in sixteen set.
class TokenFilter {
 public:
  void add(std::uint64_t h) {
    hashes_.push_back(h);
    if (hashes_.size() * 16 > words_.size() * 64) {
      words_.assign(words_.size() * 2, 0);
      --shift_;
      for (const std::uint64_t x : hashes_) set(x);
    } else {
      set(h);
    }
  }
  void add(std::string_view token) { add(token_hash(token)); }
  [[gnu::always_inline]] bool test(std::uint64_t h) const {
    const std::uint64_t b = mix(h) >> shift_;
    return (words_[b >> 6] >> (b & 63)) & 1;
  }

 private:
  static std::uint64_t mix(std::uint64_t h) { return h * 0x9E3779B97F4A7C15ull; }
  void set(std::uint64_t h) {
    const std::uint64_t b = mix(h) >> shift_;
    words_[b >> 6] |= std::uint64_t{1} << (b & 63);
  }
  std::vector<std::uint64_t> words_ = std::vector<std::uint64_t>(64);  // 4096 bits to start
  std::vector<std::uint64_t> hashes_;
  unsigned shift_ = 64 - 12;
};

// The tokens the phrases of a PhraseSet can start or end at: every first word, bare and behind
// each clitic; every last word, with the clitic forms of one-word phrases.
class PhraseFilter {
 public:
  // `clitics`: as for PhraseSet (raw rules text; folded here).
  explicit PhraseFilter(const std::vector<std::string>& clitics) {
    for (const auto& c : clitics) {
      auto f = normalize::fold(c);
      if (!f.empty()) clitics_.push_back(std::move(f));
    }
  }
  // Adds a phrase (raw rules text), as PhraseSet::add.
  void add(std::string_view phrase) {
    const std::string f = normalize::fold(phrase);
    const auto toks = tokenize(f);
    if (toks.empty()) return;
    const std::string_view first = std::string_view(f).substr(toks.front().begin, toks.front().end - toks.front().begin);
    const std::string_view last = std::string_view(f).substr(toks.back().begin, toks.back().end - toks.back().begin);
    starts_.add(first);
    ends_.add(toks.size() > 1 ? last : first);
    std::string w;
    for (const auto& c : clitics_) {
      w.assign(c).append(first);
      const std::uint64_t h = token_hash(w);
      starts_.add(h);
      if (toks.size() == 1) ends_.add(h);
    }
  }
  // Whether a phrase may start at token `t` (false: surely none does).
  bool may_start(const Token& t) const { return starts_.test(t.hash); }
  // Whether a phrase may end at token `t` (false: surely none does).
  bool may_end(const Token& t) const { return ends_.test(t.hash); }

 private:
  std::vector<std::string> clitics_;
  TokenFilter starts_, ends_;
};

class FilteredPhrases {
 public:
  // `clitics`: as for PhraseSet (raw rules text; folded here).
  explicit FilteredPhrases(const std::vector<std::string>& clitics) : set_(clitics), filter_(clitics) {}

  // Adds a phrase (raw rules text), as PhraseSet::add.
  void add(std::string_view phrase, int payload) {
    set_.add(phrase, payload);
    filter_.add(phrase);
  }
  // Every string of `node` (a list, or a scalar) with `payload`, as extract::add_phrases.
  void add_all(const rules::RuleSet& rs, const std::string& doc, const YAML::Node& node, int payload) {
    for (const auto& s : rules::strings_of(rs, doc, node)) add(s, payload);
  }

  bool empty() const { return set_.empty(); }
  // Whether a phrase may start at token `t` (false: surely none does).
  bool may_start(const Token& t) const { return filter_.may_start(t); }
  // Whether a phrase may end at token `t` (false: surely none does).
  bool may_end(const Token& t) const { return filter_.may_end(t); }

  // The filter check is inlined into the caller's loop; the set's lookup is a call.
  [[gnu::always_inline]] std::optional<PhraseMatch> match_at(std::string_view view, const std::vector<Token>& toks,
                                                             std::size_t i, bool allow_clitic = true) const {
    if (i >= toks.size() || !may_start(toks[i])) return std::nullopt;
    return set_.match_at(view, toks, i, allow_clitic);
  }
  [[gnu::always_inline]] std::optional<PhraseMatch> match_ending(std::string_view view, const std::vector<Token>& toks,
                                                                 std::size_t end, bool allow_clitic = true) const {
    if (end == 0 || end > toks.size() || !may_end(toks[end - 1])) return std::nullopt;
    return set_.match_ending(view, toks, end, allow_clitic);
  }

 private:
  PhraseSet set_;
  PhraseFilter filter_;
};

}  // namespace tadqiq::extract
