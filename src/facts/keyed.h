// tadqiq/facts/keyed.h — keyed lines: the map output of `tadqiq extract --emit keyed` and the
// reduce input of `tadqiq compare --grouped` (Hadoop Streaming, Spark `pipe`, or `sort`).
//
// Contract (docs/scale.md): one line per record, `KEY<TAB>JSON`.
//  * A fact line: KEY = "<fact type>:<fact key>", JSON = {"article": <article meta>, "fact": <fact>}.
//    Only facts with a non-empty key are emitted as fact lines.
//  * A sheet line: KEY = "@sheet:<article id>", JSON = the whole fact sheet, for checks of one
//    article against itself.
//  * Keys never contain a control character (U+0000..U+001F: TAB, CR, LF and the others are
//    replaced by spaces), so every byte of a key sorts after the TAB that ends it: sorting the
//    lines by bytes (LC_ALL=C sort) sorts them by key, as compare --grouped requires, and
//    brings each key's lines together.
#pragma once

#include <string>
#include <string_view>

#include "facts/fact.h"

namespace tadqiq {

inline constexpr std::string_view kSheetKeyPrefix = "@sheet:";

std::string keyed_fact_line(const ArticleMeta& article, const Fact& fact);
std::string keyed_sheet_line(const FactSheet& sheet);

// Splits a line (without its newline) at the first TAB. False when there is no TAB.
bool split_keyed_line(std::string_view line, std::string_view& key, std::string_view& json);

}  // namespace tadqiq
