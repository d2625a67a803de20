#include "extract/rules_util.h"

namespace tadqiq::extract {

std::vector<std::string> clitics(const rules::RuleSet& rs) {
  const auto doc = rs.doc("arabic.yaml");
  if (!doc) return {};
  return rules::strings_of(rs, "arabic.yaml", doc["clitics"]);
}

YAML::Node require_doc(const rules::RuleSet& rs, const std::string& name) {
  auto doc = rs.doc(name);
  if (!doc || !doc.IsMap())
    throw rules::RuleShapeError({name, 0, 0, "required rules file is missing or not a mapping"});
  return doc;
}

void add_phrases(const rules::RuleSet& rs, const std::string& doc, const YAML::Node& node,
                 int payload, PhraseSet& set) {
  for (const auto& s : rules::strings_of(rs, doc, node)) set.add(s, payload);
}

double number_of(const rules::RuleSet& rs, const std::string& doc, const YAML::Node& node) {
  try {
    if (node && node.IsScalar()) return node.as<double>();
  } catch (const YAML::Exception&) {
  }
  throw rules::RuleShapeError(rs.error_at(doc, node, "expected a number"));
}

}  // namespace tadqiq::extract
