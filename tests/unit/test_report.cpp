// Report writers: the JSON contract and the compiler-style text layout.
#include <doctest/doctest.h>

#include <sstream>

#include "report/report.h"

using namespace tadqiq;
using nlohmann::json;

namespace {
report::Report sample() {
  report::Report r;
  ArticleMeta a{"a", "dir/a.md"};
  r.articles.push_back({a, 3});
  r.articles.push_back({ArticleMeta{"b", "dir/b.md"}, 2});
  Finding f;
  f.id = "quantity-1";
  f.kind = "quantity";
  f.cls = "regression";
  f.severity = Severity::error;
  f.key = "killed/gaza/cumulative";
  f.message = "falls";
  Evidence e;
  e.file = "dir/a.md";
  e.line = 4;
  e.column = 7;
  e.text = "30,000 شهيد";
  e.sentence = "بلغت الحصيلة 30,000 شهيد.";
  e.as_of = "2024-03-01";
  f.evidence.push_back(e);
  r.findings.push_back(f);
  InputError err;
  err.file = "dir/bad.txt";
  err.offset = 11;
  err.message = "not valid UTF-8";
  r.errors.push_back(err);
  return r;
}
}  // namespace

TEST_CASE("JSON report: schema, articles with fact counts, findings, errors and summary") {
  const json j = report::to_json(sample());
  CHECK(j["schema"] == "tadqiq.report/1");
  CHECK(j["articles"][0]["facts"] == 3);
  CHECK(j["findings"][0]["class"] == "regression");
  CHECK(j["errors"][0]["offset"] == 11);
  CHECK(j["summary"]["articles"] == 2);
  CHECK(j["summary"]["facts"] == 5);
  CHECK(j["summary"]["by_severity"]["error"] == 1);
  CHECK(j["summary"]["by_severity"]["info"] == 0);
  CHECK(j["summary"]["by_kind"]["quantity"] == 1);
  CHECK(j["summary"]["errors"] == 1);
}

TEST_CASE("text report: compiler-style lines, evidence, errors and a summary; colour only on request") {
  std::ostringstream plain, colored;
  report::write_text(sample(), plain, false);
  report::write_text(sample(), colored, true);
  const std::string p = plain.str();
  CHECK(p.find("dir/a.md:4:7: error: falls [quantity/regression]\n") == 0);
  CHECK(p.find("    dir/a.md:4:7: 30,000 شهيد (as of 2024-03-01)\n") != std::string::npos);
  CHECK(p.find("        بلغت الحصيلة 30,000 شهيد.\n") != std::string::npos);
  CHECK(p.find("dir/bad.txt: byte 11: input error: not valid UTF-8") != std::string::npos);
  CHECK(p.find("2 articles, 5 facts: 1 errors, 0 warnings, 0 info; 1 unreadable inputs") != std::string::npos);
  CHECK(p.find('\x1b') == std::string::npos);
  CHECK(colored.str().find('\x1b') != std::string::npos);
}
