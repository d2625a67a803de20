// The quantity check: figures about the same thing (category, location, scope) across
// articles. See docs/checks/quantity.md.
//
//  * same as_of day, disjoint intervals, different articles → contradiction (cumulative
//    scope) or mismatch (incident/unspecified: may be different incidents);
//  * cumulative scope, a later day's figure entirely below an earlier day's → regression;
//  * cumulative scope, figures entirely rising over days → one update finding per key
//    listing the timeline (the older figures are stale, not wrong);
//  * a figure without as_of, disjoint from a dated one of another article → undated.
// Intervals come from the fact value and bound; "about" figures get a tolerance.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>

#include "compare/check_config.h"
#include "compare/checks/checks.h"
#include "compare/interval.h"

namespace tadqiq::compare {
namespace {

constexpr const char* kName = "quantity";

class QuantityCheck final : public Check {
 public:
  explicit QuantityCheck(const rules::RuleSet& rs)
      : tolerance_(check_number(rs, kName, "about_tolerance", 0.1)),
        sev_contradiction_(class_severity(rs, kName, "contradiction", Severity::error)),
        sev_regression_(class_severity(rs, kName, "regression", Severity::error)),
        sev_update_(class_severity(rs, kName, "update", Severity::info)),
        sev_undated_(class_severity(rs, kName, "undated", Severity::warning)),
        sev_mismatch_(class_severity(rs, kName, "mismatch", Severity::warning)) {
    const auto c = check_config(rs, kName);
    if (c && c["cumulative_scopes"])
      for (const auto& s : rules::strings_of(rs, "checks.yaml", c["cumulative_scopes"])) cumulative_.insert(s);
    else
      cumulative_.insert("cumulative");
  }

  std::string_view name() const override { return kName; }
  std::string_view kind() const override { return "quantity"; }
  std::string_view fact_type() const override { return "quantity"; }

  void check(const Group& g, std::vector<Finding>& out) const override {
    struct Item {
      FactRef ref;
      Interval iv;
    };
    std::map<std::string, std::vector<Item>> by_day;  // as_of → facts (ordered by date)
    std::vector<Item> undated;
    std::set<std::string> articles;
    for (const auto& r : g.facts) {
      Item it{r, interval_of(*r.fact, tolerance_)};
      if (!it.iv.valid) continue;
      articles.insert(r.article->id);
      if (r.fact->as_of) by_day[*r.fact->as_of].push_back(it);
      else undated.push_back(it);
    }
    if (articles.size() < 2) return;  // only across articles
    // A fixed order, whatever order the group came in (check, compare, shards, reducers): a
    // day's figures may come from articles published on other days (a date in the sentence).
    const auto by_article = [](const Item& a, const Item& b) {
      if (a.ref.article->id != b.ref.article->id) return a.ref.article->id < b.ref.article->id;
      return a.ref.fact->span.start < b.ref.fact->span.start;
    };
    for (auto& [day, items] : by_day) std::sort(items.begin(), items.end(), by_article);
    std::sort(undated.begin(), undated.end(), by_article);
    const std::string scope = g.facts.front().fact->attributes.value("scope", "");
    const bool cumulative = cumulative_.count(scope) > 0;

    // Same day: disjoint figures from different articles.
    struct Day {
      const std::string* date;
      const std::vector<Item>* items;
      Interval hull;  // the smallest interval holding every figure of the day
    };
    std::vector<Day> timeline;
    for (const auto& [day, items] : by_day) {
      std::vector<const Item*> conflicting;
      for (std::size_t i = 0; i < items.size(); ++i)
        for (std::size_t j = i + 1; j < items.size(); ++j)
          if (items[i].ref.article->id != items[j].ref.article->id && disjoint(items[i].iv, items[j].iv)) {
            if (std::find(conflicting.begin(), conflicting.end(), &items[i]) == conflicting.end())
              conflicting.push_back(&items[i]);
            if (std::find(conflicting.begin(), conflicting.end(), &items[j]) == conflicting.end())
              conflicting.push_back(&items[j]);
          }
      if (!conflicting.empty()) {
        // An incident or unscoped count may be about different incidents on the same day:
        // a mismatch to look at, not a proven contradiction.
        Finding f = cumulative ? base(g, "contradiction", sev_contradiction_)
                               : base(g, "mismatch", sev_mismatch_);
        std::vector<std::string> parts;
        for (const Item* it : conflicting) {
          parts.push_back(fmt::format("{} reports {}", it->ref.article->path, describe(*it->ref.fact)));
          f.evidence.push_back(evidence_of(*it->ref.article, *it->ref.fact));
        }
        f.message = cumulative
                        ? fmt::format("Conflicting figures for {} as of {}: {}.", label(g), day,
                                      fmt::join(parts, "; "))
                        : fmt::format("Different figures for {} on {}: {}; check whether they are "
                                      "about the same incident.",
                                      label(g), day, fmt::join(parts, "; "));
        out.push_back(std::move(f));
      }
      Interval hull = items.front().iv;
      for (const auto& it : items) hull = hull_of(hull, it.iv);
      timeline.push_back({&day, &items, hull});
    }

    if (cumulative && timeline.size() >= 2) {
      auto one_article = [](const Day& a, const Day& b) {
        const std::string& id = a.items->front().ref.article->id;
        auto same = [&](const Item& it) { return it.ref.article->id == id; };
        return std::all_of(a.items->begin(), a.items->end(), same) &&
               std::all_of(b.items->begin(), b.items->end(), same);
      };
      auto sources = [](const Day& d) {
        std::vector<std::string> parts;
        for (const auto& it : *d.items)
          parts.push_back(fmt::format("{} reports {}", it.ref.article->path, describe(*it.ref.fact)));
        return fmt::format("{} as of {}", fmt::join(parts, " and "), *d.date);
      };
      bool rising = false;
      for (std::size_t i = 0; i + 1 < timeline.size(); ++i) {
        const Day& a = timeline[i];
        const Day& b = timeline[i + 1];
        if (one_article(a, b)) continue;
        if (below(b.hull, a.hull)) {
          Finding f = base(g, "regression", sev_regression_);
          f.message = fmt::format("{} falls over time: {}, but {}; a cumulative total cannot decrease.",
                                  label(g), sources(a), sources(b));
          for (const Day* d : {&a, &b})
            for (const auto& it : *d->items) f.evidence.push_back(evidence_of(*it.ref.article, *it.ref.fact));
          out.push_back(std::move(f));
        } else if (below(a.hull, b.hull)) {
          rising = true;
        }
      }
      if (rising) {
        Finding f = base(g, "update", sev_update_);
        std::vector<std::string> parts;
        for (const Day& d : timeline) {
          parts.push_back(sources(d));
          for (const auto& it : *d.items) f.evidence.push_back(evidence_of(*it.ref.article, *it.ref.fact));
        }
        f.message = fmt::format(
            "{} is updated over time: {}. Different dates: an update, not a contradiction; "
            "figures before {} are stale.",
            label(g), fmt::join(parts, "; "), *timeline.back().date);
        out.push_back(std::move(f));
      }
    }

    // Undated figures that disagree with a dated one from another article.
    for (const auto& u : undated) {
      for (const auto& [day, items] : by_day) {
        auto other = std::find_if(items.begin(), items.end(), [&](const Item& it) {
          return it.ref.article->id != u.ref.article->id && disjoint(it.iv, u.iv);
        });
        if (other == items.end()) continue;
        Finding f = base(g, "undated", sev_undated_);
        f.message = fmt::format(
            "{}: {} reports {} with no date, {} reports {} as of {}; the date is missing, so "
            "tadqiq cannot tell an update from a contradiction.",
            label(g), u.ref.article->path, describe(*u.ref.fact), other->ref.article->path,
            describe(*other->ref.fact), day);
        f.evidence = {evidence_of(*u.ref.article, *u.ref.fact), evidence_of(*other->ref.article, *other->ref.fact)};
        out.push_back(std::move(f));
        break;
      }
    }
  }

 private:
  Finding base(const Group& g, const char* cls, Severity sev) const {
    Finding f = make_finding(kName, "quantity", cls, sev, g.key);
    return f;
  }

  static std::string label(const Group& g) {
    const auto& a = g.facts.front().fact->attributes;
    const std::string cat = a.value("category", "figure");
    const std::string loc = a.value("location", "unspecified");
    const std::string scope = a.value("scope", "unspecified");
    std::string out = "the " + cat + " count";
    if (loc != "unspecified") out += " in " + loc;
    if (scope != "unspecified") out += " (" + scope + ")";
    return out;
  }

  double tolerance_;
  Severity sev_contradiction_, sev_regression_, sev_update_, sev_undated_, sev_mismatch_;
  std::set<std::string> cumulative_;
};

}  // namespace

std::unique_ptr<Check> make_quantity_check(const rules::RuleSet& rules) {
  return std::make_unique<QuantityCheck>(rules);
}

}  // namespace tadqiq::compare
