// tadqiq/ingest/markdown.cpp — Markdown documents: YAML front matter → metadata.
//
// The front matter is parsed by libyaml's event parser (not yaml-cpp, which the rules use: it
// scans about 8 times slower: a front matter per file was a sixth of the Markdown path's
// instructions) and converted to JSON for Article::meta as it is read:
//  * mappings → objects (keys must be strings, and unique), sequences → arrays;
//  * quoted or explicitly tagged scalars → strings;
//  * plain scalars per the YAML 1.2 core schema, conservatively: null/~/empty → null,
//    true/false → booleans, a scalar that is a JSON number literal (so no leading zeros,
//    and only when it converts exactly: integers in 64 bits, finite floats) → a number,
//    anything else — dates included — → the string as written.
// Error offsets are offsets into the input (byte_base + offset into `text`).
#include <algorithm>
#include <cmath>
#include <new>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <yaml.h>

#include <fmt/format.h>

#include "ingest/internal.h"

namespace tadqiq::ingest {
namespace {

using internal::first_invalid_utf8;
using internal::line_column;
using nlohmann::json;

// Limits on what the front matter may expand to. An alias stands for its anchor's whole node,
// so a few lines of anchors can stand for billions of values ("billion laughs"); the limits
// stop that, and deep nesting. Real front matter is far below them.
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

bool is_null_scalar(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// A problem in the front matter at a libyaml mark (0-based line, column in code points).
struct Problem {
  yaml_mark_t mark;
  std::string message;
};

// One node of the front matter, converted.
struct Node {
  json value;
  yaml_mark_t mark{};
  bool scalar = false;  // a scalar that is not null: `raw` holds its text as written
  std::string raw;
  std::size_t values = 1;  // values in the subtree (what an alias to it expands to)
  std::size_t height = 0;  // nesting below it
};

// The first document of a YAML text, read with libyaml's event parser and converted to JSON
// as it is read. Anchors are kept converted; an alias expands to a copy, counted against the
// limits as its whole subtree.
class FrontMatterReader {
 public:
  explicit FrontMatterReader(std::string_view yaml) {
    if (!yaml_parser_initialize(&parser_)) throw std::bad_alloc();
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(yaml.data()), yaml.size());
    yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
  }
  ~FrontMatterReader() {
    if (have_) yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }
  FrontMatterReader(const FrontMatterReader&) = delete;
  FrontMatterReader& operator=(const FrontMatterReader&) = delete;

  // The document's root; a null node for an empty text. Throws Problem.
  Node read() {
    next();  // stream start
    next();
    if (event_.type == YAML_STREAM_END_EVENT) {
      Node empty;
      empty.value = nullptr;
      empty.mark = event_.start_mark;
      return empty;
    }
    next();  // past the document start
    return node(0);
  }

  // Each top-level key of a mapping root with its value node, in order (filled by read()).
  std::vector<std::pair<std::string, Node>> top;

 private:
  void next() {
    if (have_) yaml_event_delete(&event_);
    have_ = false;
    if (!yaml_parser_parse(&parser_, &event_)) {
      std::string what = parser_.problem ? parser_.problem : "syntax error";
      if (parser_.context) what = std::string(parser_.context) + ": " + what;
      throw Problem{parser_.problem_mark, "invalid YAML in front matter: " + what};
    }
    have_ = true;
  }

  // A scalar's text, checked to be valid UTF-8: the Article fields and meta must be.
  static void check_utf8(const std::string& s, const yaml_mark_t& mark) {
    if (first_invalid_utf8(s))
      throw Problem{mark, "front matter value is not valid UTF-8 (check its escape sequences)"};
  }

  void count(const Node& n, std::size_t depth, const yaml_mark_t& mark) {
    if (depth + n.height > kMaxDepth)
      throw Problem{mark, fmt::format("front matter nested deeper than {} levels", kMaxDepth)};
    values_ += n.values;
    if (values_ > kMaxValues)
      throw Problem{mark, fmt::format("front matter holds more than {} values (aliases expanded)", kMaxValues)};
  }

  // Converts the node starting at the current event; leaves the event after it current.
  Node node(std::size_t depth) {
    const yaml_mark_t mark = event_.start_mark;
    if (depth > kMaxDepth)
      throw Problem{mark, fmt::format("front matter nested deeper than {} levels", kMaxDepth)};
    Node n;
    n.mark = mark;
    std::string anchor;
    switch (event_.type) {
      case YAML_ALIAS_EVENT: {
        const auto it = anchors_.find(reinterpret_cast<const char*>(event_.data.alias.anchor));
        if (it == anchors_.end())
          throw Problem{mark, "invalid YAML in front matter: the referenced anchor is not defined"};
        count(it->second, depth, mark);
        n = it->second;
        n.mark = mark;
        next();
        return n;
      }
      case YAML_SCALAR_EVENT: {
        const auto& sc = event_.data.scalar;
        if (sc.anchor) anchor = reinterpret_cast<const char*>(sc.anchor);
        std::string s(reinterpret_cast<const char*>(sc.value), sc.length);
        const bool plain = !sc.tag && sc.style == YAML_PLAIN_SCALAR_STYLE;
        if (plain && is_null_scalar(s)) {
          n.value = nullptr;
        } else {
          check_utf8(s, mark);
          n.value = plain ? plain_scalar(s) : json(s);
          n.scalar = true;
          n.raw = std::move(s);
        }
        count(Node{}, depth, mark);
        next();
        break;
      }
      case YAML_SEQUENCE_START_EVENT: {
        if (event_.data.sequence_start.anchor) anchor = reinterpret_cast<const char*>(event_.data.sequence_start.anchor);
        count(Node{}, depth, mark);
        n.value = json::array();
        next();
        while (event_.type != YAML_SEQUENCE_END_EVENT) {
          Node item = node(depth + 1);
          n.values += item.values;
          n.height = std::max(n.height, item.height + 1);
          n.value.push_back(std::move(item.value));
        }
        next();
        break;
      }
      case YAML_MAPPING_START_EVENT: {
        if (event_.data.mapping_start.anchor) anchor = reinterpret_cast<const char*>(event_.data.mapping_start.anchor);
        count(Node{}, depth, mark);
        const bool root = depth == 0;
        n.value = json::object();
        next();
        while (event_.type != YAML_MAPPING_END_EVENT) {
          const yaml_mark_t key_mark = event_.start_mark;
          // A key is converted like a value, without counting it (keys are not values).
          const std::size_t before = values_;
          Node key = node(depth + 1);
          values_ = before;
          if (!key.scalar) throw Problem{key_mark, "front matter keys must be strings"};
          if (n.value.contains(key.raw))
            throw Problem{key_mark, fmt::format("duplicate front matter key \"{}\"", key.raw)};
          Node value = node(depth + 1);
          n.values += value.values;
          n.height = std::max(n.height, value.height + 1);
          n.value[key.raw] = value.value;
          if (root) top.emplace_back(std::move(key.raw), std::move(value));
        }
        next();
        break;
      }
      default:
        throw Problem{mark, "invalid YAML in front matter: unexpected event"};
    }
    if (!anchor.empty()) anchors_[anchor] = n;
    return n;
  }

  yaml_parser_t parser_{};
  yaml_event_t event_{};
  bool have_ = false;
  std::size_t values_ = 0;
  std::unordered_map<std::string, Node> anchors_;
};

// Offset into `yaml` of a libyaml mark (0-based line, 0-based column in code points); the
// end when it is past it.
std::size_t offset_of(std::string_view yaml, const yaml_mark_t& mark) {
  std::size_t pos = 0;
  for (std::size_t line = 0; line < mark.line; ++line) {
    const std::size_t nl = yaml.find('\n', pos);
    if (nl == std::string_view::npos) return yaml.size();
    pos = nl + 1;
  }
  for (std::size_t col = 0; col < mark.column && pos < yaml.size() && yaml[pos] != '\n'; ++col) {
    ++pos;
    while (pos < yaml.size() && (static_cast<unsigned char>(yaml[pos]) & 0xC0) == 0x80) ++pos;
  }
  return pos;
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
  auto fail_at_mark = [&](const yaml_mark_t& mark, const std::string& what) {
    const std::size_t at = yaml_begin + offset_of(yaml, mark);
    const auto lc = line_column(text, at);
    return fail(at, fmt::format("{} (line {}, column {})", what, lc.line, lc.column));
  };

  json meta = json::object();
  Article fields;  // receives the copied-out fields; moved into `a` on success only
  try {
    FrontMatterReader reader(yaml);
    Node root = reader.read();
    if (root.value.is_object()) {
      meta = std::move(root.value);
      for (const auto& [key, value] : reader.top)
        for (const auto& [name, member] : kFields) {
          if (key != name || value.value.is_null()) continue;
          if (!value.scalar)
            return fail_at_mark(
                value.mark,
                fmt::format("front matter key \"{}\" must be a single value, not a list or mapping", key));
          fields.*member = value.raw;
        }
    } else if (!root.value.is_null()) {
      return fail_at_mark(root.mark, "front matter is not a YAML mapping of \"key: value\" lines");
    }
  } catch (const Problem& p) {
    return fail_at_mark(p.mark, p.message);
  }

  for (const auto& [name, member] : kFields)
    if (member != &Article::id || !fields.id.empty()) a.*member = std::move(fields.*member);
  a.meta = std::move(meta);
  a.body_begin = closing->next;
  return true;
}

}  // namespace tadqiq::ingest
