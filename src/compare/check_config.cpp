#include "compare/check_config.h"

namespace tadqiq::compare {

namespace {
constexpr const char* kDoc = "checks.yaml";
}

YAML::Node check_config(const rules::RuleSet& rules, const std::string& name) {
  const auto doc = rules.doc(kDoc);
  if (!doc || !doc["checks"]) return YAML::Node();
  return doc["checks"][name];
}

bool check_enabled(const rules::RuleSet& rules, const std::string& name) {
  const auto c = check_config(rules, name);
  if (!c || !c["enabled"]) return true;
  try {
    return c["enabled"].as<bool>();
  } catch (const YAML::Exception&) {
    throw rules::RuleShapeError(rules.error_at(kDoc, c["enabled"], "expected true or false"));
  }
}

Severity class_severity(const rules::RuleSet& rules, const std::string& name,
                        const std::string& cls, Severity fallback) {
  const auto c = check_config(rules, name);
  if (!c || !c["severity"] || !c["severity"][cls]) return fallback;
  const auto node = c["severity"][cls];
  if (auto s = severity_from_string(node.as<std::string>(""))) return *s;
  throw rules::RuleShapeError(rules.error_at(kDoc, node, "expected error, warning or info"));
}

double check_number(const rules::RuleSet& rules, const std::string& name, const std::string& key,
                    double fallback) {
  const auto c = check_config(rules, name);
  if (!c || !c[key]) return fallback;
  try {
    return c[key].as<double>();
  } catch (const YAML::Exception&) {
    throw rules::RuleShapeError(rules.error_at(kDoc, c[key], "expected a number"));
  }
}

std::string str_of(const FactJson& j, const char* key) {
  if (!j.is_object()) return "";
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace tadqiq::compare
