#include "facts/finding.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include <fmt/format.h>

#include "facts/hash.h"

namespace tadqiq {

Finding make_finding(std::string_view check, std::string_view kind, std::string_view cls, Severity severity,
                     std::string_view key) {
  Finding f;
  f.check = check;
  f.kind = kind;
  f.cls = cls;
  f.severity = severity;
  f.key = key;
  return f;
}


using nlohmann::json;

const char* to_string(Severity s) {
  switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "info";
}

std::optional<Severity> severity_from_string(const std::string& s) {
  if (s == "info") return Severity::info;
  if (s == "warning") return Severity::warning;
  if (s == "error") return Severity::error;
  return std::nullopt;
}

void to_json(json& j, const Evidence& e) {
  j = json{{"file", e.file},         {"article", e.article},   {"line", e.line},
           {"column", e.column},     {"end_line", e.end_line}, {"end_column", e.end_column},
           {"text", e.text},         {"sentence", e.sentence}, {"value", e.value},
           {"as_of", e.as_of ? json(*e.as_of) : json(nullptr)}, {"fact", e.fact}};
}

void from_json(const json& j, Evidence& e) {
  e.file = j.value("file", std::string());
  e.article = j.value("article", std::string());
  e.line = j.value("line", 0);
  e.column = j.value("column", 0);
  e.end_line = j.value("end_line", e.line);
  e.end_column = j.value("end_column", e.column);
  e.text = j.value("text", std::string());
  e.sentence = j.value("sentence", std::string());
  e.value = j.value("value", json());
  if (auto it = j.find("as_of"); it != j.end() && it->is_string()) e.as_of = it->get<std::string>();
  e.fact = j.value("fact", std::string());
}

void to_json(json& j, const Finding& f) {
  j = json{{"id", f.id},       {"check", f.check},     {"kind", f.kind},
           {"class", f.cls},   {"severity", to_string(f.severity)},
           {"key", f.key},     {"message", f.message}, {"evidence", f.evidence},
           {"suppressed", f.suppressed}};
  if (f.suppressed) j["suppressed_by"] = f.suppressed_by;
}

void from_json(const json& j, Finding& f) {
  f.id = j.value("id", std::string());
  f.check = j.value("check", std::string());
  f.kind = j.value("kind", std::string());
  f.cls = j.value("class", std::string());
  f.severity = severity_from_string(j.value("severity", std::string("info"))).value_or(Severity::info);
  f.key = j.value("key", std::string());
  f.message = j.value("message", std::string());
  f.evidence = j.value("evidence", std::vector<Evidence>{});
  f.suppressed = j.value("suppressed", false);
  f.suppressed_by = j.value("suppressed_by", std::string());
}

void to_json(json& j, const InputError& e) {
  j = json{{"file", e.file}, {"message", e.message}};
  j["offset"] = e.offset ? json(*e.offset) : json(nullptr);
  if (e.record) j["record"] = e.record;
}

Evidence evidence_of(const ArticleMeta& a, const Fact& f) {
  Evidence e;
  e.file = a.path;
  e.article = a.id;
  e.line = f.span.line;
  e.column = f.span.column;
  e.end_line = f.span.end_line;
  e.end_column = f.span.end_column;
  e.text = f.text;
  e.sentence = f.sentence;
  e.value = f.value;
  e.as_of = f.as_of;
  e.fact = f.id;
  return e;
}

std::string fingerprint(const Finding& f) {
  std::vector<std::string> parts;
  parts.reserve(f.evidence.size());
  for (const auto& e : f.evidence) parts.push_back(e.article + '\x1f' + e.text + '\x1f' + e.value.dump());
  std::sort(parts.begin(), parts.end());
  std::uint64_t h = fnv1a(f.check);
  h = fnv1a(std::string_view("\x1e"), h);
  h = fnv1a(f.key, h);
  h = fnv1a(std::string_view("\x1e"), h);
  h = fnv1a(f.cls, h);
  for (const auto& p : parts) {
    h = fnv1a(std::string_view("\x1e"), h);
    h = fnv1a(p, h);
  }
  return fmt::format("{}-{:016x}", f.kind, h);
}

}  // namespace tadqiq
