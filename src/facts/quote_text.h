// tadqiq/facts/quote_text.h — the words of a quote for comparison, and its content keys.
//
// A contract shared by the quotes extractor (which emits `quote_text` facts under content keys)
// and the quote check (which compares quote wordings); documented in docs/fact-sheet.md and
// docs/checks/quote.md.
//  * words: a quote's `value.normalized` split on spaces (the matching view: diacritics,
//    tatweel, punctuation, hamza seats and alef forms, ة/ه, ى/ي already folded).
//  * stem of a word: the word without the longest clitic prefix (rules/arabic.yaml `clitics`)
//    that leaves at least two letters; otherwise the word itself. "لسلام" and "للسلام" share
//    the stem "سلام".
//  * content keys: the hashes (FNV-1a, 16 hex digits) of the quote's distinct stems, the
//    floor(difference × words) + 1 smallest of them. If each of two quotes has at most that
//    many stems the other lacks (near-identical quotes: at most a `difference` share of their
//    words reworded, added or dropped), the smallest stem they share is among the keys of both
//    (a stem smaller than it is one the other lacks), so they share a key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tadqiq::quote_text {

std::vector<std::string> split_words(std::string_view normalized);

// `clitics` sorted longest first (see sort_clitics).
std::string stem(std::string_view word, const std::vector<std::string>& clitics);
void sort_clitics(std::vector<std::string>& clitics);

std::vector<std::string> content_keys(const std::vector<std::string>& stems, double difference);

// stem() as a view into `word`.
std::string_view stem_view(std::string_view word, const std::vector<std::string>& clitics);

// content_keys() of the stems of split_words(normalized), without building the words and stems;
// `words` receives their number.
std::vector<std::string> content_keys_of(std::string_view normalized, const std::vector<std::string>& clitics,
                                         double difference, std::size_t& words);

}  // namespace tadqiq::quote_text
