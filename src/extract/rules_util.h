// tadqiq/extract/rules_util.h — compiling rules documents into lexicons, for extractors.
#pragma once

#include <string>
#include <vector>

#include "extract/lexicon.h"
#include "rules/rules.h"

namespace tadqiq::extract {

// The clitic prefixes of arabic.yaml (empty when absent).
std::vector<std::string> clitics(const rules::RuleSet& rs);

// A document that must exist; throws RuleShapeError naming it otherwise.
YAML::Node require_doc(const rules::RuleSet& rs, const std::string& name);

// A PhraseSet of every string in `node` (a list, or a scalar) with `payload`, added to `set`.
void add_phrases(const rules::RuleSet& rs, const std::string& doc, const YAML::Node& node,
                 int payload, PhraseSet& set);

// A number that must be there: throws RuleShapeError naming the node otherwise.
double number_of(const rules::RuleSet& rs, const std::string& doc, const YAML::Node& node);

}  // namespace tadqiq::extract
