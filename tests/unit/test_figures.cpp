// Figure extractors' building blocks: the token filters in front of phrase lookups, the number
// word filters, and JSON objects built member by member.
#include <doctest/doctest.h>

#include "builtin_rules.h"

#include <limits>
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
  // Integers below 2^53 in magnitude are integers; anything else a double, or null.
  CHECK(number_json(-7).is_number_integer());
  CHECK(number_json(-0.0).dump() == "0");
  CHECK(number_json(9007199254740991.0).is_number_integer());
  CHECK(number_json(9007199254740992.0).is_number_float());
  CHECK(number_json(-2.5).dump() == "-2.5");
  CHECK(number_json(1e300).is_number_float());
  CHECK(number_json(std::numeric_limits<double>::quiet_NaN()).is_null());
  CHECK(number_json(std::numeric_limits<double>::infinity()).is_null());
  CHECK(interval_json(0.5, 2).dump() == R"({"max":2,"min":0.5})");
  CHECK(string_member(a, "role") == "figure");
  CHECK(string_member(a, "figure").empty());
  CHECK(string_member(a, "missing").empty());
  set_string(a, "role", "count");
  set_string(a, "form", "words");
  CHECK(a["role"] == "count");
  CHECK(a["form"] == "words");
}

TEST_CASE("digits: a plain run reads as the full reading does; what may follow it goes the long way") {
  using numerals::scan_digits;
  auto s = scan_digits("2024 end", 0, true);
  CHECK((s.ok && s.value == 2024 && s.e == 4 && s.int_digits == 4 && !s.leading_zero && !s.grouped));
  s = scan_digits("0599", 0, true);
  CHECK((s.ok && s.value == 599 && s.leading_zero && s.e == 4));
  s = scan_digits("0000 x", 0, true);
  CHECK((s.ok && s.value == 0 && !s.leading_zero));
  s = scan_digits("1234567890123456 x", 0, true);  // 16 significant digits: no value
  CHECK((!s.ok && s.e == 16));
  s = scan_digits("000000000000000012345", 0, true);  // leading zeros are not significant
  CHECK((s.ok && s.value == 12345 && s.leading_zero));
  s = scan_digits("12 345 x", 0, true);  // a space before digits: a group
  CHECK((s.ok && s.value == 12345 && s.grouped && s.e == 6));
  s = scan_digits("2 1/4", 0, true);  // a space before digits: a mixed number
  CHECK((s.ok && s.value == 2.25 && s.slash));
  s = scan_digits("12 x", 0, true);
  CHECK((s.ok && s.value == 12 && s.e == 2));
  s = scan_digits("3/4", 0, true);
  CHECK((s.ok && s.value == 0.75 && s.slash));
  s = scan_digits("1e3", 0, true);
  CHECK((s.ok && s.value == 1000 && s.exponent));
  s = scan_digits("7.5", 0, true);
  CHECK((s.ok && s.value == 7.5 && s.decimal));
}

TEST_CASE("numeral parser: a figure in digits nothing can continue is read as the full reading reads it") {
  const numerals::NumeralLexicon lex(builtin());
  Article a;
  a.id = a.path = "t.txt";
  a.format = "text";
  // Ends: a word that is no number word, a scale word (continues), the text's end.
  a.text = "قتل 15 شخصا و3 آلاف جريح بين 10 و20 في 1999";
  const Document doc(a);
  const numerals::NumeralParser parser(lex, doc);
  const auto& toks = doc.tokens();
  std::vector<double> values;
  for (std::size_t k = 0; k < toks.size(); ++k) {
    if (!toks[k].digits) continue;
    const auto fig = numerals::scan_digits(doc.text(), toks[k].begin, true);
    const auto with = parser.parse(k, false, &fig);
    const auto without = parser.parse(k, false);  // no figure given: always the full reading
    REQUIRE(with.has_value() == without.has_value());
    if (!with) continue;
    CHECK(with->te == without->te);
    CHECK(with->ve == without->ve);
    CHECK(with->value == without->value);
    CHECK(with->scale == without->scale);
    CHECK(with->digits_only == without->digits_only);
    values.push_back(with->value);
  }
  CHECK(values == std::vector<double>{15, 3000, 10, 20, 1999});
}
