// tadqiq/compare/checks/checks.h — factories of the built-in checks.
// Each check is three things side by side: src/compare/checks/NAME.cpp,
// docs/checks/NAME.md and tests/fixtures/checks/NAME/.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "compare/compare.h"

namespace tadqiq::compare {

// A whole number read from a fact's JSON number, for a check that counts with it. A value
// beyond what the check can count with (a sheet not written by tadqiq: 1e300) throws
// std::out_of_range naming `what`, which the comparator reports as a fact it cannot read
// (compare.h); converting it would be undefined behaviour.
inline long long whole_number(double x, const char* what) {
  if (!(x > -9.0e15 && x < 9.0e15)) throw std::out_of_range(std::string(what) + " out of range");
  return static_cast<long long>(x);
}

std::unique_ptr<Check> make_quantity_check(const rules::RuleSet& rules);
std::unique_ptr<Check> make_ordinal_check(const rules::RuleSet& rules);
// One person given conflicting offices across articles (title facts).
std::unique_ptr<Check> make_title_check(const rules::RuleSet& rules);
// One event (same class, participants, place) dated differently across articles (event facts).
std::unique_ptr<Check> make_date_check(const rules::RuleSet& rules);
// One speaker's words quoted differently across articles (quote facts, class variant).
std::unique_ptr<Check> make_quote_check(const rules::RuleSet& rules);
// The same words given to different speakers (quote_text facts, class misattribution).
std::unique_ptr<Check> make_quote_attribution_check(const rules::RuleSet& rules);
// One person spelled differently across articles (name facts).
std::unique_ptr<Check> make_name_variant_check(const rules::RuleSet& rules);
// Within one article: one person's name spelled two ways (name facts).
std::unique_ptr<SheetCheck> make_name_spelling_check(const rules::RuleSet& rules);
// Within one article: dates against themselves (weekdays, relative days, war days, Hijri pairs).
std::unique_ptr<SheetCheck> make_date_consistency_check(const rules::RuleSet& rules);

}  // namespace tadqiq::compare
