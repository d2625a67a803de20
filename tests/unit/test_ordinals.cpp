// Ordinals: ordinal words and relative ordinals as "number" facts, counted series as
// "ordinal" facts, and the ordinal check.
#include <doctest/doctest.h>

#include "builtin_rules.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "compare/compare.h"
#include "extract/extractor.h"
#include "ingest/ingest.h"

using namespace tadqiq;
using namespace tadqiq::extract;
using nlohmann::json;

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

std::vector<Fact> facts_of(const Article& a, const std::string& type,
                           const std::vector<std::unique_ptr<Extractor>>& ex = extractors()) {
  auto sheet = extract_sheet(a, ex);
  std::vector<Fact> out;
  for (auto& f : sheet.facts)
    if (f.type == type) out.push_back(f);
  return out;
}

// Ordinal number facts of a text: text → value (or "end+0"-style for relative ones).
std::map<std::string, std::string> ordinals(const std::string& text) {
  std::map<std::string, std::string> out;
  for (const auto& f : facts_of(article(text), "number")) {
    if (f.attributes.value("kind", "") != "ordinal") continue;
    if (f.attributes.contains("relative")) {
      const auto& r = f.attributes["relative"];
      const int off = r["offset"].get<int>();
      out[f.text] = r["to"].get<std::string>() + (off >= 0 ? "+" : "") + std::to_string(off);
    } else {
      out[f.text] = std::to_string(f.value["min"].get<long long>());
    }
  }
  return out;
}

}  // namespace

TEST_CASE("ordinals: words of every shape, with their values") {
  CHECK(ordinals("السؤال الثاني صعب") == std::map<std::string, std::string>{{"الثاني", "2"}});
  CHECK(ordinals("الدرجة الأولى") == std::map<std::string, std::string>{{"الأولى", "1"}});
  CHECK(ordinals("أول مرة") == std::map<std::string, std::string>{{"أول", "1"}});
  CHECK(ordinals("في الصف الحادي عشر") == std::map<std::string, std::string>{{"الحادي عشر", "11"}});
  CHECK(ordinals("الدورة الحادية عشرة") == std::map<std::string, std::string>{{"الحادية عشرة", "11"}});
  CHECK(ordinals("الطابق التاسع عشر") == std::map<std::string, std::string>{{"التاسع عشر", "19"}});
  CHECK(ordinals("البيت العشرون") == std::map<std::string, std::string>{{"العشرون", "20"}});
  CHECK(ordinals("القرن الحادي والعشرين") == std::map<std::string, std::string>{{"الحادي والعشرين", "21"}});
  CHECK(ordinals("الاجتماع الخامس والثلاثين") == std::map<std::string, std::string>{{"الخامس والثلاثين", "35"}});
  CHECK(ordinals("الاثنان و عشرون") == std::map<std::string, std::string>{{"الاثنان و عشرون", "22"}});
  CHECK(ordinals("الكتاب المئة والخامسة والعشرون") ==
        std::map<std::string, std::string>{{"المئة والخامسة والعشرون", "125"}});
  CHECK(ordinals("المائتان") == std::map<std::string, std::string>{{"المائتان", "200"}});
  CHECK(ordinals("الكتاب التريليون") == std::map<std::string, std::string>{{"التريليون", "1000000000000"}});
  CHECK(ordinals("الصفحة الواحد والعشرون تريليون وثلاث مائة واثنين وعشرون") ==
        std::map<std::string, std::string>{{"الواحد والعشرون تريليون وثلاث مائة واثنين وعشرون", "21000000000322"}});
  // "الأول والثاني": two ordinals, not one compound.
  CHECK(ordinals("الفصل الأول والثاني") == std::map<std::string, std::string>{{"الأول", "1"}, {"الثاني", "2"}});
}

TEST_CASE("ordinals: relative ordinals resolve like Recognizers-Text") {
  CHECK(ordinals("أريد الكتاب الأخير") == std::map<std::string, std::string>{{"الأخير", "end+0"}});
  CHECK(ordinals("أريني الذي قبل الاخير") == std::map<std::string, std::string>{{"قبل الاخير", "end-1"}});
  CHECK(ordinals("أريني الثانية الى الاخير") == std::map<std::string, std::string>{{"الثانية الى الاخير", "end-1"}});
  CHECK(ordinals("انتقل الى الصفحة السابقة") == std::map<std::string, std::string>{{"السابقة", "current-1"}});
  CHECK(ordinals("الصفحة التالية") == std::map<std::string, std::string>{{"التالية", "current+1"}});
  CHECK(ordinals("الصفحة الحالية") == std::map<std::string, std::string>{{"الحالية", "current+0"}});
  CHECK(ordinals("احذف اخر جملة") == std::map<std::string, std::string>{{"اخر", "end+0"}});
  // "another" and "the other" are not "last".
  CHECK(ordinals("وصل شخص آخر إلى المكان") .empty());
  CHECK(ordinals("بحث عن مكان آخر.").empty());
  CHECK(ordinals("قال الطرف الآخر").empty());
}

TEST_CASE("ordinals: look-alikes that are not ordinals") {
  CHECK(ordinals("وصل أول أمس").empty());
  CHECK(ordinals("التقيا أمس الأول الاثنين").empty());
  CHECK(ordinals("في 7 كانون الثاني 2024 و3 تشرين الأول 2023").empty());
  CHECK(ordinals("استغرقت 30 ثانية فقط").empty());
  CHECK(ordinals("بعد ثانية واحدة").empty());
  CHECK(ordinals("وجاء للمرة الثانية بعد مرة ثانية") ==
        std::map<std::string, std::string>{{"الثانية", "2"}, {"ثانية", "2"}});
  CHECK(ordinals("ارتفعت بنسبة 15 في المئة").empty());
  CHECK(ordinals("بلغ عددهم نصف المليون").empty());
  CHECK(ordinals("يوم الاثنين").empty());
  CHECK(ordinals("غاز ثاني أكسيد الكربون").empty());
}

TEST_CASE("ordinals: a date's day is role day, and a digit ordinal becomes kind ordinal") {
  auto nums = facts_of(article("منذ السابع من أكتوبر، وفي اليوم الـ284 من الحرب"), "number");
  std::map<std::string, json> by_text;
  for (const auto& f : nums) by_text[f.text] = f.attributes;
  REQUIRE(by_text.count("السابع"));
  CHECK(by_text["السابع"]["role"] == "day");
  CHECK(by_text["السابع"]["kind"] == "ordinal");
  REQUIRE(by_text.count("284"));
  CHECK(by_text["284"]["role"] == "ordinal");
  CHECK(by_text["284"]["kind"] == "ordinal");
  CHECK(by_text["284"]["form"] == "digits");
}

TEST_CASE("ordinals: the numbers extractor's figures inside an ordinal give way to it") {
  // Whatever the numbers extractor reads inside "الحادي عشر", one fact remains for the span.
  const auto nums = facts_of(article("في الصف الحادي عشر والطابق الخامس والعشرين"), "number");
  std::multiset<std::string> texts;
  for (const auto& f : nums) texts.insert(f.text);
  CHECK(texts == std::multiset<std::string>{"الحادي عشر", "الخامس والعشرين"});
}

TEST_CASE("series: the seed articles' regional visits share one key, stops and talks do not") {
  ingest::Options opts;
  auto res = ingest::load({std::string(TADQIQ_SOURCE_DIR) + "/fixtures/seeds"}, opts);
  REQUIRE(res.articles.size() == 5);
  std::map<std::string, std::vector<Fact>> by_series;
  std::vector<std::pair<std::string, Fact>> visits;  // article file, fact
  for (const auto& a : res.articles)
    for (const auto& f : facts_of(a, "ordinal")) {
      by_series[f.attributes["series"].get<std::string>()].push_back(f);
      if (f.attributes["series"] == "visit@middle_east")
        visits.emplace_back(std::filesystem::path(a.path).filename().string().substr(0, 3), f);
    }
  REQUIRE(visits.size() == 4);
  std::set<std::string> keys, files;
  std::multiset<long long> values;
  for (const auto& [file, f] : visits) {
    keys.insert(f.key);
    files.insert(file);
    values.insert(f.value["min"].get<long long>());
    CHECK(f.attributes["subject"] == "antony_blinken");
    CHECK(f.attributes["anchor"] == "war_start");
  }
  CHECK(keys == std::set<std::string>{"series/antony_blinken/visit@middle_east/war_start"});
  CHECK(files == std::set<std::string>{"000", "002", "004"});
  CHECK(values == std::multiset<long long>{5, 5, 5, 9});
  REQUIRE(by_series.count("tour_stop"));
  REQUIRE(by_series.count("talks_round"));
  CHECK(by_series["tour_stop"][0].key.empty());  // whose stop: the text does not say
  CHECK(by_series["talks_round"][0].value["min"] == 1);
  CHECK(by_series["talks_round"][0].key != *keys.begin());
}

TEST_CASE("series: subject from a name, a pronoun in the sentence, or the previous sentence") {
  const auto a = article(
      "وتعد جولة بلينكن هي الخامسة للشرق الأوسط منذ الحرب.\n"
      "وقال أوستن في مؤتمر صحفي على هامش جولته الثالثة في المنطقة منذ بدء الحرب إن الدعم مستمر.\n"
      "التقى وزير الخارجية الأمريكي الرئيس المصري. وتأتي زيارته الثانية لمصر منذ بدء الحرب.\n"
      "وانطلقت الجولة الرابعة في المنطقة منذ بدء الحرب.\n",
      "2024-02-07");
  const auto s = facts_of(a, "ordinal");
  REQUIRE(s.size() == 4);
  CHECK(s[0].attributes["subject"] == "antony_blinken");
  CHECK(s[0].attributes["subject_source"] == "name");
  CHECK(s[0].as_of == "2024-02-07");
  CHECK(s[1].attributes["subject"] == "lloyd_austin");
  CHECK(s[1].attributes["subject_source"] == "sentence");
  // The title names its holder on the article's date.
  CHECK(s[2].attributes["subject"] == "antony_blinken");
  CHECK(s[2].attributes["subject_source"] == "previous_sentence");
  CHECK(s[2].attributes["destination"] == "egypt");
  CHECK(s[2].key == "series/antony_blinken/visit@egypt/war_start");
  // No possessor: honest null, and no key (never compared).
  CHECK(s[3].attributes["subject"].is_null());
  CHECK(s[3].key.empty());
}

TEST_CASE("series: a user rules layer adds a series noun") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "tadqiq-test-ordinals-layer";
  fs::create_directories(dir);
  {
    std::ofstream o(dir / "ordinals.yaml");
    o << "series:\n  visit:\n    possessive: [رحلته]\n";
  }
  std::vector<rules::RuleError> errors;
  auto rs = rules::RuleSet::load({*rules::builtin_rules_dir("tadqiq"), dir}, errors);
  REQUIRE(errors.empty());
  const auto ex = make_extractors(rs);
  const auto s = facts_of(article("وقال بلينكن خلال رحلته السابعة إلى المنطقة منذ بدء الحرب إن الهدنة ممكنة.", "2024-06-10"),
                          "ordinal", ex);
  REQUIRE(s.size() == 1);
  CHECK(s[0].key == "series/antony_blinken/visit@middle_east/war_start");
  CHECK(s[0].value["min"] == 7);
  fs::remove_all(dir);
}

TEST_CASE("ordinals: a bad rules shape is a located error") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "tadqiq-test-ordinals-bad";
  fs::create_directories(dir);
  {
    std::ofstream o(dir / "ordinals.yaml");
    o << "relative:\n  - {to: sideways, offset: 1, forms: [x]}\n";
  }
  std::vector<rules::RuleError> errors;
  auto rs = rules::RuleSet::load({*rules::builtin_rules_dir("tadqiq"), dir}, errors);
  REQUIRE(errors.empty());
  CHECK_THROWS_AS(make_extractors(rs), rules::RuleShapeError);
  fs::remove_all(dir);
}

TEST_CASE("ordinals: long and adversarial inputs stay linear") {
  std::string text;
  // Short lines: every fact carries its whole sentence and a column counted from its line's
  // start, so one endless line would be quadratic whatever the extractor does.
  for (int i = 0; i < 4000; ++i) text += "وتعد جولته الخامسة و و الحادي عشر هي الأخيرة آخر جملة.\n";
  const auto t0 = std::chrono::steady_clock::now();
  const auto sheet = extract_sheet(article(text, "2024-01-01"), extractors());
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(secs < 5.0);
  std::size_t n = 0;
  for (const auto& f : sheet.facts) n += f.type == "number" && f.attributes.value("kind", "") == "ordinal";
  CHECK(n >= 4000 * 3);
}

// ---- The check ------------------------------------------------------------------------------

namespace {

Fact series_fact(long long n, std::string as_of, std::string key = "series/antony_blinken/visit@middle_east/war_start") {
  Fact f;
  f.id = "ordinal-1";
  f.type = "ordinal";
  f.key = std::move(key);
  f.value = {{"min", n}, {"max", n}};
  f.as_of = std::move(as_of);
  f.text = std::to_string(n);
  f.attributes = {{"series", "visit@middle_east"}, {"subject", "antony_blinken"}, {"anchor", "war_start"}, {"ordinal", n}};
  return f;
}

FactSheet sheet(std::string id, std::vector<Fact> facts) {
  FactSheet s;
  s.article.id = id;
  s.article.path = id + ".md";
  s.facts = std::move(facts);
  return s;
}

std::vector<Finding> ordinal_findings(const std::vector<FactSheet>& sheets) {
  static const auto checks = compare::make_checks(builtin());
  std::vector<Finding> out;
  for (auto& f : compare::compare(sheets, checks))
    if (f.kind == "ordinal") out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("ordinal check: progression lists the timeline, as info") {
  const auto out = ordinal_findings({sheet("000", {series_fact(5, "2024-02-07")}),
                                     sheet("004", {series_fact(5, "2024-02-07"), series_fact(5, "2024-02-07")}),
                                     sheet("002", {series_fact(9, "2024-08-19")})});
  REQUIRE(out.size() == 1);
  CHECK(out[0].cls == "progression");
  CHECK(out[0].severity == Severity::info);
  CHECK(out[0].message.find("000.md and 004.md say fifth as of 2024-02-07; 002.md says ninth as of 2024-08-19") !=
        std::string::npos);
  CHECK(out[0].evidence.size() == 4);
}

TEST_CASE("ordinal check: same day, different ordinals is a contradiction") {
  const auto out = ordinal_findings({sheet("a", {series_fact(5, "2024-02-07")}), sheet("b", {series_fact(6, "2024-02-07")})});
  REQUIRE(out.size() == 1);
  CHECK(out[0].cls == "contradiction");
  CHECK(out[0].severity == Severity::error);
}

TEST_CASE("ordinal check: a lower ordinal later is a regression") {
  const auto out = ordinal_findings({sheet("a", {series_fact(6, "2024-03-20")}), sheet("b", {series_fact(4, "2024-04-30")})});
  REQUIRE(out.size() == 1);
  CHECK(out[0].cls == "regression");
  CHECK(out[0].severity == Severity::error);
}

TEST_CASE("ordinal check: same value, one article, other keys and undated facts are not flagged") {
  CHECK(ordinal_findings({sheet("a", {series_fact(5, "2024-02-07")}), sheet("b", {series_fact(5, "2024-02-09")})}).empty());
  CHECK(ordinal_findings({sheet("a", {series_fact(5, "2024-02-07"), series_fact(6, "2024-02-07"),
                                      series_fact(9, "2024-08-19")})})
            .empty());
  CHECK(ordinal_findings({sheet("a", {series_fact(5, "2024-02-07")}),
                          sheet("b", {series_fact(6, "2024-02-07", "series/lloyd_austin/visit@middle_east/war_start")})})
            .empty());
  Fact undated = series_fact(7, "");
  undated.as_of.reset();
  CHECK(ordinal_findings({sheet("a", {series_fact(5, "2024-02-07")}), sheet("b", {undated})}).empty());
}
