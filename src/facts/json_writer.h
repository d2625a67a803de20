// tadqiq/facts/json_writer.h — fast serialization of fact sheets.
//
// Contract: append_sheet_json(out, s) appends exactly what nlohmann::json(s).dump() gives
// (compact, keys in the same order, same escaping, ensure_ascii off), without building the
// JSON tree: extraction output is dominated by serialization otherwise. Invalid UTF-8 in a
// string is written as U+FFFD.
#pragma once

#include <string>

#include "facts/fact.h"
#include "facts/finding.h"

namespace tadqiq {

void append_sheet_json(std::string& out, const FactSheet& s);
void append_fact_json(std::string& out, const Fact& f);
void append_article_json(std::string& out, const ArticleMeta& a);
// A finding as nlohmann::json(f).dump(-1, ' ', false, replace) writes it (JSONL reports).
void append_finding_json(std::string& out, const Finding& f);
// A JSON string literal (with quotes).
void append_json_string(std::string& out, std::string_view s);

// Pieces shared by the writers above: an integer, and an object key with its colon, as
// nlohmann's compact dump writes them.
namespace json_detail {
void append_int(std::string& out, long long v);
void key(std::string& out, const char* k);
}  // namespace json_detail

}  // namespace tadqiq
