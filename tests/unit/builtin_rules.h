// tests/unit/builtin_rules.h — the built-in rule set, loaded once per test binary (include
// after <doctest/doctest.h>).
#pragma once

#include <vector>

#include "rules/rules.h"

namespace tadqiq::test {

// The rules/ folder the binary finds (as `tadqiq` does); a loading error fails the test.
inline const rules::RuleSet& builtin() {
  static const rules::RuleSet rs = [] {
    std::vector<rules::RuleError> errors;
    auto r = rules::RuleSet::load({*rules::builtin_rules_dir("tadqiq")}, errors);
    REQUIRE(errors.empty());
    return r;
  }();
  return rs;
}

}  // namespace tadqiq::test
