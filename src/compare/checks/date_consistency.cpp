// The date_consistency check: an article's dates against themselves. See
// docs/checks/date_consistency.md.
//
// Reads one fact sheet (date and duration facts of the dates extractor) and flags:
//  * weekday_mismatch — a weekday written with a full date that does not fall on it;
//  * relative_mismatch — a relative day ("أمس الأول") whose date, counted from the article's
//    reference date, is not the weekday written with it;
//  * war_day_mismatch — "day N of the war" that does not match the war's start (from the text
//    or the rules' knowledge) and the day it refers to;
//  * hijri_mismatch — a Hijri date and the Gregorian date given as its equivalent ("الموافق")
//    that are more than a tolerance apart.
// Weekdays the extractor derived itself (a bare "يوم الجمعة") always agree and are never flagged.
#include <cstdlib>
#include <map>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "compare/check_config.h"
#include "compare/checks/checks.h"
#include "facts/iso_day.h"

namespace tadqiq::compare {
namespace {

constexpr const char* kName = "date_consistency";

struct Ymd {
  int y, m, d;
};

Ymd civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

const char* const kWeekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
const char* const kWeekdayTitles[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

int iso_weekday(long days) { return static_cast<int>((days % 7 + 7 + 3) % 7) + 1; }

int weekday_of(const std::string& name) {
  for (int i = 0; i < 7; ++i)
    if (name == kWeekdays[i]) return i + 1;
  return 0;
}

std::optional<long> parse_day(const FactJson& v) {
  if (!v.is_string()) return std::nullopt;
  return iso_day(v.get<std::string>());
}

// "Wednesday 7 February 2024"
std::string long_date(long days) {
  const Ymd d = civil_from_days(days);
  return fmt::format("{} {} {} {}", kWeekdayTitles[iso_weekday(days) - 1], d.d, kMonths[d.m - 1], d.y);
}
std::string short_date(long days) {
  const Ymd d = civil_from_days(days);
  return fmt::format("{} {} {}", d.d, kMonths[d.m - 1], d.y);
}

std::string relative_words(long off) {
  switch (off) {
    case 0: return "today";
    case -1: return "yesterday";
    case -2: return "the day before yesterday";
    case 1: return "tomorrow";
    case 2: return "the day after tomorrow";
    default: return fmt::format("{} days from the article date", off);
  }
}

class DateConsistencyCheck final : public SheetCheck {
 public:
  explicit DateConsistencyCheck(const rules::RuleSet& rs)
      : sev_weekday_(class_severity(rs, kName, "weekday_mismatch", Severity::error)),
        sev_relative_(class_severity(rs, kName, "relative_mismatch", Severity::warning)),
        sev_war_(class_severity(rs, kName, "war_day_mismatch", Severity::warning)),
        sev_hijri_(class_severity(rs, kName, "hijri_mismatch", Severity::warning)),
        war_tolerance_(static_cast<long>(check_number(rs, kName, "war_day_tolerance", 1))),
        hijri_tolerance_(static_cast<long>(check_number(rs, kName, "hijri_tolerance_days", 1))) {}

  std::string_view name() const override { return kName; }
  std::string_view kind() const override { return "date"; }

  void check(const FactSheet& sheet, std::vector<Finding>& out) const override {
    const ArticleMeta& art = sheet.article;
    const Fact* ref = nullptr;
    std::optional<long> ref_day;
    for (const auto& f : sheet.facts)
      if (f.type == "date" && f.attributes.value("role", "") == "reference") {
        ref = &f;
        ref_day = parse_day(f.value);
        break;
      }
    std::map<long long, std::vector<const Fact*>> pairs;
    for (const auto& f : sheet.facts) {
      if (f.type == "date" && f.attributes.value("role", "") != "reference") {
        weekday(art, f, ref, ref_day, out);
        if (f.attributes.contains("pair") && f.attributes["pair"].is_number_integer())
          pairs[f.attributes["pair"].get<long long>()].push_back(&f);
      } else if (f.type == "duration" && f.attributes.value("kind", "") == "day_of") {
        war_day(art, f, ref, out);
      }
    }
    for (const auto& [id, fs] : pairs) hijri(art, fs, out);
  }

 private:
  Finding base(const char* cls, Severity sev, const Fact& f) const {
    Finding x = make_finding(kName, "date", cls, sev, f.value.is_string() ? f.value.get<std::string>() : "");
    return x;
  }

  void weekday(const ArticleMeta& art, const Fact& f, const Fact* ref, std::optional<long> ref_day,
               std::vector<Finding>& out) const {
    const std::string wname = f.attributes.value("weekday", "");
    const int stated = weekday_of(wname);
    const auto day = parse_day(f.value);
    if (!stated || !day) return;
    const int actual = iso_weekday(*day);
    if (actual == stated) return;
    const std::string resolution = f.attributes.value("resolution", "");
    if (f.attributes.contains("offset_days") && f.attributes["offset_days"].is_number_integer()) {
      if (!ref_day) return;
      const long off = f.attributes["offset_days"].get<long>();
      Finding x = base("relative_mismatch", sev_relative_, f);
      x.message = fmt::format(
          "\"{}\" says {}, but {} counted from the article date ({}) is {}: either the weekday or the "
          "relative day is wrong (or the article date is not the day it was written).",
          f.text, kWeekdayTitles[stated - 1], relative_words(off), long_date(*ref_day), long_date(*day));
      x.evidence.push_back(evidence_of(art, f));
      if (ref && !ref->text.empty()) x.evidence.push_back(evidence_of(art, *ref));  // a dateline
      out.push_back(std::move(x));
      return;
    }
    if (resolution != "explicit" && resolution != "inferred") return;  // derived from the weekday
    Finding x = base("weekday_mismatch", sev_weekday_, f);
    x.message = fmt::format("\"{}\": {} was a {}, not a {}; the weekday or the date is wrong{}.", f.text,
                            short_date(*day), kWeekdayTitles[actual - 1], kWeekdayTitles[stated - 1],
                            resolution == "inferred"
                                ? fmt::format(" (the year is not written; it was taken as {})", civil_from_days(*day).y)
                                : "");
    x.evidence.push_back(evidence_of(art, f));
    out.push_back(std::move(x));
  }

  void war_day(const ArticleMeta& art, const Fact& f, const Fact* ref, std::vector<Finding>& out) const {
    const auto start = parse_day(f.attributes.value("event_start", FactJson()));
    const auto on = f.as_of ? parse_day(FactJson(*f.as_of)) : std::nullopt;
    if (!start || !on || !f.value.is_object() || !f.value.value("amount", FactJson()).is_number()) return;
    const long n = static_cast<long>(whole_number(f.value["amount"].get<double>(), "value.amount"));
    const long expected = *on - *start + 1;  // the start day is day 1
    if (std::labs(n - expected) <= war_tolerance_) return;
    Finding x = base("war_day_mismatch", sev_war_, f);
    x.key = f.attributes.value("event", "war");
    const std::string source = f.attributes.value("event_start_source", "");
    const std::string origin = source == "text" ? "as the article states"
                               : fmt::format("({} in tadqiq's rules)", f.attributes.value("event", "war"));
    const std::string src = f.attributes.value("as_of_source", "") == "sentence" ? "the date in the same sentence"
                                                                                   : "the article date";
    x.message = fmt::format(
        "\"{}\": the war began on {} {}; {} ({}) is day {} of it, not day {} ({} day{} apart).", f.text,
        short_date(*start), origin, src, short_date(*on), expected, n, std::labs(n - expected),
        std::labs(n - expected) == 1 ? "" : "s");
    x.evidence.push_back(evidence_of(art, f));
    if (ref && !ref->text.empty() && f.attributes.value("as_of_source", "") == "reference")
      x.evidence.push_back(evidence_of(art, *ref));  // a dateline
    out.push_back(std::move(x));
  }

  void hijri(const ArticleMeta& art, const std::vector<const Fact*>& fs, std::vector<Finding>& out) const {
    const Fact* h = nullptr;
    const Fact* g = nullptr;
    for (const Fact* f : fs) {
      const std::string cal = f->attributes.value("calendar", "gregorian");
      if (cal.rfind("islamic", 0) == 0) h = f;
      else g = f;
    }
    if (!h || !g) return;
    const auto hd = parse_day(h->value), gd = parse_day(g->value);
    if (!hd || !gd) return;
    const long diff = std::labs(*hd - *gd);
    if (diff <= hijri_tolerance_) return;
    Finding x = base("hijri_mismatch", sev_hijri_, *g);
    x.message = fmt::format(
        "\"{}\" is {} in the {} calendar, but the article gives \"{}\" ({}) as its equivalent: {} days apart.",
        h->text, long_date(*hd), h->attributes.value("calendar", "islamic"), g->text, long_date(*gd), diff);
    x.evidence = {evidence_of(art, *h), evidence_of(art, *g)};
    out.push_back(std::move(x));
  }

  Severity sev_weekday_, sev_relative_, sev_war_, sev_hijri_;
  long war_tolerance_, hijri_tolerance_;
};

}  // namespace

std::unique_ptr<SheetCheck> make_date_consistency_check(const rules::RuleSet& rules) {
  return std::make_unique<DateConsistencyCheck>(rules);
}

}  // namespace tadqiq::compare
