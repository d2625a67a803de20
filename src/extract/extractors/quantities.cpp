// The quantities extractor: what a figure counts. See docs/extractors/quantities.md.
//
// For each "number" fact that is a plain cardinal figure, finds its counted noun (after the
// figure, or before it behind a count head such as "عدد"), the category (from the noun, or
// for generic nouns like "شخص" from a category verb near the figure), the location (the
// nearest gazetteer place in the sentence), the scope (cumulative total or incident count,
// from markers in the sentence), the attribution (who the figure is credited to: "وفق السلطات
// الفلسطينية", "قالت وزارة الصحة") and as_of (the date its sentence gives through the dates
// resolver, "حتى الأربعاء", else the article date). The fact key joins
// category, location and scope so that only like is compared with like. Figures may be written
// in digits or in words, exact, bounded, vague ("عشرات القتلى") or ranges ("بين 10 و20 قتيلا").
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <string>

#include "extract/dates/resolve.h"
#include "extract/extractors/extractors.h"
#include "extract/phrase_filter.h"
#include "extract/number_value.h"
#include "extract/rules_util.h"

namespace tadqiq::extract {
namespace {

constexpr const char* kDoc = "quantities.yaml";
constexpr const char* kPlaces = "places.yaml";
constexpr const char* kNumbers = "numbers.yaml";

bool is_iso_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int m = std::atoi(s.substr(5, 2).c_str()), d = std::atoi(s.substr(8, 2).c_str());
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

// Punctuation between two tokens that ends a clause.
bool clause_break(std::string_view v, std::size_t from, std::size_t to) {
  if (to == from + 1 && v[from] == ' ') return false;  // the usual gap: one space
  const std::string_view gap = v.substr(from, to > from ? to - from : 0);
  return gap.find_first_of(".,;:!?") != std::string_view::npos ||
         gap.find("\xD8\x8C") != std::string_view::npos ||   // U+060C ARABIC COMMA
         gap.find("\xD8\x9B") != std::string_view::npos ||   // U+061B ARABIC SEMICOLON
         gap.find("\xD8\x9F") != std::string_view::npos;     // U+061F ARABIC QUESTION MARK
}

// What the quantities extractor reads of a number fact's attributes, in one pass over its few
// members (instead of a search per member). `role` points at the member "role" when it is a
// string; it stays valid while no member is added or removed.
struct FigureAttrs {
  FactJson* role = nullptr;
  std::string_view kind, bound;              // "" when absent or not a string
  const FactJson* figure = nullptr;    // the member "figure", or nullptr
  bool scale = false;                        // a member "scale" is there

  std::string_view role_name() const { return *role->get_ptr<const FactJson::string_t*>(); }
  // Sets the role (which must be there), reusing its string.
  void set_role(std::string_view r) const { role->get_ptr<FactJson::string_t*>()->assign(r); }
};

FigureAttrs figure_attrs(FactJson& attributes) {
  FigureAttrs fa;
  if (!attributes.is_object()) return fa;
  auto str = [](const FactJson& j) {
    return j.is_string() ? std::string_view(*j.get_ptr<const FactJson::string_t*>()) : std::string_view();
  };
  using namespace std::string_view_literals;
  for (auto& [key, m] : *attributes.get_ptr<FactJson::object_t*>()) {
    const std::string_view k = key;  // compared by length first, no strlen
    if (k == "role"sv) {
      if (m.is_string()) fa.role = &m;
    } else if (k == "kind"sv) {
      fa.kind = str(m);
    } else if (k == "bound"sv) {
      fa.bound = str(m);
    } else if (k == "figure"sv) {
      fa.figure = &m;
    } else if (k == "scale"sv) {
      fa.scale = true;
    }
  }
  return fa;
}

class QuantitiesExtractor final : public Extractor {
 public:
  explicit QuantitiesExtractor(const rules::RuleSet& rs)
      : nouns_(clitics(rs)), verbs_(clitics(rs)), labels_(clitics(rs)), units_(clitics(rs)),
        heads_(clitics(rs)), places_(clitics(rs)), scope_(clitics(rs)), bounds_after_(clitics(rs)),
        frames_(clitics(rs)), sources_(clitics(rs)), source_stops_(clitics(rs)), sentence_marks_(clitics(rs)) {
    const auto doc = require_doc(rs, kDoc);
    const auto cats = doc["categories"];
    if (!cats || !cats.IsMap())
      throw rules::RuleShapeError(rs.error_at(kDoc, doc, "expected `categories:` mapping"));
    for (const auto& kv : cats) {
      const int id = static_cast<int>(categories_.size());
      categories_.push_back(kv.first.as<std::string>());
      generic_.push_back(kv.second["generic"] && kv.second["generic"].as<bool>(false));
      nouns_.add_all(rs, kDoc, kv.second["nouns"], id);
      verbs_.add_all(rs, kDoc, kv.second["verbs"], id);
    }
    labels_.add_all(rs, kDoc, doc["labels_before"], 0);
    units_.add_all(rs, kDoc, doc["units_after"], 0);
    heads_.add_all(rs, kDoc, doc["count_heads"], 0);
    if (doc["verb_window_before"]) verb_before_ = static_cast<std::size_t>(number_of(rs, kDoc, doc["verb_window_before"]));
    if (doc["verb_window_after"]) verb_after_ = static_cast<std::size_t>(number_of(rs, kDoc, doc["verb_window_after"]));
    if (doc["head_window"]) head_window_ = static_cast<std::size_t>(number_of(rs, kDoc, doc["head_window"]));
    if (const auto sc = doc["scope"]) {
      scope_.add_all(rs, kDoc, sc["incident"], 0, &sentence_marks_);
      scope_.add_all(rs, kDoc, sc["cumulative"], 1, &sentence_marks_);
    }
    if (const auto pl = rs.doc(kPlaces); pl && pl["places"]) {
      for (const auto& kv : pl["places"]) {
        places_ids_.push_back(kv.first.as<std::string>());
        places_.add_all(rs, kPlaces, kv.second, static_cast<int>(places_ids_.size() - 1), &sentence_marks_);
      }
    }
    if (const auto at = doc["attribution"]) {
      frames_.add_all(rs, kDoc, at["frames"], 0, &sentence_marks_);
      source_stops_.add_all(rs, kDoc, at["stop_words"], 0);
      if (const auto so = at["sources"]; so && so.IsMap())
        for (const auto& kv : so) {
          source_ids_.push_back(kv.first.as<std::string>());
          sources_.add_all(rs, kDoc, kv.second, static_cast<int>(source_ids_.size() - 1));
        }
      if (at["source_max_tokens"]) source_max_ = static_cast<std::size_t>(number_of(rs, kDoc, at["source_max_tokens"]));
    }
    if (const auto nb = rs.doc(kNumbers); nb && nb["bounds_after"] && nb["bounds_after"].IsMap())
      for (const auto& kv : nb["bounds_after"]) {
        bound_names_.push_back(kv.first.as<std::string>());
        bounds_after_.add_all(rs, kNumbers, kv.second, static_cast<int>(bound_names_.size() - 1));
      }
    mark_bits_ = TokenBitmap(sentence_marks_.start_hashes());
  }

  std::string_view name() const override { return "quantities"; }

  void extract(const Document& doc, std::vector<Fact>& facts) const override {
    const std::string& v = doc.text();
    const auto& toks = doc.tokens();
    const std::string as_of = is_iso_date(doc.article().date) ? doc.article().date : "";
    // The dates the sentences give, indexed once per article and only when a quantity needs
    // it (the date facts come before every quantity; the index keeps no reference to them).
    std::optional<dates::AsOfIndex> dated;
    SentenceCache sc;  // what a sentence gives every figure in it, read once per sentence
    const std::size_t n = facts.size();
    for (std::size_t i = 0; i < n; ++i) {
      Fact& num = facts[i];
      if (std::string_view(num.type) != "number") continue;  // no strlen
      const FigureAttrs fa = figure_attrs(num.attributes);
      if (!fa.role || fa.role_name() != "figure") continue;
      if (fa.kind != "cardinal" && fa.kind != "range") continue;
      const std::string_view num_bound = fa.bound;
      const bool vague = num_bound == "vague";
      std::size_t ti = doc.token_at_or_after(num.view_begin);  // a lookup in the block index
      const std::size_t tj = token_from(doc, ti, num.view_end);
      if (ti > 0 && toks[ti - 1].end > num.view_begin) --ti;  // a word with a clitic ("بألفين")
      if (ti > 0 && labels_.match_ending(v, toks, ti, true) && !clause_break(v, toks[ti - 1].end, toks[ti].begin)) {
        fa.set_role("label");
        continue;
      }
      if (units_.match_at(v, toks, tj, false)) {
        fa.set_role("measure");
        continue;
      }

      // The counted noun: after the figure, or before it behind a count head.
      // After a vague plural the noun is definite: "عشرات القتلى", "آلاف الأطفال".
      std::optional<PhraseMatch> noun;
      if (tj < toks.size() && !clause_break(v, toks[tj - 1].end, toks[tj].begin))
        noun = nouns_.match_at(v, toks, tj, vague);
      std::size_t span_end = noun ? toks[noun->last - 1].end : num.view_end;
      if (!noun) {
        const std::size_t lo = ti > head_window_ ? ti - head_window_ : 0;
        for (std::size_t k = lo; k + 1 < ti && !noun; ++k)
          if (auto h = heads_.match_at(v, toks, k, true))
            if (auto m = nouns_.match_at(v, toks, h->last, true); m && m->last <= ti) noun = m;
      }
      if (!noun) {
        const FactJson* f = fa.figure;
        if (f && f->is_number_integer() && f->get<long long>() >= 1900 && f->get<long long>() <= 2100 && !fa.scale)
          fa.set_role("year");
        continue;
      }

      int category = noun->payload;
      if (generic_[category]) {
        // The nearest category verb before the figure or after the noun decides.
        std::size_t best = SIZE_MAX;
        const std::size_t after_from = noun->last;
        // After the noun, within the clause: a conjunction or punctuation starts another one.
        for (std::size_t k = after_from; k < toks.size() && k < after_from + verb_after_; ++k) {
          if (clause_break(v, toks[k - 1].end, toks[k].begin)) break;
          if (auto m = verbs_.match_at(v, toks, k, true)) {
            if (m->clitic == 0) {
              best = k - after_from;
              category = m->payload;
            }
            break;
          }
        }
        // Before the figure (verb-subject order, the usual one in news): wins ties.
        for (std::size_t d = 1; d <= verb_before_ && d <= ti; ++d) {
          if (clause_break(v, toks[ti - d].end, toks[ti - d + 1].begin)) break;
          if (auto m = verbs_.match_ending(v, toks, ti - d + 1, true)) {
            if (d - 1 <= best) category = m->payload;
            break;
          }
        }
      }

      sc.enter(*this, doc, doc.sentence_at(num.view_begin));
      const std::string& location = nearest_place(sc, ti);
      const std::string& scope = scope_names_[static_cast<std::size_t>(sc.scope)];

      const std::size_t span_begin = std::min(num.view_begin, static_cast<std::size_t>(toks[noun->first].begin));
      std::string_view bound = num_bound.empty() ? std::string_view("exact") : num_bound;
      FactJson value = num.value;
      if (bound == "exact" && noun->last <= toks.size() && noun->first >= tj) {
        if (auto b = bounds_after_.match_at(v, toks, noun->last, false)) {
          bound = bound_names_[b->payload];
          span_end = toks[b->last - 1].end;
          if (bound == "at_least" || bound == "more_than") value["max"] = nullptr;
          if (bound == "at_most" || bound == "less_than") value["min"] = nullptr;
        }
      }
      const std::string& cat = categories_[category];
      auto at = attribution(doc, sc, ti, std::max<std::size_t>(noun->last, tj));
      std::string_view as_of_source;  // "" when the fact has no as_of
      if (!dated) dated.emplace(doc, facts);
      auto d = dated->find(num.view_begin);
      if (d) as_of_source = d->now ? "now" : "sentence";
      else if (!as_of.empty()) as_of_source = "article_date";
      const std::size_t view_end = std::max(span_end, num.view_end);
      // Built in place (`num` is read while the sheet may grow: see emplace_fact).
      emplace_fact(facts, [&] {
        Fact q = doc.make_fact(type_, span_begin, view_end);
        q.key.reserve(cat.size() + location.size() + scope.size() + 2);
        q.key.append(cat).append(1, '/').append(location).append(1, '/').append(scope);
        q.value = std::move(value);
        if (d) q.as_of = std::move(d->date);
        else if (!as_of.empty()) q.as_of = as_of;
        // A copy of the members built once (no key comparison), the values then set in key
        // order: cheaper than adding the members one by one.
        auto& qa = members(q.attributes);
        qa = attribute_sets_[(as_of_source.empty() ? 0 : 2) + (at ? 1 : 0)];
        auto m = qa.begin();
        if (!as_of_source.empty()) (m++)->second = as_of_source;
        if (at) {
          (m++)->second = std::move(at->first);
          (m++)->second = std::move(at->second);
        }
        (m++)->second = bound;
        (m++)->second = cat;
        (m++)->second = location;
        (m++)->second = doc.source_text(toks[noun->first].begin + noun->clitic, toks[noun->last - 1].end);
        m->second = scope;
        return q;
      });
      // Last: `bound` and `kind` may view the number fact's own strings. The role's node is
      // the number fact's own object, which stays where it is when the sheet grows.
      fa.set_role("count");
    }
  }

 private:
  // The first token at or after view offset `at`, as Document::token_at_or_after: stepping on
  // from token `hint` when every token before it starts before `at` and the answer is a few
  // tokens on, else by the document's binary search.
  static std::size_t token_from(const Document& doc, std::size_t hint, std::size_t at) {
    const auto& toks = doc.tokens();
    if (hint <= toks.size() && (hint == 0 || toks[hint - 1].begin < at))
      for (std::size_t j = hint; j < hint + 8; ++j)
        if (j >= toks.size() || toks[j].begin >= at) return j;
    return doc.token_at_or_after(at);
  }

  // What one sentence gives every figure in it, read in one pass when the first figure of the
  // sentence needs it: its place mentions, its scope, and its attribution frames.
  struct SentenceCache {
    std::size_t sentence = SIZE_MAX;
    std::size_t first = 0, end = 0;                    // its tokens [first, end)
    std::vector<std::pair<std::size_t, int>> places;  // place mentions in scan order: first token, place
    int scope = 2;                                     // index into kScopeNames
    std::vector<PhraseMatch> frames;                   // the frame starting at each token that starts one, in token order

    void enter(const QuantitiesExtractor& x, const Document& doc, std::size_t si) {
      if (si == sentence) return;
      sentence = si;
      const auto& sent = doc.sentences()[si];
      first = doc.token_at_or_after(sent.begin);
      end = doc.token_at_or_after(sent.end);
      places.clear();
      frames.clear();
      scope = x.scan_sentence(doc, *this);
    }
  };
  static constexpr const char* kScopeNames[] = {"incident", "cumulative", "unspecified"};

  // One pass over the tokens [first, end) of a sentence: its place mentions (longest first, in
  // reading order, a mention's tokens not read again) into `places`, the attribution frame
  // starting at each token into `frames`, and the scope its markers give (an index into
  // kScopeNames: the first incident marker wins, else any cumulative one).
  int scan_sentence(const Document& doc, SentenceCache& sc) const {
    const auto& v = doc.text();
    const auto& toks = doc.tokens();
    const std::size_t first = sc.first, end = sc.end;
    auto& places = sc.places;
    std::size_t next_place = first, next_scope = first;  // where each scan reads on
    int scope = 2;
    bool scope_done = false;
    for (std::size_t k = first; k < end; ++k) {
      // No place, scope marker or frame starts here: the bitmap turns away most tokens.
      if (!mark_bits_.test(toks[k].hash) || !sentence_marks_.may_start(toks, k)) continue;
      if (!frames_.empty())
        if (auto m = frames_.match_at(v, toks, k, true)) sc.frames.push_back(*m);
      if (k >= next_place)
        if (auto m = places_.match_at(v, toks, k, true); m && m->last <= end) {
          places.emplace_back(m->first, m->payload);
          next_place = m->last;
        }
      if (!scope_done && k >= next_scope)
        if (auto m = scope_.match_at(v, toks, k, true); m && m->last <= end) {
          if (m->payload == 0) {
            scope = 0;
            scope_done = true;
          } else {
            scope = 1;
            next_scope = m->last;
          }
        }
    }
    return scope;
  }

  // The place mentioned nearest to token `ti` in the sentence (the first of equally near ones).
  const std::string& nearest_place(const SentenceCache& sc, std::size_t ti) const {
    const std::string* best = &unspecified_;
    std::size_t best_d = SIZE_MAX;
    for (const auto& [first, place] : sc.places) {
      const std::size_t d = first > ti ? first - ti : ti - first;
      if (d < best_d) {
        best_d = d;
        best = &places_ids_[place];
      }
    }
    return *best;
  }

  // Who the figure is credited to: the attribution frame ("وفق", "بحسب", "قالت") nearest to the
  // figure in its sentence (after the counted noun, or before the figure; after wins ties), and
  // the source after it: a known source's id ("palestinian_authorities"), else its words as
  // written (up to a clause break, a stop word such as "إن", or source_max_tokens tokens).
  // Returns {attribution, attribution_text}. Only frames of the sentence the cache holds count
  // (`ti` and `after` are in it), so they are searched in its frame list instead of walking its
  // tokens for each figure.
  std::optional<std::pair<std::string, std::string>> attribution(const Document& doc, const SentenceCache& sc,
                                                                 std::size_t ti, std::size_t after) const {
    if (frames_.empty()) return std::nullopt;
    const auto& v = doc.text();
    const auto& toks = doc.tokens();
    const std::size_t first = sc.first;
    const std::size_t end = sc.end;
    const auto& frames = sc.frames;
    const PhraseMatch* best = nullptr;
    std::size_t best_d = SIZE_MAX;
    // After: the first frame at or after token `after` that ends before the sentence does.
    auto it = std::lower_bound(frames.begin(), frames.end(), after,
                               [](const PhraseMatch& m, std::size_t k) { return m.first < k; });
    for (auto f = it; f != frames.end(); ++f)
      if (f->last < end) {
        best = &*f;
        best_d = f->first - after;
        break;
      }
    // Before: the nearest frame starting before token `ti` (within best_d of it) that ends by
    // `ti`; nearer than the one after, it wins.
    for (auto f = std::lower_bound(frames.begin(), it, ti, [](const PhraseMatch& m, std::size_t k) { return m.first < k; });
         f != frames.begin();) {
      --f;
      if (f->first < first || ti - f->first > best_d) break;
      if (f->last <= ti) {
        if (ti - f->last < best_d) best = &*f;
        break;
      }
    }
    if (!best) return std::nullopt;
    const std::size_t s = best->last;
    if (s >= end || clause_break(v, toks[s - 1].end, toks[s].begin)) return std::nullopt;
    const std::size_t fb = toks[best->first].begin + best->clitic;
    if (auto src = sources_.match_at(v, toks, s, true); src && src->last <= end)
      return std::make_pair(source_ids_[src->payload], doc.source_text(fb, toks[src->last - 1].end));
    std::size_t e = s;
    while (e < end && e - s < source_max_) {
      if (e > s && clause_break(v, toks[e - 1].end, toks[e].begin)) break;
      if (source_stops_.match_at(v, toks, e, false) || toks[e].digits) break;
      ++e;
    }
    if (e == s) return std::nullopt;
    return std::make_pair(doc.source_text(toks[s].begin, toks[e - 1].end), doc.source_text(fb, toks[e - 1].end));
  }

  // A quantity's attribute members (values null), with or without "as_of_source" (2) and
  // "attribution" with "attribution_text" (1): {as_of_source, attribution, attribution_text,
  // bound, category, location, noun, scope}, in key order.
  static std::vector<FactJson::object_t> attribute_sets() {
    std::vector<FactJson::object_t> out(4);
    for (int k = 0; k < 4; ++k) {
      auto& a = out[static_cast<std::size_t>(k)];
      if (k & 2) put(a, "as_of_source", nullptr);
      if (k & 1) {
        put(a, "attribution", nullptr);
        put(a, "attribution_text", nullptr);
      }
      for (const char* key : {"bound", "category", "location", "noun", "scope"}) put(a, key, nullptr);
    }
    return out;
  }
  const std::vector<FactJson::object_t> attribute_sets_ = attribute_sets();
  const std::string type_ = "quantity";  // copied per fact (no strlen)
  const std::vector<std::string> scope_names_{std::begin(kScopeNames), std::end(kScopeNames)};
  const std::string unspecified_ = "unspecified";
  FilteredPhrases nouns_, verbs_, labels_, units_, heads_, places_, scope_, bounds_after_;
  FilteredPhrases frames_, sources_, source_stops_;
  // The tokens a place, a scope marker or an attribution frame can start at: one test per token
  // of the sentence pass instead of three.
  PhraseFilter sentence_marks_;
  TokenBitmap mark_bits_;  // its start words: the cheaper first test
  std::vector<std::string> categories_, places_ids_, bound_names_, source_ids_;
  std::size_t source_max_ = 4;
  std::vector<bool> generic_;
  std::size_t verb_before_ = 3, verb_after_ = 4, head_window_ = 5;
};

}  // namespace

std::unique_ptr<Extractor> make_quantities_extractor(const rules::RuleSet& rules) {
  return std::make_unique<QuantitiesExtractor>(rules);
}

}  // namespace tadqiq::extract
