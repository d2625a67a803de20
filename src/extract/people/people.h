// tadqiq/extract/people/people.h — people, organisations, titles and speech frames, compiled
// from rules/people.yaml, rules/titles.yaml and rules/speech.yaml, for the names, titles,
// quotes and events extractors. See docs/knowledge-base.md.
//
// Contract:
//  * A Knowledge is built once from the rules (throws rules::RuleShapeError on a bad shape) and
//    is then immutable and thread-safe. Knowledges built from rules of the same content
//    (RuleSet::version()) share one compiled KnowledgeBase while any of them is alive. Every lookup works on a Document's tokens (view text,
//    already folded), never allocates in the per-token path (but for the growth of the memo's
//    vectors below, kept per thread across documents), and looks only at a bounded
//    window of tokens around the position asked about. A token is known by its token hash (as
//    start_mask and the key tables know it); the strict-key lookup of a token is cached per
//    thread by that hash, tagged with the base it came from.
//  * The lookups at a token (entity_at, key_name_at, pattern_name_at, title_at, frame_at) are
//    memoized per thread for the document it works on (Document::serial) and this base: the
//    extractors that ask about the same token again (names, titles, quotes, events) get the
//    first answer. A lookup's answer depends only on the document and the token. So is the
//    list of tokens where a lexicon may start (next_start). The memo keeps six bytes per token
//    and a record per token where something was found (few are), whatever the document's size.
//  * Name keys: strict_key groups spellings that differ by doubled letters, /g/ letters
//    (ج غ ق ك), alef as a vowel, a final ع or ا, and the view's folds (ة/ه, ى/ي, hamza seats);
//    loose_key also ignores ي and و inside a word. Unknown people are identified by "~" + their
//    strict key; the loose key only matches a spelling to a knowledge-base entry.
//  * Holds no Arabic: every word comes from the rules.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/extractor.h"
#include "extract/lexicon.h"
#include "rules/rules.h"

namespace tadqiq::extract::people {

struct Office {
  std::string office;   // office id (titles.yaml)
  std::string country;  // country or body id (titles.yaml)
  std::string start;    // ISO date, "" when unknown
  std::string end;      // ISO date, "" while in office
};

struct Entity {
  std::string id;
  std::string en;
  std::string display;  // first written form
  bool organisation = false;
  std::string country;  // organisations: the country they belong to ("" when none)
  std::vector<Office> offices;
};

// A person or organisation mention: tokens [first, last), `clitic` bytes of a glued prefix on
// the first token (not part of the name).
struct NameHit {
  std::size_t first = 0, last = 0;
  std::size_t clitic = 0;
  int entity = -1;      // knowledge-base index, -1 for a name found by pattern only
  bool by_key = false;  // a knowledge-base entity recognised through its key, not a listed form
  bool elided = false;  // the definite article is elided after the clitic ("للبيت الأبيض")
};

// A title of office: tokens [first, last).
struct TitleHit {
  std::size_t first = 0, last = 0;
  std::size_t clitic = 0;
  int office = -1;   // index into offices()
  int country = -1;  // index into countries(), -1 when not stated
  bool country_in_form = false;
  std::array<std::int8_t, 4> modifiers{{-1, -1, -1, -1}};  // indices into modifiers()
  int n_modifiers = 0;
};

enum class FrameKind { verb, participle, relay, quoting };

struct FrameHit {
  std::size_t first = 0, last = 0;
  int verb = -1;  // index into frame_names()
  FrameKind kind = FrameKind::verb;
};

struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// The compiled knowledge; extractors hold it through a Knowledge (below).
class KnowledgeBase {
 public:
  explicit KnowledgeBase(const rules::RuleSet& rs);

  const std::vector<Entity>& entities() const { return entities_; }
  const std::vector<std::string>& offices() const { return offices_; }
  const std::vector<std::string>& countries() const { return countries_; }
  const std::vector<std::string>& modifiers() const { return modifier_names_; }
  const std::vector<std::string>& frame_names() const { return frame_names_; }
  int statement_min_words() const { return statement_min_words_; }

  // --- Tokens ---------------------------------------------------------------------------
  // The gap between token k-1 and token k holds clause punctuation (. , ; : ! ? and the Arabic
  // comma, semicolon and question mark, brackets, line breaks). k == 0 counts as a break.
  static bool hard_break(const Document& d, std::size_t k);
  // The gap holds a comma (Latin or Arabic) and nothing else that breaks.
  static bool comma_break(const Document& d, std::size_t k);
  // Whether any token of the lexicons (names, titles, frames) may start at token i: a cheap
  // filter before the lookups below (one hash probe, clitic variants precomputed: the
  // lexicons' clitics, and for frames the speech verbs' clitics too).
  bool may_start(const Document& d, std::size_t i) const { return start_mask(d, i) != 0; }
  // Which lexicons may start at token i: a mask of kStartsEntity, kStartsTitle, kStartsFrame.
  int start_mask(const Document& d, std::size_t i) const {
    const Token& t = d.tokens()[i];
    return t.digits ? 0 : static_cast<int>(starts_.get_hash(t.hash));  // t.hash: token_hash of its text
  }
  static constexpr int kStartsEntity = 1, kStartsTitle = 2, kStartsFrame = 4;
  static constexpr int kStartsAny = kStartsEntity | kStartsTitle | kStartsFrame;
  // The first token k >= i whose start_mask has a bit of `bits` (kStarts*), else the number of
  // tokens: the tokens where some lexicon may start are listed once per document (memo; the
  // first call reads every token), so a scan skips the others without probing them. `mask`,
  // when given, gets that token's start_mask (0 at the end).
  std::size_t next_start(const Document& d, std::size_t i, int bits = kStartsAny,
                         int* mask = nullptr) const;
  bool is_stop(std::string_view folded) const;
  bool is_connector(std::string_view folded) const { return (words_.get(folded) & kConnectorWord) != 0; }
  // A token made only of a clitic ("ل" in "لـ"حماس"").
  bool is_clitic(std::string_view folded) const;

  // --- Entities and names -----------------------------------------------------------------
  // A knowledge-base name starting at token i (listed form, longest first; or a one-word
  // surname recognised by its strict key), extended backwards by one token when that token
  // and the name together are a known form of the same entity by key ("يتسحق هرتسوغ").
  std::optional<NameHit> entity_at(const Document& d, std::size_t i) const;
  // Only the key path of entity_at: for tokens where start_mask says no listed name starts.
  std::optional<NameHit> key_name_at(const Document& d, std::size_t i) const;
  // A name by pattern starting at token i: one or two name-like words, plus connectors
  // ("بن", "عبد", "آل"); a single word must have four letters or more. Resolved to a
  // knowledge-base entity by loose key when one matches.
  // `strict` (a speech verb's subject): no word with the definite article, and the name must
  // be followed by a boundary (punctuation, a stop word, a complementizer, the end).
  std::optional<NameHit> pattern_name_at(const Document& d, std::size_t i, bool strict = false) const;
  // entity_at, else pattern_name_at.
  // Only names with no clitic glued on (after a title, a name with a preposition is not its
  // holder: "كبير الدبلوماسيين الأمريكيين لنتنياهو").
  std::optional<NameHit> person_at(const Document& d, std::size_t i) const;

  // The id of a name hit: the entity id, or "~" + strict key.
  std::string id_of(const Document& d, const NameHit& h) const;
  // The folded tokens of the hit without the clitic, joined by single spaces; an elided article
  // is restored onto the first word, so the result is the name as written without a clitic
  // (one word, not the article and the word apart).
  std::string folded_of(const Document& d, const NameHit& h) const;
  // Keys of a folded name (words separated by spaces); words joined by '_'.
  std::string strict_key(std::string_view folded) const { return key(folded, false); }
  std::string loose_key(std::string_view folded) const { return key(folded, true); }
  // out = key(folded_of(d, h), loose), built from the tokens without the folded string.
  void hit_key(const Document& d, const NameHit& h, bool loose, std::string& out) const;

  // Who held `office` of `country` on ISO `date`: the entity index, or -1 when none or more
  // than one does, or the date is not ISO.
  int holder(int office, int country, std::string_view date) const;
  // Whether entity `e` held `office` (of `country` when >= 0) on `date`: 1 yes, 0 no, -1 the
  // knowledge base does not say (no offices listed, or no date).
  int held(int e, int office, int country, std::string_view date) const;
  // Whether entity `e` left `office` at most `recent_office_days` (titles.yaml) before `date`:
  // news still names people by an office they held in the events it narrates.
  bool recently_held(int e, int office, int country, std::string_view date) const;
  // The country of `office` for entity `e` from its offices (the one held on `date` first), or -1.
  int country_from_kb(int e, int office, std::string_view date) const;
  int office_index(std::string_view id) const;
  int country_index(std::string_view id) const;

  // --- Titles ---------------------------------------------------------------------------
  // A title starting at token i: [modifier-before]* OFFICE [country | modifier-after | filler]*.
  std::optional<TitleHit> title_at(const Document& d, std::size_t i) const;
  // Honorific ("الأمير", "الشيخ") at token i: one past its last token, or i when none.
  std::size_t skip_honorifics(const Document& d, std::size_t i) const;
  // Canonical office: modifiers and office joined by '_' ("deputy_prime_minister").
  std::string canonical(const TitleHit& t) const;

  // --- Frames ---------------------------------------------------------------------------
  // A speech verb, participle or relay starting at token i.
  std::optional<FrameHit> frame_at(const Document& d, std::size_t i) const;
  // Anonymous-source noun at token i.
  bool anonymous_at(const Document& d, std::size_t i) const;
  std::optional<PhraseMatch> issued_by_at(const Document& d, std::size_t i) const;
  bool term_head_ending(const Document& d, std::size_t end) const;
  bool complementizer_at(const Document& d, std::size_t i) const;
  bool pronoun_subject_at(const Document& d, std::size_t i) const;
  bool source_marker_at(const Document& d, std::size_t i) const;

 private:
  std::string key(std::string_view folded, bool loose) const;
  // Appends the key of one folded word; returns the number of letters in the word.
  std::size_t word_key(std::string_view word, bool loose, std::string& out) const;
  std::optional<PhraseMatch> match(const PhraseSet& set, const Document& d, std::size_t i,
                                   bool* elided = nullptr) const;
  class HashTable;
  // Adds `form` to `set`; with `starts`, its first token (with every clitic) to `starts_in`
  // (starts_ when null) under that mask.
  void add_form(PhraseSet& set, std::string_view form, int payload, int starts = 0, HashTable* starts_in = nullptr);
  bool name_like(const Document& d, std::size_t i) const;
  // A quote mark between tokens of [first, last).
  static bool quote_inside(const Document& d, std::size_t first, std::size_t last);
  std::optional<NameHit> key_entity_at(const Document& d, std::size_t i) const;
  // The lookups without the memo (i < size).
  std::optional<NameHit> entity_at_now(const Document& d, std::size_t i) const;
  std::optional<NameHit> pattern_name_at_now(const Document& d, std::size_t i, bool strict) const;
  std::optional<TitleHit> title_at_now(const Document& d, std::size_t i) const;
  std::optional<FrameHit> frame_at_now(const Document& d, std::size_t i) const;
  bool name_like_now(const Document& d, std::size_t i) const;
  // This thread's memo, reset for document d and this base (people.cpp).
  struct Memo;
  struct MemoRecord;  // the hits found at one token
  static thread_local Memo* current_memo_;  // a plain pointer: read without a thread_local object's guard
  Memo& memo(const Document& d) const;
  Memo& memo_reset(const Document& d) const;  // memo()'s slow path: another document or base
  // The memoized answer at token i (nullopt past the end): compute() the first time.
  template <class Hit, class Compute>
  std::optional<Hit> memoized(const Document& d, std::size_t i, std::uint16_t done, std::uint16_t has,
                              Hit MemoRecord::*slot, Compute&& compute) const;
  // strict_words_ at the strict key of token text `tok` (its token hash `hash`): cached per
  // thread by token hash, since a word is asked about again and again.
  std::uint32_t strict_word(std::string_view tok, std::uint64_t hash) const;
  std::optional<NameHit> extend(const Document& d, std::optional<NameHit> hit) const;

  std::uint64_t serial_;              // tags this base's entries in per-thread caches
  std::vector<std::string> clitics_;  // folded, longest first
  std::string definite_;              // the definite article, folded
  std::vector<Entity> entities_;
  PhraseSet entity_forms_;
  std::unordered_map<std::string, int, Hash, std::equal_to<>> loose_forms_;   // loose key -> entity (-2: ambiguous)
  // Open-addressing table of 64-bit hashes of strings -> value; a filter (hash collisions are
  // harmless where the caller verifies) and, for keys, a lookup.
  class HashTable {
   public:
    void add(std::string_view s, std::uint32_t v);  // before build(); later values OR-ed
    void build();
    std::uint32_t get(std::string_view s) const;   // 0 when absent
    std::uint32_t get_hash(std::uint64_t h) const {  // get() by hash(s)
      if (slots_.empty()) return 0;
      const std::size_t b = (h >> 40) & bloom_mask_, c = (h >> 20) & bloom_mask_;
      if (!(bloom_[b >> 6] & (std::uint64_t{1} << (b & 63))) || !(bloom_[c >> 6] & (std::uint64_t{1} << (c & 63))))
        return 0;
      for (std::size_t k = (h >> 1) & mask_;; k = (k + 1) & mask_) {  // bit 0 of a hash is always set
        if (slots_[k].first == h) return slots_[k].second;
        if (!slots_[k].first) return 0;
      }
    }
    bool empty() const { return pending_.empty() && slots_.empty(); }
    static std::uint64_t hash(std::string_view s) { return token_hash(s); }  // a Token's hash

   private:
    std::vector<std::pair<std::uint64_t, std::uint32_t>> pending_;  // (hash, value), as added
    std::vector<std::pair<std::uint64_t, std::uint32_t>> slots_;
    std::uint64_t mask_ = 0;
    std::vector<std::uint64_t> bloom_;
    std::uint64_t bloom_mask_ = 0;
  };
  HashTable starts_;       // first tokens (with every clitic) -> kStarts* mask
  HashTable other_starts_; // first tokens (with every clitic) of countries, honorifics, anonymous sources, complementizers -> 1
  HashTable strict_words_; // strict key of a one-word person form (with every clitic) -> entity+1 | clitic << 16
  HashTable first_words_;  // loose key of the first word of a multi-word person form (with clitics) -> clitic + 1
  std::unordered_map<std::string, int> strict_one_;  // construction only
  std::vector<std::string> offices_, countries_, modifier_names_, frame_names_;
  struct OfficeForm {
    int office;
    int country;
    bool needs_country;
  };
  std::vector<OfficeForm> office_forms_;
  std::vector<bool> office_generic_;  // offices that name a kind of post, not one post
  int recent_office_days_ = 0;
  PhraseSet office_set_, country_set_, mod_before_, mod_after_, fillers_, honorifics_;
  PhraseSet frames_, anonymous_, issued_by_, term_heads_, complementizers_, pronouns_, source_markers_;
  // Exact lookups of single folded words (bytes compared): flags OR-ed per word.
  class WordTable {
   public:
    void add(std::string_view w, std::uint32_t flags);
    std::uint32_t get(std::string_view w, std::uint64_t h) const;  // h: token_hash(w); 0 when absent
    std::uint32_t get(std::string_view w) const { return get(w, token_hash(w)); }

   private:
    struct Slot {
      std::uint64_t hash = 0;  // 0: empty (token_hash is never 0)
      std::uint32_t off = 0, len = 0;
      std::uint32_t flags = 0;
    };
    std::vector<Slot> slots_;
    std::string pool_;
    std::size_t used_ = 0;
    std::uint64_t mask_ = 0;
  };
  static constexpr std::uint32_t kStopWord = 1;      // not_names
  static constexpr std::uint32_t kConnectorWord = 2; // name_connectors
  static constexpr std::uint32_t kCliticWord = 4;    // a clitic alone
  static constexpr std::uint32_t kCliticStop = 8;    // a clitic + a stop word of four bytes or more
  // No form of the lexicons marked `bit` (kStarts*) starts at token i < size: one probe of
  // starts_ instead of the phrase sets' own lookups. (A digit token is never ruled out: its
  // start_mask is 0 whatever it is.)
  bool ruled_out(const Document& d, std::size_t i, int bit) const {
    const Token& t = d.tokens()[i];
    return !t.digits && !(starts_.get_hash(t.hash) & static_cast<std::uint32_t>(bit));
  }
  bool frame_ruled_out(const Document& d, std::size_t i) const { return ruled_out(d, i, kStartsFrame); }
  std::vector<std::string> verb_only_clitics_;  // folded verb clitics that are not in clitics_
  // Flags of token k (its precomputed hash).
  std::uint32_t word_flags(const Document& d, std::size_t k) const {
    return words_.get(d.token_text(k), d.tokens()[k].hash);
  }
  WordTable words_;
  int statement_min_words_ = 3;
  // Name key tables over U+0600..U+06FF.
  std::array<char, 256> key_letter_{};
  std::array<std::uint8_t, 256> key_flags_{};
};

// A handle on the KnowledgeBase compiled from a rule set, shared by every Knowledge built from
// rules of the same content (the names, titles, quotes and events extractors each hold one):
// compiled once, and its lexicons are in cache once. See KnowledgeBase for each lookup.
class Knowledge {
 public:
  explicit Knowledge(const rules::RuleSet& rs);

  static constexpr int kStartsEntity = KnowledgeBase::kStartsEntity;
  static constexpr int kStartsTitle = KnowledgeBase::kStartsTitle;
  static constexpr int kStartsFrame = KnowledgeBase::kStartsFrame;
  static constexpr int kStartsAny = KnowledgeBase::kStartsAny;

  const std::vector<Entity>& entities() const { return kb_->entities(); }
  const std::vector<std::string>& offices() const { return kb_->offices(); }
  const std::vector<std::string>& countries() const { return kb_->countries(); }
  const std::vector<std::string>& modifiers() const { return kb_->modifiers(); }
  const std::vector<std::string>& frame_names() const { return kb_->frame_names(); }
  int statement_min_words() const { return kb_->statement_min_words(); }

  static bool hard_break(const Document& d, std::size_t k) { return KnowledgeBase::hard_break(d, k); }
  static bool comma_break(const Document& d, std::size_t k) { return KnowledgeBase::comma_break(d, k); }
  bool may_start(const Document& d, std::size_t i) const { return kb_->may_start(d, i); }
  int start_mask(const Document& d, std::size_t i) const { return kb_->start_mask(d, i); }
  std::size_t next_start(const Document& d, std::size_t i, int bits = kStartsAny,
                         int* mask = nullptr) const {
    return kb_->next_start(d, i, bits, mask);
  }
  bool is_stop(std::string_view folded) const { return kb_->is_stop(folded); }
  bool is_connector(std::string_view folded) const { return kb_->is_connector(folded); }
  bool is_clitic(std::string_view folded) const { return kb_->is_clitic(folded); }

  std::optional<NameHit> entity_at(const Document& d, std::size_t i) const { return kb_->entity_at(d, i); }
  std::optional<NameHit> key_name_at(const Document& d, std::size_t i) const { return kb_->key_name_at(d, i); }
  std::optional<NameHit> pattern_name_at(const Document& d, std::size_t i, bool strict = false) const {
    return kb_->pattern_name_at(d, i, strict);
  }
  std::optional<NameHit> person_at(const Document& d, std::size_t i) const { return kb_->person_at(d, i); }
  std::string id_of(const Document& d, const NameHit& h) const { return kb_->id_of(d, h); }
  std::string folded_of(const Document& d, const NameHit& h) const { return kb_->folded_of(d, h); }
  std::string strict_key(std::string_view folded) const { return kb_->strict_key(folded); }
  std::string loose_key(std::string_view folded) const { return kb_->loose_key(folded); }
  void hit_key(const Document& d, const NameHit& h, bool loose, std::string& out) const {
    kb_->hit_key(d, h, loose, out);
  }

  int holder(int office, int country, std::string_view date) const { return kb_->holder(office, country, date); }
  int held(int e, int office, int country, std::string_view date) const { return kb_->held(e, office, country, date); }
  bool recently_held(int e, int office, int country, std::string_view date) const {
    return kb_->recently_held(e, office, country, date);
  }
  int country_from_kb(int e, int office, std::string_view date) const { return kb_->country_from_kb(e, office, date); }
  int office_index(std::string_view id) const { return kb_->office_index(id); }
  int country_index(std::string_view id) const { return kb_->country_index(id); }

  std::optional<TitleHit> title_at(const Document& d, std::size_t i) const { return kb_->title_at(d, i); }
  std::size_t skip_honorifics(const Document& d, std::size_t i) const { return kb_->skip_honorifics(d, i); }
  std::string canonical(const TitleHit& t) const { return kb_->canonical(t); }

  std::optional<FrameHit> frame_at(const Document& d, std::size_t i) const { return kb_->frame_at(d, i); }
  bool anonymous_at(const Document& d, std::size_t i) const { return kb_->anonymous_at(d, i); }
  std::optional<PhraseMatch> issued_by_at(const Document& d, std::size_t i) const { return kb_->issued_by_at(d, i); }
  bool term_head_ending(const Document& d, std::size_t end) const { return kb_->term_head_ending(d, end); }
  bool complementizer_at(const Document& d, std::size_t i) const { return kb_->complementizer_at(d, i); }
  bool pronoun_subject_at(const Document& d, std::size_t i) const { return kb_->pronoun_subject_at(d, i); }
  bool source_marker_at(const Document& d, std::size_t i) const { return kb_->source_marker_at(d, i); }

 private:
  std::shared_ptr<const KnowledgeBase> kb_;
};

// Payload bit: a form added without its definite article, valid only after a clitic
// ("للبيت الأبيض" = "ل" + "البيت الأبيض").
inline constexpr int kNeedsClitic = 1 << 24;

}  // namespace tadqiq::extract::people
