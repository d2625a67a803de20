// GitHub Actions workflow commands: an annotation per finding in force, on the line of its
// first evidence (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "report/report.h"

namespace tadqiq::report {

namespace {

const char* command_of(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "notice";
  }
  return "notice";
}

}  // namespace

std::string github_escape_data(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string github_escape_property(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

void write_github(const Report& r, std::ostream& out) {
  std::unordered_map<std::string, const ArticleMeta*> articles;
  for (const auto& a : r.articles) articles.emplace(a.article.id, &a.article);
  const std::unordered_set<std::string> focus(r.focus.begin(), r.focus.end());
  for (const auto& f : r.findings) {
    if (f.suppressed) continue;
    std::string props;
    if (!f.evidence.empty()) {
      // On the changed article (or draft) when there is one: a pull request shows it there.
      auto at = std::find_if(f.evidence.begin(), f.evidence.end(), [&](const Evidence& x) { return focus.count(x.article) > 0; });
      const Evidence& e = at == f.evidence.end() ? f.evidence.front() : *at;
      props = "file=" + github_escape_property(e.file);
      auto it = articles.find(e.article);
      if (it != articles.end() && it->second->format == "jsonl" && it->second->record > 0) {
        // Lines of a JSONL article count inside its record: point at the record's line.
        props += fmt::format(",line={}", it->second->record);
      } else if (e.line >= 1) {
        props += fmt::format(",line={}", e.line);
        if (e.column >= 1) props += fmt::format(",col={}", e.column);
        if (e.end_line >= e.line) {
          props += fmt::format(",endLine={}", e.end_line);
          if (e.end_column >= 1) props += fmt::format(",endColumn={}", e.end_column);
        }
      }
      props += ",";
    }
    props += "title=" + github_escape_property(f.kind + "/" + f.cls);
    out << "::" << command_of(f.severity) << ' ' << props << "::" << github_escape_data(f.message) << '\n';
  }
}

}  // namespace tadqiq::report
