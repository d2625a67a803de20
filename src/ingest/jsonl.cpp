// tadqiq/ingest/jsonl.cpp — JSON Lines input: one article per non-blank line.
#include <cstdint>
#include <iterator>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

#include "facts/json_escape.h"
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

// The full parse: any record, and every error message. See parse_jsonl_record.
bool parse_with_nlohmann(std::string_view line, Article& a, InputError& err) {
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

// ---- The fast path ----
//
// Most records are objects of strings and small integers with the text in one string. They
// are read here directly, without the DOM parser's tree of the whole record and its
// callback's copies of every key. Whatever is out of the ordinary (any syntax error, a
// duplicate key, a float, a field of the wrong type, a text the checks reject...) makes
// FastRecord give up, and the full parser then decides, with its exact messages; so what
// the fast path accepts, it reads exactly as the full parse would.
class FastRecord {
 public:
  explicit FastRecord(std::string_view line) : p_(line.data()), end_(line.data() + line.size()) {}

  // Fills `a` as parse_jsonl_record does on success; false (with `a` untouched) to leave
  // the record to the full parser.
  bool parse(Article& a) {
    std::string text;
    std::string fields[std::size(kFields)];
    unsigned seen = 0;  // bit k: kFields[k] was read; bit 31: text was
    json meta = json::object();
    std::string key;

    ws();
    if (!eat('{')) return false;
    ws();
    if (eat('}')) return false;  // no text: the full parser reports it
    for (;;) {
      if (!at('"') || !string(key, false)) return false;
      ws();
      if (!eat(':')) return false;
      ws();
      if (key == "text") {
        if (seen & kSeenText) return false;
        seen |= kSeenText;
        if (!at('"') || !string(text, true)) return false;
      } else if (const int k = field_index(key); k >= 0) {
        if (seen & (1u << k)) return false;
        seen |= 1u << k;
        if (at('"')) {
          if (!string(fields[k], false)) return false;
        } else if (at('n')) {
          if (!literal("null")) return false;  // a null field is left empty
        } else {
          json number;
          if (!integer(number)) return false;  // other types are errors; floats need nlohmann
          fields[k] = number.dump();
        }
      } else {
        json v;
        if (!value(v)) return false;
        if (!meta.get_ref<json::object_t&>().emplace(std::move(key), std::move(v)).second)
          return false;  // duplicate key: the full parser keeps the last one
        key = std::string();
      }
      ws();
      if (eat(',')) {
        ws();
        continue;
      }
      if (!eat('}')) return false;
      break;
    }
    ws();
    if (p_ != end_) return false;

    if (!(seen & kSeenText)) return false;
    if (text.find('\0') != std::string::npos || internal::only_white_space(text)) return false;

    a.text = std::move(text);
    for (std::size_t k = 0; k < std::size(kFields); ++k) {
      const auto member = kFields[k].second;
      if (member != &Article::id || !fields[k].empty()) a.*member = std::move(fields[k]);
    }
    a.meta = std::move(meta);
    a.body_begin = 0;
    a.byte_base = 0;
    return true;
  }

 private:
  static constexpr unsigned kSeenText = 1u << 31;

  static int field_index(std::string_view key) {
    for (std::size_t k = 0; k < std::size(kFields); ++k)
      if (kFields[k].first == key) return static_cast<int>(k);
    return -1;
  }

  // JSON white space, as nlohmann's lexer skips it.
  void ws() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }
  bool at(char c) const { return p_ != end_ && *p_ == c; }
  bool eat(char c) {
    if (!at(c)) return false;
    ++p_;
    return true;
  }
  bool literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() ||
        std::string_view(p_, word.size()) != word)
      return false;
    p_ += word.size();
    return true;
  }

  // Position of the first '"', '\\' or control byte in [p, end), or end.
  static const char* special(const char* p, const char* end) {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                  space = _mm_set1_epi8(0x20), minus1 = _mm_set1_epi8(-1);
    for (; end - p >= 16; p += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i hit = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
          _mm_and_si128(_mm_cmplt_epi8(v, space), _mm_cmpgt_epi8(v, minus1)));
      if (const int m = _mm_movemask_epi8(hit)) return p + __builtin_ctz(static_cast<unsigned>(m));
    }
#endif
    for (; p != end; ++p) {
      const auto c = static_cast<unsigned char>(*p);
      if (c == '"' || c == '\\' || c < 0x20) return p;
    }
    return end;
  }

  // A string literal (p_ at its opening quote) into `out`, unescaped. The bytes between
  // escapes are copied as they are: the line is valid UTF-8 (parse_jsonl_record's contract).
  // `big`: room for the rest of the line is reserved at the first escape (the text field).
  bool string(std::string& out, bool big) {
    ++p_;
    out.clear();
    for (;;) {
      const char* stop = special(p_, end_);
      if (stop == end_) return false;  // unterminated
      out.append(p_, static_cast<std::size_t>(stop - p_));
      p_ = stop + 1;
      if (*stop == '"') return true;
      if (*stop != '\\') return false;  // a control character
      if (big && out.capacity() < out.size() + static_cast<std::size_t>(end_ - p_))
        out.reserve(out.size() + static_cast<std::size_t>(end_ - p_));
      const char* after = decode_json_escape(p_, end_, out);
      if (!after) return false;
      p_ = after;
    }
  }

  // An integer of at most 18 digits (no fraction, no exponent): number_integer when negative,
  // number_unsigned otherwise, as nlohmann's lexer types it.
  bool integer(json& out) {
    const char* const start = p_;
    const bool negative = eat('-');
    const char* const digits = p_;
    while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    const auto n = p_ - digits;
    if (n == 0 || n > 18 || (*digits == '0' && n > 1)) return false;
    if (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
    std::uint64_t v = 0;
    for (const char* d = digits; d != p_; ++d) v = v * 10 + static_cast<std::uint64_t>(*d - '0');
    if (negative) out = static_cast<json::number_integer_t>(-static_cast<std::int64_t>(v));
    else out = static_cast<json::number_unsigned_t>(v);
    return p_ != start;
  }

  // A member value kept in meta. Objects and arrays are handed to nlohmann (their depth
  // counted from the record's), which types and stores them exactly as the full parse does.
  bool value(json& out) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '"': {
        std::string s;
        if (!string(s, false)) return false;
        out = std::move(s);
        return true;
      }
      case 't': out = true; return literal("true");
      case 'f': out = false; return literal("false");
      case 'n': out = nullptr; return literal("null");
      case '{':
      case '[': {
        const char* const start = p_;
        if (!skip_nested()) return false;
        try {
          out = json::parse(start, p_, [](int depth, json::parse_event_t, json&) {
            if (depth + 1 > kMaxDepth) throw TooDeep{};
            return true;
          });
        } catch (...) {
          return false;
        }
        return true;
      }
      default: return integer(out);
    }
  }

  // Moves p_ past the object or array it is at (by its brackets, strings skipped); the
  // content is checked by whoever parses it.
  bool skip_nested() {
    int depth = 0;
    while (p_ != end_) {
      const char c = *p_++;
      if (c == '"') {
        for (;;) {
          const char* stop = special(p_, end_);
          if (stop == end_) return false;
          p_ = stop + 1;
          if (*stop == '"') break;
          if (*stop == '\\') {
            if (p_ == end_) return false;
            ++p_;
          }
        }
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) return true;
      }
    }
    return false;
  }

  const char* p_;
  const char* const end_;
};

}  // namespace

// `a.path` and `a.record` name the record in `err`; on success text, id (only when the
// record has one), title, date, source, url and meta (the fields not copied out) are set,
// body_begin and byte_base are 0. On failure `a` is left as it was; err.offset is not set
// (the caller knows where the line starts).
bool parse_jsonl_record(std::string_view line, Article& a, InputError& err) {
  err = InputError{};
  err.file = a.path;
  err.record = a.record;
  if (FastRecord(line).parse(a)) return true;
  return parse_with_nlohmann(line, a, err);
}

namespace internal {

void load_jsonl(const std::string& path, std::string_view text, const std::string& encoding,
                std::size_t byte_base, Result& out) {
  // The non-blank lines first, so that their fingerprints can be taken two at a time.
  struct Line {
    std::string_view bytes;
    std::size_t start, record;
    std::string sha256;
  };
  std::vector<Line> lines;
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
    lines.push_back({line, line_start, record, {}});
  }
  for (std::size_t i = 0; i < lines.size(); i += 2) {
    if (i + 1 < lines.size())
      sha256_hex_pair(lines[i].bytes, lines[i + 1].bytes, lines[i].sha256, lines[i + 1].sha256);
    else
      lines[i].sha256 = sha256_hex(lines[i].bytes);
  }

  for (Line& line : lines) {
    Article a;
    a.path = path;
    a.format = "jsonl";
    a.encoding = encoding;
    a.record = line.record;
    a.id = fmt::format("{}#{}", path, line.record);
    a.sha256 = std::move(line.sha256);
    InputError err;
    if (parse_jsonl_record(line.bytes, a, err)) {
      out.articles.push_back(std::move(a));
    } else {
      err.offset = byte_base + line.start;
      out.errors.push_back(std::move(err));
    }
  }
}

}  // namespace internal
}  // namespace tadqiq::ingest
