// Knowledge of people, titles and speech frames compiled from rules. See people.h and
// docs/knowledge-base.md.
#include <chrono>

#include "extract/people/people.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <mutex>

#include <unicode/utf8.h>

#include "extract/rules_util.h"
#include "normalize/normalize.h"

namespace tadqiq::extract::people {
namespace {

constexpr const char* kPeople = "people.yaml";
constexpr const char* kTitles = "titles.yaml";
constexpr const char* kSpeech = "speech.yaml";

constexpr std::uint8_t kVowel = 1;        // dropped inside a word by the loose key
constexpr std::uint8_t kStrictVowel = 2;  // dropped inside a word by both keys
constexpr std::uint8_t kFinalDrop = 4;    // dropped at the end of a word

std::string scalar(const YAML::Node& n, const std::string& fallback = "") {
  if (n && n.IsScalar()) return n.as<std::string>();
  return fallback;
}

// Code points of a UTF-8 string (a rules entry), for single-letter keys.
std::vector<UChar32> code_points(std::string_view s) {
  std::vector<UChar32> out;
  std::int32_t i = 0;
  const auto n = static_cast<std::int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(c);
  }
  return out;
}

std::size_t count_letters(std::string_view w) {
  std::size_t n = 0;
  for (unsigned char c : w)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool gap_has(std::string_view gap, bool comma_counts, bool& comma) {
  comma = false;
  for (std::size_t k = 0; k < gap.size(); ++k) {
    const unsigned char c = static_cast<unsigned char>(gap[k]);
    switch (c) {
      case '.': case ';': case ':': case '!': case '?': case '(': case ')': case '[': case ']':
      case '\n':
        return true;
      case ',':
        comma = true;
        if (comma_counts) return true;
        break;
      default:
        break;
    }
    if (c == 0xD8 && k + 1 < gap.size()) {
      const unsigned char d = static_cast<unsigned char>(gap[k + 1]);
      if (d == 0x8C) {  // U+060C ARABIC COMMA
        comma = true;
        if (comma_counts) return true;
      }
      if (d == 0x9B || d == 0x9F) return true;  // U+061B ARABIC SEMICOLON, U+061F QUESTION MARK
    }
    if (c == 0xE2 && k + 2 < gap.size() && static_cast<unsigned char>(gap[k + 1]) == 0x80) {
      const unsigned char d = static_cast<unsigned char>(gap[k + 2]);
      if (d == 0x93 || d == 0x94) return true;  // EN DASH, EM DASH
    }
  }
  return false;
}

// A number of its own for each KnowledgeBase built in the process (never 0).
std::uint64_t next_serial() {
  static std::atomic<std::uint64_t> n{0};
  return ++n;
}

}  // namespace

// ---- Construction -------------------------------------------------------------------------

void KnowledgeBase::HashTable::add(std::string_view s, std::uint32_t v) { pending_.emplace_back(hash(s), v); }

void KnowledgeBase::HashTable::build() {
  // One entry per hash, its values OR-ed (a hash may have been added many times): merged in a
  // scratch table of open addressing, at most half full.
  {
    std::size_t size = 16;
    while (size < pending_.size() * 2) size *= 2;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> merged(size, {0, 0});
    std::size_t out = 0;
    for (const auto& [h, v] : pending_) {
      std::size_t k = (h >> 1) & (size - 1);  // bit 0 of a hash is always set
      while (merged[k].first && merged[k].first != h) k = (k + 1) & (size - 1);
      if (!merged[k].first) {
        merged[k].first = h;
        ++out;
      }
      merged[k].second |= v;
    }
    pending_.clear();
    pending_.reserve(out);
    for (const auto& e : merged)
      if (e.first) pending_.push_back(e);
  }
  std::size_t size = 16;
  while (size < pending_.size() * 2) size *= 2;
  slots_.assign(size, {0, 0});
  mask_ = size - 1;
  // A Bloom filter (two bits per entry, eight bits of filter per entry): most absent strings
  // are rejected by a small bitset that stays in cache.
  std::size_t bits = 1024;
  while (bits < pending_.size() * 8) bits *= 2;
  bloom_.assign(bits / 64, 0);
  bloom_mask_ = bits - 1;
  for (const auto& [h, v] : pending_) {
    std::size_t k = (h >> 1) & mask_;  // bit 0 of a hash is always set
    while (slots_[k].first) k = (k + 1) & mask_;
    slots_[k] = {h, v};
    const std::size_t b = (h >> 40) & bloom_mask_, c = (h >> 20) & bloom_mask_;
    bloom_[b >> 6] |= std::uint64_t{1} << (b & 63);
    bloom_[c >> 6] |= std::uint64_t{1} << (c & 63);
  }
  pending_.clear();
  pending_.shrink_to_fit();
}

std::uint32_t KnowledgeBase::HashTable::get(std::string_view s) const { return get_hash(hash(s)); }

void KnowledgeBase::WordTable::add(std::string_view w, std::uint32_t flags) {
  if ((used_ + 1) * 2 > slots_.size()) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(16, old.size() * 2), Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& x : old)
      if (x.hash) {
        std::size_t k = (x.hash >> 1) & mask_;
        while (slots_[k].hash) k = (k + 1) & mask_;
        slots_[k] = x;
      }
  }
  const std::uint64_t h = token_hash(w);
  std::size_t k = (h >> 1) & mask_;
  for (;; k = (k + 1) & mask_) {
    Slot& x = slots_[k];
    if (!x.hash) {
      x = Slot{h, static_cast<std::uint32_t>(pool_.size()), static_cast<std::uint32_t>(w.size()), flags};
      pool_.append(w);
      ++used_;
      return;
    }
    if (x.hash == h && std::string_view(pool_).substr(x.off, x.len) == w) {
      x.flags |= flags;
      return;
    }
  }
}

std::uint32_t KnowledgeBase::WordTable::get(std::string_view w, std::uint64_t h) const {
  if (slots_.empty()) return 0;
  for (std::size_t k = (h >> 1) & mask_;; k = (k + 1) & mask_) {
    const Slot& x = slots_[k];
    if (!x.hash) return 0;
    if (x.hash == h && x.len == w.size() && std::memcmp(pool_.data() + x.off, w.data(), w.size()) == 0)
      return x.flags;
  }
}

void KnowledgeBase::add_form(PhraseSet& set, std::string_view form, int payload, int starts, HashTable* starts_in) {
  HashTable& into = starts_in ? *starts_in : starts_;
  const std::string f = normalize::fold(form);
  const auto toks = tokenize(f);
  if (toks.empty()) return;
  set.add(form, payload);
  const std::string first = f.substr(toks[0].begin, toks[0].end - toks[0].begin);
  std::string cw;  // a clitic + the word
  auto add_start = [&](const std::string& w) {
    if (!starts) return;
    into.add(w, static_cast<std::uint32_t>(starts));
    for (const auto& c : clitics_) into.add(cw.assign(c).append(w), static_cast<std::uint32_t>(starts));
    if (starts & kStartsFrame)  // frames take the verb clitics, some of which may be no others
      for (const auto& c : verb_only_clitics_) into.add(cw.assign(c).append(w), kStartsFrame);
  };
  add_start(first);
  // The same form without its definite article, valid only after a clitic ending like the
  // article ("للبيت الأبيض").
  if (!definite_.empty() && first.size() >= definite_.size() + 4 &&
      first.compare(0, definite_.size(), definite_) == 0) {
    const std::string alt = f.substr(definite_.size());
    set.add(alt, payload | kNeedsClitic);
    add_start(first.substr(definite_.size()));
  }
}

KnowledgeBase::KnowledgeBase(const rules::RuleSet& rs)
    : serial_(next_serial()),
      entity_forms_(clitics(rs)),
      office_set_(clitics(rs)),
      country_set_(clitics(rs)),
      mod_before_(clitics(rs)),
      mod_after_(clitics(rs)),
      fillers_(clitics(rs)),
      honorifics_(clitics(rs)),
      anonymous_(clitics(rs)),
      issued_by_(clitics(rs)),
      term_heads_(clitics(rs)),
      complementizers_(clitics(rs)),
      pronouns_(clitics(rs)) {
  for (const auto& c : clitics(rs)) {
    auto f = normalize::fold(c);
    if (f.empty()) continue;
    words_.add(f, kCliticWord);
    clitics_.push_back(std::move(f));
  }
  std::sort(clitics_.begin(), clitics_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  if (const auto ar = rs.doc("arabic.yaml"); ar && ar["definite_article"])
    definite_ = normalize::fold(scalar(ar["definite_article"]));

  const auto speech = require_doc(rs, kSpeech);
  {
    std::vector<std::string> vc = speech["verb_clitics"]
                                      ? rules::strings_of(rs, kSpeech, speech["verb_clitics"])
                                      : clitics(rs);
    frames_ = PhraseSet(vc);
    // start_mask's frame bit covers every verb clitic: those that are no general clitic are
    // added to the frames' start forms too (add_form).
    for (const auto& c : vc) {
      std::string f = normalize::fold(c);
      if (!f.empty() && std::find(clitics_.begin(), clitics_.end(), f) == clitics_.end())
        verb_only_clitics_.push_back(std::move(f));
    }
  }
  const auto people = require_doc(rs, kPeople);
  const auto titles = require_doc(rs, kTitles);

  // Name keys.
  if (const auto nk = people["name_key"]) {
    if (nk["letters"] && nk["letters"].IsMap())
      for (const auto& kv : nk["letters"]) {
        const auto cps = code_points(normalize::fold(kv.first.as<std::string>()));
        const std::string sym = scalar(kv.second);
        if (cps.size() != 1 || cps[0] < 0x600 || cps[0] > 0x6FF || sym.size() != 1)
          throw rules::RuleShapeError(rs.error_at(kPeople, kv.first,
              "name_key.letters: expected one Arabic letter mapped to one ASCII character"));
        key_letter_[cps[0] - 0x600] = sym[0];
      }
    auto flags = [&](const char* name, std::uint8_t flag) {
      for (const auto& s : rules::strings_of(rs, kPeople, nk[name])) {
        const auto cps = code_points(normalize::fold(s));
        if (cps.size() == 1 && cps[0] >= 0x600 && cps[0] <= 0x6FF) key_flags_[cps[0] - 0x600] |= flag;
      }
    };
    flags("vowels", kVowel);
    flags("strict_vowels", kStrictVowel);
    flags("final_drop", kFinalDrop);
  }

  // Entities.
  auto add_entity = [&](const std::string& id, const YAML::Node& node, bool org) {
    if (!node.IsMap())
      throw rules::RuleShapeError(rs.error_at(kPeople, node, "expected a mapping with `names`"));
    Entity e;
    e.id = id;
    e.organisation = org;
    e.en = scalar(node["en"]);
    e.country = scalar(node["country"]);
    const auto names = rules::strings_of(rs, kPeople, node["names"]);
    if (names.empty())
      throw rules::RuleShapeError(rs.error_at(kPeople, node, "an entry needs at least one name"));
    e.display = names.front();
    if (const auto offs = node["offices"]) {
      if (!offs.IsSequence())
        throw rules::RuleShapeError(rs.error_at(kPeople, offs, "expected a list of offices"));
      for (const auto& o : offs) {
        if (!o.IsMap() || !o["office"])
          throw rules::RuleShapeError(rs.error_at(kPeople, o, "an office needs `office`"));
        e.offices.push_back({scalar(o["office"]), scalar(o["country"]), scalar(o["start"]), scalar(o["end"])});
      }
    }
    const int idx = static_cast<int>(entities_.size());
    entities_.push_back(std::move(e));
    for (const auto& n : names) {
      add_form(entity_forms_, n, idx, kStartsEntity);
      if (org) continue;
      const std::string f = normalize::fold(n);
      auto [it, fresh] = loose_forms_.emplace(loose_key(f), idx);
      if (!fresh && it->second != idx) it->second = -2;
      const auto ft = tokenize(f);
      std::string k, cw;  // a key; a clitic + a word
      if (ft.size() > 1) {
        const std::string first = f.substr(ft[0].begin, ft[0].end - ft[0].begin);
        word_key(first, true, k);
        first_words_.add(k, 1);
        for (const auto& c : clitics_) {
          k.clear();
          word_key(cw.assign(c).append(first), true, k);
          first_words_.add(k, 1);
        }
      }
      if (ft.size() == 1 && count_letters(f) >= 4) {
        // The word and every clitic before it, keyed as a token is keyed at run time.
        word_key(f, false, k);
        auto [jt, fresh2] = strict_one_.emplace(k, idx);
        if (!fresh2 && jt->second != idx) jt->second = -2;
        for (const auto& c : clitics_) {
          k.clear();
          word_key(cw.assign(c).append(f), false, k);
          auto [kt, fresh3] = strict_one_.emplace(k, idx | static_cast<int>(c.size() << 16));
          if (!fresh3 && kt->second != (idx | static_cast<int>(c.size() << 16))) kt->second = -2;
        }
      }
    }
  };
  if (const auto p = people["people"]; p && p.IsMap())
    for (const auto& kv : p) add_entity(kv.first.as<std::string>(), kv.second, false);
  if (const auto o = people["organisations"]; o && o.IsMap())
    for (const auto& kv : o) add_entity(kv.first.as<std::string>(), kv.second, true);
  for (const auto& s : rules::strings_of(rs, kPeople, people["not_names"])) {
    const std::string f = normalize::fold(s);
    words_.add(f, kStopWord);
    if (f.size() >= 4)
      for (const auto& c : clitics_) words_.add(c + f, kCliticStop);
  }
  for (const auto& s : rules::strings_of(rs, kPeople, people["name_connectors"]))
    words_.add(normalize::fold(s), kConnectorWord);

  // Titles.
  const auto offices = titles["offices"];
  if (!offices || !offices.IsMap())
    throw rules::RuleShapeError(rs.error_at(kTitles, titles, "expected `offices:` mapping"));
  // Countries first: office forms may name one.
  if (const auto cs = titles["countries"]; cs && cs.IsMap())
    for (const auto& kv : cs) {
      countries_.push_back(kv.first.as<std::string>());
      for (const auto& f : rules::strings_of(rs, kTitles, kv.second))
        add_form(country_set_, f, static_cast<int>(countries_.size() - 1), 1, &other_starts_);
    }
  for (const auto& kv : offices) {
    offices_.push_back(kv.first.as<std::string>());
    const int office = static_cast<int>(offices_.size() - 1);
    if (!kv.second.IsSequence())
      throw rules::RuleShapeError(rs.error_at(kTitles, kv.second, "expected a list of forms"));
    for (const auto& f : kv.second) {
      OfficeForm of{office, -1, false};
      std::string form;
      if (f.IsScalar()) {
        form = f.as<std::string>();
      } else if (f.IsMap() && f["form"]) {
        form = scalar(f["form"]);
        if (f["country"]) {
          of.country = country_index(scalar(f["country"]));
          if (of.country < 0)
            throw rules::RuleShapeError(rs.error_at(kTitles, f["country"], "unknown country (not in `countries`)"));
        }
        of.needs_country = f["needs_country"] && f["needs_country"].as<bool>(false);
      } else {
        throw rules::RuleShapeError(rs.error_at(kTitles, f, "expected a phrase or {form, country, needs_country}"));
      }
      office_forms_.push_back(of);
      add_form(office_set_, form, static_cast<int>(office_forms_.size() - 1), kStartsTitle);
    }
  }
  if (const auto mods = titles["modifiers"]) {
    for (const char* side : {"before", "after"}) {
      const auto m = mods[side];
      if (!m) continue;
      if (!m.IsMap()) throw rules::RuleShapeError(rs.error_at(kTitles, m, "expected a mapping of modifier: [forms]"));
      for (const auto& kv : m) {
        modifier_names_.push_back(kv.first.as<std::string>());
        const int idx = static_cast<int>(modifier_names_.size() - 1);
        for (const auto& f : rules::strings_of(rs, kTitles, kv.second))
          add_form(side[0] == 'b' ? mod_before_ : mod_after_, f, idx, side[0] == 'b' ? kStartsTitle : 0);
      }
    }
  }
  for (const auto& f : rules::strings_of(rs, kTitles, titles["fillers"])) add_form(fillers_, f, 0);
  office_generic_.assign(offices_.size(), false);
  if (titles["recent_office_days"])
    recent_office_days_ = static_cast<int>(number_of(rs, kTitles, titles["recent_office_days"]));
  for (const auto& g : rules::strings_of(rs, kTitles, titles["generic_offices"])) {
    const int o = office_index(g);
    if (o < 0) throw rules::RuleShapeError(rs.error_at(kTitles, titles["generic_offices"], "unknown office: " + g));
    office_generic_[o] = true;
  }
  for (const auto& f : rules::strings_of(rs, kTitles, titles["honorifics"])) add_form(honorifics_, f, 0, 1, &other_starts_);

  // Speech frames.
  auto frame_index = [&](const std::string& name) {
    auto it = std::find(frame_names_.begin(), frame_names_.end(), name);
    if (it != frame_names_.end()) return static_cast<int>(it - frame_names_.begin());
    frame_names_.push_back(name);
    return static_cast<int>(frame_names_.size() - 1);
  };
  auto frames = [&](const char* key, FrameKind kind) {
    const auto node = speech[key];
    if (!node) return;
    if (!node.IsMap()) throw rules::RuleShapeError(rs.error_at(kSpeech, node, "expected a mapping of frame: [forms]"));
    for (const auto& kv : node) {
      const int idx = frame_index(kv.first.as<std::string>());
      for (const auto& f : rules::strings_of(rs, kSpeech, kv.second))
        add_form(frames_, f, (static_cast<int>(kind) << 16) | idx, kStartsFrame);
    }
  };
  frames("verbs", FrameKind::verb);
  frames("participles", FrameKind::participle);
  if (const auto r = speech["relays"]) {
    if (r["according_to"])
      for (const auto& f : rules::strings_of(rs, kSpeech, r["according_to"]))
        add_form(frames_, f, (static_cast<int>(FrameKind::relay) << 16) | frame_index("according_to"), kStartsFrame);
    if (r["quoting"])
      for (const auto& f : rules::strings_of(rs, kSpeech, r["quoting"]))
        add_form(frames_, f, (static_cast<int>(FrameKind::quoting) << 16) | frame_index("quoting"), kStartsFrame);
  }
  for (const auto& f : rules::strings_of(rs, kSpeech, speech["anonymous_sources"])) add_form(anonymous_, f, 0, 1, &other_starts_);
  for (const auto& f : rules::strings_of(rs, kSpeech, speech["issued_by"])) add_form(issued_by_, f, 0);
  for (const auto& f : rules::strings_of(rs, kSpeech, speech["term_heads"])) term_heads_.add(f, 0);
  for (const auto& f : rules::strings_of(rs, kSpeech, speech["complementizers"])) add_form(complementizers_, f, 0, 1, &other_starts_);
  for (const auto& f : rules::strings_of(rs, kSpeech, speech["pronoun_subjects"])) add_form(pronouns_, f, 0);
  for (const auto& f : rules::strings_of(rs, kSpeech, speech["source_markers"])) source_markers_.add(f, 0);
  if (speech["statement_min_words"])
    statement_min_words_ = static_cast<int>(number_of(rs, kSpeech, speech["statement_min_words"]));
  starts_.build();
  other_starts_.build();
  for (const auto& [k, v] : strict_one_)
    if (v >= 0) strict_words_.add(k, static_cast<std::uint32_t>((v & 0xFFFF) + 1) | (static_cast<std::uint32_t>(v >> 16) << 16));
  strict_words_.build();
  first_words_.build();
  strict_one_.clear();
}

// ---- Tokens -------------------------------------------------------------------------------

bool KnowledgeBase::hard_break(const Document& d, std::size_t k) {
  if (k == 0 || k >= d.tokens().size()) return true;
  const auto& t = d.tokens();
  const std::string_view gap = std::string_view(d.text()).substr(t[k - 1].end, t[k].begin - t[k - 1].end);
  bool comma;
  return gap_has(gap, true, comma);
}

bool KnowledgeBase::comma_break(const Document& d, std::size_t k) {
  if (k == 0 || k >= d.tokens().size()) return false;
  const auto& t = d.tokens();
  const std::string_view gap = std::string_view(d.text()).substr(t[k - 1].end, t[k].begin - t[k - 1].end);
  bool comma;
  return !gap_has(gap, false, comma) && comma;
}

bool KnowledgeBase::is_stop(std::string_view folded) const { return (words_.get(folded) & kStopWord) != 0; }
bool KnowledgeBase::is_clitic(std::string_view folded) const { return (words_.get(folded) & kCliticWord) != 0; }

std::optional<PhraseMatch> KnowledgeBase::match(const PhraseSet& set, const Document& d, std::size_t i,
                                             bool* elided) const {
  if (elided) *elided = false;
  if (i >= d.tokens().size()) return std::nullopt;
  auto m = set.match_at(d.text(), d.tokens(), i, true);
  if (!m) return m;
  if (m->payload & kNeedsClitic) {
    // Only after a clitic that ends like the definite article ("لل", "وال").
    const std::string_view tok = d.token_text(i);
    const std::string_view last = definite_.size() >= 2 ? std::string_view(definite_).substr(definite_.size() - 2) : "";
    if (m->clitic < 2 || tok.substr(m->clitic - 2, 2) != last) return std::nullopt;
    m->payload &= ~kNeedsClitic;
    // "والرئيس": the article is the word's own; "للبيت": it is elided.
    if (m->clitic >= definite_.size() && tok.substr(m->clitic - definite_.size(), definite_.size()) == definite_)
      m->clitic -= definite_.size();
    else if (elided)
      *elided = true;
  }
  return m;
}

// ---- Keys ---------------------------------------------------------------------------------

std::size_t KnowledgeBase::word_key(std::string_view w, bool loose, std::string& out) const {
  // Code points of the word (names are short: longer words are cut at 48 letters).
  UChar32 cps[48];
  std::size_t n = 0;
  std::int32_t i = 0;
  const auto len = static_cast<std::int32_t>(w.size());
  while (i < len && n < 48) {
    UChar32 c;
    U8_NEXT(w.data(), i, len, c);
    cps[n++] = c;
  }
  const std::size_t letters = n;
  auto flags = [&](UChar32 c) -> std::uint8_t {
    return (c >= 0x600 && c <= 0x6FF) ? key_flags_[c - 0x600] : 0;
  };
  while (n > 2 && (flags(cps[n - 1]) & kFinalDrop)) --n;
  char last = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const UChar32 c = cps[k];
    const std::uint8_t f = flags(c);
    if (k > 0 && k + 1 < n && ((f & kStrictVowel) || (loose && (f & kVowel)))) continue;
    char sym = 0;
    if (c >= 0x600 && c <= 0x6FF) sym = key_letter_[c - 0x600];
    else if (c < 0x80) sym = static_cast<char>(c);
    if (sym == 0) {
      // A letter the table does not know: kept as it is.
      char buf[4];
      std::int32_t j = 0;
      UBool err = false;
      U8_APPEND(buf, j, 4, c, err);
      if (!err) out.append(buf, static_cast<std::size_t>(j));
      last = 0;
      continue;
    }
    if (sym == last) continue;  // doubled letters
    out.push_back(sym);
    last = sym;
  }
  return letters;
}

std::string KnowledgeBase::key(std::string_view folded, bool loose) const {
  std::string out;
  for (const auto& t : tokenize(folded)) {
    if (!out.empty()) out.push_back('_');
    word_key(folded.substr(t.begin, t.end - t.begin), loose, out);
  }
  return out;
}

std::string KnowledgeBase::folded_of(const Document& d, const NameHit& h) const {
  std::string out;
  for (std::size_t k = h.first; k < h.last; ++k) {
    if (k > h.first) out.push_back(' ');
    std::string_view t = d.token_text(k);
    if (k == h.first) {
      t.remove_prefix(std::min(h.clitic, t.size()));
      if (h.elided) out.append(definite_);  // restored onto the word, not a word of its own
    }
    out.append(t);
  }
  return out;
}

void KnowledgeBase::hit_key(const Document& d, const NameHit& h, bool loose, std::string& out) const {
  // key(folded_of(h)) without the folded string: a token is a run of letters, so tokenizing
  // folded_of's words gives them back (and an empty word, none).
  out.clear();
  auto word = [&](std::string_view w) {
    if (w.empty()) return;
    if (!out.empty()) out.push_back('_');
    word_key(w, loose, out);
  };
  for (std::size_t k = h.first; k < h.last; ++k) {
    std::string_view t = d.token_text(k);
    if (k == h.first) {
      t.remove_prefix(std::min(h.clitic, t.size()));
      if (h.elided) {  // the restored article is part of the first word, as in folded_of
        std::string first = definite_;
        first.append(t);
        word(first);
        continue;
      }
    }
    word(t);
  }
}

std::string KnowledgeBase::id_of(const Document& d, const NameHit& h) const {
  if (h.entity >= 0) return entities_[h.entity].id;
  return "~" + strict_key(folded_of(d, h));
}

// ---- Entities and names -------------------------------------------------------------------

std::uint32_t KnowledgeBase::strict_word(std::string_view tok, std::uint64_t hash) const {
  // A direct-mapped cache per thread, by token hash (as start_mask trusts it), of this base.
  struct Cache {
    std::uint64_t serial = 0;
    std::array<std::pair<std::uint64_t, std::uint32_t>, 1024> slots{};  // hash 0: empty
  };
  thread_local Cache cache;
  if (cache.serial != serial_) {
    cache.slots.fill({0, 0});
    cache.serial = serial_;
  }
  auto& e = cache.slots[(hash >> 7) & (cache.slots.size() - 1)];
  if (e.first != hash) {
    thread_local std::string buf;
    buf.clear();
    word_key(tok, false, buf);
    e = {hash, strict_words_.get(buf)};
  }
  return e.second;
}

std::optional<NameHit> KnowledgeBase::key_entity_at(const Document& d, std::size_t i) const {
  if (d.tokens()[i].digits) return std::nullopt;
  const std::string_view tok = d.token_text(i);
  if (tok.size() < 8) return std::nullopt;  // four Arabic letters at least
  const std::uint32_t v = strict_word(tok, d.tokens()[i].hash);
  if (!v) return std::nullopt;
  const std::size_t clitic = v >> 16;
  if (is_stop(tok.substr(clitic))) return std::nullopt;
  return NameHit{i, i + 1, clitic, static_cast<int>((v & 0xFFFF) - 1), true};
}

std::optional<NameHit> KnowledgeBase::entity_at_now(const Document& d, std::size_t i) const {
  std::optional<NameHit> hit;
  bool elided = false;
  if (auto m = ruled_out(d, i, kStartsEntity) ? std::nullopt : match(entity_forms_, d, i, &elided);
      m && !quote_inside(d, m->first, m->last))
    hit = NameHit{m->first, m->last, m->clitic, m->payload, false, elided};
  else
    hit = key_entity_at(d, i);
  return extend(d, hit);
}

std::optional<NameHit> KnowledgeBase::key_name_at(const Document& d, std::size_t i) const {
  // Where no listed name starts, entity_at is this very lookup (and is memoized).
  if (i < d.tokens().size() && ruled_out(d, i, kStartsEntity)) return entity_at(d, i);
  return extend(d, key_entity_at(d, i));
}

std::optional<NameHit> KnowledgeBase::extend(const Document& d, std::optional<NameHit> hit) const {
  if (!hit || entities_[hit->entity].organisation) return hit;
  // One more word before, when the two together are a form of the same person by key.
  if (hit->clitic == 0 && hit->first > 0 && !hard_break(d, hit->first) &&
      !d.tokens()[hit->first - 1].digits) {
    NameHit wider = *hit;
    wider.first = hit->first - 1;
    const std::string_view tok = d.token_text(wider.first);
    // Cheap filter: the word (with any clitic) must key like the first word of a listed name.
    thread_local std::string buf;
    buf.clear();
    word_key(tok, true, buf);
    const std::uint32_t v = first_words_.get(buf);
    if (!v) return hit;
    std::size_t tries[24];
    std::size_t n_tries = 0;
    tries[n_tries++] = 0;
    for (const auto& c : clitics_)
      if (n_tries < 24 && tok.size() >= c.size() + 4 && tok.compare(0, c.size(), c) == 0) tries[n_tries++] = c.size();
    for (std::size_t k = 0; k < n_tries; ++k) {
      const std::size_t c = tries[k];
      wider.clitic = c;
      if (is_stop(tok.substr(c))) continue;
      thread_local std::string key;
      hit_key(d, wider, true, key);
      auto it = loose_forms_.find(std::string_view(key));
      if (it != loose_forms_.end() && it->second == hit->entity) {
        wider.by_key = true;
        return wider;
      }
    }
  }
  return hit;
}

bool KnowledgeBase::name_like_now(const Document& d, std::size_t j) const {
  const auto& t = d.tokens()[j];
  if (t.digits) return false;
  const std::string_view tok = d.token_text(j);
  if (count_letters(tok) < 2) return false;
  // A stop word, a clitic alone, or a clitic glued to a stop word.
  if (word_flags(d, j) & (kStopWord | kCliticWord | kCliticStop)) return false;
  // ASCII words are not Arabic names (agency names, units).
  if (static_cast<unsigned char>(tok[0]) < 0x80) return false;
  if (!frame_ruled_out(d, j) && match(frames_, d, j)) return false;
  if (!ruled_out(d, j, kStartsTitle) && (match(office_set_, d, j) || match(mod_before_, d, j))) return false;
  // Countries, honorifics, anonymous sources and complementizers: one probe rules them all out
  // for most words (t is not a digit token here).
  if (!other_starts_.get_hash(t.hash)) return true;
  if (auto c = country_set_.match_at(d.text(), d.tokens(), j, false)) return false;
  if (honorifics_.match_at(d.text(), d.tokens(), j, false)) return false;
  if (anonymous_.match_at(d.text(), d.tokens(), j, true)) return false;
  if (complementizers_.match_at(d.text(), d.tokens(), j, true)) return false;
  return true;
}

std::optional<NameHit> KnowledgeBase::pattern_name_at_now(const Document& d, std::size_t i, bool strict) const {
  const std::size_t n = d.tokens().size();
  if (!name_like(d, i)) return std::nullopt;
  // A known name (perhaps with a preposition glued on) is not a new name.
  if (entity_at(d, i)) return std::nullopt;
  auto starts_with_article = [&](std::size_t k) {
    const std::string_view tok = d.token_text(k);
    return !definite_.empty() && tok.size() > definite_.size() && tok.compare(0, definite_.size(), definite_) == 0;
  };
  if (starts_with_article(i)) return std::nullopt;
  std::size_t j = i;
  int plain = 0;
  bool after_connector = false;
  std::size_t last_good = i;  // one past the last token that may end the name
  while (j < n && j - i < 6) {
    if (j > i) {
      if (hard_break(d, j)) break;
      const std::string_view gap =
          std::string_view(d.text()).substr(d.tokens()[j - 1].end, d.tokens()[j].begin - d.tokens()[j - 1].end);
      if (gap.find_first_of("\"'") != std::string_view::npos) break;
    }
    const std::string_view tok = d.token_text(j);
    if (d.tokens()[j].digits) break;
    const std::uint32_t flags = word_flags(d, j);
    if (flags & kConnectorWord) {
      after_connector = true;
      ++j;
      continue;
    }
    if (!after_connector) {
      if (plain == 2) break;
      if (!name_like(d, j)) break;
      if (strict && starts_with_article(j)) break;
      if (j > i && title_at(d, j)) break;
      if (j > i) {
        // A known name here ends this one, unless it takes this one in as its first name.
        if (auto h = entity_at(d, j)) {
          if (h->first < j) return h;
          break;
        }
      }
      ++plain;
    } else {
      if (d.tokens()[j].digits || count_letters(tok) < 2 || (flags & kStopWord)) break;
    }
    after_connector = false;
    ++j;
    last_good = j;
  }
  if (last_good == i) return std::nullopt;
  NameHit h{i, last_good, 0, -1, false};
  if (h.last - h.first == 1 && count_letters(d.token_text(i)) < 4) return std::nullopt;
  if (strict && h.last < n && !hard_break(d, h.last)) {
    const bool boundary = (word_flags(d, h.last) & (kStopWord | kCliticWord | kCliticStop)) ||
                          complementizers_.match_at(d.text(), d.tokens(), h.last, false);
    if (!boundary) return std::nullopt;
  }
  if (is_connector(d.token_text(i)) && h.last - h.first < 2) return std::nullopt;
  thread_local std::string key;
  hit_key(d, h, true, key);
  auto it = loose_forms_.find(std::string_view(key));
  if (it != loose_forms_.end() && it->second >= 0) {
    h.entity = it->second;
    h.by_key = true;
  }
  return h;
}

std::optional<NameHit> KnowledgeBase::person_at(const Document& d, std::size_t i) const {
  if (auto h = entity_at(d, i)) {
    if (h->clitic) return std::nullopt;
    return h;
  }
  // A first name written another way before a known surname ("ماثيو ميللر").
  if (i + 1 < d.tokens().size())
    if (auto h = entity_at(d, i + 1); h && h->first == i && h->clitic == 0) return h;
  return pattern_name_at(d, i);
}

bool KnowledgeBase::quote_inside(const Document& d, std::size_t first, std::size_t last) {
  const auto& t = d.tokens();
  for (std::size_t k = first + 1; k < last; ++k) {
    const std::string_view gap = std::string_view(d.text()).substr(t[k - 1].end, t[k].begin - t[k - 1].end);
    if (gap.find_first_of("\"'") != std::string_view::npos) return true;
  }
  return false;
}

int KnowledgeBase::office_index(std::string_view id) const {
  auto it = std::find(offices_.begin(), offices_.end(), id);
  return it == offices_.end() ? -1 : static_cast<int>(it - offices_.begin());
}

int KnowledgeBase::country_index(std::string_view id) const {
  auto it = std::find(countries_.begin(), countries_.end(), id);
  return it == countries_.end() ? -1 : static_cast<int>(it - countries_.begin());
}

namespace {
bool iso(std::string_view s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-';
}
bool in_office(const Office& o, std::string_view date) {
  if (!o.start.empty() && std::string_view(o.start) > date) return false;
  if (!o.end.empty() && std::string_view(o.end) <= date) return false;
  return true;
}
}  // namespace

int KnowledgeBase::holder(int office, int country, std::string_view date) const {
  if (office < 0 || country < 0 || !iso(date)) return -1;
  const std::string& oid = offices_[office];
  const std::string& cid = countries_[country];
  int found = -1;
  for (std::size_t e = 0; e < entities_.size(); ++e)
    for (const auto& o : entities_[e].offices)
      if (o.office == oid && o.country == cid && in_office(o, date)) {
        if (found >= 0 && found != static_cast<int>(e)) return -1;
        found = static_cast<int>(e);
      }
  return found;
}

int KnowledgeBase::held(int e, int office, int country, std::string_view date) const {
  if (e < 0 || office < 0 || !iso(date) || entities_[e].offices.empty() || office_generic_[office]) return -1;
  for (const auto& o : entities_[e].offices)
    if (o.office == offices_[office] && (country < 0 || o.country == countries_[country]) && in_office(o, date))
      return 1;
  return 0;
}

bool KnowledgeBase::recently_held(int e, int office, int country, std::string_view date) const {
  if (e < 0 || office < 0 || !iso(date) || recent_office_days_ <= 0) return false;
  using namespace std::chrono;
  auto parse = [](std::string_view d) {
    return sys_days(year_month_day(year(std::stoi(std::string(d.substr(0, 4)))),
                                   month(static_cast<unsigned>(std::stoi(std::string(d.substr(5, 2))))),
                                   day(static_cast<unsigned>(std::stoi(std::string(d.substr(8, 2)))))));
  };
  const sys_days on = parse(date);
  for (const auto& o : entities_[e].offices) {
    if (o.office != offices_[office] || (country >= 0 && o.country != countries_[country])) continue;
    if (o.end.empty() || !iso(o.end) || std::string_view(o.end) > date) continue;
    if ((on - parse(o.end)).count() <= recent_office_days_) return true;
  }
  return false;
}

int KnowledgeBase::country_from_kb(int e, int office, std::string_view date) const {
  if (e < 0 || office < 0) return -1;
  const Office* best = nullptr;
  for (const auto& o : entities_[e].offices) {
    if (o.office != offices_[office]) continue;
    if (!best || (iso(date) && in_office(o, date))) best = &o;
  }
  return best ? country_index(best->country) : -1;
}

// ---- Titles -------------------------------------------------------------------------------

std::optional<TitleHit> KnowledgeBase::title_at_now(const Document& d, std::size_t i) const {
  const std::size_t n = d.tokens().size();
  if (ruled_out(d, i, kStartsTitle)) return std::nullopt;  // no office or modifier starts here
  TitleHit t;
  t.first = i;
  std::size_t j = i;
  std::optional<PhraseMatch> office;
  for (int round = 0; round < 3 && j < n; ++round) {
    if (j > i && hard_break(d, j)) return std::nullopt;
    if ((office = match(office_set_, d, j))) break;
    auto m = match(mod_before_, d, j);
    if (!m || (j > i && m->clitic)) return std::nullopt;
    if (j == i) t.clitic = m->clitic;
    if (t.n_modifiers < 4) t.modifiers[t.n_modifiers++] = static_cast<std::int8_t>(m->payload);
    j = m->last;
  }
  if (!office || (j > i && office->clitic)) return std::nullopt;
  if (j == i) t.clitic = office->clitic;
  const OfficeForm& form = office_forms_[office->payload];
  t.office = form.office;
  t.country = form.country;
  t.country_in_form = form.country >= 0;
  std::size_t k = office->last;
  auto lam_clitic = [&](const PhraseMatch& m) {
    if (m.clitic == 0) return true;
    const std::string_view tok = d.token_text(m.first);
    const std::string_view last = definite_.size() >= 2 ? std::string_view(definite_).substr(definite_.size() - 2) : "";
    return tok.substr(m.clitic - 2, 2) == last;
  };
  for (int round = 0; round < 5 && k < n; ++round) {
    if (hard_break(d, k)) break;
    std::size_t at = k;
    if (is_clitic(d.token_text(k)) && k + 1 < n && !hard_break(d, k + 1)) at = k + 1;  // "لـ"حماس""
    if (auto c = match(country_set_, d, at); c && lam_clitic(*c)) {
      if (t.country < 0) t.country = c->payload;
      k = c->last;
      continue;
    }
    if (at != k) break;
    if (auto m = mod_after_.match_at(d.text(), d.tokens(), k, false)) {
      if (t.n_modifiers < 4) t.modifiers[t.n_modifiers++] = static_cast<std::int8_t>(m->payload);
      k = m->last;
      continue;
    }
    if (auto f = fillers_.match_at(d.text(), d.tokens(), k, false)) {
      k = f->last;
      continue;
    }
    break;
  }
  if (form.needs_country && t.country < 0) return std::nullopt;
  t.last = k;
  return t;
}

std::size_t KnowledgeBase::skip_honorifics(const Document& d, std::size_t i) const {
  while (i < d.tokens().size()) {
    auto m = honorifics_.match_at(d.text(), d.tokens(), i, false);
    if (!m || m->last >= d.tokens().size() || hard_break(d, m->last)) break;
    i = m->last;
  }
  return i;
}

std::string KnowledgeBase::canonical(const TitleHit& t) const {
  std::string out;
  for (int k = 0; k < t.n_modifiers; ++k) {
    out += modifier_names_[t.modifiers[k]];
    out += '_';
  }
  out += offices_[t.office];
  return out;
}

// ---- Frames -------------------------------------------------------------------------------

std::optional<FrameHit> KnowledgeBase::frame_at_now(const Document& d, std::size_t i) const {
  if (frame_ruled_out(d, i)) return std::nullopt;
  auto m = frames_.match_at(d.text(), d.tokens(), i, true);
  if (!m) return std::nullopt;
  const int p = m->payload & ~kNeedsClitic;
  return FrameHit{m->first, m->last, p & 0xFFFF, static_cast<FrameKind>(p >> 16)};
}

bool KnowledgeBase::anonymous_at(const Document& d, std::size_t i) const {
  return i < d.tokens().size() && anonymous_.match_at(d.text(), d.tokens(), i, true).has_value();
}
std::optional<PhraseMatch> KnowledgeBase::issued_by_at(const Document& d, std::size_t i) const {
  if (i >= d.tokens().size()) return std::nullopt;
  return issued_by_.match_at(d.text(), d.tokens(), i, false);
}
bool KnowledgeBase::term_head_ending(const Document& d, std::size_t end) const {
  return end > 0 && end <= d.tokens().size() &&
         term_heads_.match_ending(d.text(), d.tokens(), end, true).has_value();
}
bool KnowledgeBase::complementizer_at(const Document& d, std::size_t i) const {
  return i < d.tokens().size() && complementizers_.match_at(d.text(), d.tokens(), i, false).has_value();
}
bool KnowledgeBase::source_marker_at(const Document& d, std::size_t i) const {
  return i < d.tokens().size() && source_markers_.match_at(d.text(), d.tokens(), i, false).has_value();
}
bool KnowledgeBase::pronoun_subject_at(const Document& d, std::size_t i) const {
  return i < d.tokens().size() && pronouns_.match_at(d.text(), d.tokens(), i, false).has_value();
}

// ---- Per-document memo ---------------------------------------------------------------------

// The lookups at each token of the document the thread works on, for this base: filled as the
// extractors ask (names, titles, quotes and events ask about the same tokens), reset when
// another document (Document::serial) or base comes. Per token two bytes of state and an index;
// the hits found are kept in records, one per token that has any (few do), so the memo stays
// small for a long document. A lookup that asks others (pattern_name_at asks entity_at) finds
// its token's record by index after they return.
struct KnowledgeBase::MemoRecord {
  NameHit entity, pattern, strict_pattern;
  TitleHit title;
  FrameHit frame;
};

struct KnowledgeBase::Memo {
  std::uint64_t doc = 0, base = 0;
  std::vector<std::uint16_t> state;   // per token: kDone* | kHas* bits
  std::vector<std::uint32_t> record;  // per token with kRecord: its index in records
  std::vector<MemoRecord> records;
  // The tokens with a start_mask, in order (token index, mask); listed on the first next_start.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> starts;
  bool starts_listed = false;
  std::size_t starts_cursor = 0;  // where next_start's last answer is in starts
};

namespace {
constexpr std::uint16_t kEntityDone = 1, kEntityHas = 2, kTitleDone = 4, kTitleHas = 8, kFrameDone = 16,
                        kFrameHas = 32, kPatternDone = 64, kPatternHas = 128, kStrictDone = 256,
                        kStrictHas = 512, kNameLikeDone = 1024, kNameLikeIs = 2048, kRecord = 4096;
}  // namespace

thread_local KnowledgeBase::Memo* KnowledgeBase::current_memo_ = nullptr;

KnowledgeBase::Memo& KnowledgeBase::memo(const Document& d) const {
  Memo* m = current_memo_;
  if (m && m->doc == d.serial() && m->base == serial_) [[likely]]
    return *m;
  return memo_reset(d);
}

KnowledgeBase::Memo& KnowledgeBase::memo_reset(const Document& d) const {
  thread_local Memo m;
  current_memo_ = &m;
  m.doc = d.serial();
  m.base = serial_;
  const std::size_t n = d.tokens().size();
  m.state.assign(n, 0);
  if (m.record.size() < n) m.record.resize(n);  // read only under kRecord
  m.records.clear();
  m.starts.clear();
  m.starts_listed = false;
  m.starts_cursor = 0;
  return m;
}

template <class Hit, class Compute>
std::optional<Hit> KnowledgeBase::memoized(const Document& d, std::size_t i, std::uint16_t done, std::uint16_t has,
                                           Hit MemoRecord::*slot, Compute&& compute) const {
  if (i >= d.tokens().size()) return std::nullopt;
  Memo& m = memo(d);
  if (m.state[i] & done)
    return (m.state[i] & has) ? std::optional<Hit>(m.records[m.record[i]].*slot) : std::nullopt;
  std::optional<Hit> r = compute();  // may add records: m.records is indexed only after it
  if (r) {
    if (!(m.state[i] & kRecord)) {
      m.record[i] = static_cast<std::uint32_t>(m.records.size());
      m.records.emplace_back();
      m.state[i] |= kRecord;
    }
    m.records[m.record[i]].*slot = *r;
    m.state[i] |= has;
  }
  m.state[i] |= done;
  return r;
}

std::optional<NameHit> KnowledgeBase::entity_at(const Document& d, std::size_t i) const {
  return memoized(d, i, kEntityDone, kEntityHas, &MemoRecord::entity, [&] { return entity_at_now(d, i); });
}

std::optional<NameHit> KnowledgeBase::pattern_name_at(const Document& d, std::size_t i, bool strict) const {
  return strict ? memoized(d, i, kStrictDone, kStrictHas, &MemoRecord::strict_pattern,
                           [&] { return pattern_name_at_now(d, i, true); })
                : memoized(d, i, kPatternDone, kPatternHas, &MemoRecord::pattern,
                           [&] { return pattern_name_at_now(d, i, false); });
}

std::optional<TitleHit> KnowledgeBase::title_at(const Document& d, std::size_t i) const {
  return memoized(d, i, kTitleDone, kTitleHas, &MemoRecord::title, [&] { return title_at_now(d, i); });
}

std::optional<FrameHit> KnowledgeBase::frame_at(const Document& d, std::size_t i) const {
  return memoized(d, i, kFrameDone, kFrameHas, &MemoRecord::frame, [&] { return frame_at_now(d, i); });
}

std::size_t KnowledgeBase::next_start(const Document& d, std::size_t i, int bits, int* mask) const {
  const auto& toks = d.tokens();
  if (mask) *mask = 0;
  if (i >= toks.size()) return toks.size();
  Memo& m = memo(d);
  if (!m.starts_listed) {
    for (std::size_t k = 0; k < toks.size(); ++k)
      if (const int mask = start_mask(d, k))
        m.starts.emplace_back(static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(mask));
    m.starts_listed = true;
  }
  // The first entry at or after token i, from where the last call ended (scans go forward,
  // mostly to the next entry); a binary search otherwise.
  const auto& st = m.starts;
  std::size_t e = m.starts_cursor;
  if (e > 0 && st[e - 1].first >= i) e = 0;  // behind: search from the first entry
  if (e < st.size() && st[e].first < i) {
    if (e + 1 < st.size() && st[e + 1].first >= i)
      ++e;
    else
      e = static_cast<std::size_t>(std::lower_bound(st.begin() + static_cast<std::ptrdiff_t>(e), st.end(), i,
                                                    [](const auto& s, std::size_t k) { return s.first < k; }) -
                                   st.begin());
  }
  while (e < st.size() && !(st[e].second & static_cast<std::uint32_t>(bits))) ++e;
  m.starts_cursor = e;
  if (e == st.size()) return toks.size();
  if (mask) *mask = static_cast<int>(st[e].second);
  return st[e].first;
}

bool KnowledgeBase::name_like(const Document& d, std::size_t j) const {
  Memo& m = memo(d);
  if (!(m.state[j] & kNameLikeDone)) m.state[j] |= kNameLikeDone | (name_like_now(d, j) ? kNameLikeIs : 0);
  return (m.state[j] & kNameLikeIs) != 0;
}

// ---- Sharing ------------------------------------------------------------------------------

Knowledge::Knowledge(const rules::RuleSet& rs) {
  // Rule sets of the same content compile to the same knowledge: one compiled base per
  // version while any handle on it is alive.
  static std::mutex mu;
  static std::map<std::string, std::weak_ptr<const KnowledgeBase>> shared;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = shared[rs.version()];
  kb_ = slot.lock();
  if (!kb_) {
    kb_ = std::make_shared<const KnowledgeBase>(rs);
    slot = kb_;
  }
}

}  // namespace tadqiq::extract::people
