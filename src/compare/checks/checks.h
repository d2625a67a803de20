// tadqiq/compare/checks/checks.h — factories of the built-in checks.
// Each check is three things side by side: src/compare/checks/NAME.cpp,
// docs/checks/NAME.md and tests/fixtures/checks/NAME/.
#pragma once

#include <memory>

#include "compare/compare.h"

namespace tadqiq::compare {

std::unique_ptr<Check> make_quantity_check(const rules::RuleSet& rules);

}  // namespace tadqiq::compare
