// tadqiq/report/report.h — writers of findings: text (compiler style), JSON
// (tadqiq.report/1), HTML, SARIF 2.1.0 and GitHub workflow commands (docs/report-format.md).
// Writers only read facts and findings.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "facts/finding.h"
#include "report/series.h"

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
  // Dated series of figures, drawn as timelines by the HTML writer (filled from the fact
  // sheets by check and compare for --format html; empty otherwise).
  std::vector<Series> series;
  // Pre-publication mode (`check DRAFT... --against ARCHIVE...`): the ids of the drafts. The
  // HTML report opens with them and lists the findings involving a draft first, with the
  // draft's evidence first.
  std::vector<std::string> drafts;
  // The articles a run is about (the drafts, or the articles changed since --changed REV):
  // GitHub annotations go on their evidence, where a pull request shows them.
  std::vector<std::string> focus;
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

struct HtmlOptions {
  std::string lang = "en";  // interface language ("en" | "ar"): sets <html lang/dir>
  // Interface strings (rules/i18n/LANG.yaml over rules/i18n/en.yaml); a missing one shows its key.
  std::map<std::string, std::string> strings;
  std::size_t max_series = 50;  // timelines drawn (those with findings first); the rest are counted
};

// The data the HTML template is rendered with (exposed for tests).
nlohmann::json html_data(const Report& r, const HtmlOptions& o);
// One self-contained HTML page (inline CSS, JS and SVG; no network request), rendered from the
// template embedded at build time (templates/report.html.mustache, templates/report.js).
void write_html(const Report& r, std::ostream& out, const HtmlOptions& o);
// JSON for a <script type="application/json"> block: `<`, `>` and `&` written as \u escapes,
// so no text inside can close the block.
std::string json_for_script(const nlohmann::json& j);

// SARIF 2.1.0: one run, one rule per check, one result per finding (suppressed ones carry an
// inSource suppression); input errors as tool execution notifications.
nlohmann::json to_sarif(const Report& r);
void write_sarif(const Report& r, std::ostream& out);

// GitHub Actions workflow commands: one ::error/::warning/::notice line per finding in force, on
// its first evidence from a focus article (else its first evidence).
void write_github(const Report& r, std::ostream& out);
// Escaping of a command's message (% CR LF) and of a property value (also : and ,).
std::string github_escape_data(std::string_view s);
std::string github_escape_property(std::string_view s);

}  // namespace tadqiq::report
