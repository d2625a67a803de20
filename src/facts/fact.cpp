#include "facts/fact.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace tadqiq {

using nlohmann::json;

namespace {

// Member `name` of `j` as an integer (`fallback` when absent). A number with a fraction is
// truncated, as nlohmann::json does; one out of the type's range is an error (nlohmann's
// conversion of such a double is undefined behaviour).
template <class Int>
Int integer_member(const json& j, const char* name, std::optional<Int> fallback = std::nullopt) {
  if (!j.is_object()) return j.at(name).get<Int>();  // throws type_error
  const auto it = j.find(name);
  if (it == j.end()) {
    if (fallback) return *fallback;
    return j.at(name).get<Int>();  // throws out_of_range naming the member
  }
  if (it->is_number_float()) {
    const double d = it->get<double>();
    if (!(d > static_cast<double>(std::numeric_limits<Int>::min()) - 1.0 &&
          d < static_cast<double>(std::numeric_limits<Int>::max()) + 1.0))
      throw std::runtime_error(std::string("\"") + name + "\" is out of range: " + it->dump());
    return static_cast<Int>(d);
  }
  return it->get<Int>();
}

}  // namespace

ArticleMeta meta_of(const Article& a) {
  ArticleMeta m;
  m.id = a.id;
  m.path = a.path;
  m.format = a.format;
  m.encoding = a.encoding;
  m.title = a.title;
  m.date = a.date;
  m.source = a.source;
  m.url = a.url;
  m.sha256 = a.sha256;
  m.record = a.record;
  m.meta = a.meta;
  return m;
}

void to_json(json& j, const Span& s) {
  j = json{{"start", s.start}, {"end", s.end},           {"line", s.line},
           {"column", s.column}, {"end_line", s.end_line}, {"end_column", s.end_column}};
}

void from_json(const json& j, Span& s) {
  s.start = integer_member<std::size_t>(j, "start");
  s.end = integer_member<std::size_t>(j, "end");
  s.line = integer_member<int>(j, "line");
  s.column = integer_member<int>(j, "column");
  s.end_line = integer_member<int>(j, "end_line", s.line);
  s.end_column = integer_member<int>(j, "end_column", s.column);
}

void to_json(json& j, const Fact& f) {
  j = json{{"id", f.id},
           {"type", f.type},
           {"key", f.key},
           {"value", f.value},
           {"span", f.span},
           {"text", f.text},
           {"sentence", f.sentence.view()},
           {"as_of", f.as_of ? json(*f.as_of) : json(nullptr)},
           {"attributes", f.attributes}};
}

void from_json(const json& j, Fact& f) {
  j.at("id").get_to(f.id);
  j.at("type").get_to(f.type);
  f.key = j.value("key", std::string());
  f.value = j.value("value", json());
  j.at("span").get_to(f.span);
  f.text = j.value("text", std::string());
  f.sentence = j.value("sentence", std::string());
  if (auto it = j.find("as_of"); it != j.end() && it->is_string()) f.as_of = it->get<std::string>();
  else f.as_of.reset();
  f.attributes = j.value("attributes", json::object());
}

bool Suppression::covers(const std::string& kind, int line) const {
  if (line < first_line || (last_line && line > last_line)) return false;
  return kinds.empty() || std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

void to_json(json& j, const Suppression& s) {
  j = json{{"kinds", s.kinds}, {"first_line", s.first_line}, {"last_line", s.last_line},
           {"directive_line", s.directive_line}};
}

void from_json(const json& j, Suppression& s) {
  s.kinds = j.value("kinds", std::vector<std::string>{});
  s.first_line = integer_member<int>(j, "first_line", 1);
  s.last_line = integer_member<int>(j, "last_line", 0);
  s.directive_line = integer_member<int>(j, "directive_line", 0);
}

void to_json(json& j, const ArticleMeta& a) {
  j = json{{"id", a.id},         {"path", a.path},     {"format", a.format},
           {"encoding", a.encoding}, {"title", a.title}, {"date", a.date},
           {"source", a.source}, {"url", a.url},       {"sha256", a.sha256},
           {"meta", a.meta}};
  if (a.record) j["record"] = a.record;
  if (!a.suppressions.empty()) j["suppressions"] = a.suppressions;
}

void from_json(const json& j, ArticleMeta& a) {
  j.at("id").get_to(a.id);
  a.path = j.value("path", std::string());
  a.format = j.value("format", std::string());
  a.encoding = j.value("encoding", std::string("UTF-8"));
  a.title = j.value("title", std::string());
  a.date = j.value("date", std::string());
  a.source = j.value("source", std::string());
  a.url = j.value("url", std::string());
  a.sha256 = j.value("sha256", std::string());
  a.record = integer_member<std::size_t>(j, "record", std::size_t{0});
  a.meta = j.value("meta", json::object());
  a.suppressions = j.value("suppressions", std::vector<Suppression>{});
}

void to_json(json& j, const FactSheet& s) {
  j = json{{"schema", kFactSheetSchema}, {"article", s.article}, {"facts", s.facts}};
}

void from_json(const json& j, FactSheet& s) {
  if (!j.is_object()) throw std::runtime_error("a fact sheet must be a JSON object");
  auto schema = j.value("schema", std::string());
  if (schema != kFactSheetSchema)
    throw std::runtime_error("not a " + std::string(kFactSheetSchema) + " fact sheet (schema: \"" +
                             schema + "\")");
  j.at("article").get_to(s.article);
  j.at("facts").get_to(s.facts);
}

}  // namespace tadqiq
