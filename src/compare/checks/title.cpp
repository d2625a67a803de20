// The title check: one person given conflicting offices across articles. See
// docs/checks/title.md.
//
// Title facts (titles extractor) carry a canonical office (modifiers included: a deputy prime
// minister is not a prime minister), the country it belongs to when stated (an office is the
// pair: Israel's prime minister is not Palestine's) and `kb`: whether the knowledge base agrees the person held
// that office on the article's date (consistent / inconsistent / unknown).
//  * conflict (error): the person's canonical office differs between articles and this one is
//    wrong by the knowledge base (kb: inconsistent), or — when the knowledge base cannot
//    confirm it (kb: unknown) — a clear majority of the other articles (at least two, and more
//    than agree with it) gives another office. The message names the expected title.
//  * not_held (warning): the knowledge base says the person did not hold the office on the
//    article's date, and no other article contradicts it (nothing to compare with).
// Synonyms share a canonical office and never flag; "former" used correctly is kb-consistent;
// generic offices (titles.yaml `generic_offices`, e.g. "الوزير") agree with any specific one.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "compare/check_config.h"
#include "compare/checks/checks.h"

namespace tadqiq::compare {
namespace {

constexpr const char* kName = "title";

std::string canonical_of(const Fact& f) {
  if (f.value.is_object()) {
    if (auto it = f.value.find("canonical"); it != f.value.end() && it->is_string()) return it->get<std::string>();
    if (auto it = f.value.find("office"); it != f.value.end() && it->is_string()) return it->get<std::string>();
  }
  return "";
}

// The country or organisation the title names (value.country), or "".
std::string country_of(const Fact& f) {
  if (f.value.is_object())
    if (auto it = f.value.find("country"); it != f.value.end() && it->is_string()) return it->get<std::string>();
  return "";
}

class TitleCheck final : public Check {
 public:
  explicit TitleCheck(const rules::RuleSet& rs)
      : sev_conflict_(class_severity(rs, kName, "conflict", Severity::error)),
        sev_not_held_(class_severity(rs, kName, "not_held", Severity::warning)),
        min_majority_(static_cast<std::size_t>(check_number(rs, kName, "min_majority", 2))),
        // Evidence of a conflict: the wrong article's title, then at most this many articles
        // giving the expected office.
        max_listed_(static_cast<std::size_t>(std::max(1.0, check_number(rs, kName, "max_listed_articles", 10)))) {
    // Offices that name a kind of post ("الوزير"): compatible with any specific one.
    if (const auto t = rs.doc("titles.yaml"); t && t["generic_offices"])
      for (const auto& o : rules::strings_of(rs, "titles.yaml", t["generic_offices"])) generic_.insert(o);
  }

  std::string_view name() const override { return kName; }
  std::string_view kind() const override { return "title"; }
  std::string_view fact_type() const override { return "title"; }

  void check(const Group& g, std::vector<Finding>& out) const override {
    // The countries each canonical office is given with ("رئيس الوزراء الإسرائيلي" and "رئيس
    // الوزراء الفلسطيني" are two offices). A title with no country takes the one country its
    // office is given with in the group, if there is exactly one; otherwise it stays bare.
    std::map<std::string, std::set<std::string>> countries;
    for (const auto& r : g.facts)
      if (const std::string cn = country_of(*r.fact); !cn.empty()) countries[canonical_of(*r.fact)].insert(cn);
    // Articles per office, and one representative fact per (office, article).
    std::map<std::string, std::map<std::string, FactRef>> by_office;
    for (const auto& r : g.facts) {
      const std::string c = canonical_of(*r.fact);
      if (c.empty() || generic_.count(c)) continue;
      std::string cn = country_of(*r.fact);
      if (cn.empty())
        if (auto it = countries.find(c); it != countries.end() && it->second.size() == 1) cn = *it->second.begin();
      by_office[cn.empty() ? c : c + "/" + cn].emplace(r.article->id, r);
    }
    for (const auto& [office, articles] : by_office) {
      // The strongest other office: the one most other articles give.
      const std::string* best = nullptr;
      std::size_t best_n = 0;
      for (const auto& [other, other_articles] : by_office) {
        if (other == office) continue;
        std::size_t n = 0;
        for (const auto& [id, _] : other_articles) n += articles.count(id) ? 0 : 1;
        if (n > best_n) {
          best_n = n;
          best = &other;
        }
      }
      for (const auto& [id, ref] : articles) {
        const std::string kb = ref.fact->attributes.value("kb", "unknown");
        if (kb == "consistent") continue;
        const bool majority = best && best_n >= min_majority_ && best_n > articles.size();
        if (best && (kb == "inconsistent" || majority)) {
          const FactRef& expected = by_office.at(*best).begin()->second;
          Finding f = base(g, "conflict", sev_conflict_);
          f.message = fmt::format(
              "{} calls {} \"{}\" ({}), but {} — expected \"{}\" ({}), as in {}.", ref.article->path, person(ref),
              ref.fact->attributes.value("title", ref.fact->text), office,
              kb == "inconsistent" ? std::string("the knowledge base says otherwise on that date")
                                   : fmt::format("{} other articles give another title", best_n),
              expected.fact->attributes.value("title", expected.fact->text), *best, expected.article->path);
          f.evidence.push_back(evidence_of(*ref.article, *ref.fact));
          // The first max_listed_ articles of the expected office (by article id): one
          // finding per wrong article, so all of them would make the output quadratic in a
          // person's articles (docs/checks/title.md).
          std::size_t shown = 0;
          for (const auto& [oid, oref] : by_office.at(*best)) {
            if (oid == id) continue;
            if (shown++ == max_listed_) break;
            f.evidence.push_back(evidence_of(*oref.article, *oref.fact));
          }
          out.push_back(std::move(f));
        } else if (kb == "inconsistent") {
          Finding f = base(g, "not_held", sev_not_held_);
          f.message = fmt::format("{} calls {} \"{}\" ({}), an office the knowledge base says {} did not hold on {}.",
                                  ref.article->path, person(ref),
                                  ref.fact->attributes.value("title", ref.fact->text), office, person(ref),
                                  ref.article->date.empty() ? std::string("the article's date") : ref.article->date);
          f.evidence.push_back(evidence_of(*ref.article, *ref.fact));
          out.push_back(std::move(f));
        }
      }
    }
  }

 private:
  static std::string person(const FactRef& r) {
    const auto& a = r.fact->attributes;
    std::string p = a.value("display", "");
    if (p.empty()) p = a.value("person", "");
    return p.empty() ? std::string("the person") : p;
  }

  Finding base(const Group& g, const char* cls, Severity sev) const {
    Finding f = make_finding(kName, "title", cls, sev, g.key);
    return f;
  }

  Severity sev_conflict_, sev_not_held_;
  std::size_t min_majority_, max_listed_;
  std::set<std::string> generic_;
};

}  // namespace

std::unique_ptr<Check> make_title_check(const rules::RuleSet& rules) {
  return std::make_unique<TitleCheck>(rules);
}

}  // namespace tadqiq::compare
