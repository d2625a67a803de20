// The ordinal check: counted series ("his fifth visit to the region since the war began")
// across articles. See docs/checks/ordinal.md.
//
// A group holds the "ordinal" facts of one key (series/SUBJECT/SERIES/ANCHOR):
//  * the same as_of day, different ordinals from different articles → contradiction;
//  * a later day with a lower ordinal than an earlier day → regression (a count from a fixed
//    anchor cannot go down);
//  * ordinals rising over days → one progression finding listing the timeline (the earlier
//    ones are older, not wrong).
// The same ordinal everywhere, facts of one article only, and undated facts are not flagged.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "compare/check_config.h"
#include "compare/checks/checks.h"

namespace tadqiq::compare {
namespace {

constexpr const char* kName = "ordinal";

std::string ordinal_word(long long n) {
  static const char* words[] = {"zeroth", "first", "second", "third", "fourth", "fifth", "sixth",
                                "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
                                "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                                "eighteenth", "nineteenth", "twentieth"};
  if (n >= 0 && n <= 20) return words[n];
  const long long h = n % 100;
  const char* suffix = (h >= 11 && h <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
  return fmt::format("{}{}", n, suffix);
}

class OrdinalCheck final : public Check {
 public:
  explicit OrdinalCheck(const rules::RuleSet& rs)
      : sev_contradiction_(class_severity(rs, kName, "contradiction", Severity::error)),
        sev_regression_(class_severity(rs, kName, "regression", Severity::error)),
        sev_progression_(class_severity(rs, kName, "progression", Severity::info)) {}

  std::string_view name() const override { return kName; }
  std::string_view kind() const override { return "ordinal"; }
  std::string_view fact_type() const override { return "ordinal"; }

  void check(const Group& g, std::vector<Finding>& out) const override {
    struct Item {
      FactRef ref;
      long long n;
    };
    std::map<std::string, std::vector<Item>> by_day;  // as_of → facts, in date order
    std::set<std::string> articles;
    for (const auto& r : g.facts) {
      const auto& v = r.fact->value;
      if (!v.is_object() || !v.contains("min") || !v["min"].is_number() || !r.fact->as_of) continue;
      const double x = v["min"].get<double>();
      if (x < 1) continue;
      by_day[*r.fact->as_of].push_back({r, whole_number(x, "value.min")});
      articles.insert(r.article->id);
    }
    if (articles.size() < 2) return;  // only across articles
    // A fixed order, whatever order the group came in (check, compare, shards, reducers).
    for (auto& [day, items] : by_day)
      std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        if (a.ref.article->id != b.ref.article->id) return a.ref.article->id < b.ref.article->id;
        return a.ref.fact->span.start < b.ref.fact->span.start;
      });

    // One day: the ordinals stated, and by whom.
    struct Day {
      const std::string* date;
      const std::vector<Item>* items;
      long long lo, hi;
    };
    std::vector<Day> timeline;
    for (const auto& [day, items] : by_day) {
      long long lo = items.front().n, hi = items.front().n;
      for (const auto& it : items) {
        lo = std::min(lo, it.n);
        hi = std::max(hi, it.n);
      }
      // Different ordinals from different articles on one day.
      bool conflict = false;
      for (std::size_t i = 0; i < items.size() && !conflict; ++i)
        for (std::size_t j = i + 1; j < items.size() && !conflict; ++j)
          conflict = items[i].n != items[j].n && items[i].ref.article->id != items[j].ref.article->id;
      if (conflict) {
        Finding f = base(g, "contradiction", sev_contradiction_);
        f.message = fmt::format("Conflicting counts for {} as of {}: {}.", label(g), day, says(items));
        for (const auto& it : items) f.evidence.push_back(evidence_of(*it.ref.article, *it.ref.fact));
        out.push_back(std::move(f));
      }
      timeline.push_back({&day, &items, lo, hi});
    }
    if (timeline.size() < 2) return;

    auto one_article = [](const Day& a, const Day& b) {
      const std::string& id = a.items->front().ref.article->id;
      auto same = [&](const Item& it) { return it.ref.article->id == id; };
      return std::all_of(a.items->begin(), a.items->end(), same) && std::all_of(b.items->begin(), b.items->end(), same);
    };
    bool rising = false;
    for (std::size_t i = 0; i + 1 < timeline.size(); ++i) {
      const Day& a = timeline[i];
      const Day& b = timeline[i + 1];
      if (one_article(a, b)) continue;
      if (b.hi < a.lo) {
        Finding f = base(g, "regression", sev_regression_);
        f.message = fmt::format("{} goes down over time: {} as of {}, but {} as of {}; a count since a fixed "
                                "point cannot decrease.",
                                cap(label(g)), says(*a.items), *a.date, says(*b.items), *b.date);
        for (const Day* d : {&a, &b})
          for (const auto& it : *d->items) f.evidence.push_back(evidence_of(*it.ref.article, *it.ref.fact));
        out.push_back(std::move(f));
      } else if (a.hi < b.lo) {
        rising = true;
      }
    }
    if (rising) {
      Finding f = base(g, "progression", sev_progression_);
      std::vector<std::string> parts;
      for (const Day& d : timeline) {
        parts.push_back(fmt::format("{} as of {}", says(*d.items), *d.date));
        for (const auto& it : *d.items) f.evidence.push_back(evidence_of(*it.ref.article, *it.ref.fact));
      }
      f.message = fmt::format("{} advances over time: {}. Different dates: a later count, not a "
                              "contradiction; ordinals before {} are out of date.",
                              cap(label(g)), fmt::join(parts, "; "), *timeline.back().date);
      out.push_back(std::move(f));
    }
  }

 private:
  Finding base(const Group& g, const char* cls, Severity sev) const {
    Finding f = make_finding(kName, "ordinal", cls, sev, g.key);
    return f;
  }

  // "a.md and b.md say fifth; c.md says sixth", grouping articles by ordinal.
  template <class Items>
  static std::string says(const Items& items) {
    std::map<long long, std::vector<std::string>> by_n;
    for (const auto& it : items) {
      auto& v = by_n[it.n];
      if (std::find(v.begin(), v.end(), it.ref.article->path) == v.end()) v.push_back(it.ref.article->path);
    }
    std::vector<std::string> parts;
    for (const auto& [n, paths] : by_n)
      parts.push_back(fmt::format("{} {} {}", fmt::join(paths, " and "), paths.size() > 1 ? "say" : "says", ordinal_word(n)));
    return fmt::format("{}", fmt::join(parts, "; "));
  }

  static std::string cap(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
  }

  // "the visit@middle_east series of antony_blinken since war_start"
  static std::string label(const Group& g) {
    const auto& a = g.facts.front().fact->attributes;
    auto str = [&](const char* k) {
      auto it = a.find(k);
      return it != a.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::string out = "the " + (str("series").empty() ? std::string("counted") : str("series")) + " series";
    if (!str("subject").empty()) out += " of " + str("subject");
    if (!str("anchor").empty()) out += " since " + str("anchor");
    return out;
  }

  Severity sev_contradiction_, sev_regression_, sev_progression_;
};

}  // namespace

std::unique_ptr<Check> make_ordinal_check(const rules::RuleSet& rules) {
  return std::make_unique<OrdinalCheck>(rules);
}

}  // namespace tadqiq::compare
