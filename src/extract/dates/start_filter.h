// tadqiq/extract/dates/start_filter.h — which tokens may start a phrase of a PhraseSet, in one
// probe of the token's precomputed hash.
//
// PhraseSet::match_at (lexicon.h) matches at token i only when the token is the first token of
// a phrase, or that first token with one clitic prefix glued on. A StartFilter is given the
// same phrases and clitics as its PhraseSet and holds the token hashes (token_hash) of every
// first token, bare and behind every clitic. Contract:
//  * no false negatives: when may_start(toks[i].hash) is false, match_at(…, i, …) finds
//    nothing (with or without clitics), so the lookup can be skipped;
//  * false positives (hash collisions, clitics the PhraseSet would not strip there) only cost
//    the lookup that follows.
// Built once with the PhraseSet, then immutable and thread-safe. Used by the dates scanner
// (atoms) and the events extractor (its lexicons, as FilteredPhraseSet): most tokens start no
// phrase, and a lookup that strips clitics hashes the token once per clitic that fits.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/lexicon.h"
#include "normalize/normalize.h"

namespace tadqiq::extract {

class StartFilter {
 public:
  StartFilter() = default;
  // The clitics given to the PhraseSet (raw rules text; folded here as PhraseSet folds them).
  explicit StartFilter(const std::vector<std::string>& clitics) {
    for (const auto& c : clitics) {
      auto f = normalize::fold(c);
      if (!f.empty()) clitics_.push_back(std::move(f));
    }
  }

  // A phrase as given to PhraseSet::add (folded and split here the same way).
  void add(std::string_view phrase) {
    const std::string f = normalize::fold(phrase);
    const auto toks = tokenize(f);
    if (toks.empty()) return;
    const std::string_view first = std::string_view(f).substr(toks[0].begin, toks[0].end - toks[0].begin);
    insert(token_hash(first));
    std::string glued;
    for (const auto& c : clitics_) {
      glued.assign(c);
      glued.append(first);
      insert(token_hash(glued));
    }
  }

  // A token with this token_hash may start a phrase.
  bool may_start(std::uint64_t h) const {
    if (bits_.empty()) return !empty_;
    const std::uint64_t m = word_mask(h);
    return (bits_[word(h)] & m) == m;
  }

 private:
  // A blocked Bloom filter: two bits of one 64-bit word per hash (one memory access per
  // probe), about 16 bits per hash. Rebuilt when it doubles: construction only.
  std::size_t word(std::uint64_t h) const { return static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ULL) >> 32) & mask_; }
  static std::uint64_t word_mask(std::uint64_t h) {
    const std::uint64_t x = h * 0xC2B2AE3D27D4EB4FULL;
    return (std::uint64_t{1} << (x >> 58)) | (std::uint64_t{1} << ((x >> 52) & 63));
  }
  void insert(std::uint64_t h) {
    empty_ = false;
    hashes_.push_back(h);
    std::size_t words = 16;
    while (words * 64 < 16 * hashes_.size()) words *= 2;
    if (words != bits_.size()) {
      bits_.assign(words, 0);
      mask_ = words - 1;
      for (const auto x : hashes_) bits_[word(x)] |= word_mask(x);
    } else {
      bits_[word(h)] |= word_mask(h);
    }
  }

  std::vector<std::string> clitics_;
  std::vector<std::uint64_t> hashes_;
  std::vector<std::uint64_t> bits_;
  std::uint64_t mask_ = 0;
  bool empty_ = true;
};

// A PhraseSet with its StartFilter: the same lookups, with the filter probed first.
class FilteredPhraseSet {
 public:
  explicit FilteredPhraseSet(const std::vector<std::string>& clitics) : set_(clitics), starts_(clitics) {}

  void add(std::string_view phrase, int payload) {
    set_.add(phrase, payload);
    starts_.add(phrase);
  }
  bool empty() const { return set_.empty(); }
  // The filter alone: false when no phrase starts at a token with this token_hash.
  bool may_start(std::uint64_t token_hash) const { return starts_.may_start(token_hash); }

  // PhraseSet::match_at.
  std::optional<PhraseMatch> match_at(std::string_view view, const std::vector<Token>& toks, std::size_t i,
                                      bool allow_clitic = true) const {
    if (i >= toks.size() || !starts_.may_start(toks[i].hash)) return std::nullopt;
    return set_.match_at(view, toks, i, allow_clitic);
  }

 private:
  PhraseSet set_;
  StartFilter starts_;
};

}  // namespace tadqiq::extract
