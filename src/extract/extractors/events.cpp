// The events extractor: meetings, talks, calls, visits, arrivals and summits with their
// participants, place and date. See docs/extractors/events.md.
//
// An event word (rules/events.yaml) opens a clause: the part of its sentence between the
// nearest clause cut before it (a complementizer "إن/أن", a speech verb or relay, a relative
// pronoun or other `clause_breaks` word not right after the event word) and the next one
// after it, so that "وذكر موقع إكسيوس، أن بلينكن التقى …" is about Blinken's meeting, not the
// outlet. In that clause:
//  * participants: people of the knowledge base (rules/people.yaml) named there, people named
//    after a title, and the holder of a title named without a name ("رئيس الوزراء الإسرائيلي"
//    on the article date), by knowledge-base id (or the names extractor's id); organisations
//    are not participants;
//  * place: a place of rules/places.yaml after a locative word ("في", "إلى") or prefix ("ب"),
//    the nearest to the event word;
//  * date: the nearest resolved day among the date facts of the clause (dates extractor), at
//    most `date_window` words from the event word; unknown when there is none, when another
//    day is as close, or when the date is a bound ("قبل الأربعاء"). Never the article date by
//    default: a relative expression ("اليوم", "أمس", "الأربعاء") is resolved against it by the
//    dates extractor.
// One fact of type "event" per event word with enough participants (and a place where the
// class needs one), one per (sentence, key). Key: event/CLASS/ID+ID…[@PLACE].
// Cost: one hash probe per token (a phrase lookup only where an event word may start, see
// extract/phrase_filter.h); clauses, names and places only around event words.
#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/phrase_filter.h"
#include "extract/extractors/extractors.h"
#include "extract/people/people.h"
#include "extract/rules_util.h"
#include "normalize/normalize.h"

namespace tadqiq::extract {
namespace {

using people::Knowledge;
using people::NameHit;

constexpr const char* kDoc = "events.yaml";
constexpr int kPlannedBit = 1 << 16;

struct EventClass {
  std::string id;
  std::size_t min_participants = 2;
  bool needs_place = false;
  bool place_object = false;  // the place may follow as a direct object ("زار بلينكن إسرائيل")
};

struct Participant {
  std::string id;
  std::string text;  // as written (the name, or the title for a title's holder)
  std::string source;  // "name", "title"
};

// Ids the names extractor gave to each spelling (people not in the knowledge base), read from
// the name facts when a participant first needs one.
struct NameIds {
  explicit NameIds(const std::vector<Fact>& f) : facts(f) {}
  const std::vector<Fact>& facts;
  std::unordered_map<std::string, std::string> of;
  bool read = false;
  const std::unordered_map<std::string, std::string>& get() {
    if (!read)
      for (const auto& f : facts)
        if (f.type == "name") of.emplace(f.attributes.value("folded", ""), f.value.value("id", ""));
    read = true;
    return of;
  }
};

struct DateRef {
  std::size_t first = 0, last = 0;  // tokens
  const Fact* fact = nullptr;
};

class EventsExtractor final : public Extractor {
 public:
  explicit EventsExtractor(const rules::RuleSet& rs)
      : kb_(rs), triggers_(clitics(rs)), planned_markers_(clitics(rs)), places_(clitics(rs)),
        place_markers_(clitics(rs)), links_(clitics(rs)),
        breaks_(clitics(rs)) {
    const YAML::Node doc = require_doc(rs, kDoc);
    const YAML::Node classes = doc["classes"];
    if (!classes || !classes.IsMap()) throw rules::RuleShapeError(rs.error_at(kDoc, classes ? classes : doc, "`classes` must be a mapping"));
    for (const auto& kv : classes) {
      EventClass c;
      c.id = kv.first.as<std::string>();
      const YAML::Node v = kv.second;
      if (!v.IsMap()) throw rules::RuleShapeError(rs.error_at(kDoc, v, "an event class must be a mapping"));
      const int idx = static_cast<int>(classes_.size());
      if (v["forms"]) triggers_.add_all(rs, kDoc, v["forms"], idx);
      if (v["planned"]) triggers_.add_all(rs, kDoc, v["planned"], idx | kPlannedBit);
      if (v["min_participants"]) {
        const double n = number_of(rs, kDoc, v["min_participants"]);
        if (n < 1) throw rules::RuleShapeError(rs.error_at(kDoc, v["min_participants"], "min_participants must be 1 or more"));
        c.min_participants = static_cast<std::size_t>(n);
      }
      if (v["needs_place"]) c.needs_place = v["needs_place"].as<bool>(false);
      if (v["place_object"]) c.place_object = v["place_object"].as<bool>(false);
      classes_.push_back(std::move(c));
    }
    if (doc["link_words"]) links_.add_all(rs, kDoc, doc["link_words"], 0);
    if (doc["clause_breaks"]) breaks_.add_all(rs, kDoc, doc["clause_breaks"], 0);
    if (doc["planned_markers"]) planned_markers_.add_all(rs, kDoc, doc["planned_markers"], 0);
    if (doc["place_markers"]) place_markers_.add_all(rs, kDoc, doc["place_markers"], 0);
    if (doc["place_prefixes"])
      for (const auto& p : rules::strings_of(rs, kDoc, doc["place_prefixes"])) place_prefixes_.push_back(normalize::fold(p));
    if (doc["date_window"]) date_window_ = static_cast<std::size_t>(number_of(rs, kDoc, doc["date_window"]));
    if (doc["place_window"]) place_window_ = static_cast<std::size_t>(number_of(rs, kDoc, doc["place_window"]));
    if (const auto pl = rs.doc("places.yaml"); pl && pl["places"] && pl["places"].IsMap())
      for (const auto& kv : pl["places"]) {
        place_ids_.push_back(kv.first.as<std::string>());
        places_.add_all(rs, "places.yaml", kv.second, static_cast<int>(place_ids_.size() - 1));
      }
  }

  std::string_view name() const override { return "events"; }

  void extract(const Document& doc, std::vector<Fact>& facts) const override {
    const auto& toks = doc.tokens();
    const std::string_view view = doc.text();
    const std::size_t n = toks.size();
    // One pass: the event words.
    std::vector<PhraseMatch> hits;
    for (std::size_t i = 0; i < n; ++i) {
      if (toks[i].digits || !triggers_.may_start(toks, i)) continue;
      if (auto m = triggers_.match_at(view, toks, i, true)) {
        hits.push_back(*m);
        i = m->last - 1;
      }
    }
    if (hits.empty()) return;

    // Day dates stated in the text (dates extractor), as token ranges: read from the facts when
    // an event word first has enough participants (most have not).
    std::vector<DateRef> dates;
    bool dates_read = false;
    auto read_dates = [&] {
      dates_read = true;
      for (const auto& f : facts) {
        if (f.type != "date" || !f.value.is_string() || f.view_end <= f.view_begin) continue;
        const auto& a = f.attributes;
        if (a.value("role", "") == "reference" || a.contains("relation") || a.value("unresolved", false)) continue;
        const std::size_t b = doc.token_at_or_after(f.view_begin);
        std::size_t e = doc.token_at_or_after(f.view_end);
        if (e <= b) e = b + 1;
        dates.push_back({b, e, &f});
      }
    };
    NameIds ids(facts);

    std::vector<Fact> out;
    std::map<std::pair<std::size_t, std::string>, std::size_t> seen;  // (sentence, key) -> out index
    for (const auto& h : hits) {
      const std::size_t si = doc.sentence_at(toks[h.first].begin);
      const auto& sr = doc.sentences()[si];
      const std::size_t s0 = doc.token_at_or_after(sr.begin), s1 = std::min(n, doc.token_at_or_after(sr.end));
      // The clause: between the clause cuts around the event word.
      std::size_t L = s0, R = s1;
      for (std::size_t k = s0; k < s1; ++k) {
        if (k >= h.first && k < h.last) continue;
        std::size_t end = k + 1;
        bool cut = kb_.complementizer_at(doc, k);
        if (!cut && k != h.last)
          if (auto b = breaks_.match_at(view, toks, k, true)) {
            cut = true;
            end = b->last;
          }
        if (!cut)
          if (auto fr = kb_.frame_at(doc, k)) {
            cut = true;
            end = fr->last;
          }
        if (!cut) continue;
        if (k < h.first) L = std::max(L, std::min(end, h.first));
        else if (k >= h.last) {
          R = k;
          break;
        }
      }
      const EventClass& cls = classes_[h.payload & 0xFFFF];

      // Tokens of the clause that belong to the event statement itself (the event word, names,
      // titles, dates): distances to a date or place count only the other words. (participants
      // only adds to them: the dates and link words are added once it has found enough.)
      std::vector<char> covered(R - L, 0);
      for (std::size_t k = h.first; k < h.last; ++k) covered[k - L] = 1;
      std::vector<Participant> ps = participants(doc, L, R, h, ids, covered);
      std::sort(ps.begin(), ps.end(), [](const Participant& a, const Participant& b) { return a.id < b.id; });
      ps.erase(std::unique(ps.begin(), ps.end(), [](const Participant& a, const Participant& b) { return a.id == b.id; }),
               ps.end());
      if (ps.size() < cls.min_participants) continue;
      if (!dates_read) read_dates();
      for (const auto& d : dates)
        if (d.first >= L && d.last <= R)
          for (std::size_t k = d.first; k < d.last; ++k) covered[k - L] = 1;
      for (std::size_t k = L; k < R; ++k)
        if (auto m = links_.match_at(view, toks, k, true); m && m->last <= R) {
          for (std::size_t x = m->first; x < m->last; ++x) covered[x - L] = 1;
          k = m->last - 1;
        }
      bool planned = (h.payload & kPlannedBit) != 0;
      for (std::size_t k = s0; k < h.first && !planned; ++k)
        if (auto m = planned_markers_.match_at(view, toks, k, true); m && m->last <= h.first) planned = true;
      auto gap = [&](std::size_t b, std::size_t e) {  // uncovered tokens in [b, e)
        std::size_t c = 0;
        for (std::size_t k = b; k < e; ++k) c += covered[k - L] ? 0 : 1;
        return c;
      };
      auto distance = [&](std::size_t first, std::size_t last) -> std::size_t {
        return last <= h.first ? gap(last, h.first) : first >= h.last ? gap(h.last, first) : 0;
      };
      const auto place = place_of(doc, L, R, h, covered, cls.place_object, distance);
      if (cls.needs_place && !place) continue;

      // The date: the nearest day in the clause; unknown when another day is also in reach.
      const DateRef* best = nullptr;
      std::size_t best_d = 0;
      bool ambiguous = false;
      for (const auto& d : dates) {
        if (d.first < L || d.last > R) continue;
        const std::size_t dist = distance(d.first, d.last);
        if (dist > date_window_) continue;
        if (best && best->fact->value != d.fact->value) ambiguous = true;
        if (!best || dist < best_d) {
          best = &d;
          best_d = dist;
        }
      }

      Fact f = doc.make_fact("event", toks[h.first].begin + h.clitic, toks[h.last - 1].end);
      std::string key = "event/" + cls.id + "/";
      FactJson pids = FactJson::array(), pj = FactJson::array();
      for (std::size_t x = 0; x < ps.size(); ++x) {
        if (x) key += '+';
        key += ps[x].id;
        pids.push_back(ps[x].id);
        pj.push_back({{"id", ps[x].id}, {"text", ps[x].text}, {"source", ps[x].source}});
      }
      if (place) key += "@" + place_ids_[place->payload];
      f.key = key;
      FactJson date = nullptr;
      auto& a = f.attributes;
      a["class"] = cls.id;
      a["participants"] = pj;
      if (place) a["place_text"] = doc.source_text(toks[place->first].begin + place->clitic, toks[place->last - 1].end);
      if (best && !ambiguous) {
        date = best->fact->value;
        f.as_of = date.get<std::string>();
        a["date_text"] = best->fact->text;
        a["date_resolution"] = best->fact->attributes.value("resolution", "");
        a["date_source"] = "clause";
        if (best->fact->attributes.value("future", false)) planned = true;
      } else {
        a["date_source"] = nullptr;
        if (best) a["date_ambiguous"] = true;
      }
      a["planned"] = planned;
      f.value = {{"class", cls.id},
                 {"participants", pids},
                 {"place", place ? FactJson(place_ids_[place->payload]) : FactJson(nullptr)},
                 {"date", date}};
      const auto sk = std::make_pair(si, key);
      if (auto it = seen.find(sk); it != seen.end()) {
        // One fact per (sentence, key): the first with a date.
        if (!out[it->second].as_of && f.as_of) out[it->second] = std::move(f);
        continue;
      }
      seen.emplace(sk, out.size());
      out.push_back(std::move(f));
    }
    for (auto& f : out) facts.push_back(std::move(f));
  }

 private:
  std::vector<Participant> participants(const Document& doc, std::size_t L, std::size_t R, const PhraseMatch& h,
                                        NameIds& ids, std::vector<char>& covered) const {
    const auto& toks = doc.tokens();
    std::vector<Participant> ps;
    auto cover = [&](std::size_t b, std::size_t e) {
      for (std::size_t x = b; x < e; ++x) covered[x - L] = 1;
    };
    auto add = [&](const NameHit& p) {
      cover(p.first, p.last);
      if (p.entity >= 0 && kb_.entities()[p.entity].organisation) return;
      const std::string folded = kb_.folded_of(doc, p);
      std::string id;
      const auto& of = ids.get();
      if (auto it = of.find(folded); it != of.end() && !it->second.empty()) id = it->second;
      else id = kb_.id_of(doc, p);
      ps.push_back({id, doc.source_text(toks[p.first].begin + p.clitic, toks[p.last - 1].end), "name"});
    };
    std::size_t k = L;
    while (k < R) {
      if (k >= h.first && k < h.last) {
        k = h.last;
        continue;
      }
      // Only the tokens with a start_mask (never a digit token).
      int mask = 0;
      if (const std::size_t s = kb_.next_start(doc, k, Knowledge::kStartsAny, &mask); s != k) {
        k = s;
        continue;
      }
      if (auto t = (mask & Knowledge::kStartsTitle) ? kb_.title_at(doc, k) : std::nullopt; t && t->last <= R) {
        // Further titles of the same person, honorifics, then the name.
        std::size_t j = t->last;
        for (int round = 0; round < 3; ++round) {
          j = kb_.skip_honorifics(doc, j);
          if (j >= R || Knowledge::hard_break(doc, j)) break;
          auto t2 = kb_.title_at(doc, j);
          if (!t2 || t2->clitic || t2->last > R) break;
          j = t2->last;
        }
        if (j < R && !Knowledge::hard_break(doc, j))
          if (auto p = kb_.person_at(doc, j); p && p->last <= R) {
            cover(k, p->first);
            add(*p);
            k = p->last;
            continue;
          }
        // A title without a name: its holder on the article date, when the knowledge base knows.
        cover(t->first, t->last);
        const int e = kb_.holder(t->office, t->country, doc.article().date);
        if (e >= 0 && !kb_.entities()[e].organisation)
          ps.push_back({kb_.entities()[e].id,
                        doc.source_text(toks[t->first].begin + t->clitic, toks[t->last - 1].end), "title"});
        k = t->last;
        continue;
      }
      if (auto p = (mask & Knowledge::kStartsEntity) ? kb_.entity_at(doc, k) : kb_.key_name_at(doc, k);
          p && p->last <= R) {
        add(*p);
        k = p->last;
        continue;
      }
      ++k;
    }
    return ps;
  }

  // The nearest place of the clause stated as where the event is.
  // Within `place_window` words (not counting names, titles and dates) of the event word.
  // A place inside a title ("رئيس وزراء إسرائيل") is not where the event was.
  template <class Distance>
  std::optional<PhraseMatch> place_of(const Document& doc, std::size_t L, std::size_t R, const PhraseMatch& h,
                                      const std::vector<char>& covered, bool object, Distance&& distance) const {
    const auto& toks = doc.tokens();
    const std::string_view view = doc.text();
    std::optional<PhraseMatch> best;
    std::size_t best_d = 0;
    for (std::size_t k = L; k < R; ++k) {
      if (toks[k].digits || covered[k - L]) continue;
      auto m = places_.match_at(view, toks, k, true);
      if (!m || m->last > R) continue;
      bool located = false, marker_word = false;
      if (m->clitic) {
        const std::string_view c = view.substr(toks[k].begin, m->clitic);
        located = std::find(place_prefixes_.begin(), place_prefixes_.end(), c) != place_prefixes_.end();
      } else if (k > L && !Knowledge::hard_break(doc, k)) {
        auto pm = place_markers_.match_at(view, toks, k - 1, true);
        located = marker_word = pm && pm->last == k;
        // The direct object of a visit: right after the event word and its participants.
        if (!located && object && k >= h.last && distance(k, k) == 0) located = true;
      }
      if (located) {
        // The marker word ("في") counts as part of the place.
        const std::size_t first = marker_word ? m->first - 1 : m->first;
        const std::size_t dist = distance(first, m->last);
        if (dist <= place_window_ && (!best || dist < best_d)) {
          best = m;
          best_d = dist;
        }
      }
      k = m->last - 1;
    }
    return best;
  }

  Knowledge kb_;
  // Each with the filter of the tokens where its phrases may start: most tokens start none.
  FilteredPhrases triggers_, planned_markers_, places_, place_markers_, links_, breaks_;
  std::vector<EventClass> classes_;
  std::vector<std::string> place_ids_, place_prefixes_;
  std::size_t date_window_ = 6, place_window_ = 0;
};

}  // namespace

std::unique_ptr<Extractor> make_events_extractor(const rules::RuleSet& rules) {
  return std::make_unique<EventsExtractor>(rules);
}

}  // namespace tadqiq::extract
