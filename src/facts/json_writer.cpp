#include "facts/json_writer.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#include <unicode/utf8.h>

#include <fmt/format.h>

namespace tadqiq {

namespace json_detail {

void append_int(std::string& out, long long v) {
  const fmt::format_int f(v);
  out.append(f.data(), f.size());
}

void key(std::string& out, const char* k) {
  out.push_back('"');
  out += k;
  out += "\":";
}

}  // namespace json_detail

using json_detail::append_int;
using json_detail::key;

namespace {

using namespace std::string_view_literals;

// What a byte of a string is to the writer: copied as it is (ASCII but controls, '"' and
// '\\'), escaped, the lead of a 2-, 3- or 4-byte UTF-8 sequence, or never valid in UTF-8
// (a continuation byte without a lead, C0/C1, F5..FF).
enum ByteClass : unsigned char { kPlain, kEscape, kLead2, kLead3, kLead4, kInvalid };

constexpr std::array<unsigned char, 256> kByteClass = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = kEscape;
  t['"'] = t['\\'] = kEscape;
  for (int c = 0x80; c < 0xC2; ++c) t[c] = kInvalid;
  for (int c = 0xC2; c <= 0xDF; ++c) t[c] = kLead2;
  for (int c = 0xE0; c <= 0xEF; ++c) t[c] = kLead3;
  for (int c = 0xF0; c <= 0xF4; ++c) t[c] = kLead4;
  for (int c = 0xF5; c <= 0xFF; ++c) t[c] = kInvalid;
  return t;
}();

// True when none of the eight bytes of `w` is non-ASCII, a control, '"' or '\\'.
inline bool plain_ascii8(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
  const auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & high; };
  const std::uint64_t below_space = (w - ones * 0x20) & ~w & high;  // bytes < 0x20 (of ASCII)
  return ((w & high) | below_space | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\'))) ==
         0;
}

// Length of the longest prefix of p[0, n) that is written as it is: plain ASCII and
// well-formed UTF-8 sequences (Unicode Table 3-7, as U8_NEXT accepts them: no overlongs, no
// surrogates, nothing above U+10FFFF).
std::size_t plain_prefix(const unsigned char* p, std::size_t n) {
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (plain_ascii8(w)) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    switch (kByteClass[c]) {
      case kPlain:
        ++i;
        continue;
      case kLead2:
        if (i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
          i += 2;
          continue;
        }
        return i;
      case kLead3: {
        const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        if (i + 2 < n && p[i + 1] >= lo && p[i + 1] <= hi && (p[i + 2] & 0xC0) == 0x80) {
          i += 3;
          continue;
        }
        return i;
      }
      case kLead4: {
        const unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        if (i + 3 < n && p[i + 1] >= lo && p[i + 1] <= hi && (p[i + 2] & 0xC0) == 0x80 &&
            (p[i + 3] & 0xC0) == 0x80) {
          i += 4;
          continue;
        }
        return i;
      }
      default:  // kEscape, kInvalid
        return i;
    }
  }
  return n;
}

void append_dump(std::string& out, const nlohmann::json& j) {
  out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A JSON value, written as nlohmann's compact dump writes it; fact values and attributes are
// small trees, so walking them directly saves the serializer's set-up and its temporary string.
void append_value(std::string& out, const nlohmann::json& j) {
  using V = nlohmann::json::value_t;
  switch (j.type()) {
    case V::null: out += "null"sv; return;
    case V::boolean:
      out += j.get_ref<const nlohmann::json::boolean_t&>() ? "true"sv : "false"sv;
      return;
    case V::number_integer: append_int(out, j.get_ref<const nlohmann::json::number_integer_t&>()); return;
    case V::number_unsigned: {
      const fmt::format_int f(j.get_ref<const nlohmann::json::number_unsigned_t&>());
      out.append(f.data(), f.size());
      return;
    }
    case V::string: append_json_string(out, j.get_ref<const std::string&>()); return;
    case V::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [k, v] : j.get_ref<const nlohmann::json::object_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        append_json_string(out, k);
        out.push_back(':');
        append_value(out, v);
      }
      out.push_back('}');
      return;
    }
    case V::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& v : j.get_ref<const nlohmann::json::array_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        append_value(out, v);
      }
      out.push_back(']');
      return;
    }
    default: append_dump(out, j); return;  // floats (nlohmann's own shortest form), binary, discarded
  }
}

// The sentences of a sheet's facts repeat (every fact of a sentence carries it): the last few
// distinct ones written, where their literal sits in `out`, so that a repeat is a copy of the
// literal instead of another validating, escaping pass over the text.
class SentenceMemo {
 public:
  void append(std::string& out, const std::string& s) {
    for (std::size_t k = 0; k < count_; ++k) {
      const Entry& e = entries_[k];
      if (e.text->size() == s.size() && std::memcmp(e.text->data(), s.data(), s.size()) == 0) {
        out.reserve(out.size() + e.len);  // no reallocation while copying from `out` itself
        out.append(out.data() + e.at, e.len);
        return;
      }
    }
    const std::size_t at = out.size();
    append_json_string(out, s);
    entries_[next_] = Entry{&s, at, out.size() - at};
    next_ = (next_ + 1) % kEntries;
    if (count_ < kEntries) ++count_;
  }

 private:
  static constexpr std::size_t kEntries = 8;
  struct Entry {
    const std::string* text;  // a fact's sentence, alive while the sheet is written
    std::size_t at, len;      // its literal in `out`
  };
  std::array<Entry, kEntries> entries_{};
  std::size_t count_ = 0, next_ = 0;
};

void append_fact(std::string& out, const Fact& f, SentenceMemo* sentences) {
  // Keys in nlohmann's (sorted) order.
  out += "{\"as_of\":"sv;
  if (f.as_of) append_json_string(out, *f.as_of);
  else out += "null"sv;
  out += ",\"attributes\":"sv;
  append_value(out, f.attributes);
  out += ",\"id\":"sv;
  append_json_string(out, f.id);
  out += ",\"key\":"sv;
  append_json_string(out, f.key);
  out += ",\"sentence\":"sv;
  if (sentences) sentences->append(out, f.sentence);
  else append_json_string(out, f.sentence);
  out += ",\"span\":{\"column\":"sv;
  append_int(out, f.span.column);
  out += ",\"end\":"sv;
  append_int(out, static_cast<long long>(f.span.end));
  out += ",\"end_column\":"sv;
  append_int(out, f.span.end_column);
  out += ",\"end_line\":"sv;
  append_int(out, f.span.end_line);
  out += ",\"line\":"sv;
  append_int(out, f.span.line);
  out += ",\"start\":"sv;
  append_int(out, static_cast<long long>(f.span.start));
  out += "},\"text\":"sv;
  append_json_string(out, f.text);
  out += ",\"type\":"sv;
  append_json_string(out, f.type);
  out += ",\"value\":"sv;
  append_value(out, f.value);
  out.push_back('}');
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  out.reserve(out.size() + n + 2);
  out.push_back('"');
  std::size_t i = 0;
  for (;;) {
    // Runs that need no escape (the whole string, as a rule) are copied at once.
    const std::size_t run = plain_prefix(p + i, n - i);
    out.append(s.data() + i, run);
    i += run;
    if (i >= n) break;
    const unsigned char c = p[i];
    if (kByteClass[c] != kEscape) {
      // Not well-formed UTF-8 here: U+FFFD, for what U8_NEXT takes as the ill-formed sequence.
      auto k = static_cast<std::int64_t>(i);
      UChar32 cp;
      U8_NEXT(p, k, static_cast<std::int64_t>(n), cp);
      out += "\xEF\xBF\xBD"sv;
      i = static_cast<std::size_t>(k);
      continue;
    }
    ++i;
    switch (c) {
      case '"': out += "\\\""sv; break;
      case '\\': out += "\\\\"sv; break;
      case '\b': out += "\\b"sv; break;
      case '\f': out += "\\f"sv; break;
      case '\n': out += "\\n"sv; break;
      case '\r': out += "\\r"sv; break;
      case '\t': out += "\\t"sv; break;
      default: {
        const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out.append(u, 6);
      }
    }
  }
  out.push_back('"');
}

void append_fact_json(std::string& out, const Fact& f) { append_fact(out, f, nullptr); }

void append_article_json(std::string& out, const ArticleMeta& a) {
  // As to_json(ArticleMeta) builds it, keys in nlohmann's (sorted) order; record and
  // suppressions only when set.
  out += "{\"date\":"sv;
  append_json_string(out, a.date);
  out += ",\"encoding\":"sv;
  append_json_string(out, a.encoding);
  out += ",\"format\":"sv;
  append_json_string(out, a.format);
  out += ",\"id\":"sv;
  append_json_string(out, a.id);
  out += ",\"meta\":"sv;
  append_value(out, a.meta);
  out += ",\"path\":"sv;
  append_json_string(out, a.path);
  if (a.record) {
    out += ",\"record\":"sv;
    const fmt::format_int r(a.record);
    out.append(r.data(), r.size());
  }
  out += ",\"sha256\":"sv;
  append_json_string(out, a.sha256);
  out += ",\"source\":"sv;
  append_json_string(out, a.source);
  if (!a.suppressions.empty()) {
    out += ",\"suppressions\":["sv;
    for (std::size_t i = 0; i < a.suppressions.size(); ++i) {
      const Suppression& s = a.suppressions[i];
      if (i) out.push_back(',');
      out += "{\"directive_line\":"sv;
      append_int(out, s.directive_line);
      out += ",\"first_line\":"sv;
      append_int(out, s.first_line);
      out += ",\"kinds\":["sv;
      for (std::size_t k = 0; k < s.kinds.size(); ++k) {
        if (k) out.push_back(',');
        append_json_string(out, s.kinds[k]);
      }
      out += "],\"last_line\":"sv;
      append_int(out, s.last_line);
      out.push_back('}');
    }
    out.push_back(']');
  }
  out += ",\"title\":"sv;
  append_json_string(out, a.title);
  out += ",\"url\":"sv;
  append_json_string(out, a.url);
  out.push_back('}');
}

void append_sheet_json(std::string& out, const FactSheet& s) {
  // Reserve about what the sheet takes, so the string is not regrown (and copied) many times.
  std::size_t estimate = 1024;
  for (const auto& f : s.facts) estimate += f.sentence.size() + f.text.size() + f.key.size() + 320;
  out.reserve(out.size() + estimate);
  out += "{\"article\":"sv;
  append_article_json(out, s.article);
  out += ",\"facts\":["sv;
  SentenceMemo sentences;
  for (std::size_t i = 0; i < s.facts.size(); ++i) {
    if (i) out.push_back(',');
    append_fact(out, s.facts[i], &sentences);
  }
  out += "],\"schema\":"sv;
  append_json_string(out, kFactSheetSchema);
  out.push_back('}');
}

}  // namespace tadqiq
