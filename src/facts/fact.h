// tadqiq/facts/fact.h — a fact extracted from one article, and the fact sheet holding them.
//
// JSON schema `tadqiq.factsheet/1`, documented field by field in docs/fact-sheet.md.
// Fields are only ever added, never renamed or removed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "facts/article.h"
#include "facts/fact_json.h"
#include "facts/shared_string.h"

namespace tadqiq {

inline constexpr const char* kFactSheetSchema = "tadqiq.factsheet/1";

// Where a fact sits in the article. start/end are byte offsets into the input (see
// article.h); line/column (1-based, column in code points) are those of `start`;
// end_line/end_column those of the last code point's end (exclusive column).
struct Span {
  std::size_t start = 0;
  std::size_t end = 0;
  int line = 0;
  int column = 0;
  int end_line = 0;
  int end_column = 0;
};

struct Fact {
  std::string id;       // stable within a sheet: "<type>-<n>"
  std::string type;     // "number", "quantity", "ordinal", "date", "quote", "title", "name", ...
  std::string key;      // alignment key across articles ("" when the fact is not comparable)
  FactJson value;       // type-specific; numbers: {"min": x, "max": y}
  Span span;
  std::string text;     // the original bytes of the span
  SharedString sentence; // the original text of the sentence holding it (shared by its facts)
  std::optional<std::string> as_of;  // ISO date the fact holds at, when known
  FactJson attributes = FactJson::object();  // type-specific extras

  // Transient, never serialized: the fact's range in the matching view of its article while
  // extraction runs, so that later extractors can build on earlier facts.
  std::size_t view_begin = 0;
  std::size_t view_end = 0;
};

// An inline suppression in the article (`<!-- tadqiq-ignore KIND... -->` before a paragraph,
// `<!-- tadqiq-ignore-file KIND... -->` for the whole file): findings of those kinds (all kinds
// when `kinds` is empty) with evidence on lines [first_line, last_line] are reported as
// suppressed. last_line 0 = to the end of the file.
struct Suppression {
  std::vector<std::string> kinds;
  int first_line = 1;
  int last_line = 0;
  int directive_line = 0;  // where the comment is
  bool covers(const std::string& kind, int line) const;
};

// Article metadata as carried in a fact sheet (no body text).
struct ArticleMeta {
  std::string id, path, format, encoding, title, date, source, url, sha256;
  std::size_t record = 0;
  nlohmann::json meta = nlohmann::json::object();
  std::vector<Suppression> suppressions;
};

ArticleMeta meta_of(const Article& a);

struct FactSheet {
  ArticleMeta article;
  std::vector<Fact> facts;
};

void to_json(nlohmann::json& j, const Span& s);
void from_json(const nlohmann::json& j, Span& s);
void to_json(nlohmann::json& j, const Fact& f);
void from_json(const nlohmann::json& j, Fact& f);
void to_json(nlohmann::json& j, const Suppression& s);
void from_json(const nlohmann::json& j, Suppression& s);
void to_json(nlohmann::json& j, const ArticleMeta& a);
void from_json(const nlohmann::json& j, ArticleMeta& a);
void to_json(nlohmann::json& j, const FactSheet& s);
// Throws std::runtime_error naming the problem when `j` is not a tadqiq.factsheet/1 sheet.
void from_json(const nlohmann::json& j, FactSheet& s);

}  // namespace tadqiq
