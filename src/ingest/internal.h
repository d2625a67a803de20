// tadqiq/ingest/internal.h — helpers shared by the ingest sources; not part of the stage's API.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "facts/finding.h"
#include "ingest/ingest.h"

namespace tadqiq::ingest::internal {

// ---- utf8.cpp ----

// Offset of the first byte of `s` that does not start (or continue) a well-formed UTF-8
// sequence per RFC 3629 / Unicode Table 3-7 (no overlongs, no surrogates, nothing above
// U+10FFFF, no truncated sequence), or nullopt when all of `s` is valid. `nul_invalid`: a
// NUL byte counts as invalid too.
std::optional<std::size_t> first_invalid_utf8(std::string_view s, bool nul_invalid = false);

// True when valid UTF-8 `s` holds nothing but Unicode white space (or nothing at all).
bool only_white_space(std::string_view s);

// 1-based line and column of byte `offset` of valid UTF-8 `text`; the column counts code
// points, as article.h specifies for lines and columns.
struct LineColumn {
  std::size_t line = 1;
  std::size_t column = 1;
};
LineColumn line_column(std::string_view text, std::size_t offset);

// ---- decode.cpp ----

// decode() taking the bytes over: valid UTF-8 becomes the text without a copy (its BOM cut
// off in place). Same results and errors as decode(bytes, name, opts, err).
std::optional<Decoded> decode_owned(std::string bytes, std::string_view name, const Options& opts,
                                    InputError& err);

// What decode() makes of `bytes`, told without a copy: `utf8` when it takes them as UTF-8 as
// they are (automatic detection, no UTF-16 byte-order mark) and they pass its checks; then
// its text is bytes.substr(bom) (bom: 0, or 3 for a UTF-8 byte-order mark, = byte_base).
// `invalid` when they fail those checks (err filled as decode() fills it); `convert` when
// decode() would convert them (call it).
enum class InPlace { utf8, invalid, convert };
InPlace decode_in_place(std::string_view bytes, std::string_view name, const Options& opts,
                        std::size_t& bom, InputError& err);

// Why `encoding` cannot be used as Options::encoding (no ICU converter by that name), or
// nullopt when it can (an empty name, automatic detection, always can).
std::optional<std::string> encoding_problem(const std::string& encoding);

// ---- markdown.cpp ----

// True when `text` starts with a front-matter opening line: "---", optionally followed by
// spaces or tabs, then a line break or the end of the text.
bool starts_with_front_matter(std::string_view text);

// ---- jsonl.cpp ----

// Appends one article per non-blank line of the decoded JSONL document `text` (in `encoding`)
// read from `path`, and one InputError per bad line (with its record number and the byte
// offset of the line start, offsets counted like article offsets: byte_base + offset in
// text).
void load_jsonl(const std::string& path, std::string_view text, const std::string& encoding,
                std::size_t byte_base, Result& out);

// ---- files.cpp ----

// Reads the whole file at `path` (any file type but a directory). On failure returns false
// and sets `reason` to the operating system's description of the problem.
bool read_file(const std::string& path, std::string& bytes, std::string& reason);

// The bytes of a regular file, read into memory that is not zero-filled first.
struct FileBytes {
  std::unique_ptr<char[]> data;
  std::size_t size = 0;
  std::string_view view() const { return {data.get(), size}; }
};

// Reads the file at `path`, opened once, for input that is parsed rather than kept: a regular
// file of at least one byte whose size does not change while read goes whole into `*file`
// (memory not zero-filled; read_file zero-fills its string first), anything else into
// `bytes` as read_file reads it (file->data is then null). With `file` null it is read_file.
// Same failure convention as read_file.
bool read_input_file(const std::string& path, FileBytes* file, std::string& bytes, std::string& reason);

// Reads standard input to its end; same failure convention as read_file.
bool read_stdin(std::string& bytes, std::string& reason);

enum class PathType { file, directory, unusable };

// What `path` names, following symbolic links. `unusable` sets `reason` (the OS's).
PathType path_type(const std::string& path, std::string& reason);

// The extension of the last component of `path`, from its last '.' (included), in ASCII
// lower case; "" when there is none. A leading dot (a hidden file) starts no extension.
std::string lower_extension(std::string_view path);

// True when the file name has an article extension: .md, .markdown, .txt or .jsonl (in any
// ASCII case).
bool has_article_extension(std::string_view name);

// The article files under directory `dir`, recursively, in load order: each directory's
// entries sorted by name (byte order), subdirectories expanded in place. Hidden entries
// (names starting with '.') are skipped, as are files without an article extension and
// special files (FIFOs, sockets, devices). Symbolic links are followed; a link back to an
// enclosing directory is reported and not followed. A directory that cannot be listed is
// reported in `errors` and skipped.
std::vector<std::string> list_directory(const std::string& dir, std::vector<InputError>& errors);

}  // namespace tadqiq::ingest::internal
