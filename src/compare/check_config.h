// tadqiq/compare/check_config.h — reading a check's settings from rules/checks.yaml.
#pragma once

#include <string>

#include "facts/finding.h"
#include "rules/rules.h"

namespace tadqiq::compare {

// The `checks.NAME` node of checks.yaml (null when absent).
YAML::Node check_config(const rules::RuleSet& rules, const std::string& name);
// `enabled` (default true).
bool check_enabled(const rules::RuleSet& rules, const std::string& name);
// `severity.CLASS`, or `fallback` when not set; a bad value is a RuleShapeError.
Severity class_severity(const rules::RuleSet& rules, const std::string& name,
                        const std::string& cls, Severity fallback);
// A number setting, or `fallback`.
double check_number(const rules::RuleSet& rules, const std::string& name, const std::string& key,
                    double fallback);

// A string member of a JSON object (fact values and attributes), or "" when it is absent,
// null or not a string.
std::string str_of(const FactJson& j, const char* key);

}  // namespace tadqiq::compare
