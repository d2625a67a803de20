// Names: knowledge-base spellings, transliteration keys, unknown people, words that are not names.
#include <doctest/doctest.h>

#include "builtin_rules.h"

#include <algorithm>
#include <optional>

#include "extract/extractor.h"
#include "extract/people/people.h"
#include "normalize/normalize.h"

using namespace tadqiq;
using namespace tadqiq::extract;

namespace {

using tadqiq::test::builtin;

const people::Knowledge& kb() {
  static const people::Knowledge k(builtin());
  return k;
}

std::vector<Fact> names_of(const std::string& text, const std::string& date = "2024-02-07") {
  static const auto ex = make_extractors(builtin());
  Article a;
  a.id = a.path = "t.txt";
  a.format = "text";
  a.text = text;
  a.date = date;
  auto sheet = extract_sheet(a, ex);
  std::vector<Fact> out;
  for (auto& f : sheet.facts)
    if (f.type == "name") out.push_back(f);
  return out;
}

std::string id_of(const std::vector<Fact>& fs, const std::string& spelling) {
  for (const auto& f : fs)
    if (f.value["spelling"] == spelling) return f.value["id"];
  return "";
}

std::string strict(const std::string& s) { return kb().strict_key(normalize::fold(s)); }
std::string loose(const std::string& s) { return kb().loose_key(normalize::fold(s)); }

}  // namespace

TEST_CASE("strict keys group doubled letters, /g/ letters, alef as a vowel and a final ain") {
  CHECK(strict("ميلر") == strict("ميللر"));
  CHECK(strict("جالانت") == strict("غالانت"));
  CHECK(strict("بارنيا") == strict("بارنياع"));
  CHECK(strict("يتسحق") == strict("يتسحاق"));
  CHECK(strict("هنية") == strict("هنيه"));  // teh marbuta folds in the view
  CHECK(strict("ستولتنبرج") == strict("ستولتنبرغ"));
}

TEST_CASE("strict keys keep yeh and waw: native names that differ by a long vowel stay apart") {
  CHECK(strict("محمد") != strict("محمود"));
  CHECK(strict("حسن") != strict("حسين"));
  CHECK(strict("سعد") != strict("سعيد"));
  CHECK(strict("ميلر") != strict("مولر"));
  // The loose key (used only to match a knowledge-base entry) ignores them.
  CHECK(loose("بلينكن") == loose("بلنكن"));
}

TEST_CASE("knowledge-base spellings and variants share the person's id") {
  const auto fs = names_of("قال المتحدث باسم وزارة الخارجية ماثيو ميللر إن اللقاء مثمر. وأضاف ميلر أن المحادثات مستمرة.");
  CHECK(id_of(fs, "ماثيو ميللر") == "matthew_miller");
  CHECK(id_of(fs, "ميلر") == "matthew_miller");
  const auto gs = names_of("والتقى بلينكن وزير الدفاع يوآف جالانت ثم غالانت.");
  CHECK(id_of(gs, "يوآف جالانت") == "yoav_gallant");
  CHECK(id_of(gs, "غالانت") == "yoav_gallant");
  const auto hs = names_of("استقبل الرئيس الإسرائيلي يتسحق هرتسوغ الوزير.");
  CHECK(id_of(hs, "يتسحق هرتسوغ") == "isaac_herzog");
}

TEST_CASE("a clitic is not part of the name; variants are listed on each fact") {
  const auto fs = names_of("وقال ولنتنياهو وبلينكن كلام. والتقى بلينكن أنتوني بلينكن.");
  CHECK(id_of(fs, "بلينكن") == "antony_blinken");
  for (const auto& f : fs)
    if (f.value["id"] == "antony_blinken") CHECK(f.attributes["variants"].size() == 2);
}

TEST_CASE("unknown people after titles and speech verbs get a key id; a surname joins the full name") {
  const auto fs = names_of("وقال وزير الخارجية الفرنسي ستيفان سيجورنيه إن بلاده تدعم الهدنة. وأضاف سيجورنيه أن الاتصالات مستمرة.");
  const std::string id = id_of(fs, "ستيفان سيجورنيه");
  CHECK(id == "~" + strict("ستيفان سيجورنيه"));
  CHECK(id_of(fs, "سيجورنيه") == id);
}

TEST_CASE("common words never become names") {
  const auto fs = names_of(
      "وقالت مصادر مطلعة إن المحادثات تعثرت، ووصف أحدث الجهود بأنها الأخيرة. وقال المسؤول إن الوفد وصل. "
      "وقال المتحدث باسم الخارجية رفض التعليق. وقالت وزارة الصحة إن الحصيلة ارتفعت.");
  CHECK(fs.empty());
}

TEST_CASE("knowledge built twice from the same rules is compiled once and shared") {
  const people::Knowledge again(builtin());
  CHECK(&again.entities() == &kb().entities());
  // Other rules (one more person) compile on their own.
  std::vector<rules::RuleError> errors;
  rules::RuleSet more = rules::RuleSet::load({*rules::builtin_rules_dir("tadqiq")}, errors);
  more.add_doc("people.yaml", YAML::Load("people:\n  test_person:\n    names: [\"زيد عمرو\"]\n"), "test", errors);
  REQUIRE(errors.empty());
  const people::Knowledge other(more);
  CHECK(&other.entities() != &kb().entities());
  CHECK(other.entities().size() == kb().entities().size() + 1);
}

TEST_CASE("word tables: stop words, connectors and clitics are exact words") {
  CHECK(kb().is_stop(normalize::fold("خلال")));
  CHECK_FALSE(kb().is_stop(normalize::fold("وخلال")));  // a clitic + stop word is not itself a stop word
  CHECK(kb().is_connector(normalize::fold("بن")));
  CHECK_FALSE(kb().is_connector(normalize::fold("محمد")));
  CHECK(kb().is_clitic(normalize::fold("و")));
  CHECK_FALSE(kb().is_stop(normalize::fold("محمد")));
}

TEST_CASE("lookups memoized for one document are not those of the next at the same address") {
  // The knowledge base memoizes its lookups per document; a document built where the previous
  // one was (same address, tokens of the same size) must not get the previous answers.
  Article a, b;
  a.id = a.path = b.id = b.path = "t.txt";
  a.format = b.format = "text";
  a.text = "بلينكن قال";
  b.text = "الطقس جميل";
  std::optional<Document> d;
  d.emplace(a);
  REQUIRE(d->tokens().size() == 2);
  const auto in_a = kb().entity_at(*d, 0);
  const std::size_t next_a = kb().next_start(*d, 0, people::Knowledge::kStartsEntity);
  d.reset();
  d.emplace(b);
  REQUIRE(d->tokens().size() == 2);
  CHECK(in_a.has_value());
  CHECK(!kb().entity_at(*d, 0).has_value());
  CHECK(next_a == 0);
  CHECK(kb().next_start(*d, 0, people::Knowledge::kStartsEntity) == 2);
}
