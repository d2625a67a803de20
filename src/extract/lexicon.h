// tadqiq/extract/lexicon.h — tokens of the matching view and phrase lexicons over them.
//
// Contract:
//  * A token is a maximal run of letters (with combining marks) or a maximal run of ASCII
//    digits in the view; everything else (spaces, punctuation, separators) separates tokens.
//  * A PhraseSet holds phrases from rules (folded through normalize::fold, split into
//    tokens) with an integer payload. Lookups are exact on tokens, optionally allowing one
//    clitic prefix (from the rules' `clitics` list, e.g. conjunction or preposition letters)
//    glued to the first token of the phrase.
//  * Lookups never allocate; a PhraseSet is immutable after construction and thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tadqiq::extract {

struct Token {
  std::uint32_t begin = 0;  // view offsets
  std::uint32_t end = 0;
  bool digits = false;
  std::uint64_t hash = 0;   // token_hash() of its bytes
};

// The hash PhraseSet uses for token bytes (FNV-1a 64).
std::uint64_t token_hash(std::string_view s);

std::vector<Token> tokenize(std::string_view view);

struct PhraseMatch {
  int payload = 0;
  std::size_t first = 0;   // first token index
  std::size_t last = 0;    // one past the last token index
  std::size_t clitic = 0;  // bytes of clitic prefix on the first token
};

class PhraseSet {
 public:
  PhraseSet() = default;
  // `clitics`: prefixes (already folded) allowed before the first token, longest tried first.
  explicit PhraseSet(std::vector<std::string> clitics);

  // Adds a phrase (raw rules text; folded here). Empty phrases are ignored.
  void add(std::string_view phrase, int payload);
  bool empty() const { return first_.empty(); }

  // The longest phrase starting at token i.
  std::optional<PhraseMatch> match_at(std::string_view view, const std::vector<Token>& toks,
                                      std::size_t i, bool allow_clitic = true) const;
  // The longest phrase ending just before token `end` (its last token is end-1).
  std::optional<PhraseMatch> match_ending(std::string_view view, const std::vector<Token>& toks,
                                          std::size_t end, bool allow_clitic = true) const;

 private:
  struct Entry {
    std::string first;               // the first token
    std::vector<std::string> rest;   // tokens after the first
    std::vector<std::uint64_t> rest_hash;
    int payload;
  };
  struct Identity {
    std::size_t operator()(std::uint64_t h) const noexcept { return static_cast<std::size_t>(h); }
  };
  std::optional<PhraseMatch> match_from(std::string_view view, const std::vector<Token>& toks,
                                        std::size_t i, std::string_view first_tok, std::uint64_t first_hash,
                                        std::size_t clitic, std::size_t required_last) const;
  // Clitic-stripped lookups of token i, longest clitic first.
  template <typename Fn>
  std::optional<PhraseMatch> with_clitics(std::string_view view, const std::vector<Token>& toks,
                                          std::size_t i, Fn&& fn) const;
  bool may_start(std::uint64_t h) const { return (filter_[(h >> 6) & (kFilterWords - 1)] >> (h & 63)) & 1; }
  bool may_end(std::uint64_t h) const { return (end_filter_[(h >> 6) & (kFilterWords - 1)] >> (h & 63)) & 1; }

  static constexpr std::size_t kFilterWords = 64;  // a 4096-bit filter of first-token hashes
  std::vector<std::string> clitics_;
  // Clitics grouped by their first two bytes (one Arabic letter), each group longest first:
  // a token is only compared with the clitics that start like it.
  struct CliticGroup {
    unsigned char b0 = 0, b1 = 0;
    std::vector<std::uint32_t> idx;  // into clitics_
  };
  std::vector<CliticGroup> clitic_groups_;
  // A filter of last-token hashes (the last token of every phrase, single-token phrases
  // included): a phrase can only end at a token whose hash is in it, or be a single token
  // carrying a clitic.
  std::uint64_t end_filter_[kFilterWords] = {};
  std::unordered_map<std::uint64_t, std::vector<Entry>, Identity> first_;
  std::uint64_t filter_[kFilterWords] = {};
  std::size_t max_len_ = 0;  // longest phrase in tokens
};

}  // namespace tadqiq::extract
