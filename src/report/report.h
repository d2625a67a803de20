// tadqiq/report/report.h — writers of findings: text (compiler style) and JSON
// (tadqiq.report/1, docs/report-format.md). Writers only read facts and findings.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "facts/finding.h"

namespace tadqiq::report {

struct ArticleSummary {
  ArticleMeta article;
  std::size_t facts = 0;
};

struct Report {
  std::vector<ArticleSummary> articles;
  std::vector<Finding> findings;   // suppressed ones included (marked)
  std::vector<InputError> errors;
  std::size_t baselined = 0;       // findings left out because a baseline holds them
};

nlohmann::json summary_json(const Report& r);
nlohmann::json to_json(const Report& r);

void write_json(const Report& r, std::ostream& out);

// One finding per line (JSON objects as in the report's `findings`), nothing else: outputs of
// shards and reducers concatenate.
void write_jsonl(const Report& r, std::ostream& out);

// `file:line:col: severity: message [kind/class]`, then one indented line per evidence with
// its sentence; ANSI colours when `color`. Suppressed findings are only counted. Ends with a
// one-line summary.
void write_text(const Report& r, std::ostream& out, bool color);

}  // namespace tadqiq::report
