// tadqiq/extract/lexicon.h — tokens of the matching view and phrase lexicons over them.
//
// Contract:
//  * A token is a maximal run of letters (with combining marks) or a maximal run of ASCII
//    digits in the view; everything else (spaces, punctuation, separators) separates tokens.
//    Every token carries token_hash() of its bytes, computed once by tokenize().
//  * A PhraseSet holds phrases from rules (folded through normalize::fold, split into
//    tokens) with an integer payload. Lookups are exact on tokens, optionally allowing one
//    clitic prefix (from the rules' `clitics` list, e.g. conjunction or preposition letters)
//    glued to the first token of the phrase.
//  * Which phrase wins: at token i, a phrase whose first token is the token itself first
//    (longest phrase first; of phrases as long, the first added); else, the longest clitic
//    that leaves a phrase's first token (the same order). A clitic must leave at least four bytes of word, the token must
//    have six bytes or more, and a clitic is only tried on a token whose first two bytes
//    start some clitic of two bytes or more (one-byte clitics only after such a token start).
//  * Lookups never allocate; a PhraseSet is immutable after construction and thread-safe.
//    Every way a phrase's first token may be written (bare, or with each clitic that may
//    precede it) is indexed by the hash of the whole written token, so a lookup is one probe
//    with the token's precomputed hash; bytes are always compared before a match is returned.
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

// The hash of token bytes (eight bytes at a time, multiply-xorshift mixing); never 0.
std::uint64_t token_hash(std::string_view s);

std::vector<Token> tokenize(std::string_view view);

struct PhraseMatch {
  int payload = 0;
  std::size_t first = 0;   // first token index
  std::size_t last = 0;    // one past the last token index
  std::size_t clitic = 0;  // bytes of clitic prefix on the first token
};

// A Bloom filter of 64-bit hashes (three bits in one 64-bit word per hash), about sixteen bits
// per hash: test() is false for every hash never added, and true for about one percent of others.
class HashFilter {
 public:
  void add(std::uint64_t h);
  // For an owner that keeps the hashes itself: empties the filter and sizes it for up to
  // `capacity` hashes (sixteen bits each or more); insert() then adds one without recording
  // it, so add() must not be mixed in, and the owner reinserts every hash after a reset.
  void reset(std::size_t capacity) {
    words_.assign(next_pow2(capacity / 4 + 1), 0);
    mask_ = words_.size() - 1;
  }
  void insert(std::uint64_t h) { set(h); }
  bool test(std::uint64_t h) const {
    if (words_.empty()) return false;
    const std::uint64_t b = bits(h);
    return (words_[(h >> 32) & mask_] & b) == b;
  }

 private:
  static std::uint64_t bits(std::uint64_t h) {
    return (std::uint64_t{1} << ((h >> 12) & 63)) | (std::uint64_t{1} << ((h >> 18) & 63)) |
           (std::uint64_t{1} << ((h >> 24) & 63));
  }
  void set(std::uint64_t h) { words_[(h >> 32) & mask_] |= bits(h); }
  static std::size_t next_pow2(std::size_t n) {
    std::size_t p = 1;
    while (p < n) p *= 2;
    return p;
  }
  std::vector<std::uint64_t> keys_;   // every hash added, to resize
  std::vector<std::uint64_t> words_;
  std::uint64_t mask_ = 0;
};

class PhraseSet {
 public:
  PhraseSet() = default;
  // `clitics`: prefixes (already folded) allowed before the first token, longest tried first.
  explicit PhraseSet(std::vector<std::string> clitics);

  // Adds a phrase (raw rules text; folded here). Empty phrases are ignored.
  void add(std::string_view phrase, int payload);
  bool empty() const { return groups_.empty(); }

  // The longest phrase starting at token i.
  std::optional<PhraseMatch> match_at(std::string_view view, const std::vector<Token>& toks,
                                      std::size_t i, bool allow_clitic = true) const {
    if (i >= toks.size() || !starts_.test(toks[i].hash)) return std::nullopt;
    return find(view, toks, i, allow_clitic, false, 0);
  }
  // As match_at, without its filter probe: for a caller that has already checked token i
  // against a filter of the phrases' first words (extract/phrase_filter.h).
  std::optional<PhraseMatch> match_at_filtered(std::string_view view, const std::vector<Token>& toks,
                                               std::size_t i, bool allow_clitic = true) const {
    if (i >= toks.size()) return std::nullopt;
    return find(view, toks, i, allow_clitic, false, 0);
  }
  // The longest phrase ending just before token `end` (its last token is end-1).
  std::optional<PhraseMatch> match_ending(std::string_view view, const std::vector<Token>& toks,
                                          std::size_t end, bool allow_clitic = true) const;

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  struct Word {  // a token of a phrase after its first
    std::uint64_t hash;
    std::uint32_t off, len;  // bytes in pool_
  };
  struct Entry {
    int payload;
    std::uint32_t rest_begin, rest_len;  // words in rest_
    std::uint64_t rest0_hash;  // hash of the first word after the first token (0 when none)
  };
  // One written form of a phrase's first token: the bare token (clitic 0) or a clitic + it.
  struct Written {
    std::uint32_t group = kNone;  // index into groups_ (the phrases with that first token)
    std::uint32_t clitic : 31 = 0;  // bytes of clitic
    // The group is a single one-token phrase, whose payload is `payload`: a lookup then needs
    // neither groups_ nor its entries (one cache line fewer per hit, usually two).
    std::uint32_t single : 1 = 0;
    std::uint32_t off = 0, len = 0;  // the whole written token in pool_
    std::uint32_t next = kNone;   // next form with the same hash, in written_ (bare forms first,
                                  // then longest clitic first)
    std::int32_t payload = 0;     // when `single`
  };
  struct Slot {
    std::uint64_t hash = 0;
    Written head;  // the first form of the chain, inline; head.group == kNone: empty slot
  };
  // The phrase matched at token i (see the contract for which wins): bare forms unless
  // `clitic_only`, clitic forms when `allow_clitic`; ending at `required_last` when non-zero.
  std::optional<PhraseMatch> find(std::string_view view, const std::vector<Token>& toks, std::size_t i,
                                  bool allow_clitic, bool clitic_only, std::size_t required_last) const;
  const Slot* slot_of(std::uint64_t h) const;
  void index(std::uint32_t group, std::uint32_t clitic, std::string_view written, bool single,
             int payload);
  // Sets `single` / `payload` of the written form `written` of group `group`.
  void set_single(std::uint32_t group, std::string_view written, bool single, int payload);
  // Calls fn(clitic bytes, written form) for every way `first` (a phrase's first token) is
  // indexed: bare, then with each clitic that applies.
  template <class Fn>
  void for_each_form(const std::string& first, Fn&& fn) const;
  bool clitic_applies(const std::string& clitic, std::string_view first) const;

  std::vector<std::string> clitics_;  // folded, distinct, longest first
  // First two bytes of every clitic of two bytes or more: a clitic is only tried on a token
  // that starts like one of them.
  std::vector<std::array<unsigned char, 2>> clitic_starts_;
  std::string pool_;
  std::vector<Word> rest_;
  std::vector<std::vector<Entry>> groups_;  // per distinct first token: entries, longest first
  std::unordered_map<std::string, std::uint32_t> group_of_;  // first token -> group
  std::vector<Written> written_;  // forms after the first of each chain
  std::vector<Slot> slots_;  // open addressing on Written hashes, at most half full
  std::uint64_t slot_mask_ = 0;
  std::size_t used_slots_ = 0;
  HashFilter starts_;  // hashes of every Written form (the slots' hashes; sized with slots_)
  HashFilter ends_;    // hashes of the last token of every phrase (single-token ones included)
  std::size_t max_len_ = 0;  // longest phrase in tokens
};

}  // namespace tadqiq::extract
