// The fast fact-sheet writer gives exactly nlohmann's compact dump.
#include <doctest/doctest.h>

#include "extract/extractor.h"
#include "facts/json_writer.h"
#include "ingest/ingest.h"

using namespace tadqiq;

TEST_CASE("append_sheet_json equals nlohmann's dump on the seed corpus") {
  std::vector<rules::RuleError> errors;
  const auto rs = rules::RuleSet::load({*rules::builtin_rules_dir("tadqiq")}, errors);
  const auto ex = extract::make_extractors(rs);
  const auto loaded = ingest::load({std::string(TADQIQ_SOURCE_DIR) + "/fixtures/seeds"}, {});
  REQUIRE(loaded.articles.size() == 5);
  std::size_t facts = 0;
  for (const auto& a : loaded.articles) {
    const auto sheet = extract::extract_sheet(a, ex);
    facts += sheet.facts.size();
    std::string fast;
    append_sheet_json(fast, sheet);
    CHECK(fast == nlohmann::json(sheet).dump());
  }
  CHECK(facts > 10);
}

TEST_CASE("strings are escaped like nlohmann's, invalid UTF-8 becomes U+FFFD") {
  FactSheet s;
  s.article.id = "a\"b\\c\n\t\x01\x1f\x7f";
  Fact f;
  f.id = "number-1";
  f.type = "number";
  f.text = "قتل 5 \xF0\x9F\x98\x80 \r\b\f";
  f.sentence = "";
  f.as_of = "2024-01-01";
  f.value = {{"min", 1.5}, {"max", nullptr}};
  f.attributes = {{"role", "figure"}, {"n", -3}};
  s.facts.push_back(f);
  std::string fast;
  append_sheet_json(fast, s);
  CHECK(fast == nlohmann::json(s).dump());

  f.value = {{"a", {1, -2, 3u, 0.1, 1e300, true, false, nullptr}}, {"e", nlohmann::json::object()},
             {"f", nlohmann::json::array()}, {"g", {{"h", "\"x\""}}}, {"u", 18446744073709551615ull}};
  s.facts.push_back(f);
  fast.clear();
  append_sheet_json(fast, s);
  CHECK(fast == nlohmann::json(s).dump());

  std::string bad;
  append_json_string(bad, "a\xff" "b\xC3");
  CHECK(bad == "\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\"");
}

TEST_CASE("article fields written directly, repeated sentences copied, equal nlohmann's dump") {
  FactSheet s;
  s.article.id = "x.jsonl#3";
  s.article.record = 3;
  s.article.meta = {{"story", 7}, {"tags", {"a", "\"b\""}}, {"score", 0.5}};
  s.article.suppressions.push_back(Suppression{{"date", "number"}, 2, 5, 1});
  s.article.suppressions.push_back(Suppression{{}, 1, 0, 9});
  for (const char* sentence : {"قال \"أ\"", "ب", "قال \"أ\"", "ب\xC3", "ب", "", "قال \"أ\""}) {
    Fact f;
    f.id = "number-" + std::to_string(s.facts.size() + 1);
    f.sentence = sentence;
    s.facts.push_back(f);
  }
  std::string fast;
  append_sheet_json(fast, s);
  CHECK(fast == nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

TEST_CASE("many distinct sentences, repeated in any order, equal nlohmann's dump") {
  // More distinct sentences than the writer remembers at once, each seen again later; and a
  // sheet larger than the writer's estimate, into a string and a JsonBuffer.
  FactSheet s;
  for (int round = 0; round < 3; ++round)
    for (int k = 0; k < 150; ++k) {
      Fact f;
      f.id = "number-" + std::to_string(s.facts.size() + 1);
      f.sentence = std::string(static_cast<std::size_t>(k % 9), 'x') + "\"" + std::to_string((k * 37 + round) % 150);
      s.facts.push_back(f);
    }
  s.facts.back().attributes["long"] = std::string(20000, 'a');  // beyond the size estimated
  std::string fast;
  append_sheet_json(fast, s);
  CHECK(fast == nlohmann::json(s).dump());
  JsonBuffer buffer;
  append_sheet_json(buffer, s);
  append_sheet_json(buffer, s);
  CHECK(buffer.view() == fast + fast);
}

TEST_CASE("append_finding_json equals nlohmann's dump") {
  Finding f;
  f.id = "quantity-0123";
  f.check = "quantity";
  f.kind = "quantity";
  f.cls = "update";
  f.severity = Severity::warning;
  f.key = "killed/gaza/cumulative";
  f.message = "a \"quoted\" message\n with \x01 and invalid \xC3(";
  Evidence e;
  e.file = "a.md";
  e.article = "a";
  e.line = 4;
  e.column = 7;
  e.end_line = 4;
  e.end_column = 19;
  e.text = "27 ألفاً و708 شهداء";
  e.sentence = "ومنذ 7 أكتوبر/تشرين الأول 2023، \"خلفت\" الحرب";
  e.value = {{"min", 27708}, {"max", nullptr}, {"list", {1, 2.5, "x"}}};
  e.as_of = "2024-02-07";
  e.fact = "quantity-1";
  f.evidence.push_back(e);
  e.as_of.reset();
  e.value = nullptr;
  f.evidence.push_back(e);
  for (bool suppressed : {false, true}) {
    f.suppressed = suppressed;
    f.suppressed_by = suppressed ? "a.md:3" : "";
    std::string fast;
    append_finding_json(fast, f);
    CHECK(fast == nlohmann::json(f).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  f.evidence.clear();
  std::string fast;
  append_finding_json(fast, f);
  CHECK(fast == nlohmann::json(f).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}
