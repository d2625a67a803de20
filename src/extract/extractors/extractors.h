// tadqiq/extract/extractors/extractors.h — factories of the built-in extractors.
// Each is documented in docs/extractors/NAME.md and tested in tests/fixtures/extract/NAME/.
#pragma once

#include <memory>

#include "extract/extractor.h"

namespace tadqiq::extract {

// Figures written in digits (any script), with scale words and bounds: facts of type "number".
std::unique_ptr<Extractor> make_numbers_extractor(const rules::RuleSet& rules);
// What a figure counts: facts of type "quantity" built on "number" facts.
std::unique_ptr<Extractor> make_quantities_extractor(const rules::RuleSet& rules);

}  // namespace tadqiq::extract
