#include "compare/checks/checks.h"
#include "compare/compare.h"
#include "compare/check_config.h"

namespace tadqiq::compare {

Checks make_checks(const rules::RuleSet& rules) {
  Checks out;
  // Across articles, per key.
  if (check_enabled(rules, "quantity")) out.across.push_back(make_quantity_check(rules));
  if (check_enabled(rules, "ordinal")) out.across.push_back(make_ordinal_check(rules));
  if (check_enabled(rules, "title")) out.across.push_back(make_title_check(rules));
  if (check_enabled(rules, "quote")) {
    out.across.push_back(make_quote_check(rules));
    out.across.push_back(make_quote_attribution_check(rules));
  }
  if (check_enabled(rules, "name_variant")) out.across.push_back(make_name_variant_check(rules));
  if (check_enabled(rules, "date")) out.across.push_back(make_date_check(rules));
  // Within one article.
  if (check_enabled(rules, "date_consistency")) out.within.push_back(make_date_consistency_check(rules));
  if (check_enabled(rules, "name_spelling")) out.within.push_back(make_name_spelling_check(rules));
  return out;
}

}  // namespace tadqiq::compare
