#include "compare/checks/checks.h"
#include "compare/compare.h"
#include "compare/check_config.h"

namespace tadqiq::compare {

Checks make_checks(const rules::RuleSet& rules) {
  Checks out;
  // Across articles, per key.
  if (check_enabled(rules, "quantity")) out.across.push_back(make_quantity_check(rules));
  // Within one article.
  return out;
}

}  // namespace tadqiq::compare
