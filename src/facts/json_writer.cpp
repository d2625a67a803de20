#include "facts/json_writer.h"

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

void append_dump(std::string& out, const nlohmann::json& j) {
  out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A JSON value, written as nlohmann's compact dump writes it; fact values and attributes are
// small trees, so walking them directly saves the serializer's set-up and its temporary string.
void append_value(std::string& out, const nlohmann::json& j) {
  using V = nlohmann::json::value_t;
  switch (j.type()) {
    case V::null: out += "null"; return;
    case V::boolean: out += j.get_ref<const nlohmann::json::boolean_t&>() ? "true" : "false"; return;
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
      for (const auto& v : j) {
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

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out.push_back('"');
  const char* p = s.data();
  const auto n = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < n) {
    // Copy runs of bytes that need no escape (ASCII other than controls, '"', '\\', and
    // well-formed UTF-8 sequences) at once.
    std::int32_t j = i;
    bool invalid = false;
    while (j < n) {
      const unsigned char c = static_cast<unsigned char>(p[j]);
      if (c < 0x80) {
        if (c < 0x20 || c == '"' || c == '\\') break;
        ++j;
        continue;
      }
      std::int32_t k = j;
      UChar32 cp;
      U8_NEXT(p, k, n, cp);
      if (cp < 0) {
        invalid = true;
        out.append(p + i, static_cast<std::size_t>(j - i));
        out += "\xEF\xBF\xBD";
        i = j = k;
        break;
      }
      j = k;
    }
    if (invalid) continue;
    out.append(p + i, static_cast<std::size_t>(j - i));
    i = j;
    if (i >= n) break;
    const unsigned char c = static_cast<unsigned char>(p[i]);
    ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
    }
  }
  out.push_back('"');
}

void append_fact_json(std::string& out, const Fact& f) {
  // Keys in nlohmann's (sorted) order.
  out.push_back('{');
  key(out, "as_of");
  if (f.as_of) append_json_string(out, *f.as_of);
  else out += "null";
  out.push_back(',');
  key(out, "attributes");
  append_value(out, f.attributes);
  out.push_back(',');
  key(out, "id");
  append_json_string(out, f.id);
  out.push_back(',');
  key(out, "key");
  append_json_string(out, f.key);
  out.push_back(',');
  key(out, "sentence");
  append_json_string(out, f.sentence);
  out += ",\"span\":{\"column\":";
  append_int(out, f.span.column);
  out += ",\"end\":";
  append_int(out, static_cast<long long>(f.span.end));
  out += ",\"end_column\":";
  append_int(out, f.span.end_column);
  out += ",\"end_line\":";
  append_int(out, f.span.end_line);
  out += ",\"line\":";
  append_int(out, f.span.line);
  out += ",\"start\":";
  append_int(out, static_cast<long long>(f.span.start));
  out += "},";
  key(out, "text");
  append_json_string(out, f.text);
  out.push_back(',');
  key(out, "type");
  append_json_string(out, f.type);
  out.push_back(',');
  key(out, "value");
  append_value(out, f.value);
  out.push_back('}');
}

void append_article_json(std::string& out, const ArticleMeta& a) {
  // Fewer fields than a fact and rarely hot: the tree costs little here, and using to_json
  // keeps one definition of the article's fields.
  append_dump(out, nlohmann::json(a));
}

void append_sheet_json(std::string& out, const FactSheet& s) {
  // Reserve about what the sheet takes, so the string is not regrown (and copied) many times.
  std::size_t estimate = 1024;
  for (const auto& f : s.facts) estimate += f.sentence.size() + f.text.size() + f.key.size() + 320;
  out.reserve(out.size() + estimate);
  out += "{\"article\":";
  append_article_json(out, s.article);
  out += ",\"facts\":[";
  for (std::size_t i = 0; i < s.facts.size(); ++i) {
    if (i) out.push_back(',');
    append_fact_json(out, s.facts[i]);
  }
  out += "],\"schema\":";
  append_json_string(out, kFactSheetSchema);
  out.push_back('}');
}

}  // namespace tadqiq
