// The date check: one event dated differently across articles. See docs/checks/date.md.
//
// A group holds the "event" facts of one key (event/CLASS/PARTICIPANTS[@PLACE]): the same
// kind of event between the same people (at the same place when one is stated), from the
// events extractor. Their days (value.date, also as_of) are compared:
//  * days at most `window_days` apart are taken to be one event; two such days more than
//    `tolerance_days` apart, each from a different article, are a contradiction (error);
//  * days further apart are separate events (the same people meet again), never flagged;
//  * conservatively nothing is flagged when one article itself gives two of the days (it
//    reports two occasions), for planned events (a plan may change), for undated events, and
//    for classes not listed in `classes` (visits, talks and summits last several days).
// The days are clustered from the earliest: a cluster holds the days at most `window_days`
// after its first. Deterministic whatever the order of the group (check, shards, reducers).
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "compare/check_config.h"
#include "compare/checks/checks.h"
#include "facts/iso_day.h"

namespace tadqiq::compare {
namespace {

constexpr const char* kName = "date";

class DateCheck final : public Check {
 public:
  explicit DateCheck(const rules::RuleSet& rs)
      : sev_contradiction_(class_severity(rs, kName, "contradiction", Severity::error)),
        window_(static_cast<long>(check_number(rs, kName, "window_days", 3))),
        tolerance_(static_cast<long>(check_number(rs, kName, "tolerance_days", 0))) {
    const auto c = check_config(rs, kName);
    if (c && c["classes"]) {
      for (const auto& s : rules::strings_of(rs, "checks.yaml", c["classes"])) classes_.insert(s);
    } else {
      classes_ = {"meeting", "call", "arrival"};
    }
    if (window_ < 0 || tolerance_ < 0)
      throw rules::RuleShapeError(rs.error_at("checks.yaml", c, "window_days and tolerance_days must not be negative"));
  }

  std::string_view name() const override { return kName; }
  std::string_view kind() const override { return "date"; }
  std::string_view fact_type() const override { return "event"; }

  void check(const Group& g, std::vector<Finding>& out) const override {
    struct Item {
      long day;
      FactRef ref;
    };
    std::vector<Item> items;
    for (const auto& r : g.facts) {
      const Fact& f = *r.fact;
      if (!f.as_of || f.attributes.value("planned", false)) continue;
      const auto cls = f.value.is_object() ? f.value.value("class", "") : std::string();
      if (!classes_.count(cls)) continue;
      const auto day = iso_day(*f.as_of);
      if (!day) continue;
      items.push_back({*day, r});
    }
    if (items.size() < 2) return;
    // A fixed order, whatever order the group came in.
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      if (a.day != b.day) return a.day < b.day;
      if (a.ref.article->id != b.ref.article->id) return a.ref.article->id < b.ref.article->id;
      return a.ref.fact->span.start < b.ref.fact->span.start;
    });
    std::size_t i = 0;
    while (i < items.size()) {
      std::size_t j = i;
      while (j < items.size() && items[j].day - items[i].day <= window_) ++j;
      check_cluster(g, items.data() + i, items.data() + j, out);
      i = j;
    }
  }

 private:
  template <class Item>
  void check_cluster(const Group& g, const Item* b, const Item* e, std::vector<Finding>& out) const {
    if (e - b < 2 || (e - 1)->day - b->day <= tolerance_) return;
    // Days per article: an article giving two days of the cluster reports two occasions.
    std::map<std::string, std::set<long>> days_of;
    for (const Item* it = b; it != e; ++it) days_of[it->ref.article->id].insert(it->day);
    if (days_of.size() < 2) return;
    for (const auto& [id, days] : days_of)
      if (days.size() > 1) return;
    // One evidence per (day, article): its first mention.
    std::map<long, std::vector<const Item*>> by_day;
    std::set<std::pair<long, std::string>> taken;
    for (const Item* it = b; it != e; ++it)
      if (taken.insert({it->day, it->ref.article->id}).second) by_day[it->day].push_back(it);
    Finding f = make_finding(kName, "date", "contradiction", sev_contradiction_, g.key);
    std::vector<std::string> parts;
    for (const auto& [day, its] : by_day) {
      std::vector<std::string> paths;
      for (const Item* it : its) {
        paths.push_back(it->ref.article->path);
        f.evidence.push_back(evidence_of(*it->ref.article, *it->ref.fact));
      }
      parts.push_back(fmt::format("{} {} it {}", fmt::join(paths, " and "), paths.size() > 1 ? "date" : "dates",
                                  *its.front()->ref.fact->as_of));
    }
    f.message = fmt::format(
        "{} is dated differently: {}. Dates at most {} days apart are taken to be the same event; one of "
        "them is wrong.",
        label(*b->ref.fact), fmt::join(parts, "; "), window_);
    out.push_back(std::move(f));
  }

  // "The meeting of antony_blinken and benjamin_netanyahu in jerusalem"
  static std::string label(const Fact& f) {
    std::string cls = f.value.value("class", "event");
    std::vector<std::string> ids;
    if (auto it = f.value.find("participants"); it != f.value.end() && it->is_array())
      for (const auto& p : *it)
        if (p.is_string()) ids.push_back(p.get<std::string>());
    std::string who;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (i) who += i + 1 == ids.size() ? " and " : ", ";
      who += ids[i];
    }
    std::string out = fmt::format("The {} of {}", cls, who);
    if (auto it = f.value.find("place"); it != f.value.end() && it->is_string()) out += " in " + it->get<std::string>();
    return out;
  }

  Severity sev_contradiction_;
  long window_, tolerance_;
  std::set<std::string> classes_;
};

}  // namespace

std::unique_ptr<Check> make_date_check(const rules::RuleSet& rules) {
  return std::make_unique<DateCheck>(rules);
}

}  // namespace tadqiq::compare
