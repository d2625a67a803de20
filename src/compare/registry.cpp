#include "compare/checks/checks.h"
#include "compare/compare.h"
#include "compare/check_config.h"

namespace tadqiq::compare {

std::vector<std::unique_ptr<Check>> make_checks(const rules::RuleSet& rules) {
  std::vector<std::unique_ptr<Check>> out;
  if (check_enabled(rules, "quantity")) out.push_back(make_quantity_check(rules));
  return out;
}

}  // namespace tadqiq::compare
