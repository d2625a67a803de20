// tadqiq/ingest/jsonl.cpp — JSON Lines input: one article per non-blank line.
#include <utility>

#include <fmt/format.h>

#include "ingest/internal.h"

namespace tadqiq::ingest {
namespace {

using nlohmann::json;

// Deeper records are rejected: whatever later serializes `meta` recurses once per level.
constexpr int kMaxDepth = 64;

// Thrown by the parser callback to abandon a record that nests too deeply.
struct TooDeep {};

// The record fields copied out into Article members; `text` is handled on its own.
constexpr std::pair<std::string_view, std::string Article::*> kFields[] = {
    {"id", &Article::id},
    {"title", &Article::title},
    {"date", &Article::date},
    {"source", &Article::source},
    {"url", &Article::url}};

// The text of a nlohmann exception without its "[json.exception.parse_error.101] " tag and,
// for parse errors, the "parse error at line 1, column 5: " position, which the caller
// reports better.
std::string json_error_detail(const json::exception& e) {
  std::string_view what = e.what();
  if (const std::size_t tag_end = what.find("] ");
      what.starts_with("[json.exception.") && tag_end != std::string_view::npos)
    what.remove_prefix(tag_end + 2);
  if (const std::size_t colon = what.find(": ");
      what.starts_with("parse error") && colon != std::string_view::npos)
    what.remove_prefix(colon + 2);
  return std::string(what);
}

}  // namespace

// `a.path` and `a.record` name the record in `err`; on success text, id (only when the
// record has one), title, date, source, url and meta (the fields not copied out) are set,
// body_begin and byte_base are 0. On failure `a` is left as it was; err.offset is not set
// (the caller knows where the line starts).
bool parse_jsonl_record(std::string_view line, Article& a, InputError& err) {
  err = InputError{};
  err.file = a.path;
  err.record = a.record;
  auto fail = [&](std::string message) {
    err.message = std::move(message);
    return false;
  };

  json j;
  try {
    j = json::parse(line.data(), line.data() + line.size(),
                    [](int depth, json::parse_event_t, json&) {
                      if (depth > kMaxDepth) throw TooDeep{};
                      return true;
                    });
  } catch (const json::parse_error& e) {
    // e.byte counts from 1; the message gives the 0-based offset from the line start, so
    // that it adds to the error's offset (which is the line start's).
    return fail(fmt::format("invalid JSON (at byte {} of the line): {}",
                            e.byte > 0 ? e.byte - 1 : 0, json_error_detail(e)));
  } catch (const json::exception& e) {  // e.g. out_of_range: a number too large for a double
    return fail("invalid JSON: " + json_error_detail(e));
  } catch (const TooDeep&) {
    return fail(fmt::format("record nested deeper than {} levels", kMaxDepth));
  }
  if (!j.is_object())
    return fail(fmt::format("record is not a JSON object (got {})", j.type_name()));

  const auto text = j.find("text");
  if (text == j.end()) return fail("missing required field \"text\"");
  if (!text->is_string())
    return fail(fmt::format("field \"text\" must be a string (got {})", text->type_name()));
  const auto& body = text->get_ref<const std::string&>();
  if (const std::size_t nul = body.find('\0'); nul != std::string::npos)
    return fail(
        fmt::format("field \"text\" contains a NUL character (at byte {} of the text)", nul));
  if (internal::only_white_space(body)) return fail("field \"text\" is empty");

  Article fields;  // receives the copied-out fields; moved into `a` on success only
  for (const auto& [name, member] : kFields) {
    const auto it = j.find(name);
    if (it == j.end() || it->is_null()) continue;
    if (it->is_string())
      fields.*member = it->get<std::string>();
    else if (it->is_number())
      fields.*member = it->dump();
    else
      return fail(fmt::format("field \"{}\" must be a string (got {})", name, it->type_name()));
  }

  a.text = std::move(text->get_ref<std::string&>());
  for (const auto& [name, member] : kFields) {
    if (member != &Article::id || !fields.id.empty()) a.*member = std::move(fields.*member);
    j.erase(std::string(name));
  }
  j.erase("text");
  a.meta = std::move(j);
  a.body_begin = 0;
  a.byte_base = 0;
  return true;
}

namespace internal {

void load_jsonl(const std::string& path, const Decoded& doc, Result& out) {
  const std::string_view text = doc.text;
  std::size_t record = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t nl = text.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    const std::size_t line_start = pos;
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++record;

    std::string_view line = text.substr(line_start, end - line_start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;  // blank

    Article a;
    a.path = path;
    a.format = "jsonl";
    a.encoding = doc.encoding;
    a.record = record;
    a.id = fmt::format("{}#{}", path, record);
    a.sha256 = sha256_hex(line);
    InputError err;
    if (parse_jsonl_record(line, a, err)) {
      out.articles.push_back(std::move(a));
    } else {
      err.offset = doc.byte_base + line_start;
      out.errors.push_back(std::move(err));
    }
  }
}

}  // namespace internal
}  // namespace tadqiq::ingest
