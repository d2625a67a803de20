// tadqiq/extract/suppressions.h — inline suppression directives in article text.
//
//   <!-- tadqiq-ignore quantity title -->        the next non-blank line (paragraph)
//   <!-- tadqiq-ignore-file quantity -->         the whole file
// Kinds are finding kinds (quantity, ordinal, date, title, quote, name); none = every kind.
// Paragraphs are lines, as everywhere in tadqiq (docs/normalization.md).
#pragma once

#include <vector>

#include "facts/article.h"
#include "facts/fact.h"

namespace tadqiq::extract {

std::vector<Suppression> find_suppressions(const Article& a);

}  // namespace tadqiq::extract
