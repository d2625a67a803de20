// tadqiq/ingest/markdown.cpp — Markdown documents: YAML front matter → metadata.
//
// The front matter is parsed by yaml-cpp and converted to JSON for Article::meta:
//  * mappings → objects (keys must be strings, and unique), sequences → arrays;
//  * quoted or explicitly tagged scalars → strings;
//  * plain scalars per the YAML 1.2 core schema, conservatively: null/~/empty → null,
//    true/false → booleans, a scalar that is a JSON number literal (so no leading zeros,
//    and only when it converts exactly: integers in 64 bits, finite floats) → a number,
//    anything else — dates included — → the string as written.
// Error offsets are offsets into the input (byte_base + offset into `text`).
#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "ingest/internal.h"

namespace tadqiq::ingest {
namespace {

using internal::first_invalid_utf8;
using internal::line_column;
using nlohmann::json;

// Limits on what the front matter may expand to. Aliases share nodes in yaml-cpp, so a few
// lines of anchors can stand for billions of values ("billion laughs"), and an alias inside
// its own anchor makes a cycle; the limits stop both. Real front matter is far below them.
constexpr std::size_t kMaxDepth = 64;
constexpr std::size_t kMaxValues = 100'000;

// The front-matter keys copied out into Article members (besides being kept in meta).
constexpr std::pair<std::string_view, std::string Article::*> kFields[] = {
    {"title", &Article::title},
    {"date", &Article::date},
    {"source", &Article::source},
    {"url", &Article::url},
    {"id", &Article::id}};

// One line of text: [begin, end) without the line break, `next` after it.
struct Line {
  std::size_t begin = 0, end = 0, next = 0;
};

Line line_at(std::string_view text, std::size_t pos) {
  Line l;
  l.begin = pos;
  const std::size_t nl = text.find('\n', pos);
  l.end = nl == std::string_view::npos ? text.size() : nl;
  l.next = nl == std::string_view::npos ? text.size() : nl + 1;
  return l;
}

// True when the line is `fence` followed only by spaces, tabs or carriage returns.
bool is_fence(std::string_view text, const Line& l, std::string_view fence) {
  std::string_view s = text.substr(l.begin, l.end - l.begin);
  if (!s.starts_with(fence)) return false;
  return s.find_first_not_of(" \t\r", fence.size()) == std::string_view::npos;
}

// A problem found while converting the parsed front matter, at `mark` in the YAML text.
struct ConversionError {
  YAML::Mark mark;
  std::string message;
};

// True when `s` is a JSON number literal: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view s, bool& integral) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - from;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return false;
  }
  integral = true;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
    integral = false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
    integral = false;
  }
  return i == s.size();
}

json plain_scalar(const std::string& s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  bool integral = false;
  if (is_json_number(s, integral)) {
    // Without exceptions: a literal beyond a double's range ("1e400") is discarded.
    const json n = json::parse(s, nullptr, /*allow_exceptions=*/false);
    if (integral ? n.is_number_integer() : n.is_number_float() && std::isfinite(n.get<double>()))
      return n;
  }
  return s;
}

class Converter {
 public:
  json convert(const YAML::Node& node, std::size_t depth) {
    if (depth > kMaxDepth)
      throw ConversionError{node.Mark(),
                            fmt::format("front matter nested deeper than {} levels", kMaxDepth)};
    if (++values_ > kMaxValues)
      throw ConversionError{
          node.Mark(),
          fmt::format("front matter holds more than {} values (aliases expanded)", kMaxValues)};
    switch (node.Type()) {
      case YAML::NodeType::Map: {
        json obj = json::object();
        for (const auto& kv : node) {
          const std::string key = string_key(kv.first);
          if (obj.contains(key))
            throw ConversionError{kv.first.Mark(),
                                  fmt::format("duplicate front matter key \"{}\"", key)};
          obj[key] = convert(kv.second, depth + 1);
        }
        return obj;
      }
      case YAML::NodeType::Sequence: {
        json arr = json::array();
        for (const auto& item : node) arr.push_back(convert(item, depth + 1));
        return arr;
      }
      case YAML::NodeType::Scalar: {
        const std::string& s = checked_utf8(node);
        return node.Tag() == "?" ? plain_scalar(s) : json(s);
      }
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        break;
    }
    return nullptr;
  }

  // A mapping key as a string: it must be a scalar (JSON object keys are strings).
  static std::string string_key(const YAML::Node& key) {
    if (!key.IsScalar()) throw ConversionError{key.Mark(), "front matter keys must be strings"};
    return checked_utf8(key);
  }

  // A scalar's text, checked to be valid UTF-8: yaml-cpp expands escapes itself, and the
  // Article fields and meta must be valid UTF-8 whatever it lets through.
  static const std::string& checked_utf8(const YAML::Node& scalar) {
    const std::string& s = scalar.Scalar();
    if (first_invalid_utf8(s))
      throw ConversionError{scalar.Mark(),
                            "front matter value is not valid UTF-8 (check its escape sequences)"};
    return s;
  }

 private:
  std::size_t values_ = 0;
};

// Offset into `yaml` of a yaml-cpp mark (0-based line, 0-based column in bytes); the start
// for a null mark, clamped to the end.
std::size_t offset_of(std::string_view yaml, const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return 0;
  std::size_t pos = 0;
  for (int line = 0; line < mark.line; ++line) {
    const std::size_t nl = yaml.find('\n', pos);
    if (nl == std::string_view::npos) return yaml.size();
    pos = nl + 1;
  }
  return std::min(yaml.size(), pos + static_cast<std::size_t>(mark.column));
}

}  // namespace

namespace internal {

bool starts_with_front_matter(std::string_view text) {
  return is_fence(text, line_at(text, 0), "---");
}

}  // namespace internal

// `a.path`, `a.text` and `a.byte_base` are read; on success title, date, source, url, id
// (only when the front matter has one), meta and body_begin are set. On failure `a` is left
// as it was and `err` names a.path, with the offset of the problem in the input.
bool parse_markdown(Article& a, InputError& err) {
  err = InputError{};
  err.file = a.path;
  const std::string_view text = a.text;
  auto fail = [&](std::size_t offset, std::string message) {
    err.offset = a.byte_base + offset;
    err.message = std::move(message);
    return false;
  };

  if (!internal::starts_with_front_matter(text)) {
    a.body_begin = 0;
    return true;
  }
  const std::size_t yaml_begin = line_at(text, 0).next;
  std::optional<Line> closing;
  for (std::size_t pos = yaml_begin; pos < text.size();) {
    const Line l = line_at(text, pos);
    if (is_fence(text, l, "---") || is_fence(text, l, "...")) {
      closing = l;
      break;
    }
    pos = l.next;
  }
  if (!closing)
    return fail(
        0,
        "front matter not closed: the opening \"---\" line has no closing \"---\" or \"...\" line");

  const std::string_view yaml = text.substr(yaml_begin, closing->begin - yaml_begin);
  auto fail_at_mark = [&](const YAML::Mark& mark, const std::string& what) {
    const std::size_t at = yaml_begin + offset_of(yaml, mark);
    const auto lc = line_column(text, at);
    return fail(at, fmt::format("{} (line {}, column {})", what, lc.line, lc.column));
  };

  json meta = json::object();
  Article fields;  // receives the copied-out fields; moved into `a` on success only
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    if (root.IsMap()) {
      meta = Converter().convert(root, 0);
      for (const auto& kv : root) {
        const std::string key = Converter::string_key(kv.first);
        for (const auto& [name, member] : kFields) {
          if (key != name || kv.second.IsNull()) continue;
          if (!kv.second.IsScalar())
            return fail_at_mark(
                kv.second.Mark(),
                fmt::format("front matter key \"{}\" must be a single value, not a list or mapping",
                            key));
          fields.*member = kv.second.Scalar();
        }
      }
    } else if (!root.IsNull()) {
      return fail_at_mark(root.Mark(),
                          "front matter is not a YAML mapping of \"key: value\" lines");
    }
  } catch (const YAML::Exception& e) {
    return fail_at_mark(e.mark, "invalid YAML in front matter: " + e.msg);
  } catch (const ConversionError& e) {
    return fail_at_mark(e.mark, e.message);
  }

  for (const auto& [name, member] : kFields)
    if (member != &Article::id || !fields.id.empty()) a.*member = std::move(fields.*member);
  a.meta = std::move(meta);
  a.body_begin = closing->next;
  return true;
}

}  // namespace tadqiq::ingest
