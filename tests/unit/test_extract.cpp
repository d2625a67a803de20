// Extraction units: tokens, phrase lexicons, Document spans, numbers and quantities.
#include <doctest/doctest.h>

#include "builtin_rules.h"

#include <algorithm>

#include "extract/extractor.h"
#include "extract/lexicon.h"

using namespace tadqiq;
using namespace tadqiq::extract;

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

std::vector<Fact> facts_of(const Article& a, const std::string& type) {
  auto sheet = extract_sheet(a, extractors());
  std::vector<Fact> out;
  for (auto& f : sheet.facts)
    if (f.type == type) out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("tokens split letters from digits and drop punctuation") {
  const std::string v = "قتل 27,708 شخصا، ال284!";
  const auto toks = tokenize(v);
  std::vector<std::string> words;
  for (const auto& t : toks) words.emplace_back(v.substr(t.begin, t.end - t.begin));
  CHECK(words == std::vector<std::string>{"قتل", "27", "708", "شخصا", "ال", "284"});
  CHECK(toks[1].digits);
  CHECK_FALSE(toks[0].digits);
}

TEST_CASE("phrase sets match the longest phrase, with clitics only where allowed") {
  PhraseSet set({"و", "ب"});
  set.add("أكثر من", 1);
  set.add("أكثر", 2);
  set.add("غزة", 3);
  set.add("قطاع غزة", 4);
  const std::string v = tadqiq::normalize::fold("أكثر من 5 وبغزة قطاع غزة");
  const auto toks = tokenize(v);
  auto m = set.match_at(v, toks, 0);
  REQUIRE(m);
  CHECK(m->payload == 1);
  CHECK(m->last == 2);
  auto e = set.match_ending(v, toks, 2);
  REQUIRE(e);
  CHECK(e->payload == 1);
  CHECK(e->first == 0);
  // "وبغزة": the clitic "وب" is not in the list, "و" then "بغزة" is not a phrase.
  CHECK_FALSE(set.match_at(v, toks, 3));
  auto q = set.match_at(v, toks, 4);
  REQUIRE(q);
  CHECK(q->payload == 4);
  PhraseSet both({"وب"});
  both.add("غزة", 3);
  auto c = both.match_at(v, toks, 3);
  REQUIRE(c);
  CHECK(c->clitic == std::string("وب").size());
  CHECK_FALSE(both.match_at(v, toks, 3, /*allow_clitic=*/false));
}

TEST_CASE("numbers: every digit script, grouping, decimals and scale words") {
  const auto nums = facts_of(article("قالوا ٢٧٬٧٠٨ ثم ۱۲۳ ثم ١٫٥ مليون ثم 27 ألفاً و708 ثم 2 مليون و300 ألف"), "number");
  std::vector<double> values;
  for (const auto& f : nums) values.push_back(f.value["min"].get<double>());
  CHECK(values == std::vector<double>{27708, 123, 1500000, 27708, 2300000});
  CHECK(nums[2].text == "١٫٥ مليون");
  CHECK(nums[4].attributes["scale"] == 1000000);
}

TEST_CASE("numbers: a 10,000-digit figure is an identifier, never an overflow") {
  const auto nums = facts_of(article("الرقم " + std::string(10000, '9') + " كبير"), "number");
  REQUIRE(nums.size() == 1);
  CHECK(nums[0].attributes["role"] == "identifier");
  CHECK(nums[0].value["min"].is_null());
}

TEST_CASE("numbers: scale words repeated do not multiply without bound") {
  std::string text = "بلغ 5";
  for (int i = 0; i < 2000; ++i) text += " ألف";
  const auto nums = facts_of(article(text), "number");
  REQUIRE_FALSE(nums.empty());
  CHECK(nums[0].value["min"].get<double>() == 5000);
}

TEST_CASE("quantities: category from the noun, or from a verb for generic nouns") {
  const auto q = facts_of(article("استشهد 5 فلسطينيين وأصيب 7 آخرون، ونزح 300 نازح، ودخلت 40 شاحنة.", "2024-01-02"),
                          "quantity");
  std::vector<std::string> cats;
  for (const auto& f : q) cats.push_back(f.attributes["category"]);
  CHECK(cats == std::vector<std::string>{"killed", "displaced", "aid_trucks"});
  CHECK(q[0].as_of == "2024-01-02");
  CHECK(q[0].attributes["as_of_source"] == "article_date");
}

TEST_CASE("quantities: an invalid article date gives no as_of") {
  const auto q = facts_of(article("قتل 5 أشخاص.", "yesterday"), "quantity");
  REQUIRE(q.size() == 1);
  CHECK_FALSE(q[0].as_of.has_value());
}

TEST_CASE("Document spans are original bytes with line and code-point column") {
  Article a = article("سطر أول\nقتل  ٥ أشخاصٍ هنا");
  a.byte_base = 3;  // as after a UTF-8 BOM
  const auto q = facts_of(a, "quantity");
  REQUIRE(q.size() == 1);
  CHECK(q[0].text == "٥ أشخاصٍ");  // the kasratan of the last letter is kept
  CHECK(q[0].span.line == 2);
  CHECK(q[0].span.column == 6);
  const std::size_t start = a.text.find("٥");
  CHECK(q[0].span.start == start + 3);
  CHECK(q[0].span.end == start + 3 + q[0].text.size());
  CHECK(q[0].sentence.view() == "قتل  ٥ أشخاصٍ هنا");
}

TEST_CASE("fact ids are per type and in order") {
  auto sheet = extract_sheet(article("قتل 5 أشخاص وأصيب 7 أشخاص"), extractors());
  std::vector<std::string> ids;
  for (const auto& f : sheet.facts) ids.push_back(f.id);
  CHECK(ids == std::vector<std::string>{"number-1", "number-2", "quantity-1", "quantity-2"});
}
