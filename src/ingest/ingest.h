// tadqiq/ingest/ingest.h — paths, stdin, Markdown front matter, JSONL, encodings → Article.
//
// Contract:
//  * Never throws for bad input: every problem becomes an InputError naming the file (and the
//    byte offset, or the JSONL record line, where it applies); the other inputs still load.
//  * Knows nothing of facts or normalization.
//  * Output order is deterministic: paths in the order given, directory entries sorted by
//    name (byte order), JSONL records in file order.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "facts/article.h"
#include "facts/finding.h"

namespace tadqiq::ingest {

struct Options {
  // "" = automatic: UTF-8 (BOM dropped) or UTF-16LE/BE with BOM; anything else that is not
  // valid UTF-8 is an error. Otherwise an ICU converter name (e.g. "windows-1256") used
  // for every input.
  std::string encoding;
  // Name used for standard input in messages and as default id.
  std::string stdin_name = "-";
  // Format of standard input: "" = Markdown when it starts with a front-matter line, else
  // text; or "markdown", "text", "jsonl".
  std::string stdin_format;
  // Files found by walking a directory are skipped when this returns true (config excludes).
  // Files named explicitly are always read.
  std::function<bool(const std::string& path)> exclude;
};

struct Result {
  std::vector<Article> articles;
  std::vector<InputError> errors;
};

// Expands `paths` (files; directories, recursively, taking *.md, *.markdown, *.txt, *.jsonl;
// "-" for standard input) and loads every article.
Result load(const std::vector<std::string>& paths, const Options& opts);

// ---- Lower-level pieces, exposed for tests and fuzzing. ----

struct Decoded {
  std::string text;            // UTF-8
  std::string encoding;        // "UTF-8", "UTF-16LE", "UTF-16BE", or the forced converter
  std::size_t byte_base = 0;   // bytes dropped at the start (BOM) for UTF-8 input
};

// Decodes raw bytes. On failure returns nullopt and fills `err` (message and byte offset;
// err.file is set to `name`). Rejects empty input, NUL bytes (binary) and invalid UTF-8,
// with a hint to --encoding for the latter.
std::optional<Decoded> decode(std::string_view bytes, std::string_view name,
                              const Options& opts, InputError& err);

// Format from the file name: "markdown" (.md, .markdown), "jsonl" (.jsonl), else "text".
std::string format_of(std::string_view path);

// Fills `a` from a decoded Markdown document: YAML front matter between a first line "---"
// and a closing "---" or "..." line; title/date/source/url/id copied out, every key kept in
// a.meta (values as JSON). A document without front matter is all body. An unterminated or
// invalid front matter is an error (with the offset of the problem); `a.path` must be set.
bool parse_markdown(Article& a, InputError& err);

// Parses one JSONL line (already known to be valid UTF-8) into `a`: fields id, title, date,
// source, url, text (required, string); other fields kept in a.meta.
bool parse_jsonl_record(std::string_view line, Article& a, InputError& err);

// Hex SHA-256 of bytes.
std::string sha256_hex(std::string_view bytes);
// Hex SHA-256 of two inputs, as sha256_hex gives them; faster than two calls where the
// x86 SHA extensions are (the two hashes' rounds interleave).
void sha256_hex_pair(std::string_view a, std::string_view b, std::string& hex_a, std::string& hex_b);

}  // namespace tadqiq::ingest
