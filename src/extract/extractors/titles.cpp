// The titles extractor: people with their titles of office. See docs/extractors/titles.md.
//
// A title (rules/titles.yaml) is [modifier]* OFFICE [country | modifier | filler]*. It is tied
// to a person when a name follows it (after a comma, honorifics such as "الأمير", or further
// titles of the same person: "ولي العهد رئيس مجلس الوزراء السعودي الأمير محمد بن سلمان"), or
// when it follows a name after a comma ("نتنياهو، رئيس الوزراء") or directly where the
// knowledge base knows the person held that office at some time ("إسماعيل هنية رئيس المكتب
// السياسي لـ"حماس""). One "title" fact per title and person mention. A title with no person is
// not a fact. The country comes from the title, else from another title of the same chain,
// else from the person's offices in the knowledge base.
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/extractors/extractors.h"
#include "extract/number_value.h"
#include "extract/people/people.h"

namespace tadqiq::extract {
namespace {

using people::Knowledge;
using people::NameHit;
using people::TitleHit;

class TitlesExtractor final : public Extractor {
 public:
  explicit TitlesExtractor(const rules::RuleSet& rs) : kb_(rs) {}
  std::string_view name() const override { return "titles"; }

  void extract(const Document& doc, std::vector<Fact>& facts) const override {
    const auto& toks = doc.tokens();
    const std::size_t n = toks.size();
    // Ids the names extractor gave to each spelling, so that the same person has one id.
    // Views into the strings of the names' facts (held by their JSON values, they stay put as
    // facts grows); read when a first person is found.
    std::unordered_map<std::string_view, std::string_view> ids;
    bool ids_read = false;
    std::size_t i = 0;
    std::size_t claimed = 0;
    // Only the tokens where a title may start.
    while ((i = kb_.next_start(doc, i, Knowledge::kStartsTitle)) < n) {
      auto t = kb_.title_at(doc, i);
      if (!t) {
        ++i;
        continue;
      }
      // The chain of titles of one person.
      std::vector<TitleHit> chain{*t};
      std::size_t k = t->last;
      for (int round = 0; round < 3; ++round) {
        std::size_t k2 = kb_.skip_honorifics(doc, k);
        if (k2 >= n || Knowledge::hard_break(doc, k2)) break;
        auto t2 = kb_.title_at(doc, k2);
        if (!t2 || t2->clitic) break;
        chain.push_back(*t2);
        k = t2->last;
      }
      std::size_t after = kb_.skip_honorifics(doc, k);
      std::optional<NameHit> person;
      if (after < n && !Knowledge::hard_break(doc, after)) person = kb_.person_at(doc, after);
      // A known person right before wins over a name found by pattern after.
      if ((!person || person->entity < 0) && chain.front().first >= claimed)
        if (auto b = before(doc, chain.front(), claimed)) person = b;
      if (person) {
        const std::string folded = kb_.folded_of(doc, *person);
        std::string id;
        if (!ids_read) {
          for (const auto& f : facts)
            if (f.type == "name") ids.emplace(string_member(f.attributes, "folded"), string_member(f.value, "id"));
          ids_read = true;
        }
        if (auto it = ids.find(folded); it != ids.end()) id.assign(it->second);
        else id = person->entity >= 0 ? kb_.entities()[person->entity].id : "~" + kb_.strict_key(folded);  // id_of()
        const std::string spelling =
            doc.source_text(toks[person->first].begin + person->clitic, toks[person->last - 1].end);
        int chain_country = -1;
        for (const auto& c : chain)
          if (c.country >= 0) chain_country = c.country;
        for (const auto& c : chain) emit(doc, c, *person, id, spelling, chain_country, facts);
        i = std::max(person->last, k);
        claimed = i;
        continue;
      }
      i = k;
    }
  }

 private:
  // A person named right before the title: after a comma, or directly when the knowledge base
  // says the person held the office at some time.
  std::optional<NameHit> before(const Document& doc, const TitleHit& t, std::size_t claimed) const {
    if (t.clitic || t.first == 0) return std::nullopt;
    const bool comma = Knowledge::comma_break(doc, t.first);
    if (!comma && Knowledge::hard_break(doc, t.first)) return std::nullopt;
    const std::size_t lo = t.first > 5 ? t.first - 5 : 0;
    for (std::size_t s = std::max(lo, claimed); s < t.first; ++s) {
      auto h = kb_.entity_at(doc, s);
      if (!h || h->last != t.first || kb_.entities()[h->entity].organisation) continue;
      if (comma) return h;
      // No comma: only when the person is known to have held the office.
      for (const auto& o : kb_.entities()[h->entity].offices)
        if (o.office == kb_.offices()[t.office]) return h;
      return std::nullopt;
    }
    return std::nullopt;
  }

  void emit(const Document& doc, const TitleHit& t, const NameHit& p, const std::string& id,
            const std::string& spelling, int chain_country, std::vector<Fact>& facts) const {
    const auto& toks = doc.tokens();
    const std::size_t b = std::min(toks[t.first].begin + t.clitic, toks[p.first].begin + p.clitic);
    const std::size_t e = std::max(toks[t.last - 1].end, toks[p.last - 1].end);
    Fact f = doc.make_fact("title", b, e);
    const std::string& date = doc.article().date;
    int country = t.country;
    const char* country_source = t.country >= 0 ? (t.country_in_form ? "title" : "text") : nullptr;
    if (country < 0 && chain_country >= 0) {
      country = chain_country;
      country_source = "chain";
    }
    if (country < 0 && p.entity >= 0) {
      country = kb_.country_from_kb(p.entity, t.office, date);
      if (country >= 0) country_source = "kb";
    }
    f.key = "title/" + id;
    // value and attributes built in key order, each entry appended at the end of its map.
    auto& v = members(f.value);
    put(v, "canonical", kb_.canonical(t));
    put(v, "country", country >= 0 ? FactJson(kb_.countries()[country]) : FactJson());
    FactJson::array_t mods;
    mods.reserve(static_cast<std::size_t>(t.n_modifiers));
    for (int k = 0; k < t.n_modifiers; ++k) mods.emplace_back(kb_.modifiers()[t.modifiers[k]]);
    put(v, "modifiers", std::move(mods));
    put(v, "office", kb_.offices()[t.office]);
    auto& a = members(f.attributes);
    if (country_source) put(a, "country_source", country_source);
    if (p.entity >= 0) {
      put(a, "display", kb_.entities()[p.entity].display);
      // Does the knowledge base agree that the person held this office on the article date?
      // (Only for the plain office: a modifier changes it.)
      const int held = kb_.held(p.entity, t.office, country, date);
      const char* kb = nullptr;
      if (t.n_modifiers == 0)
        kb = held < 0   ? "unknown"
             : held   ? "consistent"
             : kb_.recently_held(p.entity, t.office, country, date) ? "recent"
                                                                      : "inconsistent";
      else  // A modified title ("نائب رئيس الوزراء") of a person who held the plain office.
        kb = held == 1 ? "inconsistent" : "unknown";
      put(a, "kb", kb);
    }
    put(a, "person", spelling);
    put(a, "person_id", id);
    put(a, "position", t.first < p.first ? "before_name" : "after_name");
    put(a, "title", doc.source_text(toks[t.first].begin + t.clitic, toks[t.last - 1].end));
    facts.push_back(std::move(f));
  }

  Knowledge kb_;
};

}  // namespace

std::unique_ptr<Extractor> make_titles_extractor(const rules::RuleSet& rules) {
  return std::make_unique<TitlesExtractor>(rules);
}

}  // namespace tadqiq::extract
