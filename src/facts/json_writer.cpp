#include "facts/json_writer.h"

#include <unicode/utf8.h>

#include <fmt/format.h>

namespace tadqiq {

namespace {

void append_int(std::string& out, long long v) {
  const fmt::format_int f(v);
  out.append(f.data(), f.size());
}

void append_dump(std::string& out, const nlohmann::json& j) {
  out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void key(std::string& out, const char* k) {
  out.push_back('"');
  out += k;
  out += "\":";
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out.push_back('"');
  const char* p = s.data();
  const auto n = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < n) {
    // Copy runs of plain bytes at once.
    std::int32_t j = i;
    while (j < n) {
      const unsigned char c = static_cast<unsigned char>(p[j]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++j;
    }
    out.append(p + i, static_cast<std::size_t>(j - i));
    i = j;
    if (i >= n) break;
    const unsigned char c = static_cast<unsigned char>(p[i]);
    if (c >= 0x80) {
      const std::int32_t start = i;
      UChar32 cp;
      U8_NEXT(p, i, n, cp);
      if (cp < 0) out += "\xEF\xBF\xBD";
      else out.append(p + start, static_cast<std::size_t>(i - start));
      continue;
    }
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
  append_dump(out, f.attributes);
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
  append_dump(out, f.value);
  out.push_back('}');
}

void append_article_json(std::string& out, const ArticleMeta& a) {
  // Fewer fields than a fact and rarely hot: the tree costs little here, and using to_json
  // keeps one definition of the article's fields.
  append_dump(out, nlohmann::json(a));
}

void append_sheet_json(std::string& out, const FactSheet& s) {
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
