// The ordinals extractor: ordinal numbers and the series they count. See
// docs/extractors/ordinals.md.
//
// Two kinds of facts:
//  * "number" facts with attributes.kind "ordinal": ordinal words ("الخامسة", "الحادي عشر",
//    "الخامس والثلاثين", "المائة"), relative ordinals ("الأخير" end+0, "قبل الأخير" end-1,
//    "التالي" current+1) and digit ordinals the numbers extractor marked with role "ordinal"
//    ("الـ284"). An ordinal followed by a month ("السابع من أكتوبر") gets role "day".
//  * "ordinal" facts for counted series: an ordinal attached to a series noun ("جولته
//    الخامسة", "جولة بلينكن هي الخامسة"), with whose series it is (the subject), what is
//    counted (series id, with the destination for visits), since when (anchor), keyed
//    "series/SUBJECT/SERIES/ANCHOR" so that the ordinal check can compare them across articles.
//
// Every word comes from rules/ordinals.yaml (and calendar.yaml, places.yaml, the people
// knowledge base). Per document: one pass over the tokens with a cheap suffix filter, then
// sentence-local work around each ordinal found.
#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "extract/extractors/extractors.h"
#include "extract/phrase_filter.h"
#include "extract/number_value.h"
#include "extract/people/people.h"
#include "extract/rules_util.h"

namespace tadqiq::extract {
namespace {

using people::Knowledge;

constexpr const char* kDoc = "ordinals.yaml";
constexpr const char* kCalendar = "calendar.yaml";
constexpr const char* kPlaces = "places.yaml";
constexpr const char* kQuantities = "quantities.yaml";

// Payload bit of a form added without its definite article, valid only after a clitic that
// ends with the article's last letter ("للشرق الأوسط" = "ل" + "الشرق الأوسط").
constexpr int kStripped = 1 << 24;

enum Cls : std::uint8_t { kUnit, kCompoundUnit, kCardUnit, kTeen, kTen, kHundred, kScale };
struct Word {
  Cls cls;
  double value;
  bool homograph = false;  // also a unit of time without the article ("ثانية")
};

struct Relative {
  std::string to;
  int offset = 0;
};

struct SeriesDef {
  std::string id;
  bool by_destination = false;
  bool impersonal = false;
  bool qualified_only = false;
  std::string default_anchor;
};

// An ordinal found in the view: tokens [first, last), view range [vb, ve).
struct Ord {
  std::size_t first = 0, last = 0;
  std::size_t vb = 0, ve = 0;
  double value = 0;
  int relative = -1;  // index into relatives_, -1 for an absolute ordinal
  bool day = false;
  const char* form = "words";
  std::size_t clitic = 0;       // bytes of clitic on the first token
  std::size_t fact = SIZE_MAX;  // index of its number fact
};

struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using StrSet = std::unordered_set<std::string, Hash, std::equal_to<>>;

// The last `bytes` bytes of a word (its ending survives any clitic prefix).
std::string_view tail_of(std::string_view s, std::size_t bytes) { return s.substr(s.size() > bytes ? s.size() - bytes : 0); }

bool is_iso_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// The string member "role" of a number fact's attributes, or "" (as string_member): searched
// from the last member, since "role" sorts after "bound", "figure" and "kind".
std::string_view role_of(const FactJson& attributes) {
  if (!attributes.is_object()) return {};
  const auto& o = *attributes.get_ptr<const FactJson::object_t*>();
  for (auto it = o.end(); it != o.begin();) {
    --it;
    if (std::string_view(it->first) == "role")
      return it->second.is_string() ? std::string_view(*it->second.get_ptr<const FactJson::string_t*>())
                                    : std::string_view();
  }
  return {};
}

// A scalar rules node as a string; a RuleShapeError naming the node otherwise.
std::string scalar(const rules::RuleSet& rs, const YAML::Node& n, const char* what) {
  if (!n || !n.IsScalar()) throw rules::RuleShapeError(rs.error_at(kDoc, n, std::string("expected ") + what));
  return n.as<std::string>();
}
bool flag(const rules::RuleSet& rs, const YAML::Node& n) {
  if (!n) return false;
  const std::string v = scalar(rs, n, "true or false");
  if (v == "true") return true;
  if (v == "false") return false;
  throw rules::RuleShapeError(rs.error_at(kDoc, n, "expected true or false"));
}
std::size_t window(const rules::RuleSet& rs, const YAML::Node& n, std::size_t fallback) {
  if (!n) return fallback;
  const double v = number_of(rs, kDoc, n);
  if (v < 1 || v > 1000) throw rules::RuleShapeError(rs.error_at(kDoc, n, "expected a window of 1 to 1000 tokens"));
  return static_cast<std::size_t>(v);
}

bool starts_with(std::string_view s, std::string_view p) {
  return !p.empty() && s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}
bool ends_with(std::string_view s, std::string_view p) {
  return !p.empty() && s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

class OrdinalsExtractor final : public Extractor {
 public:
  explicit OrdinalsExtractor(const rules::RuleSet& rs)
      : kb_(rs),
        words_(clitics(rs)), relatives_(clitics(rs)), last_or_other_(clitics(rs)),
        last_not_before_(clitics(rs)), blocked_(clitics(rs)), heads_(clitics(rs)),
        day_of_(clitics(rs)), months_(clitics(rs)), series_(clitics(rs)), qualifiers_(clitics(rs)),
        copulas_(clitics(rs)), pronouns_(clitics(rs)), dest_preps_(clitics(rs)), anchors_(clitics(rs)),
        destinations_(clitics(rs)), counted_(clitics(rs)), starts_(clitics(rs)) {
    for (auto c : clitics(rs)) clitics_.push_back(normalize::fold(c));
    std::sort(clitics_.begin(), clitics_.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    if (const auto ar = rs.doc("arabic.yaml"); ar && ar["definite_article"])
      definite_ = normalize::fold(ar["definite_article"].as<std::string>());
    // The article's last letter: a clitic ending with it carries the article ("لل", "وال").
    if (definite_.size() >= 2) article_end_ = definite_.substr(definite_.size() - 2);

    const auto doc = require_doc(rs, kDoc);
    conj_ = normalize::fold(doc["conjunction"] ? scalar(rs, doc["conjunction"], "a word") : "");
    const auto homographs = rules::strings_of(rs, kDoc, doc["time_unit_homographs"]);
    StrSet homograph_set;
    for (const auto& h : homographs) homograph_set.insert(normalize::fold(h));
    auto words = [&](const char* key, Cls cls) {
      const auto node = doc[key];
      if (!node) return;
      if (!node.IsMap()) throw rules::RuleShapeError(rs.error_at(kDoc, node, "expected a mapping of value: [forms]"));
      for (const auto& kv : node) {
        const double v = number_of(rs, kDoc, kv.first);
        for (const auto& f : rules::strings_of(rs, kDoc, kv.second)) add_word(f, {cls, v, homograph_set.count(normalize::fold(f)) > 0});
      }
    };
    words("units", kUnit);
    words("compound_units", kCompoundUnit);
    words("cardinal_units", kCardUnit);
    words("tens", kTen);
    words("hundreds", kHundred);
    words("scales", kScale);
    for (const auto& f : rules::strings_of(rs, kDoc, doc["teen"])) add_word(f, {kTeen, 10});

    if (const auto rel = doc["relative"]) {
      if (!rel.IsSequence()) throw rules::RuleShapeError(rs.error_at(kDoc, rel, "expected a list of {to, offset, forms}"));
      for (const auto& r : rel) {
        Relative x;
        x.to = scalar(rs, r["to"], "end, current or start");
        if (x.to != "end" && x.to != "current" && x.to != "start")
          throw rules::RuleShapeError(rs.error_at(kDoc, r, "`to` must be end, current or start"));
        x.offset = static_cast<int>(number_of(rs, kDoc, r["offset"]));
        rels_.push_back(x);
        for (const auto& f : rules::strings_of(rs, kDoc, r["forms"])) {
          relatives_.add(f, static_cast<int>(rels_.size() - 1));
          add_start(f);
        }
      }
    }
    for (const auto& f : rules::strings_of(rs, kDoc, doc["last_or_other"])) {
      last_or_other_.add(f, 0);
      add_start(f);
    }
    add_phrases(rs, kDoc, doc["last_not_before"], 0, last_not_before_);
    add_phrases(rs, kDoc, doc["not_ordinals"], 0, blocked_);
    add_phrases(rs, kDoc, doc["homograph_heads"], 0, heads_);
    add_phrases(rs, kDoc, doc["day_of"], 0, day_of_);
    if (const auto cal = rs.doc(kCalendar); cal && cal["months"] && cal["months"].IsMap())
      for (const auto& kv : cal["months"]) {
        add_phrases(rs, kCalendar, kv.second, 0, months_);
        add_phrases(rs, kCalendar, kv.second, 0, blocked_);  // "كانون الثاني" is a month
      }

    if (const auto s = doc["series"]) {
      if (!s.IsMap()) throw rules::RuleShapeError(rs.error_at(kDoc, s, "expected a mapping of series id: {nouns, possessive, ...}"));
      for (const auto& kv : s) {
        SeriesDef d;
        d.id = scalar(rs, kv.first, "a series id");
        const auto& n = kv.second;
        if (!n.IsMap()) throw rules::RuleShapeError(rs.error_at(kDoc, n, "expected a mapping"));
        d.by_destination = flag(rs, n["by_destination"]);
        d.impersonal = flag(rs, n["impersonal"]);
        d.qualified_only = flag(rs, n["qualified_only"]);
        if (n["default_anchor"]) d.default_anchor = scalar(rs, n["default_anchor"], "an anchor id");
        const int id = static_cast<int>(series_defs_.size());
        series_defs_.push_back(d);
        for (const auto& f : rules::strings_of(rs, kDoc, n["nouns"])) add_stripped(series_, f, id * 2);
        for (const auto& f : rules::strings_of(rs, kDoc, n["possessive"])) series_.add(f, id * 2 + 1);
      }
    }
    if (const auto q = doc["qualifiers"]; q && q.IsMap())
      for (const auto& kv : q) {
        const std::string id = scalar(rs, kv.first, "a series id");
        int idx = series_index(id);
        if (idx < 0) throw rules::RuleShapeError(rs.error_at(kDoc, kv.first, "qualifier of an unknown series"));
        for (const auto& f : rules::strings_of(rs, kDoc, kv.second)) qualifiers_.add(f, idx);
      }
    add_phrases(rs, kDoc, doc["copulas"], 0, copulas_);
    add_phrases(rs, kDoc, doc["possessor_pronouns"], 0, pronouns_);
    copula_window_ = window(rs, doc["copula_window"], copula_window_);
    subject_window_ = window(rs, doc["subject_window"], subject_window_);
    anchor_window_ = window(rs, doc["anchor_window"], anchor_window_);
    add_phrases(rs, kDoc, doc["destination_prepositions"], 0, dest_preps_);
    if (const auto a = doc["anchors"]; a && a.IsMap())
      for (const auto& kv : a) {
        anchor_ids_.push_back(scalar(rs, kv.first, "an anchor id"));
        add_phrases(rs, kDoc, kv.second, static_cast<int>(anchor_ids_.size() - 1), anchors_);
      }
    if (const auto d = doc["destinations"]; d && d.IsMap())
      for (const auto& kv : d) {
        dest_ids_.push_back(scalar(rs, kv.first, "a destination id"));
        for (const auto& f : rules::strings_of(rs, kDoc, kv.second))
          add_stripped(destinations_, f, static_cast<int>(dest_ids_.size() - 1));
      }
    // Counted nouns and units (quantities.yaml): after "ال" + figure they make it a cardinal.
    if (const auto q = rs.doc(kQuantities)) {
      add_phrases(rs, kQuantities, q["units_after"], 0, counted_);
      if (q["categories"] && q["categories"].IsMap())
        for (const auto& kv : q["categories"]) add_phrases(rs, kQuantities, kv.second["nouns"], 0, counted_);
    }
    if (const auto pl = rs.doc(kPlaces); pl && pl["places"] && pl["places"].IsMap())
      for (const auto& kv : pl["places"]) {
        dest_ids_.push_back(kv.first.as<std::string>());
        for (const auto& f : rules::strings_of(rs, kPlaces, kv.second))
          add_stripped(destinations_, f, static_cast<int>(dest_ids_.size() - 1));
      }
    std::sort(endings_.begin(), endings_.end());
    endings_.erase(std::unique(endings_.begin(), endings_.end()), endings_.end());
    for (const std::uint64_t h : first_hashes_) first_words_.add(h);
    first_bits_ = TokenBitmap(first_hashes_);
    first_hashes_ = {};
  }

  std::string_view name() const override { return "ordinals"; }

  void extract(const Document& doc, std::vector<Fact>& facts) const override {
    const std::string& v = doc.text();
    const auto& toks = doc.tokens();
    const std::size_t n = toks.size();

    // Number facts of earlier extractors, in view order.
    std::vector<std::size_t> nums;
    nums.reserve(facts.size());
    for (std::size_t k = 0; k < facts.size(); ++k)
      if (std::string_view(facts[k].type) == "number") nums.push_back(k);
    // Usually in view order already (the numbers extractor emits them so): no sort, no buffer.
    const auto by_view = [&](std::size_t a, std::size_t b) { return facts[a].view_begin < facts[b].view_begin; };
    if (!std::is_sorted(nums.begin(), nums.end(), by_view)) std::stable_sort(nums.begin(), nums.end(), by_view);

    std::vector<Ord> ords;
    // Digit ordinals: the numbers extractor marked them ("الـ284").
    for (std::size_t k : nums) {
      Fact& f = facts[k];
      if (role_of(f.attributes) != "ordinal") continue;
      // "خلال الـ24 ساعة", "الـ27 شهيداً": the article on a figure before a counted noun or a
      // unit is a definite cardinal; the quantities extractor takes it from here.
      if (const std::size_t after = doc.token_at_or_after(f.view_end);
          after < toks.size() && !Knowledge::hard_break(doc, after) && counted_.match_at(v, toks, after, false)) {
        set_string(f.attributes, "role", "figure");
        continue;
      }
      Ord o;
      o.first = doc.token_at_or_after(f.view_begin);
      o.last = doc.token_at_or_after(f.view_end);
      if (o.first >= o.last) continue;
      const bool digits = toks[o.first].digits;
      set_string(f.attributes, "kind", "ordinal");
      set_string(f.attributes, "form", digits ? "digits" : "words");
      if (digits && o.first > 0 && toks[o.first - 1].end == toks[o.first].begin) --o.first;  // the glued article
      o.vb = f.view_begin;
      o.ve = f.view_end;
      o.form = digits ? "digits" : "words";
      o.fact = k;
      const auto& val = f.value;
      if (val.is_object() && val["min"].is_number()) o.value = val["min"].get<double>();
      else continue;
      ords.push_back(o);
    }

    // Ordinal words and relative ordinals.
    std::vector<Ord> found;
    const Token* const tk = toks.data();
    const TokenBitmap::Probe first_bits = first_bits_.probe();
    for (std::size_t i = 0; i < n;) {
      // Most tokens start no ordinal: skipped in a loop of their own, one filter test each.
      while (tk[i].digits || !first_bits.test(tk[i].hash) || !first_words_.test(tk[i].hash))
        if (++i == n) break;
      if (i == n) break;
      if (!starts_.may_start(toks, i) || !may_start(doc.token_text(i))) {
        ++i;
        continue;
      }
      std::optional<Ord> best = absolute_at(doc, i);
      if (auto r = relatives_.match_at(v, toks, i, true)) {
        if (!best || r->last >= best->last) {
          Ord o;
          o.first = i;
          o.last = r->last;
          o.relative = r->payload;
          o.clitic = r->clitic;
          o.form = "relative";
          best = o;
        }
      }
      if (!best) best = last_or_other_at(doc, i);
      if (!best) {
        ++i;
        continue;
      }
      // Not an ordinal in a fixed phrase ("أمس الأول", "كانون الثاني", "أول أمس").
      if (auto b = blocked_.match_at(v, toks, i, true)) {
        i = std::max(b->last, i + 1);
        continue;
      }
      if (blocked_.match_ending(v, toks, i + 1, true)) {
        ++i;
        continue;
      }
      // The span starts after a clitic glued to the first word ("والخامسة" → "الخامسة" keeps
      // the article; "بالخامسة" drops "ب").
      best->vb = toks[best->first].begin + leading_clitic(doc, best->first, best->clitic);
      best->ve = toks[best->last - 1].end;
      if (best->relative < 0) best->day = is_day(doc, *best);
      found.push_back(*best);
      i = best->last;
    }

    // Merge with the numbers extractor's facts: an ordinal replaces the figures it contains
    // ("عشر" of "الحادي عشر"); a figure reaching outside it wins (it ran first, and saw more).
    std::vector<bool> erase(facts.size(), false);
    std::size_t lo = 0;
    for (auto& o : found) {
      while (lo < nums.size() && facts[nums[lo]].view_end <= o.vb) ++lo;
      bool clash = false;
      std::vector<std::size_t> inside;
      for (std::size_t q = lo; q < nums.size() && facts[nums[q]].view_begin < o.ve; ++q) {
        const Fact& f = facts[nums[q]];
        if (f.view_end <= o.vb || erase[nums[q]]) continue;
        if (f.view_begin >= o.vb && f.view_end <= o.ve) inside.push_back(nums[q]);
        else clash = true;
      }
      if (clash) continue;
      Fact f = doc.make_fact("number", o.vb, o.ve);
      auto& a = members(f.attributes);  // members in key order: no search, one node each
      if (o.relative >= 0) {
        f.value = interval_json(std::nullopt, std::nullopt);
        put(a, "bound", "exact");
        put(a, "form", "relative");
        put(a, "kind", "ordinal");
        FactJson rel(FactJson::value_t::object);
        auto& r = members(rel);
        put(r, "offset", rels_[o.relative].offset);
        put(r, "to", rels_[o.relative].to);
        put(a, "relative", std::move(rel));
        put(a, "role", "ordinal");
      } else {
        f.value = interval_json(o.value, o.value);
        put(a, "bound", "exact");
        put(a, "figure", number_json(o.value));
        put(a, "form", "words");
        put(a, "kind", "ordinal");
        put(a, "role", o.day ? "day" : "ordinal");
      }
      if (inside.empty()) {
        o.fact = facts.size();
        facts.push_back(std::move(f));
        erase.push_back(false);
      } else {
        o.fact = inside.front();
        facts[inside.front()] = std::move(f);
        for (std::size_t q = 1; q < inside.size(); ++q) erase[inside[q]] = true;
      }
      if (o.relative < 0 && !o.day) ords.push_back(o);
    }

    // Counted series.
    const std::string as_of = is_iso_date(doc.article().date) ? doc.article().date : "";
    std::sort(ords.begin(), ords.end(), [](const Ord& a, const Ord& b) { return a.vb < b.vb; });
    // One series per number fact (an ordinal of the numbers extractor this one rewrote).
    ords.erase(std::unique(ords.begin(), ords.end(), [](const Ord& a, const Ord& b) { return a.fact == b.fact; }),
               ords.end());
    NameCounts counts;
    for (const auto& o : ords) {
      if (o.fact < facts.size() && !erase[o.fact] && o.value >= 1 && o.value == std::floor(o.value))
        if (auto f = series_fact(doc, o, as_of, counts)) {
          facts.push_back(std::move(*f));
          erase.push_back(false);
        }
    }

    if (std::find(erase.begin(), erase.end(), true) != erase.end()) {
      std::size_t w = 0;
      for (std::size_t k = 0; k < facts.size(); ++k)
        if (!erase[k]) {
          if (w != k) facts[w] = std::move(facts[k]);
          ++w;
        }
      facts.resize(w);
    }
  }

 private:
  // Occurrences of names found by pattern, counted once per document when first needed.
  struct NameCounts {
    bool built = false;
    std::unordered_map<std::string_view, int> by_token;
  };

  // A cheap filter before the lexicon lookups: the ending of every first word of a form (the
  // last six bytes, three letters; shorter words whole), which a clitic prefix does not change.
  // A token may start a form when its last six bytes, or its last four or two, are one of them.
  void add_tail(std::string_view form) {
    const std::string f = normalize::fold(form);
    const std::string first = f.substr(0, f.find(' '));
    if (first.empty()) return;
    add_ending(first.size() >= 6 ? tail_of(first, 6) : std::string_view(first));
  }
  // Endings as keys: the bytes (at most six) and their count, so that a six-byte tail and a
  // shorter whole word never compare equal.
  static std::uint64_t ending_key(std::string_view s) {
    std::uint64_t k = s.size();
    for (const char c : s) k = (k << 8) | static_cast<unsigned char>(c);
    return k;
  }
  static std::size_t ending_bit(std::uint64_t k) { return static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ull) >> 52); }
  void add_ending(std::string_view e) {
    const std::uint64_t k = ending_key(e);
    endings_.push_back(k);
    ending_filter_[ending_bit(k) >> 6] |= std::uint64_t{1} << (ending_bit(k) & 63);
  }
  bool has_ending(std::string_view e) const {
    const std::uint64_t k = ending_key(e);
    if (!((ending_filter_[ending_bit(k) >> 6] >> (ending_bit(k) & 63)) & 1)) return false;
    return std::binary_search(endings_.begin(), endings_.end(), k);
  }
  bool may_start(std::string_view tok) const {
    if (tok.size() >= 6 && has_ending(tail_of(tok, 6))) return true;
    for (std::size_t b : {std::size_t{4}, std::size_t{2}})
      if (tok.size() >= b && has_ending(tail_of(tok, b))) return true;
    return false;
  }

  void add_word(const std::string& form, Word w) {
    const int id = static_cast<int>(word_info_.size());
    word_info_.push_back(w);
    words_.add(form, id);
    add_start(form);
  }

  // A form an ordinal can start with: into starts_, first_words_ (and first_hashes_) and the
  // endings.
  void add_start(std::string_view form) {
    starts_.add(form);
    const std::string f = normalize::fold(form);
    if (const auto t = tokenize(f); !t.empty()) {
      const std::string_view w = std::string_view(f).substr(t[0].begin, t[0].end - t[0].begin);
      first_hashes_.push_back(token_hash(w));
      std::string cw;
      for (const auto& c : clitics_)
        if (!c.empty()) first_hashes_.push_back(token_hash(cw.assign(c).append(w)));
    }
    add_tail(form);
  }

  // Adds `form`, and when it starts with the definite article also the form without it,
  // valid only after a clitic ending like the article ("للمنطقة").
  void add_stripped(PhraseSet& set, const std::string& form, int payload) const {
    set.add(form, payload);
    const std::string f = normalize::fold(form);
    if (!definite_.empty() && f.size() > definite_.size() + 2 && starts_with(f, definite_))
      set.add(f.substr(definite_.size()), payload | kStripped);
  }

  std::optional<PhraseMatch> match_stripped(const PhraseSet& set, const Document& d, std::size_t i) const {
    return valid(d, set.match_at(d.text(), d.tokens(), i, true));
  }
  // A match of a form without its article stands only after a clitic ending like the article.
  std::optional<PhraseMatch> valid(const Document& d, std::optional<PhraseMatch> m) const {
    if (!m || !(m->payload & kStripped)) return m;
    const std::string_view tok = d.token_text(m->first);
    if (m->clitic < article_end_.size() || !ends_with(tok.substr(0, m->clitic), article_end_)) return std::nullopt;
    m->payload &= ~kStripped;
    return m;
  }

  int series_index(const std::string& id) const {
    for (std::size_t k = 0; k < series_defs_.size(); ++k)
      if (series_defs_[k].id == id) return static_cast<int>(k);
    return -1;
  }

  // Whether a token carries the definite article (itself, or after a clitic: "والطرف").
  bool is_definite(std::string_view tok) const {
    if (definite_.empty()) return false;
    if (starts_with(tok, definite_) && tok.size() >= definite_.size() + 4) return true;
    for (const auto& c : clitics_)
      if (ends_with(c, definite_) && starts_with(tok, c) && tok.size() >= c.size() + 4) return true;
    return false;
  }

  // Bytes of the clitic on token i that are not the article ("ب" of "بالخامسة", "و" of
  // "والخامسة"): the span starts after them, the article stays in it.
  std::size_t leading_clitic(const Document& d, std::size_t i, std::size_t clitic) const {
    if (!clitic) return 0;
    const std::string_view c = d.token_text(i).substr(0, clitic);
    return ends_with(c, definite_) ? clitic - definite_.size() : clitic;
  }

  struct WordHit {
    const Word* w = nullptr;
    bool definite = false;
    bool conj = false;   // glued conjunction ("والعشرون")
    bool other = false;  // another clitic (a preposition): not a continuation
    std::size_t clitic = 0;
  };

  std::optional<WordHit> word_at(const Document& d, std::size_t i) const {
    if (i >= d.tokens().size() || d.tokens()[i].digits) return std::nullopt;
    auto m = words_.match_at(d.text(), d.tokens(), i, true);
    if (!m) return std::nullopt;
    WordHit h;
    h.w = &word_info_[m->payload];
    h.clitic = m->clitic;
    if (m->clitic) {
      std::string_view c = d.token_text(i).substr(0, m->clitic);
      if (ends_with(c, definite_)) {
        h.definite = true;
        c.remove_suffix(definite_.size());
      }
      if (starts_with(c, conj_)) {
        h.conj = true;
        c.remove_prefix(conj_.size());
      }
      h.other = !c.empty();
    }
    return h;
  }

  // A plain ordinal starting at token i (words, possibly a compound).
  std::optional<Ord> absolute_at(const Document& d, std::size_t i) const {
    const auto& toks = d.tokens();
    const std::size_t n = toks.size();
    auto w0 = word_at(d, i);
    if (!w0) return std::nullopt;
    const Word& w = *w0->w;

    // Is a compound ("و" + tens) next? Starts of compound-only words need one.
    auto tens_next = [&](std::size_t k) {
      if (k >= n || Knowledge::hard_break(d, k)) return false;
      std::size_t p = k;
      bool conj = false;
      if (d.token_text(p) == conj_) {
        conj = true;
        ++p;
        if (p >= n || Knowledge::hard_break(d, p)) return false;
      }
      auto h = word_at(d, p);
      if (!h || h->w->cls != kTen || h->other) return false;
      return conj ? !h->conj : h->conj;
    };
    auto teen_next = [&](std::size_t k) {
      if (k >= n || Knowledge::hard_break(d, k)) return false;
      auto h = word_at(d, k);
      return h && h->w->cls == kTeen && !h->definite && !h->conj && !h->other;
    };

    switch (w.cls) {
      case kUnit:
        if (w.homograph && !w0->definite) {
          // "ثانية" alone is a second of time unless a counted noun stands before it.
          if (i == 0 || Knowledge::hard_break(d, i) || !heads_.match_ending(d.text(), toks, i, true)) return std::nullopt;
        }
        break;
      case kCompoundUnit:
        if (!teen_next(i + 1) && !tens_next(i + 1)) return std::nullopt;
        break;
      case kCardUnit:
        if (!w0->definite || !tens_next(i + 1)) return std::nullopt;
        break;
      case kTen:
      case kHundred:
        if (!w0->definite) return std::nullopt;
        break;
      case kScale: {
        if (!w0->definite || i == 0 || Knowledge::hard_break(d, i) || toks[i - 1].digits) return std::nullopt;
        if (!is_definite(d.token_text(i - 1))) return std::nullopt;
        break;
      }
      case kTeen:
        return std::nullopt;
    }

    double total = 0, cur = 0, last_unit = 0;
    bool has_h = false, has_t = false, has_u = false;
    int parts = 1;
    double last_scale = 0;
    std::size_t last = i + 1;
    switch (w.cls) {
      case kUnit: case kCompoundUnit: case kCardUnit:
        cur = w.value;
        has_u = true;
        last_unit = w.value;
        if (w.value < 10 && teen_next(last)) {
          cur += 10;
          has_t = true;
          ++last;
        }
        break;
      case kTen: cur = w.value; has_t = true; break;
      case kHundred: cur = w.value; has_h = true; break;
      case kScale: total = w.value; last_scale = w.value; break;
      case kTeen: break;
    }
    const bool scale_start = w.cls == kScale;

    while (last < n && !Knowledge::hard_break(d, last) && !scale_start) {
      std::size_t p = last;
      bool conj = false;
      if (d.token_text(p) == conj_) {
        conj = true;
        ++p;
        if (p >= n || Knowledge::hard_break(d, p)) break;
      }
      auto h = word_at(d, p);
      if (!h || h->other) break;
      if (conj && h->conj) break;
      conj = conj || h->conj;
      const Word& x = *h->w;
      bool took = false;
      if (conj) {
        switch (x.cls) {
          case kUnit: case kCompoundUnit: case kCardUnit:
            if (has_u || has_t) break;
            cur += x.value;
            has_u = true;
            last_unit = x.value;
            took = true;
            if (x.value < 10 && teen_next(p + 1)) {
              cur += 10;
              has_t = true;
              ++p;
            }
            break;
          case kTen:
            if (has_t) break;
            cur += x.value;
            has_t = true;
            took = true;
            break;
          case kHundred:
            if (has_h || has_t || has_u) break;
            cur += x.value;
            has_h = true;
            took = true;
            break;
          default:
            break;
        }
      } else if (!h->definite) {
        if (x.cls == kScale && parts >= 2 && (last_scale == 0 || x.value < last_scale)) {
          total += std::max(cur, 1.0) * x.value;
          last_scale = x.value;
          cur = last_unit = 0;
          has_h = has_t = has_u = false;
          took = true;
        } else if (x.cls == kHundred && has_u && !has_h && !has_t && parts >= 2 && last_unit >= 1 && last_unit < 10 &&
                   x.value == 100) {
          cur += last_unit * 99;  // "ثلاث مائة": the unit becomes hundreds
          has_u = false;
          has_h = true;
          last_unit = 0;
          took = true;
        }
      }
      if (!took) break;
      ++parts;
      last = p + 1;
    }
    Ord o;
    o.first = i;
    o.last = last;
    o.value = total + cur;
    o.clitic = w0->clitic;
    return o;
  }

  // "آخر": end+0 before a noun of the same clause; "الآخر": end+0 unless after a definite noun.
  std::optional<Ord> last_or_other_at(const Document& d, std::size_t i) const {
    const auto& toks = d.tokens();
    auto m = last_or_other_.match_at(d.text(), toks, i, true);
    if (!m || rels_.empty()) return std::nullopt;
    const std::string_view tok = d.token_text(i);
    const bool definite = m->clitic > 0 && ends_with(tok.substr(0, m->clitic), definite_);
    if (definite) {
      if (i > 0 && !Knowledge::hard_break(d, i) && !toks[i - 1].digits && is_definite(d.token_text(i - 1)))
        return std::nullopt;  // "الطرف الآخر": the other
    } else {
      const std::size_t k = i + 1;
      if (k >= toks.size() || Knowledge::hard_break(d, k) || toks[k].digits) return std::nullopt;
      if (last_not_before_.match_at(d.text(), toks, k, false)) return std::nullopt;
      const std::string_view gap = std::string_view(d.text()).substr(toks[i].end, toks[k].begin - toks[i].end);
      if (gap.find_first_of("\"'") != std::string_view::npos) return std::nullopt;
    }
    Ord o;
    o.first = i;
    o.last = i + 1;
    o.relative = end_zero();
    o.clitic = m->clitic;
    if (o.relative < 0) return std::nullopt;
    o.form = "relative";
    return o;
  }

  int end_zero() const {
    for (std::size_t k = 0; k < rels_.size(); ++k)
      if (rels_[k].to == "end" && rels_[k].offset == 0) return static_cast<int>(k);
    return -1;
  }

  // "السابع من أكتوبر": the day of a date.
  bool is_day(const Document& d, const Ord& o) const {
    if (o.value < 1 || o.value > 31) return false;
    const auto& v = d.text();
    const auto& toks = d.tokens();
    std::size_t k = o.last;
    if (k >= toks.size() || Knowledge::hard_break(d, k)) return false;
    if (auto m = day_of_.match_at(v, toks, k, false)) k = m->last;
    return k < toks.size() && months_.match_at(v, toks, k, true).has_value();
  }

  // The first person of a sentence's tokens [from, to): a knowledge-base name, or a title
  // whose holder on `date` the knowledge base knows.
  std::optional<std::pair<std::string, std::string>> first_person(const Document& d, std::size_t from,
                                                                   std::size_t to, const std::string& date) const {
    for (std::size_t k = from; k < to;) {
      if (d.tokens()[k].digits || !kb_.may_start(d, k)) {
        ++k;
        continue;
      }
      if (auto h = kb_.entity_at(d, k); h && h->last <= to && h->entity >= 0) {
        const auto& e = kb_.entities()[h->entity];
        if (!e.organisation) return std::make_pair(e.id, d.source_text(d.tokens()[h->first].begin + h->clitic, d.tokens()[h->last - 1].end));
        k = h->last;
        continue;
      }
      if (auto t = kb_.title_at(d, k); t && t->last <= to) {
        // "وزير الخارجية الأمريكي أنتوني بلينكن": the name after the title, when there is one.
        if (t->last < to && !Knowledge::hard_break(d, t->last))
          if (auto h = kb_.entity_at(d, t->last); h && h->last <= to && h->entity >= 0 && !kb_.entities()[h->entity].organisation)
            return std::make_pair(kb_.entities()[h->entity].id,
                                  d.source_text(d.tokens()[h->first].begin + h->clitic, d.tokens()[h->last - 1].end));
        const int e = kb_.holder(t->office, t->country, date);
        if (e >= 0 && !kb_.entities()[e].organisation)
          return std::make_pair(kb_.entities()[e].id, d.source_text(d.tokens()[t->first].begin + t->clitic, d.tokens()[t->last - 1].end));
        k = t->last;
        continue;
      }
      ++k;
    }
    return std::nullopt;
  }

  // How often a word occurs in the document (bare or behind a clitic).
  int occurrences(const Document& d, std::string_view word, NameCounts& c) const {
    if (!c.built) {
      c.built = true;
      for (std::size_t k = 0; k < d.tokens().size(); ++k) {
        if (d.tokens()[k].digits) continue;
        const std::string_view t = d.token_text(k);
        ++c.by_token[t];
        for (const auto& cl : clitics_)
          if (t.size() >= cl.size() + 4 && starts_with(t, cl)) ++c.by_token[t.substr(cl.size())];
      }
    }
    auto it = c.by_token.find(word);
    return it == c.by_token.end() ? 0 : it->second;
  }

  std::optional<Fact> series_fact(const Document& d, const Ord& o, const std::string& as_of, NameCounts& counts) const {
    const auto& v = d.text();
    const auto& toks = d.tokens();
    const std::size_t n = toks.size();
    const auto& sent = d.sentences()[d.sentence_at(o.vb)];
    const std::size_t s_first = d.token_at_or_after(sent.begin);
    const std::size_t s_end = std::min(n, d.token_at_or_after(sent.end));

    // The series noun: right before the ordinal ("جولته الخامسة"), before a name before it
    // ("جولة بلينكن الخامسة"), or earlier in the sentence before a copula ("جولة … هي الخامسة").
    std::optional<PhraseMatch> noun;
    std::size_t zone_begin = 0, zone_end = 0;  // tokens between noun and ordinal (names, places)
    bool copula = false;
    if (o.first > s_first && !Knowledge::hard_break(d, o.first)) {
      noun = valid(d, series_.match_ending(v, toks, o.first, true));
      if (!noun) {
        for (std::size_t back = 1; back <= 3 && o.first >= s_first + back + 1; ++back) {
          const std::size_t k = o.first - back;
          if (Knowledge::hard_break(d, k)) break;
          auto m = valid(d, series_.match_ending(v, toks, k, true));
          if (!m || (m->payload & 1)) continue;
          auto h = kb_.entity_at(d, k);
          if (!h || h->entity < 0) h = kb_.pattern_name_at(d, k);
          if (!h || h->last < o.first) continue;
          noun = m;
          zone_begin = k;
          zone_end = o.first;
          break;
        }
      }
      if (!noun) {
        if (auto c = copulas_.match_ending(v, toks, o.first, true); c && c->first > s_first) {
          const std::size_t lo = c->first > s_first + copula_window_ ? c->first - copula_window_ : s_first;
          for (std::size_t k = c->first; k-- > lo;) {
            if (auto m = match_stripped(series_, d, k); m && m->last <= c->first) {
              noun = m;
              zone_begin = m->last;
              zone_end = c->first;
              copula = true;
              break;
            }
          }
        }
      }
    }
    if (!noun) return std::nullopt;
    int sid = noun->payload >> 1;
    const bool possessive_noun = (noun->payload & 1) != 0;
    if (!copula && zone_end == 0) zone_begin = zone_end = noun->last;

    // After the ordinal: a qualifier ("من المحادثات"), a possessor pronoun ("له").
    std::size_t after = o.last;
    std::size_t span_end = o.ve;
    bool qualified = false;
    if (after < s_end && !Knowledge::hard_break(d, after))
      if (auto q = qualifiers_.match_at(v, toks, after, false)) {
        sid = q->payload;
        qualified = true;
        after = q->last;
        span_end = toks[q->last - 1].end;
      }
    bool pronoun = false;
    if (after < s_end && !Knowledge::hard_break(d, after))
      if (auto p = pronouns_.match_at(v, toks, after, false)) {
        pronoun = true;
        after = p->last;
      }
    const SeriesDef& def = series_defs_[sid];
    if (def.qualified_only && !qualified) return std::nullopt;

    // Whose series: a name right after the noun, else (with a possessive pronoun) the first
    // person of the sentence before the noun, else of the previous sentence.
    std::optional<std::string> subject, subject_name;
    const char* subject_source = nullptr;
    if (!def.impersonal) {
      if (!possessive_noun && noun->last < std::max(zone_end, o.first) && noun->last < n &&
          !Knowledge::hard_break(d, noun->last)) {
        if (auto h = kb_.entity_at(d, noun->last); h && h->entity >= 0 && !kb_.entities()[h->entity].organisation) {
          subject = kb_.entities()[h->entity].id;
          subject_name = d.source_text(toks[h->first].begin + h->clitic, toks[h->last - 1].end);
          subject_source = "name";
        } else if (auto p = kb_.pattern_name_at(d, noun->last); p && p->first < std::max(zone_end, o.first)) {
          // The name ends where the ordinal (or the copula) starts.
          if (const std::size_t end = copula ? zone_end : o.first; p->last > end) {
            p->last = end;
            p->entity = -1;
          }
          // A name the knowledge base does not know: only when the article repeats it.
          const std::string_view last_word = d.token_text(p->last - 1);
          if (p->entity >= 0 || occurrences(d, last_word, counts) >= 2) {
            subject = p->entity >= 0 ? kb_.entities()[p->entity].id : kb_.id_of(d, *p);
            subject_name = d.source_text(toks[p->first].begin + p->clitic, toks[p->last - 1].end);
            subject_source = "name";
          }
        }
      }
      if (!subject && (possessive_noun || pronoun)) {
        // Bounded windows keep the work per ordinal constant, however long a "sentence" is.
        const std::size_t from = std::max(s_first, noun->first > subject_window_ ? noun->first - subject_window_ : 0);
        if (auto p = first_person(d, from, noun->first, as_of)) {
          subject = p->first;
          subject_name = p->second;
          subject_source = "sentence";
        } else if (const std::size_t si = d.sentence_at(o.vb); si > 0) {
          const auto& prev = d.sentences()[si - 1];
          const std::size_t pb = d.token_at_or_after(prev.begin);
          const std::size_t pe = std::min({n, d.token_at_or_after(prev.end), pb + subject_window_});
          if (auto q = first_person(d, pb, pe, as_of)) {
            subject = q->first;
            subject_name = q->second;
            subject_source = "previous_sentence";
          }
        }
      }
    }

    // Since when.
    std::optional<std::string> anchor;
    std::size_t anchor_at = s_end;
    {
      std::optional<std::size_t> before;
      const std::size_t a_first = std::max(s_first, noun->first > anchor_window_ ? noun->first - anchor_window_ : 0);
      const std::size_t a_end = std::min(s_end, o.last + anchor_window_);
      for (std::size_t k = a_first; k < a_end; ++k) {
        if (toks[k].digits) continue;
        if (auto m = anchors_.match_at(v, toks, k, true); m && m->last <= a_end) {
          if (k >= o.last) {
            anchor = anchor_ids_[m->payload];
            anchor_at = k;
            break;
          }
          if (m->last <= noun->first) before = static_cast<std::size_t>(m->payload);
          k = m->last - 1;
        }
      }
      if (!anchor && before) anchor = anchor_ids_[*before];
      if (!anchor && !def.default_anchor.empty()) anchor = def.default_anchor;
    }

    // Where to: right after the ordinal ("للشرق الأوسط", "في المنطقة"), else between the noun
    // and the copula behind a preposition ("جولة … في الشرق الأوسط، هي الخامسة").
    std::optional<std::string> destination;
    auto dest_at = [&](std::size_t k) -> bool {
      if (k >= s_end || toks[k].digits) return false;
      auto m = match_stripped(destinations_, d, k);
      if (!m || m->last > s_end) return false;
      const bool after_prep = k > 0 && !Knowledge::hard_break(d, k) && dest_preps_.match_ending(v, toks, k, false);
      if (!after_prep && m->clitic == 0) return false;
      destination = dest_ids_[m->payload];
      return true;
    };
    if (after < s_end && !Knowledge::hard_break(d, after) && after < anchor_at) {
      if (!dest_at(after) && dest_preps_.match_at(v, toks, after, false) && after + 1 < anchor_at &&
          !Knowledge::hard_break(d, after + 1))
        dest_at(after + 1);
    }
    for (std::size_t k = zone_begin; !destination && k < zone_end; ++k) dest_at(k);

    std::string series = def.id;
    if (def.by_destination && destination) series += "@" + *destination;

    const std::size_t begin = toks[noun->first].begin + leading_clitic(d, noun->first, noun->clitic);
    Fact f = d.make_fact("ordinal", begin, span_end);
    const auto n_int = static_cast<long long>(o.value);
    f.value = interval_json(o.value, o.value);
    if (subject || def.impersonal)
      f.key = "series/" + (def.impersonal ? std::string("_") : *subject) + "/" + series + "/" +
              (anchor ? *anchor : std::string("unspecified"));
    if (!as_of.empty()) f.as_of = as_of;
    auto& a = members(f.attributes);  // members in key order: no search, one node each
    put(a, "anchor", anchor ? FactJson(std::move(*anchor)) : FactJson());
    if (!as_of.empty()) put(a, "as_of_source", "article_date");
    put(a, "destination", destination ? FactJson(std::move(*destination)) : FactJson());
    put(a, "noun", d.source_text(toks[noun->first].begin + noun->clitic, toks[noun->last - 1].end));
    put(a, "ordinal", n_int);
    put(a, "series", std::move(series));
    put(a, "subject", subject ? FactJson(std::move(*subject)) : FactJson());
    put(a, "subject_name", subject_name ? FactJson(std::move(*subject_name)) : FactJson());
    put(a, "subject_source", subject_source ? FactJson(subject_source) : FactJson());
    return f;
  }

  Knowledge kb_;
  PhraseSet words_, relatives_, last_or_other_, last_not_before_, blocked_, heads_, day_of_, months_;
  PhraseSet series_, qualifiers_, copulas_, pronouns_, dest_preps_, anchors_, destinations_, counted_;
  std::vector<Word> word_info_;
  std::vector<Relative> rels_;
  std::vector<SeriesDef> series_defs_;
  std::vector<std::string> anchor_ids_, dest_ids_, clitics_;
  // Endings of the first words of forms (the last six bytes; shorter words whole), sorted, and
  // a 4096-bit filter of them.
  std::vector<std::uint64_t> endings_;
  std::uint64_t ending_filter_[64] = {};
  std::string definite_, article_end_, conj_;
  std::size_t copula_window_ = 16, subject_window_ = 60, anchor_window_ = 30;
  // The tokens an ordinal word, a relative ordinal or "last/other" can start at (with clitics).
  PhraseFilter starts_;
  // The first words of those forms, bare and behind each clitic, whatever the form's length:
  // one test that turns away most tokens before starts_ (which tests one-word and longer forms
  // apart) is asked; first_bits_ holds the same hashes, for a cheaper test before it.
  std::vector<std::uint64_t> first_hashes_;  // while the constructor runs
  TokenFilter first_words_;
  TokenBitmap first_bits_;
};

}  // namespace

std::unique_ptr<Extractor> make_ordinals_extractor(const rules::RuleSet& rules) {
  return std::make_unique<OrdinalsExtractor>(rules);
}

}  // namespace tadqiq::extract
