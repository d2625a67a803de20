// tadqiq/extract/extractors/extractors.h — factories of the built-in extractors.
// Each is documented in docs/extractors/NAME.md and tested in tests/fixtures/extract/NAME/.
#pragma once

#include <memory>

#include "extract/extractor.h"

namespace tadqiq::extract {

// Figures written in digits (any script), with scale words and bounds: facts of type "number".
std::unique_ptr<Extractor> make_numbers_extractor(const rules::RuleSet& rules);
// Ordinal words and relative ordinals ("number" facts of kind ordinal) and counted series
// (facts of type "ordinal"). See docs/extractors/ordinals.md.
std::unique_ptr<Extractor> make_ordinals_extractor(const rules::RuleSet& rules);
// Dates, periods and durations, resolved against the article's reference date: facts of type
// "date" and "duration" (reads "number" facts).
std::unique_ptr<Extractor> make_dates_extractor(const rules::RuleSet& rules);
// What a figure counts: facts of type "quantity" built on "number" facts.
std::unique_ptr<Extractor> make_quantities_extractor(const rules::RuleSet& rules);
// People and organisations, grouped across spellings: facts of type "name".
std::unique_ptr<Extractor> make_names_extractor(const rules::RuleSet& rules);
// Titles of office tied to a person: facts of type "title" (reads "name" facts).
std::unique_ptr<Extractor> make_titles_extractor(const rules::RuleSet& rules);
// Quoted words with their speakers: facts of type "quote" (reads "name" facts).
std::unique_ptr<Extractor> make_quotes_extractor(const rules::RuleSet& rules);
// Meetings, talks, calls, visits, arrivals and summits with participants, place and date:
// facts of type "event" (reads "date" and "name" facts). See docs/extractors/events.md.
std::unique_ptr<Extractor> make_events_extractor(const rules::RuleSet& rules);

}  // namespace tadqiq::extract
