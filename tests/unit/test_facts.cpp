// Contracts: fact sheet and finding JSON round trips, fingerprints.
#include <doctest/doctest.h>

#include "facts/finding.h"
#include "facts/json_escape.h"

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

using namespace tadqiq;
using nlohmann::json;

namespace {
Fact sample_fact() {
  Fact f;
  f.id = "quantity-1";
  f.type = "quantity";
  f.key = "killed/gaza/cumulative";
  f.value = {{"min", 33000}, {"max", nullptr}};
  f.span = {10, 40, 3, 5, 3, 20};
  f.text = "أكثر من 33,000 شخص";
  f.sentence = "قال إن أكثر من 33,000 شخص قتلوا.";
  f.as_of = "2024-04-18";
  f.attributes = {{"bound", "more_than"}, {"category", "killed"}};
  return f;
}
}  // namespace

TEST_CASE("a fact sheet round-trips through JSON with every field") {
  FactSheet s;
  s.article.id = "003";
  s.article.path = "fixtures/seeds/003.md";
  s.article.format = "markdown";
  s.article.date = "2024-04-18";
  s.article.sha256 = std::string(64, 'a');
  s.article.meta = {{"seed", "003.txt"}};
  s.facts.push_back(sample_fact());
  const json j = s;
  CHECK(j["schema"] == "tadqiq.factsheet/1");
  CHECK(j["facts"][0]["as_of"] == "2024-04-18");
  CHECK(j["facts"][0]["span"]["end_column"] == 20);
  CHECK(j["facts"][0]["value"]["max"].is_null());
  CHECK_FALSE(j["facts"][0].contains("view_begin"));  // transient fields are not serialized

  const FactSheet back = j.get<FactSheet>();
  CHECK(back.article.id == "003");
  CHECK(back.article.meta["seed"] == "003.txt");
  REQUIRE(back.facts.size() == 1);
  CHECK(back.facts[0].text == s.facts[0].text);
  CHECK(back.facts[0].as_of == s.facts[0].as_of);
  CHECK(back.facts[0].span.start == 10);
  CHECK(json(back) == j);
}

TEST_CASE("a fact without as_of writes null and reads back as unknown") {
  Fact f = sample_fact();
  f.as_of.reset();
  const json j = f;
  CHECK(j["as_of"].is_null());
  CHECK_FALSE(j.get<Fact>().as_of.has_value());
}

TEST_CASE("reading a sheet of another schema fails with the schema named") {
  json j = {{"schema", "something/2"}, {"article", {{"id", "x"}}}, {"facts", json::array()}};
  CHECK_THROWS_WITH_AS(j.get<FactSheet>(), doctest::Contains("something/2"), std::runtime_error);
  CHECK_THROWS_AS(json::array().get<FactSheet>(), std::runtime_error);
}

TEST_CASE("FactJson objects keep nlohmann::json's member order, lookups and output") {
  FactJson a;
  for (const char* k : {"role", "kind", "bound", "figure", "Z", "scale", "kin", "a"}) a[k] = k;
  a.emplace("kind", "kept");  // an existing member is kept
  json b;
  for (const char* k : {"role", "kind", "bound", "figure", "Z", "scale", "kin", "a"}) b[k] = k;
  CHECK(a.dump() == b.dump());
  CHECK(json(a) == b);
  CHECK(FactJson(b) == a);
  CHECK(FactJson::parse(b.dump()) == a);
  CHECK(a.contains(std::string_view("kin")));
  CHECK_FALSE(a.contains("ki"));
  CHECK(a.value("figure", "") == "figure");
  CHECK(a.find("missing") == a.end());
  CHECK(a.erase("kin") == 1);
  CHECK(a.erase("kin") == 0);
  b.erase("kin");
  CHECK(a.dump() == b.dump());
  std::vector<std::string> keys;
  for (const auto& [k, v] : a.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"Z", "a", "bound", "figure", "kind", "role", "scale"});
  // Duplicate keys in the input: the last one wins, as with nlohmann::json.
  CHECK(FactJson::parse(R"({"b":1,"a":2,"b":3})").dump() == json::parse(R"({"b":1,"a":2,"b":3})").dump());
  // The object type's own at(), mutable and const (nlohmann does not call it; callers may).
  auto& members = *a.get_ptr<FactJson::object_t*>();
  members.at("scale") = "changed";
  CHECK(std::as_const(members).at("scale") == "changed");
  CHECK_THROWS_AS(members.at("missing"), std::out_of_range);
}

TEST_CASE("SharedString: copies share the bytes, reads and compares as a string_view") {
  SharedString a = std::string("جملة \"واحدة\"");
  const SharedString b = a;
  CHECK(b.data() == a.data());
  CHECK(b == a);
  CHECK(a == std::string_view("جملة \"واحدة\""));
  CHECK(a.c_str()[a.size()] == '\0');
  std::string s = "x";
  s = a;
  CHECK(s == a.view());
  a.clear();
  CHECK(a.empty());
  CHECK(a.view().empty());
  CHECK(b.size() == s.size());  // still held by the copy
  CHECK(SharedString("") == SharedString());
}

TEST_CASE("severities parse and order") {
  CHECK(severity_from_string("warning") == Severity::warning);
  CHECK_FALSE(severity_from_string("fatal").has_value());
  CHECK(Severity::error > Severity::warning);
  CHECK(Severity::warning > Severity::info);
}

TEST_CASE("fingerprints are stable and independent of positions and evidence order") {
  ArticleMeta a{"a", "x/a.md"}, b{"b", "x/b.md"};
  Fact fa = sample_fact(), fb = sample_fact();
  fb.text = "27 ألفاً و708 شهداء";
  fb.value = {{"min", 27708}, {"max", 27708}};
  Finding f;
  f.check = "quantity";
  f.kind = "quantity";
  f.cls = "update";
  f.key = "killed/gaza/cumulative";
  f.evidence = {evidence_of(a, fa), evidence_of(b, fb)};
  const std::string id = fingerprint(f);
  CHECK(id.rfind("quantity-", 0) == 0);

  Finding moved = f;  // same finding, text moved to other lines, evidence listed the other way
  moved.evidence[0].line = 99;
  std::swap(moved.evidence[0], moved.evidence[1]);
  moved.message = "reworded";
  CHECK(fingerprint(moved) == id);

  Finding other = f;
  other.cls = "regression";
  CHECK(fingerprint(other) != id);
  Finding other_value = f;
  other_value.evidence[1].value = {{"min", 27709}, {"max", 27709}};
  CHECK(fingerprint(other_value) != id);
}

TEST_CASE("findings round-trip with `class` as the JSON name") {
  Finding f;
  f.id = "quantity-0123";
  f.kind = "quantity";
  f.cls = "contradiction";
  f.severity = Severity::error;
  f.evidence.push_back(evidence_of(ArticleMeta{"a", "a.md"}, sample_fact()));
  const json j = f;
  CHECK(j["class"] == "contradiction");
  CHECK(j["severity"] == "error");
  CHECK(j["evidence"][0]["file"] == "a.md");
  CHECK(j["evidence"][0]["end_column"] == 20);
  const Finding back = j.get<Finding>();
  CHECK(back.cls == "contradiction");
  CHECK(back.severity == Severity::error);
  CHECK(back.evidence[0].as_of == "2024-04-18");
}

TEST_CASE("decode_json_escape: every escape, surrogate pairs, and what is not an escape") {
  auto dec = [](std::string_view after_backslash, std::string& out) -> std::optional<std::size_t> {
    const char* end = after_backslash.data() + after_backslash.size();
    const char* p = tadqiq::decode_json_escape(after_backslash.data(), end, out);
    if (!p) return std::nullopt;
    return static_cast<std::size_t>(p - after_backslash.data());
  };
  std::string out;
  for (const auto& [in, want] : std::vector<std::pair<std::string, std::string>>{
           {"\"", "\""}, {"\\", "\\"}, {"/", "/"}, {"b", "\b"}, {"f", "\f"}, {"n", "\n"}, {"r", "\r"}, {"t", "\t"}}) {
    out.clear();
    CHECK(dec(in + "rest", out) == std::optional<std::size_t>(1));
    CHECK(out == want);
  }
  out.clear();
  CHECK(dec("u0627x", out) == std::optional<std::size_t>(5));  // ARABIC LETTER ALEF
  CHECK(out == "\xD8\xA7");
  out.clear();
  CHECK(dec("ud83d\\ude00", out) == std::optional<std::size_t>(11));  // U+1F600, a pair
  CHECK(out == "\xF0\x9F\x98\x80");
  out = "kept";
  CHECK(!dec("ude00", out));         // a lone low surrogate
  CHECK(!dec("ud83d", out));         // a high one at the end
  CHECK(!dec("ud83dx", out));        // a high one not followed by \u
  CHECK(!dec("ud83d\\u0041", out));  // a high one followed by no low one
  CHECK(!dec("u12", out));           // too few digits
  CHECK(!dec("u12g4", out));         // not a hex digit
  CHECK(!dec("x", out));             // not an escape letter
  CHECK(!dec("", out));              // the end of input
  CHECK(out == "kept");
}

TEST_CASE("a span, suppression or record number out of its integer type's range is an error, not undefined behaviour") {
  // Found by fuzz_sheets (UBSan): "end_line": 2.2e86 went through nlohmann's double-to-int
  // conversion, which is undefined for a value out of range.
  nlohmann::json span = {{"start", 1}, {"end", 2}, {"line", 3}, {"column", 4}};
  CHECK(span.get<Span>().end_line == 3);
  span["end_line"] = 7.9;  // a fraction is truncated, as before
  CHECK(span.get<Span>().end_line == 7);
  span["end_line"] = 2.2e86;
  CHECK_THROWS_AS(span.get<Span>(), std::runtime_error);
  span["end_line"] = 7;
  span["start"] = -1.5;
  CHECK_THROWS_AS(span.get<Span>(), std::runtime_error);
  span["start"] = 1;
  span.erase("column");
  CHECK_THROWS(span.get<Span>());
  CHECK_THROWS(nlohmann::json(5).get<Span>());
  CHECK_THROWS(nlohmann::json::object({{"first_line", 1e300}}).get<Suppression>());
  CHECK(nlohmann::json::object().get<Suppression>().first_line == 1);
  CHECK_THROWS(nlohmann::json::object({{"id", "a"}, {"record", -1e30}}).get<ArticleMeta>());
}
