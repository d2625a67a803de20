#include <map>

#include "facts/json_writer.h"
#include "report/report.h"

namespace tadqiq::report {

using nlohmann::json;

json summary_json(const Report& r) {
  std::size_t facts = 0;
  for (const auto& a : r.articles) facts += a.facts;
  std::map<std::string, std::size_t> by_kind;
  json by_severity = {{"error", 0}, {"warning", 0}, {"info", 0}};
  std::size_t suppressed = 0;
  for (const auto& f : r.findings) {
    if (f.suppressed) {
      ++suppressed;
      continue;
    }
    by_severity[to_string(f.severity)] = by_severity[to_string(f.severity)].get<std::size_t>() + 1;
    ++by_kind[f.kind];
  }
  // by_severity and by_kind count the findings in force (not suppressed).
  return {{"articles", r.articles.size()}, {"facts", facts},
          {"findings", r.findings.size()}, {"by_severity", by_severity},
          {"by_kind", json(by_kind)},      {"suppressed", suppressed},
          {"baselined", r.baselined},      {"errors", r.errors.size()}};
}

json to_json(const Report& r) {
  json articles = json::array();
  for (const auto& a : r.articles) {
    json j = a.article;
    j["facts"] = a.facts;
    articles.push_back(std::move(j));
  }
  return {{"schema", kReportSchema},
          {"articles", std::move(articles)},
          {"findings", r.findings},
          {"errors", r.errors},
          {"summary", summary_json(r)}};
}

void write_json(const Report& r, std::ostream& out) {
  out << to_json(r).dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

void write_jsonl(const Report& r, std::ostream& out) {
  // The direct writer gives the same bytes as json(f).dump() without building a tree per
  // finding (with trees, writing took a quarter of `compare`'s time on large sheet files).
  std::string buf;
  for (const auto& f : r.findings) {
    append_finding_json(buf, f);
    buf += '\n';
    if (buf.size() > (1u << 20)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

}  // namespace tadqiq::report
