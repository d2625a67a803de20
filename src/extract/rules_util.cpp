#include "extract/rules_util.h"

namespace tadqiq::extract {

std::vector<std::string> clitics(const rules::RuleSet& rs) {
  // Asked for by every lexicon an extractor builds: read once per rules content, per thread.
  thread_local std::string version;
  thread_local std::vector<std::string> last;
  if (!version.empty() && version == rs.version()) return last;
  const auto doc = rs.doc("arabic.yaml");
  std::vector<std::string> out;
  if (doc) out = rules::strings_of(rs, "arabic.yaml", doc["clitics"]);
  last = out;
  version = rs.version();
  return out;
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
