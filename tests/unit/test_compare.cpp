// Comparator units: intervals, the hash join, shards, focus, the quantity check.
#include <doctest/doctest.h>

#include "builtin_rules.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "compare/compare.h"
#include "compare/interval.h"
#include "compare/grouped.h"
#include "compare/stream.h"
#include "facts/keyed.h"

using namespace tadqiq;
using namespace tadqiq::compare;
using nlohmann::json;

namespace {

using tadqiq::test::builtin;

Fact quantity(json value, std::string bound, std::optional<std::string> as_of,
              std::string key = "killed/gaza/cumulative", std::string scope = "cumulative") {
  Fact f;
  f.id = "quantity-1";
  f.type = "quantity";
  f.key = std::move(key);
  f.value = std::move(value);
  f.as_of = std::move(as_of);
  f.text = f.value.dump();
  f.attributes = {{"bound", bound}, {"category", "killed"}, {"location", "gaza"}, {"scope", scope}};
  return f;
}

json exact(double x) { return {{"min", x}, {"max", x}}; }

FactSheet sheet(std::string id, std::vector<Fact> facts) {
  FactSheet s;
  s.article.id = id;
  s.article.path = id + ".md";
  s.facts = std::move(facts);
  return s;
}

std::vector<Finding> run(const std::vector<FactSheet>& sheets, const Options& o = {}) {
  static const auto checks = make_checks(builtin());
  return compare::compare(sheets, checks, o);
}

}  // namespace

TEST_CASE("intervals follow the bound") {
  const auto more = interval_of(quantity({{"min", 30000}, {"max", nullptr}}, "more_than", {}), 0.1);
  const auto exact_30k = interval_of(quantity(exact(30000), "exact", {}), 0.1);
  const auto about = interval_of(quantity(exact(1700000), "about", {}), 0.1);
  CHECK(more.valid);
  CHECK(disjoint(more, exact_30k));  // "more than 30,000" excludes 30,000 itself
  CHECK_FALSE(disjoint(more, interval_of(quantity(exact(31200), "exact", {}), 0.1)));
  CHECK_FALSE(disjoint(about, interval_of(quantity(exact(1800000), "exact", {}), 0.1)));
  CHECK(disjoint(about, interval_of(quantity(exact(2000000), "exact", {}), 0.1)));
  const auto at_least = interval_of(quantity({{"min", 30000}, {"max", nullptr}}, "at_least", {}), 0.1);
  CHECK_FALSE(disjoint(at_least, exact_30k));
  CHECK(below(exact_30k, more));
  CHECK_FALSE(interval_of(quantity(json("x"), "exact", {}), 0.1).valid);
}

TEST_CASE("describe and format numbers for messages") {
  CHECK(format_number(27708) == "27,708");
  CHECK(format_number(1700000) == "1,700,000");
  CHECK(format_number(2.5) == "2.5");
  CHECK(describe(quantity({{"min", 33000}, {"max", nullptr}}, "more_than", {})) == "more than 33,000");
  CHECK(describe(quantity(exact(40), "about", {})) == "about 40");
}

TEST_CASE("a later, higher cumulative figure is an update, listing the timeline") {
  const auto out = run({sheet("feb", {quantity(exact(27708), "exact", "2024-02-07")}),
                        sheet("apr", {quantity({{"min", 33000}, {"max", nullptr}}, "more_than", "2024-04-18")})});
  REQUIRE(out.size() == 1);
  CHECK(out[0].cls == "update");
  CHECK(out[0].severity == Severity::info);
  CHECK(out[0].message.find("feb.md reports 27,708 as of 2024-02-07") != std::string::npos);
  CHECK(out[0].message.find("apr.md reports more than 33,000 as of 2024-04-18") != std::string::npos);
  CHECK(out[0].evidence.size() == 2);
  CHECK_FALSE(out[0].id.empty());
}

TEST_CASE("same day and disjoint is a contradiction; a later lower figure a regression") {
  auto out = run({sheet("a", {quantity(exact(100), "exact", "2024-01-01")}),
                  sheet("b", {quantity(exact(120), "exact", "2024-01-01")})});
  REQUIRE(out.size() == 1);
  CHECK(out[0].cls == "contradiction");
  CHECK(out[0].severity == Severity::error);

  out = run({sheet("a", {quantity(exact(100), "exact", "2024-01-01")}),
             sheet("b", {quantity(exact(90), "exact", "2024-02-01")})});
  REQUIRE(out.size() == 1);
  CHECK(out[0].cls == "regression");
}

TEST_CASE("what must not be flagged") {
  // Agreeing bounds, one article alone, different keys, incidents on different days.
  CHECK(run({sheet("a", {quantity({{"min", 30000}, {"max", nullptr}}, "more_than", "2024-01-01")}),
             sheet("b", {quantity(exact(31200), "exact", "2024-01-01")})})
            .empty());
  CHECK(run({sheet("a", {quantity(exact(1), "exact", "2024-01-01"), quantity(exact(5), "exact", "2024-01-01")})})
            .empty());
  CHECK(run({sheet("a", {quantity(exact(100), "exact", "2024-01-01", "killed/gaza/cumulative")}),
             sheet("b", {quantity(exact(120), "exact", "2024-01-01", "injured/gaza/cumulative")})})
            .empty());
  CHECK(run({sheet("a", {quantity(exact(12), "exact", "2024-01-01", "killed/rafah/incident", "incident")}),
             sheet("b", {quantity(exact(3), "exact", "2024-01-03", "killed/rafah/incident", "incident")})})
            .empty());
}

TEST_CASE("an undated figure that disagrees is a warning saying the date is missing") {
  const auto out = run({sheet("a", {quantity(exact(100), "exact", "2024-01-01")}),
                        sheet("b", {quantity(exact(300), "exact", std::nullopt)})});
  REQUIRE(out.size() == 1);
  CHECK(out[0].cls == "undated");
  CHECK(out[0].severity == Severity::warning);
  CHECK(out[0].message.find("date is missing") != std::string::npos);
}

TEST_CASE("shards partition the findings; focus keeps only findings about focused articles") {
  std::vector<FactSheet> sheets;
  for (int i = 0; i < 40; ++i) {
    const std::string key = "killed/place" + std::to_string(i) + "/cumulative";
    sheets.push_back(sheet("a" + std::to_string(i), {quantity(exact(100), "exact", "2024-01-01", key)}));
    sheets.push_back(sheet("b" + std::to_string(i), {quantity(exact(50), "exact", "2024-02-01", key)}));
  }
  const auto all = run(sheets);
  CHECK(all.size() == 40);
  std::size_t total = 0;
  std::set<std::string> ids;
  for (unsigned s = 0; s < 3; ++s) {
    Options o;
    o.shard_index = s;
    o.shard_count = 3;
    for (const auto& f : run(sheets, o)) {
      ++total;
      ids.insert(f.id);
      CHECK(shard_of("quantity", f.key, 3) == s);
    }
  }
  CHECK(total == all.size());
  CHECK(ids.size() == all.size());

  Options focus;
  focus.focus = std::set<std::string>{"b7"};
  const auto focused = run(sheets, focus);
  REQUIRE(focused.size() == 1);
  CHECK(focused[0].key == "killed/place7/cumulative");
  Options none;
  none.focus = std::set<std::string>{};
  CHECK(run(sheets, none).empty());
}

TEST_CASE("findings come out in a deterministic order, errors first") {
  const auto out = run({sheet("a", {quantity(exact(100), "exact", "2024-01-01", "k1/x/cumulative"),
                                    quantity(exact(100), "exact", "2024-01-01", "k2/x/cumulative")}),
                        sheet("b", {quantity(exact(200), "exact", "2024-02-01", "k1/x/cumulative"),
                                    quantity(exact(50), "exact", "2024-02-01", "k2/x/cumulative")})});
  REQUIRE(out.size() == 2);
  CHECK(out[0].cls == "regression");
  CHECK(out[1].cls == "update");
}

TEST_CASE("a fact a check cannot read is reported and left out; the rest of its group is checked") {
  // Same day, disjoint figures: a contradiction between a and c. b's scope is a number (a sheet
  // not written by tadqiq), which the quantity check cannot read as a string. The check reads
  // the scope of the group's first fact once it has two articles: b comes first, so the
  // shortest failing prefix ends with a, which must not be blamed.
  Fact a = quantity(exact(100), "exact", "2024-02-07");
  Fact b = quantity(exact(300), "exact", "2024-02-07");
  b.id = "quantity-2";
  b.attributes["scope"] = 5;
  Fact c = quantity(exact(500), "exact", "2024-02-07");
  c.id = "quantity-3";
  const std::vector<FactSheet> sheets = {sheet("b", {b}), sheet("a", {a}), sheet("c", {c})};
  static const auto checks = make_checks(builtin());

  CHECK_THROWS(compare::compare(sheets, checks));  // without a sink the error propagates

  std::vector<std::string> errors;
  std::vector<const ArticleMeta*> where;
  const auto found = compare::compare(sheets, checks, {}, [&](const ArticleMeta& art, const Fact& f, const std::string& m) {
    where.push_back(&art);
    errors.push_back(f.id + ": " + m);
  });
  REQUIRE(errors.size() == 1);
  CHECK(where[0] == &sheets[0].article);  // the caller's own article, to find the file
  CHECK(errors[0].rfind("quantity-2: the quantity check cannot read fact \"quantity-2\"", 0) == 0);
  CHECK(errors[0].find("type must be string") != std::string::npos);
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == "quantity");
  REQUIRE(found[0].evidence.size() == 2);
  CHECK(found[0].evidence[0].article == "a");
  CHECK(found[0].evidence[1].article == "c");
}

TEST_CASE("several unreadable facts of one group are each blamed; a per-article check likewise") {
  std::vector<FactSheet> sheets;
  for (int i = 0; i < 6; ++i) {
    Fact f = quantity(exact(100 + 400 * (i % 2)), "exact", "2024-02-07");
    f.id = "quantity-" + std::to_string(i);
    // The check reads the group's scope from its first fact, and every fact's bound.
    if (i == 0) f.attributes["scope"] = json::array();
    if (i == 3 || i == 5) f.attributes["bound"] = false;
    sheets.push_back(sheet("s" + std::to_string(i), {f}));
  }
  // A date the weekday check reads, with a role it cannot read as a string.
  Fact d;
  d.id = "date-1";
  d.type = "date";
  d.value = {{"day", "2024-02-07"}};
  d.attributes = {{"role", 1}, {"weekday", "الأربعاء"}};
  sheets[1].facts.push_back(d);
  static const auto checks = make_checks(builtin());
  std::set<std::string> blamed;
  const auto found = compare::compare(sheets, checks, {}, [&](const ArticleMeta& art, const Fact& f, const std::string&) {
    blamed.insert(art.id + "/" + f.id);
  });
  CHECK(blamed == std::set<std::string>{"s0/quantity-0", "s3/quantity-3", "s5/quantity-5", "s1/date-1"});
  // s1 (500), s2 (100) and s4 (100) are still compared.
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == "quantity");
}

namespace {

// The lines read by the streamed reader (from a temporary file) and by the in-memory reader
// (nlohmann::json per line, as `tadqiq compare -` reads them).
struct BothReaders {
  std::vector<Finding> streamed, in_memory;
  std::vector<InputError> errors;
  std::vector<SheetSummary> articles;
  std::vector<FactSheet> sheets;
};

BothReaders read_both(const std::vector<std::string>& lines) {
  static const auto checks = make_checks(builtin());
  const auto path = std::filesystem::temp_directory_path() / ("tadqiq-test-stream-" + std::to_string(::getpid()) + ".jsonl");
  {
    std::ofstream out(path, std::ios::binary);
    for (const auto& l : lines) out << l << '\n';
  }
  BothReaders r;
  r.streamed = compare_jsonl_files({path.string()}, checks, {}, 1, r.errors, r.articles);
  std::filesystem::remove(path);
  for (const auto& l : lines) r.sheets.push_back(json::parse(l).get<FactSheet>());
  r.in_memory = compare::compare(r.sheets, checks);
  return r;
}

// `object` (a JSON object's text) with `member` ("\"name\":value") added as its last member.
std::string with_member(const std::string& object, const std::string& member) {
  return object.substr(0, object.size() - 1) + "," + member + "}";
}

}  // namespace

TEST_CASE("the streamed reader reads a repeated member as the in-memory reader does: the last one") {
  // Found by fuzz_sheets: the light scanner of the streamed reader kept the facts of every
  // "facts" member and the first string "as_of", where nlohmann::json keeps the last member.
  const Fact a = quantity(exact(100), "exact", "2024-02-07");
  const Fact b = quantity(exact(500), "exact", "2024-02-07");
  const std::string sheet_a = json(sheet("a", {a})).dump();
  const std::string sheet_b = json(sheet("b", {b})).dump();

  SUBCASE("facts") {
    const auto r = read_both({with_member(sheet_a, "\"facts\":[]"), sheet_b});
    CHECK(r.errors.empty());
    REQUIRE(r.articles.size() == 2);
    CHECK(r.articles[0].facts == 0);
    CHECK(r.in_memory.empty());
    CHECK(r.streamed.empty());
  }
  SUBCASE("as_of") {
    json sb = json(sheet("b", {b}));
    const std::string fact = sb["facts"][0].dump();
    sb.erase("facts");
    const std::string line = with_member(sb.dump(), "\"facts\":[" + with_member(fact, "\"as_of\":null") + "]");
    const auto r = read_both({sheet_a, line});
    CHECK(r.errors.empty());
    REQUIRE(r.in_memory.size() == 1);
    CHECK(r.in_memory[0].cls == "undated");
    REQUIRE(r.streamed.size() == 1);
    CHECK(r.streamed[0].id == r.in_memory[0].id);
  }
  SUBCASE("span") {
    json sb = json(sheet("b", {b}));
    json fact = sb["facts"][0];
    fact["span"] = {{"start", 1}, {"end", 2}, {"line", 3}, {"column", 4}, {"end_line", 9}, {"end_column", 9}};
    sb.erase("facts");
    const std::string span = "\"span\":{\"start\":1,\"end\":2,\"line\":5,\"column\":4}";
    const std::string line = with_member(sb.dump(), "\"facts\":[" + with_member(fact.dump(), span) + "]");
    const auto r = read_both({sheet_a, line});
    CHECK(r.errors.empty());
    REQUIRE(r.in_memory.size() == 1);
    REQUIRE(r.streamed.size() == 1);
    for (const auto* found : {&r.in_memory, &r.streamed}) {
      const auto& ev = (*found)[0].evidence;
      const auto e = std::find_if(ev.begin(), ev.end(), [](const Evidence& x) { return x.article == "b"; });
      REQUIRE(e != ev.end());
      CHECK(e->line == 5);
      CHECK(e->end_line == 5);  // the last span has none: its line
    }
  }
  SUBCASE("a span without column is not a fact, even with another member twice") {
    json sb = json(sheet("b", {b}));
    json fact = sb["facts"][0];
    fact.erase("span");
    sb.erase("facts");
    const std::string span = "\"span\":{\"start\":1,\"start\":1,\"end\":2,\"line\":5}";
    const std::string line = with_member(sb.dump(), "\"facts\":[" + with_member(fact.dump(), span) + "]");
    CHECK_THROWS(json::parse(line).get<FactSheet>());  // the in-memory reader rejects it
    static const auto checks = make_checks(builtin());
    const auto path = std::filesystem::temp_directory_path() / ("tadqiq-test-span-" + std::to_string(::getpid()) + ".jsonl");
    std::ofstream(path, std::ios::binary) << sheet_a << '\n' << line << '\n';
    std::vector<InputError> errors;
    std::vector<SheetSummary> articles;
    const auto found = compare_jsonl_files({path.string()}, checks, {}, 1, errors, articles);
    std::filesystem::remove(path);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].record == 2);
    CHECK(errors[0].message.rfind("not a fact", 0) == 0);
    CHECK(found.empty());
  }
}

TEST_CASE("keyed lines sorted by bytes are sorted by key, whatever control characters the keys hold") {
  // Found by fuzz_sheets: a key holding a byte below TAB ("k\x01") sorted its line before the
  // lines of the shorter key "k" (whose TAB is larger), and compare --grouped stopped on the
  // output of LC_ALL=C sort as unsorted.
  std::vector<std::string> lines;
  std::vector<FactSheet> sheets;
  int n = 0;
  for (const std::string key : std::vector<std::string>{"k", "k\x01", "k\x1f", "k\t", "k!"}) {
    Fact f = quantity(exact(100 + 400 * (n % 2)), "exact", "2024-02-07", key);
    sheets.push_back(sheet("s" + std::to_string(n++), {f}));
  }
  for (const auto& s : sheets) {
    lines.push_back(keyed_sheet_line(s));
    for (const auto& f : s.facts) {
      const std::string l = keyed_fact_line(s.article, f);
      const std::string_view key(l.data(), l.find('\t'));
      CHECK(std::none_of(key.begin(), key.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }));
      lines.push_back(l);
    }
  }
  std::sort(lines.begin(), lines.end());  // as LC_ALL=C sort
  std::string text;
  for (const auto& l : lines) text += l + '\n';
  std::istringstream in(text);
  static const auto checks = make_checks(builtin());
  std::vector<InputError> errors;
  GroupedStats stats;
  std::vector<Finding> found;
  CHECK_NOTHROW(found = compare_grouped(in, "-", checks, errors, stats));
  CHECK(errors.empty());
  CHECK(stats.sheets == 5);
  CHECK(stats.facts == 5);
  CHECK(stats.groups == 3);  // "k", "k " (from "k\x01", "k\x1f" and "k\t"), "k!"
  // The three facts of "k " (500, 100, 500 on the same day) disagree; "k" and "k!" hold one each.
  REQUIRE(!found.empty());
  for (const auto& f : found) CHECK(f.cls == "contradiction");
}

TEST_CASE("a number too large for a check to count with is reported, not converted") {
  // Converting 1e300 to an integer would be undefined behaviour (found by fuzz_sheets).
  auto ordinal = [](double min) {
    Fact f;
    f.id = "ordinal-1";
    f.type = "ordinal";
    f.key = "visit/antony_blinken";
    f.value = {{"min", min}, {"max", min}};
    f.as_of = "2024-02-07";
    return f;
  };
  const std::vector<FactSheet> sheets = {sheet("a", {ordinal(1e300)}), sheet("b", {ordinal(5)}),
                                         sheet("c", {ordinal(9)})};
  static const auto checks = make_checks(builtin());
  std::vector<std::string> errors;
  const auto found = compare::compare(sheets, checks, {}, [&](const ArticleMeta& art, const Fact&, const std::string& m) {
    errors.push_back(art.id + ": " + m);
  });
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("a: the ordinal check cannot read fact", 0) == 0);
  CHECK(errors[0].find("value.min out of range") != std::string::npos);
  CHECK_FALSE(found.empty());  // b and c (fifth, ninth on one day) are still compared
}
