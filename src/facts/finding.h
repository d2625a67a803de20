// tadqiq/facts/finding.h — a discrepancy between facts, and the report holding findings.
//
// JSON schema `tadqiq.report/1`, documented in docs/report-format.md. Fields are only
// ever added, never renamed or removed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "facts/fact.h"

namespace tadqiq {

inline constexpr const char* kReportSchema = "tadqiq.report/1";

enum class Severity { info = 0, warning = 1, error = 2 };
const char* to_string(Severity s);
// "info" | "warning" | "error"; std::nullopt otherwise.
std::optional<Severity> severity_from_string(const std::string& s);

struct Evidence {
  std::string file;     // article path
  std::string article;  // article id
  int line = 0, column = 0, end_line = 0, end_column = 0;
  std::string text;      // original text of the fact
  std::string sentence;  // original sentence
  nlohmann::json value;
  std::optional<std::string> as_of;
  std::string fact;  // fact id in the article's sheet
};

struct Finding {
  std::string id;           // stable fingerprint: same finding, same id across runs
  std::string check;        // name of the check that produced it
  std::string kind;         // quantity | ordinal | date | title | quote | name
  std::string cls;          // "class" in JSON: contradiction, update, regression, variant, mismatch, ...
  Severity severity = Severity::info;
  std::string key;
  std::string message;
  std::vector<Evidence> evidence;
  // Set when an inline suppression in an article of the evidence covers the finding: it is
  // still reported (JSON, SARIF) but never fails a run. `suppressed_by` says where.
  bool suppressed = false;
  std::string suppressed_by;  // "FILE:LINE" of the directive
};

// A finding with its identity set (check name, kind, class, severity, key); the check adds the
// message and the evidence.
Finding make_finding(std::string_view check, std::string_view kind, std::string_view cls, Severity severity,
                     std::string_view key);

// An input problem: reported, never silently dropped.
struct InputError {
  std::string file;
  std::optional<std::size_t> offset;  // byte offset when it applies
  std::size_t record = 0;             // JSONL line, when it applies
  std::string message;
};

void to_json(nlohmann::json& j, const Evidence& e);
void from_json(const nlohmann::json& j, Evidence& e);
void to_json(nlohmann::json& j, const Finding& f);
void from_json(const nlohmann::json& j, Finding& f);
void to_json(nlohmann::json& j, const InputError& e);

// Evidence for a fact of an article.
Evidence evidence_of(const ArticleMeta& a, const Fact& f);

// Computes the stable id of a finding from check, key, class and the evidence's
// (article id, fact text, value) — never from line numbers or run order.
std::string fingerprint(const Finding& f);

}  // namespace tadqiq
