// tadqiq/extract/phrase_filter.h — filters of the tokens phrases can start or end at, checked
// on the token's hash, so that an extractor's loop skips the lexicon lookup at most tokens
// (numbers, quantities, ordinals, the dates scanner, events).
//
// Contract:
//  * TokenFilter and PhraseFilter are filters only: false means "surely not", true decides
//    nothing (the lexicon does).
//  * FilteredPhrases holds a PhraseSet and answers exactly as it does (same phrases, clitics,
//    payloads, longest match). Before a lookup it checks the token's hash (Token::hash) against
//    the hashes of every first word of its phrases, bare and behind each clitic, and for longer
//    phrases the next token's against their second words (match_at); or the last words and
//    the words before them (match_ending). A token outside the filter can start or end no
//    phrase, so the lookup is skipped; most tokens of a text are outside it.
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

// A set of token hashes (Token::hash, token_hash()) as a blocked Bloom filter: two bits per
// hash, both in one 64-bit word, so a test is one load. test() is false only for a hash never
// added. Grown to keep at least 32 bits per hash (about one hash in a hundred not added passes).
class TokenFilter {
 public:
  void add(std::uint64_t h) {
    hashes_.push_back(h);
    if (hashes_.size() * 32 > words_.size() * 64) {
      words_.assign(words_.size() * 2, 0);
      --shift_;
      for (const std::uint64_t x : hashes_) set(x);
    } else {
      set(h);
    }
  }
  void add(std::string_view token) { add(token_hash(token)); }
  // The hashes added, in order.
  const std::vector<std::uint64_t>& hashes() const { return hashes_; }
  [[gnu::always_inline]] bool test(std::uint64_t h) const {
    const std::uint64_t m = mix(h);
    const std::uint64_t bits = mask(m);
    return (words_[m >> shift_] & bits) == bits;
  }

 private:
  static std::uint64_t mix(std::uint64_t h) { return h * 0x9E3779B97F4A7C15ull; }
  static std::uint64_t mask(std::uint64_t m) {
    return (std::uint64_t{1} << ((m >> 32) & 63)) | (std::uint64_t{1} << ((m >> 38) & 63));
  }
  void set(std::uint64_t h) {
    const std::uint64_t m = mix(h);
    words_[m >> shift_] |= mask(m);
  }
  std::vector<std::uint64_t> words_ = std::vector<std::uint64_t>(64);  // 64 words to start
  std::vector<std::uint64_t> hashes_;
  unsigned shift_ = 64 - 6;  // word index: the top bits of the mixed hash
};

// A set of token hashes as a bitmap indexed by the top bits of the hash (Token::hash is
// mixed): one bit per hash, so a test is a shift, a load and a bit test, with no multiply. It
// is the first test of a loop that turns away most tokens of a text before a TokenFilter of
// the same hashes decides. test() is false only for a hash not in the set. Built once from
// all its hashes, with at least 32 bits per hash (about one hash in thirty not in it passes).
class TokenBitmap {
 public:
  TokenBitmap() = default;  // the empty set
  explicit TokenBitmap(const std::vector<std::uint64_t>& hashes) {
    unsigned bits = 12;  // log2 of the size in bits
    while ((std::size_t{1} << bits) < hashes.size() * 32 && bits < 24) ++bits;
    shift_ = 64 - bits;
    words_.assign((std::size_t{1} << bits) / 64, 0);
    for (const std::uint64_t h : hashes) words_[(h >> shift_) >> 6] |= std::uint64_t{1} << ((h >> shift_) & 63);
  }
  // The bitmap's words and shift by value, for a loop to keep in registers (valid while the
  // bitmap is).
  struct Probe {
    const std::uint64_t* words;
    unsigned shift;
    [[gnu::always_inline]] bool test(std::uint64_t h) const {
      const std::uint64_t i = h >> shift;
      return (words[i >> 6] >> (i & 63)) & 1;
    }
  };
  Probe probe() const { return {words_.data(), shift_}; }
  [[gnu::always_inline]] bool test(std::uint64_t h) const { return probe().test(h); }

 private:
  std::vector<std::uint64_t> words_ = std::vector<std::uint64_t>(1);  // one word, no bit set
  unsigned shift_ = 64 - 6;
};

// The tokens the phrases of a PhraseSet can start or end at: every first word, bare and behind
// each clitic; every last word, with the clitic forms of one-word phrases. A phrase of two or
// more words also needs its second word after the first (its second-to-last word before the
// last), so a common first word ("in") passes only before a listed second word.
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
    auto word = [&](std::size_t i) { return std::string_view(f).substr(toks[i].begin, toks[i].end - toks[i].begin); };
    const std::size_t n = toks.size();
    // The first word, bare and behind each clitic, as a start (and as the end of a one-word
    // phrase, or as the word before the last of a two-word one).
    auto first_forms = [&](TokenFilter& a, TokenFilter* b) {
      a.add(word(0));
      if (b) b->add(word(0));
      std::string w;
      for (const auto& c : clitics_) {
        const std::uint64_t h = token_hash(w.assign(c).append(word(0)));
        a.add(h);
        if (b) b->add(h);
      }
    };
    if (n == 1) {
      first_forms(start_one_, &end_one_);
      return;
    }
    first_forms(start_many_, n == 2 ? &before_last_ : nullptr);
    second_.add(word(1));
    end_many_.add(word(n - 1));
    if (n > 2) before_last_.add(word(n - 2));
  }
  // The hashes of the tokens a phrase may start with (of one word or more), for a TokenBitmap.
  std::vector<std::uint64_t> start_hashes() const {
    std::vector<std::uint64_t> out = start_one_.hashes();
    out.insert(out.end(), start_many_.hashes().begin(), start_many_.hashes().end());
    return out;
  }
  // Whether a phrase may start at token `i` (false: surely none does).
  [[gnu::always_inline]] bool may_start(const std::vector<Token>& toks, std::size_t i) const {
    const std::uint64_t h = toks[i].hash;
    return start_one_.test(h) || (start_many_.test(h) && i + 1 < toks.size() && second_.test(toks[i + 1].hash));
  }
  // Whether a phrase may end at token `end - 1` (false: surely none does). `end` >= 1.
  [[gnu::always_inline]] bool may_end(const std::vector<Token>& toks, std::size_t end) const {
    const std::uint64_t h = toks[end - 1].hash;
    return end_one_.test(h) || (end_many_.test(h) && end >= 2 && before_last_.test(toks[end - 2].hash));
  }

 private:
  std::vector<std::string> clitics_;
  TokenFilter start_one_, start_many_, second_;   // starts of one-word / longer phrases; second words
  TokenFilter end_one_, end_many_, before_last_;  // ends of one-word / longer phrases; words before the last
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
  // Every string of `node` (a list, or a scalar) with `payload`, as extract::add_phrases; also
  // into `also` (a filter of several sets' phrases) when given.
  void add_all(const rules::RuleSet& rs, const std::string& doc, const YAML::Node& node, int payload,
               PhraseFilter* also = nullptr) {
    for (const auto& s : rules::strings_of(rs, doc, node)) {
      add(s, payload);
      if (also) also->add(s);
    }
  }

  bool empty() const { return set_.empty(); }
  // Whether a phrase may start at token `i` (false: surely none does).
  bool may_start(const std::vector<Token>& toks, std::size_t i) const { return filter_.may_start(toks, i); }
  // Whether a phrase may end at token `end - 1` (false: surely none does).
  bool may_end(const std::vector<Token>& toks, std::size_t end) const { return filter_.may_end(toks, end); }

  // The filter check is inlined into the caller's loop; the set's lookup is a call.
  [[gnu::always_inline]] std::optional<PhraseMatch> match_at(std::string_view view, const std::vector<Token>& toks,
                                                             std::size_t i, bool allow_clitic = true) const {
    if (i >= toks.size() || !filter_.may_start(toks, i)) return std::nullopt;
    return set_.match_at_filtered(view, toks, i, allow_clitic);
  }
  [[gnu::always_inline]] std::optional<PhraseMatch> match_ending(std::string_view view, const std::vector<Token>& toks,
                                                                 std::size_t end, bool allow_clitic = true) const {
    if (end == 0 || end > toks.size() || !filter_.may_end(toks, end)) return std::nullopt;
    return set_.match_ending(view, toks, end, allow_clitic);
  }

 private:
  PhraseSet set_;
  PhraseFilter filter_;
};

}  // namespace tadqiq::extract
