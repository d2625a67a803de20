// Dates: calendar arithmetic, Hijri conversion, the dates extractor, the resolver API and the
// date_consistency check.
#include <doctest/doctest.h>

#include "builtin_rules.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "compare/checks/checks.h"
#include "compare/compare.h"
#include "extract/dates/calendar.h"
#include "extract/dates/resolve.h"
#include "extract/extractor.h"

using namespace tadqiq;
using namespace tadqiq::extract;
namespace fs = std::filesystem;

namespace {

using tadqiq::test::builtin;

const std::vector<std::unique_ptr<Extractor>>& extractors() {
  static const auto ex = make_extractors(builtin());
  return ex;
}

Article article(std::string text, std::string date = "") {
  Article a;
  a.id = a.path = "t.txt";
  a.format = "text";
  a.text = std::move(text);
  a.date = std::move(date);
  return a;
}

std::vector<Fact> of_type(const FactSheet& s, const std::string& type) {
  std::vector<Fact> out;
  for (const auto& f : s.facts)
    if (f.type == type) out.push_back(f);
  return out;
}

const Fact* with_text(const std::vector<Fact>& fs, const std::string& text) {
  for (const auto& f : fs)
    if (f.text == text) return &f;
  return nullptr;
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("tadqiq-dates-" + std::to_string(std::rand()) +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  void write(const std::string& name, const std::string& body) const { std::ofstream(path / name) << body; }
};

}  // namespace

TEST_CASE("civil day arithmetic round-trips and knows its weekdays") {
  using namespace dates;
  CHECK(days_from_civil(1970, 1, 1) == 0);
  for (long d = -800000; d < 800000; d += 997) {
    const Ymd y = civil_from_days(d);
    CHECK(days_from_civil(y.y, y.m, y.d) == d);
  }
  CHECK(iso_weekday(days_from_civil(2024, 2, 7)) == 3);   // a Wednesday
  CHECK(iso_weekday(days_from_civil(2023, 10, 7)) == 6);  // a Saturday
  CHECK(iso(days_from_civil(2024, 2, 29)) == "2024-02-29");
  CHECK_FALSE(valid_date(2023, 2, 29));
  CHECK(iso(add_months(days_from_civil(2024, 1, 31), 1)) == "2024-02-29");
  CHECK(iso(add_months(days_from_civil(2024, 3, 15), -3)) == "2023-12-15");
  CHECK(parse_iso("2024-02-07T10:00:00Z") == days_from_civil(2024, 2, 7));
  CHECK_FALSE(parse_iso("2024-02-30"));
  CHECK_FALSE(parse_iso("20240207"));
  CHECK(std::string(weekday_name(7)) == "sunday");
}

TEST_CASE("iso() writes what printf(\"%04d-%02d-%02d\") writes") {
  using namespace dates;
  for (long d = -800000; d < 3000000; d += 331) {
    const Ymd y = civil_from_days(d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y.y % 10000, y.m % 100, y.d % 100);
    CHECK(iso(d) == buf);
  }
  CHECK(iso(Ymd{12345, 7, 4}) == "2345-07-04");
}

TEST_CASE("Hijri dates convert through ICU's Umm al-Qura calendar") {
  dates::HijriCalendar h("islamic-umalqura");
  const auto d = h.to_days(1445, 9, 15);
  REQUIRE(d);
  CHECK(dates::iso(*d) == "2024-03-25");
  const auto back = h.from_days(*d);
  REQUIRE(back);
  CHECK(back->y == 1445);
  CHECK(back->m == 9);
  CHECK(back->d == 15);
  CHECK(dates::iso(*h.to_days(1445, 10, 1)) == "2024-04-10");  // Eid al-Fitr 1445
  CHECK(h.month_length(1445, 9) >= 29);
  CHECK_FALSE(h.to_days(1445, 13, 1));
  CHECK_THROWS(dates::HijriCalendar("gregorian"));
}

TEST_CASE("seed sentences: explicit, relative and weekday dates resolve against the article date") {
  const auto sheet = extract_sheet(
      article("قال بلينكن، مساء الأربعاء 7 فبراير/شباط 2024، إن جولته التي استهلها أمس الأول الاثنين "
              "مستمرة منذ 7 أكتوبر/تشرين الأول 2023.",
              "2024-02-07"),
      extractors());
  const auto ds = of_type(sheet, "date");
  REQUIRE(ds.size() == 4);
  CHECK(ds[0].attributes["role"] == "reference");
  CHECK(ds[0].value == "2024-02-07");
  const Fact* a = with_text(ds, "مساء الأربعاء 7 فبراير/شباط 2024");
  REQUIRE(a);
  CHECK(a->value == "2024-02-07");
  CHECK(a->attributes["weekday"] == "wednesday");
  CHECK(a->attributes["resolution"] == "explicit");
  const Fact* b = with_text(ds, "أمس الأول الاثنين");
  REQUIRE(b);
  CHECK(b->value == "2024-02-05");
  CHECK(b->attributes["offset_days"] == -2);
  const Fact* c = with_text(ds, "7 أكتوبر/تشرين الأول 2023");
  REQUIRE(c);
  CHECK(c->value == "2023-10-07");
  CHECK(c->attributes["relation"] == "since");
  // The day and year of a date are never counts.
  for (const auto& n : of_type(sheet, "number")) CHECK(n.attributes["role"] != "figure");
}

TEST_CASE("a date without a year is the most recent one, unless the clause is future") {
  const auto past = extract_sheet(article("عقدت محادثات في 1 أبريل.", "2024-04-18"), extractors());
  CHECK(of_type(past, "date").at(1).value == "2024-04-01");
  const auto dec = extract_sheet(article("احتفلوا في 25 ديسمبر.", "2024-04-18"), extractors());
  CHECK(of_type(dec, "date").at(1).value == "2023-12-25");
  const auto fut = extract_sheet(article("سيعقد الاجتماع في 20 مايو.", "2024-04-18"), extractors());
  CHECK(of_type(fut, "date").at(1).value == "2024-05-20");
  CHECK(of_type(fut, "date").at(1).attributes["future"] == true);
  // A stated weekday picks the year it falls on.
  const auto wd = extract_sheet(article("التقيا الجمعة 7 فبراير.", "2024-12-01"), extractors());
  CHECK(of_type(wd, "date").at(1).value == "2025-02-07");
}

TEST_CASE("bare weekdays: the most recent one, or the next one in a future clause") {
  const auto s = extract_sheet(article("قال يوم الجمعة إنه سيسافر الخميس، ثم يعود الأحد المقبل.", "2024-03-27"),
                               extractors());
  const auto ds = of_type(s, "date");
  REQUIRE(ds.size() == 4);
  CHECK(ds[1].value == "2024-03-22");
  CHECK(ds[2].value == "2024-03-28");
  CHECK(ds[3].value == "2024-03-31");
}

TEST_CASE("the reference date: front matter, else dateline, else the latest full date, else none") {
  const auto dl = extract_sheet(article("القاهرة - 7 فبراير 2024 (رويترز)\nوصل الوفد أمس."), extractors());
  auto ds = of_type(dl, "date");
  REQUIRE(ds.size() >= 2);
  CHECK(ds[0].attributes["source"] == "dateline");
  CHECK(ds[0].value == "2024-02-07");
  CHECK(with_text(ds, "أمس")->value == "2024-02-06");

  const auto none = extract_sheet(article("وصل الوفد أمس."), extractors());
  ds = of_type(none, "date");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].value.is_null());
  CHECK(ds[0].attributes["unresolved"] == true);
}

TEST_CASE("durations and day-of-war") {
  const auto s = extract_sheet(
      article("بعد خمسة أشهر ونصف الشهر من الحرب، ومنذ قرابة العام، دخلت الحرب على غزة اليوم الـ284 من الحرب.",
              "2024-07-16"),
      extractors());
  const auto ds = of_type(s, "duration");
  REQUIRE(ds.size() == 3);
  CHECK(ds[0].value["amount"] == 5.5);
  CHECK(ds[0].value["unit"] == "month");
  CHECK(ds[1].value["amount"] == 1);
  CHECK(ds[1].attributes["bound"] == "about");
  CHECK(ds[1].attributes["since"] == "2023-07-16");
  CHECK(ds[2].attributes["kind"] == "day_of");
  CHECK(ds[2].attributes["event_start"] == "2023-10-07");
  CHECK(ds[2].as_of == std::optional<std::string>("2024-07-16"));
}

TEST_CASE("as_of_for: the until-date of a figure's sentence") {
  const Article a = article(
      "ومنذ 7 أكتوبر، يشن الجيش حرباً خلفت حتى الأربعاء، 27 ألفاً و708 شهداء. وقال إن 12 شخصا قتلوا. "
      "ولم ترد السفارة حتى الآن على 3 طلبات.",
      "2024-02-09");
  Document doc(a);
  std::vector<Fact> facts;
  const auto& ex = extractors();
  for (const auto& e : ex) {
    if (e->name() == "quantities") break;
    e->extract(doc, facts);
  }
  const auto pos = [&](const char* needle) { return doc.text().find(normalize::fold(needle)); };
  CHECK(dates::as_of_for(doc, facts, pos("27")) == std::optional<std::string>("2024-02-07"));
  CHECK_FALSE(dates::as_of_for(doc, facts, pos("12")));
  CHECK(dates::as_of_for(doc, facts, pos("3 طلبات")) == std::optional<std::string>("2024-02-09"));
  dates::AsOfIndex idx(doc, facts);
  CHECK(idx.as_of_for(pos("27")) == std::optional<std::string>("2024-02-07"));
  CHECK_FALSE(idx.as_of_for(pos("12")));
  REQUIRE(idx.find(pos("27")));
  CHECK_FALSE(idx.find(pos("27"))->now);
  REQUIRE(idx.find(pos("3 طلبات")));
  CHECK(idx.find(pos("3 طلبات"))->now);
  CHECK(idx.find(pos("3 طلبات"))->date == "2024-02-09");
  CHECK(dates::reference_date(facts) == std::optional<std::string>("2024-02-09"));
}

TEST_CASE("as_of_for: an until-date after the reference date is a plan, not an as-of") {
  // Friday 2024-02-09: "حتى الأحد المقبل" is 2024-02-11.
  const Article a = article("وأصيب 30 شخصا، وتستمر المفاوضات حتى الأحد المقبل.", "2024-02-09");
  Document doc(a);
  std::vector<Fact> facts;
  for (const auto& e : extractors()) {
    if (e->name() == "quantities") break;
    e->extract(doc, facts);
  }
  const std::size_t at = doc.text().find("30");
  CHECK_FALSE(dates::as_of_for(doc, facts, at));
  CHECK_FALSE(dates::AsOfIndex(doc, facts).find(at));
}

TEST_CASE("date_consistency flags wrong weekdays, relative days, war days and Hijri pairs") {
  auto findings = [](const Article& a) {
    std::vector<FactSheet> sheets{extract_sheet(a, extractors())};
    static const auto checks = compare::make_checks(builtin());
    std::vector<Finding> out;
    for (auto& f : compare::compare(sheets, checks))
      if (f.kind == "date") out.push_back(f);
    return out;
  };
  auto wrong = findings(article("قال مساء الخميس 7 فبراير 2024 إنه وصل أمس الأول الاثنين.", "2024-02-08"));
  REQUIRE(wrong.size() == 2);
  int weekday = 0, relative = 0;
  for (const auto& f : wrong) {
    weekday += f.cls == "weekday_mismatch";
    relative += f.cls == "relative_mismatch";
  }
  CHECK(weekday == 1);
  CHECK(relative == 1);
  CHECK(findings(article("قال مساء الأربعاء 7 فبراير 2024 إنه وصل أمس الأول الاثنين.", "2024-02-07")).empty());

  auto war = findings(article("دخلت الحرب على غزة اليوم الـ290 من الحرب.", "2024-07-16"));
  REQUIRE(war.size() == 1);
  CHECK(war[0].cls == "war_day_mismatch");
  CHECK(findings(article("دخلت الحرب على غزة اليوم الـ285 من الحرب.", "2024-07-16")).empty());

  auto hijri = findings(article("في 15 رمضان 1445هـ الموافق 28 مارس 2024م.", "2024-03-30"));
  REQUIRE(hijri.size() == 1);
  CHECK(hijri[0].cls == "hijri_mismatch");
  CHECK(findings(article("في 15 رمضان 1445هـ الموافق 25 مارس 2024م.", "2024-03-30")).empty());
}

TEST_CASE("dates rules: a bad week start or Islamic calendar is a located rule error") {
  TempDir d;
  d.write("dates.yaml", "week_start: someday\n");
  std::vector<rules::RuleError> errors;
  auto rs = rules::RuleSet::load({*rules::builtin_rules_dir("tadqiq"), d.path}, errors);
  REQUIRE(errors.empty());
  CHECK_THROWS_AS(make_extractors(rs), rules::RuleShapeError);

  TempDir e;
  e.write("dates.yaml", "hijri_calendar: klingon\n");
  auto rs2 = rules::RuleSet::load({*rules::builtin_rules_dir("tadqiq"), e.path}, errors);
  REQUIRE(errors.empty());
  CHECK_THROWS_AS(make_extractors(rs2), rules::RuleShapeError);

  TempDir f;
  f.write("dates.yaml", "week_start: saturday\nhijri_calendar: islamic-civil\n");
  auto rs3 = rules::RuleSet::load({*rules::builtin_rules_dir("tadqiq"), f.path}, errors);
  const auto ex = make_extractors(rs3);
  const auto s = extract_sheet(article("تراجعت الأسعار هذا الأسبوع.", "2024-02-07"), ex);
  CHECK(of_type(s, "date").at(1).value["start"] == "2024-02-03");  // a Saturday
}
