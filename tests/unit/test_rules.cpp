// Rules loading: layering, merge semantics, located errors, discovery.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "rules/rules.h"

using namespace tadqiq::rules;
namespace fs = std::filesystem;

namespace {
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("tadqiq-rules-" + std::to_string(std::rand()) + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  void write(const std::string& name, const std::string& content) const {
    fs::create_directories((path / name).parent_path());
    std::ofstream(path / name) << content;
  }
};
}  // namespace

TEST_CASE("user rules merge into built-in ones: maps by key, lists concatenated, scalars replaced") {
  TempDir base, user;
  base.write("q.yaml", "categories:\n  killed:\n    nouns: [a, b]\n    weight: 1\n  injured:\n    nouns: [c]\n");
  user.write("q.yaml", "categories:\n  killed:\n    nouns: [d]\n    weight: 2\n  missing:\n    nouns: [e]\n");
  user.write("extra.yaml", "x: 1\n");
  std::vector<RuleError> errors;
  const auto rs = RuleSet::load({base.path, user.path}, errors);
  REQUIRE(errors.empty());
  const auto cats = rs.doc("q.yaml")["categories"];
  CHECK(cats["killed"]["nouns"].size() == 3);
  CHECK(cats["killed"]["nouns"][2].as<std::string>() == "d");
  CHECK(cats["killed"]["weight"].as<int>() == 2);
  CHECK(cats["injured"]["nouns"].size() == 1);
  CHECK(cats["missing"]["nouns"][0].as<std::string>() == "e");
  CHECK(rs.doc("extra.yaml")["x"].as<int>() == 1);
  CHECK_FALSE(rs.doc("absent.yaml"));
  CHECK(rs.names().size() == 2);
}

TEST_CASE("syntax errors carry file:line:column and the other files still load") {
  TempDir d;
  d.write("good.yaml", "a: 1\n");
  d.write("bad.yaml", "a: 1\nb: [unclosed\n");
  d.write("list.yaml", "- 1\n- 2\n");
  std::vector<RuleError> errors;
  const auto rs = RuleSet::load({d.path}, errors);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].file.find("bad.yaml") != std::string::npos);
  CHECK(errors[0].line >= 2);
  CHECK(errors[0].to_string().find("bad.yaml:") != std::string::npos);
  CHECK(errors[1].message.find("mapping") != std::string::npos);
  CHECK(rs.doc("good.yaml")["a"].as<int>() == 1);
}

TEST_CASE("error_at names the layer a node came from") {
  TempDir base, user;
  base.write("c.yaml", "checks:\n  q:\n    a: 1\n");
  user.write("c.yaml", "checks:\n  q:\n\n    b: [x]\n");
  std::vector<RuleError> errors;
  const auto rs = RuleSet::load({base.path, user.path}, errors);
  REQUIRE(errors.empty());
  const auto e1 = rs.error_at("c.yaml", rs.doc("c.yaml")["checks"]["q"]["b"], "bad");
  CHECK(e1.file == (user.path / "c.yaml").string());
  CHECK(e1.line == 4);
  const auto e2 = rs.error_at("c.yaml", rs.doc("c.yaml")["checks"]["q"]["a"], "bad");
  CHECK(e2.file == (base.path / "c.yaml").string());
  CHECK(e2.line == 3);
}

TEST_CASE("strings_of accepts a list or a scalar and rejects other shapes with a location") {
  TempDir d;
  d.write("s.yaml", "list: [a, b]\none: c\nbad: {x: 1}\nnested: [[a]]\n");
  std::vector<RuleError> errors;
  const auto rs = RuleSet::load({d.path}, errors);
  const auto doc = rs.doc("s.yaml");
  CHECK(strings_of(rs, "s.yaml", doc["list"]).size() == 2);
  CHECK(strings_of(rs, "s.yaml", doc["one"]) == std::vector<std::string>{"c"});
  CHECK(strings_of(rs, "s.yaml", doc["missing"]).empty());
  CHECK_THROWS_AS(strings_of(rs, "s.yaml", doc["bad"]), RuleShapeError);
  try {
    strings_of(rs, "s.yaml", doc["nested"]);
    FAIL("expected a RuleShapeError");
  } catch (const RuleShapeError& e) {
    CHECK(e.error().line == 4);
  }
}

TEST_CASE("a missing folder is an error; the version changes with content") {
  TempDir d;
  d.write("a.yaml", "a: 1\n");
  std::vector<RuleError> errors;
  const auto v1 = RuleSet::load({d.path}, errors).version();
  RuleSet::load({d.path / "nope"}, errors);
  CHECK(errors.size() == 1);
  d.write("a.yaml", "a: 2\n");
  errors.clear();
  CHECK(RuleSet::load({d.path}, errors).version() != v1);
}

TEST_CASE("the built-in rules are found and all load cleanly") {
  const auto dir = builtin_rules_dir("tadqiq");
  REQUIRE(dir.has_value());
  std::vector<RuleError> errors;
  const auto rs = RuleSet::load({*dir}, errors);
  CHECK(errors.empty());
  CHECK(rs.doc("quantities.yaml")["categories"]["killed"]);
}
