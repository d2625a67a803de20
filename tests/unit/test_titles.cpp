// Titles: appositions before and after a name, chains, modifiers, synonyms, office holders.
#include <doctest/doctest.h>

#include "builtin_rules.h"

#include "extract/extractor.h"
#include "extract/people/people.h"

using namespace tadqiq;
using namespace tadqiq::extract;

namespace {

using tadqiq::test::builtin;

std::vector<Fact> titles_of(const std::string& text, const std::string& date = "2024-02-07") {
  static const auto ex = make_extractors(builtin());
  Article a;
  a.id = a.path = "t.txt";
  a.format = "text";
  a.text = text;
  a.date = date;
  auto sheet = extract_sheet(a, ex);
  std::vector<Fact> out;
  for (auto& f : sheet.facts)
    if (f.type == "title") out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("a title before a name: office, country, person") {
  const auto t = titles_of("وصل وزير الخارجية الأمريكي أنتوني بلينكن إلى إسرائيل.");
  REQUIRE(t.size() == 1);
  CHECK(t[0].key == "title/antony_blinken");
  CHECK(t[0].value["office"] == "foreign_minister");
  CHECK(t[0].value["country"] == "us");
  CHECK(t[0].value["modifiers"].empty());
  CHECK(t[0].attributes["kb"] == "consistent");
  CHECK(t[0].text == "وزير الخارجية الأمريكي أنتوني بلينكن");
}

TEST_CASE("deputy is a modifier that changes the office") {
  const auto t = titles_of("وقال البيت الأبيض إن نائب رئيس الوزراء الإسرائيلي بنيامين نتنياهو وافق.", "2024-04-18");
  REQUIRE(t.size() == 1);
  CHECK(t[0].value["office"] == "prime_minister");
  CHECK(t[0].value["modifiers"] == nlohmann::json::array({"deputy"}));
  CHECK(t[0].value["canonical"] == "deputy_prime_minister");
  CHECK(t[0].value["country"] == "israel");
  CHECK(t[0].attributes["person_id"] == "benjamin_netanyahu");
  CHECK(t[0].attributes["kb"] == "inconsistent");
}

TEST_CASE("synonyms fold to one office") {
  for (const char* text : {"التقى رئيس الحكومة الإسرائيلية بنيامين نتنياهو الوفد.",
                           "التقى رئيس الوزراء بنيامين نتنياهو الوفد.",
                           "التقى رئيس وزراء إسرائيل بنيامين نتنياهو الوفد."}) {
    const auto t = titles_of(text);
    REQUIRE(t.size() == 1);
    CHECK(t[0].value["office"] == "prime_minister");
    CHECK(t[0].value["country"] == "israel");
  }
  const auto a = titles_of("حضر رئيس أركان جيش الاحتلال هرتسي هاليفي.");
  const auto b = titles_of("حضر رئيس أركان الجيش الإسرائيلي هرتسي هاليفي.");
  REQUIRE(a.size() == 1);
  REQUIRE(b.size() == 1);
  CHECK(a[0].value == b[0].value);
}

TEST_CASE("a chain of titles and an honorific before one name") {
  const auto t = titles_of("وكان ولي العهد رئيس مجلس الوزراء السعودي الأمير محمد بن سلمان عقد اجتماعا.");
  REQUIRE(t.size() == 2);
  CHECK(t[0].value["office"] == "crown_prince");
  CHECK(t[1].value["office"] == "prime_minister");
  CHECK(t[0].value["country"] == "saudi_arabia");
  CHECK(t[0].key == "title/mohammed_bin_salman");
}

TEST_CASE("a title after a name: after a comma, or directly for a known office") {
  auto t = titles_of("وقال نتنياهو، رئيس الوزراء، إن الحرب مستمرة.");
  REQUIRE(t.size() == 1);
  CHECK(t[0].attributes["position"] == "after_name");
  t = titles_of("بعد اغتيال إسماعيل هنية رئيس المكتب السياسي لـ\"حماس\" بطهران.", "2024-08-19");
  REQUIRE(t.size() == 1);
  CHECK(t[0].key == "title/ismail_haniyeh");
  CHECK(t[0].value["country"] == "hamas");
  // No comma and not an office the person held: an object, not an apposition.
  t = titles_of("والتقى بلينكن رئيس الوزراء في القدس.");
  CHECK(t.empty());
}

TEST_CASE("titles without a person, or with a preposition on the name, are not facts") {
  CHECK(titles_of("وشدد وزير الخارجية الأميركي على ضرورة التهدئة.").empty());
  CHECK(titles_of("وقال كبير الدبلوماسيين الأمريكيين لنتنياهو إن العملية خطأ.").empty());
}

TEST_CASE("office holders come from the knowledge base by date") {
  const people::Knowledge kb(builtin());
  const int fm = kb.office_index("foreign_minister"), us = kb.country_index("us");
  REQUIRE(fm >= 0);
  REQUIRE(us >= 0);
  int e = kb.holder(fm, us, "2024-08-19");
  REQUIRE(e >= 0);
  CHECK(kb.entities()[e].id == "antony_blinken");
  e = kb.holder(fm, us, "2025-03-01");
  REQUIRE(e >= 0);
  CHECK(kb.entities()[e].id == "marco_rubio");
  CHECK(kb.holder(fm, us, "not a date") == -1);
}
