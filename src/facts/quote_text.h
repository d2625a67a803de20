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
//  * content keys: winnowing (Schleimer et al., 2003) over the hashes of every `shingle`
//    consecutive stems: in each window of `window` consecutive shingle hashes the smallest is
//    selected. The keys are the distinct selected hashes as 16 hex digits, sorted. Two quotes
//    that share a run of at least shingle + window − 1 stems share at least one key; a quote
//    shorter than that has the smallest of its shingle hashes (the hash of all its stems when it
//    is shorter than one shingle).
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

std::vector<std::string> content_keys(const std::vector<std::string>& stems, int shingle, int window);

}  // namespace tadqiq::quote_text
