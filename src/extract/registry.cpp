#include "extract/extractor.h"
#include "extract/extractors/extractors.h"

namespace tadqiq::extract {

std::vector<std::unique_ptr<Extractor>> make_extractors(const rules::RuleSet& rules) {
  std::vector<std::unique_ptr<Extractor>> out;
  out.push_back(make_numbers_extractor(rules));
  out.push_back(make_ordinals_extractor(rules));  // reads "number" facts (role ordinal)
  out.push_back(make_dates_extractor(rules));  // reads "number" facts (days, years, amounts)
  out.push_back(make_quantities_extractor(rules));  // reads "number" facts
  out.push_back(make_names_extractor(rules));
  out.push_back(make_titles_extractor(rules));  // reads "name" facts (ids)
  out.push_back(make_quotes_extractor(rules));  // reads "name" facts (ids)
  out.push_back(make_events_extractor(rules));  // reads "date" and "name" facts
  return out;
}

}  // namespace tadqiq::extract
