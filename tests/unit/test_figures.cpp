// Figure extractors' building blocks: the token filters in front of phrase lookups, the number
// word filters, and JSON objects built member by member.
#include <doctest/doctest.h>

#include "builtin_rules.h"

#include <string>
#include <vector>

#include "extract/extractor.h"
#include "extract/extractors/number_words.h"
#include "extract/phrase_filter.h"
#include "extract/lexicon.h"
#include "extract/number_value.h"
#include "extract/rules_util.h"

using namespace tadqiq;
using namespace tadqiq::extract;
using nlohmann::json;

namespace {

using tadqiq::test::builtin;

bool same(const std::optional<PhraseMatch>& a, const std::optional<PhraseMatch>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->payload == b->payload && a->first == b->first && a->last == b->last && a->clitic == b->clitic);
}

}  // namespace

TEST_CASE("filtered phrases answer exactly as their phrase set, at every token") {
  const std::vector<std::string> clitics = {"و", "ب", "وب", "ال", "وال"};
  PhraseSet plain(clitics);
  FilteredPhrases filtered(clitics);
  for (const auto& [p, payload] : std::vector<std::pair<std::string, int>>{
           {"أكثر من", 1}, {"أكثر", 2}, {"غزة", 3}, {"قطاع غزة", 4}, {"على الأقل", 5}, {"نحو", 6}, {"5", 7},
           {"في غارة", 8}, {"في قصف شديد", 9}, {"منذ بدء الحرب", 10}, {"الحرب على غزة", 11}}) {
    plain.add(p, payload);
    filtered.add(p, payload);
  }
  const std::string v = normalize::fold(
      "أكثر من 5 وبغزة قطاع غزة وأكثر من نحو 7 على الأقل بنحو والقطاع ونحو غزة وغزة أكثر 5 اكثر بأكثر "
      "في غارة وفي غارة في قصف في قصف شديد في البيت منذ بدء الحرب على غزة ومنذ بدء الحرب الحرب على غزة في");
  const auto toks = tokenize(v);
  int starts = 0;
  for (std::size_t i = 0; i <= toks.size(); ++i) {
    for (const bool clitic : {true, false}) {
      CHECK(same(plain.match_at(v, toks, i, clitic), filtered.match_at(v, toks, i, clitic)));
      CHECK(same(plain.match_ending(v, toks, i, clitic), filtered.match_ending(v, toks, i, clitic)));
    }
    starts += i < toks.size() && filtered.may_start(toks, i);
  }
  // The filter lets few tokens through: the phrases' first words, bare or behind a clitic.
  CHECK(starts < static_cast<int>(toks.size()));
}

TEST_CASE("token filter: every hash added passes, and it grows as it fills") {
  TokenFilter f;
  for (int i = 0; i < 5000; ++i) f.add("w" + std::to_string(i));
  for (int i = 0; i < 5000; ++i) CHECK(f.test(token_hash("w" + std::to_string(i))));
  int passed = 0;
  for (int i = 0; i < 5000; ++i) passed += f.test(token_hash("x" + std::to_string(i)));
  CHECK(passed < 150);  // two bits of at least 32 per hash: about one in a hundred
}

TEST_CASE("number words: the filters keep every word, bare and behind a clitic or the article") {
  const numerals::NumeralLexicon lex(builtin());
  std::vector<std::string> words;
  const auto doc = builtin().doc("numbers.yaml");
  for (const auto& e : doc["words"]["units"])
    for (const auto& f : rules::strings_of(builtin(), "numbers.yaml", e["forms"])) words.push_back(normalize::fold(f));
  for (const auto& e : doc["multipliers"])
    for (const auto& f : rules::strings_of(builtin(), "numbers.yaml", e["forms"])) words.push_back(normalize::fold(f));
  REQUIRE(words.size() > 10);
  for (const auto& w : words) {
    CAPTURE(w);
    REQUIRE(lex.find(w) != nullptr);
    CHECK(lex.may_be_word(w));
    std::vector<std::string> forms = {w};
    for (const auto& c : lex.clitics()) forms.push_back(c + w);
    for (const auto& d : lex.definite()) forms.push_back(d + w);
    for (const auto& t : forms) {
      CAPTURE(t);
      CHECK(lex.may_hold_word(t));
      Token tok;
      tok.hash = token_hash(t);
      CHECK(lex.may_start(tok));
    }
  }
  // Words that are no number word mostly fail the filters (they are filters, not the lexicon).
  int held = 0;
  const std::string text = normalize::fold("قالت الوزارة في بيان إن القوات دخلت المدينة صباح اليوم وسط اشتباكات عنيفة");
  const auto toks = tokenize(text);
  for (const auto& t : toks) held += lex.may_start(t);
  CHECK(held <= 2);
}

TEST_CASE("JSON objects built member by member equal the initializer-list ones") {
  using json = tadqiq::FactJson;  // what facts hold
  json a = json::object();
  auto& m = members(a);
  put(m, "bound", "exact");
  put(m, "figure", number_json(5));
  put(m, "kind", "cardinal");
  put(m, "role", "figure");
  put(m, "scale", number_json(1000.5));
  CHECK(a == json{{"role", "figure"}, {"kind", "cardinal"}, {"bound", "exact"}, {"figure", 5}, {"scale", 1000.5}});
  // Out of order still gives the same object; an existing member is kept, as with emplace.
  json b = json::object();
  put(members(b), "role", "figure");
  put(members(b), "bound", "exact");
  put(members(b), "bound", "vague");
  CHECK(b == json{{"bound", "exact"}, {"role", "figure"}});
  CHECK(interval_json(3, std::nullopt) == json{{"min", 3}, {"max", nullptr}});
  CHECK(interval_json(0.5, 2).dump() == R"({"max":2,"min":0.5})");
  CHECK(string_member(a, "role") == "figure");
  CHECK(string_member(a, "figure").empty());
  CHECK(string_member(a, "missing").empty());
  set_string(a, "role", "count");
  set_string(a, "form", "words");
  CHECK(a["role"] == "count");
  CHECK(a["form"] == "words");
}
