// tadqiq/facts/article.h — one news article as read from outside input.
//
// Contract:
//  * `text` is the whole document as UTF-8 (transcoded when the input was UTF-16 or a
//    legacy charset; a UTF-8 BOM is dropped). For Markdown it still contains the front
//    matter: the body is text[body_begin, text.size()). For JSONL it is the `text` field of
//    the record and body_begin is 0.
//  * Offsets reported in facts (`Span::start/end`) are byte offsets into `text` plus
//    `byte_base`. For UTF-8 files `byte_base` is the BOM length (0 or 3), so offsets are
//    offsets into the file's original bytes. For transcoded input, offsets refer to the
//    UTF-8 transcoding and `encoding` says what the file was.
//  * Lines and columns (1-based, columns in Unicode code points) are counted in `text`
//    and therefore match the file as an editor shows it. For JSONL, lines count inside the
//    record's text and `record` is the 1-based line of the record in the file.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace tadqiq {

struct Article {
  std::string id;      // front matter `id`, JSONL `id`, else the path (plus #record for JSONL)
  std::string path;    // as given on the command line ("-" for stdin)
  std::string format;  // "markdown", "text" or "jsonl"
  std::string encoding = "UTF-8";  // what the input was before transcoding
  std::size_t record = 0;          // JSONL: 1-based line number of the record; else 0

  // Metadata. Empty string when absent.
  std::string title;
  std::string date;    // as written (normally ISO YYYY-MM-DD)
  std::string source;
  std::string url;
  nlohmann::json meta = nlohmann::json::object();  // every front-matter key, unknown ones too

  std::string sha256;  // hex SHA-256 of the input bytes of this article (the file, or the record line)

  std::string text;            // UTF-8 document (see above)
  std::size_t body_begin = 0;  // where the body starts in `text`
  std::size_t byte_base = 0;   // added to offsets into `text` to give offsets into the input
};

}  // namespace tadqiq
