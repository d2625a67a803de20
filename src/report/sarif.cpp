// SARIF 2.1.0 (OASIS): one run of tadqiq, a rule per check, a result per finding.
// Validated in tests against the OASIS schema (tests/data/sarif/); shaped for GitHub code
// scanning (relative URIs under %SRCROOT%, a location on every result, unique rule ids).
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "report/report.h"

namespace tadqiq::report {

using nlohmann::json;

namespace {

constexpr const char* kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

struct RuleDoc {
  const char* id;
  const char* name;
  const char* text;
};

// The built-in checks (docs/checks/NAME.md has the full story). A check met in the findings
// that is not listed here still gets a rule, with a generic description.
constexpr RuleDoc kRules[] = {
    {"quantity", "QuantityDisagreement",
     "Figures about the same thing (what is counted, where, over what span) that disagree across articles: "
     "contradictions on the same day, regressions and updates over time, undated conflicts."},
    {"ordinal", "OrdinalDisagreement",
     "Counted series (\"his fifth visit to the region since the war began\") whose ordinals disagree across "
     "articles, or fall over time."},
    {"title", "TitleConflict",
     "A person given conflicting offices across articles, or an office the knowledge base says they did not "
     "hold on the article's date."},
    {"name_spelling", "NameSpellingVariant", "One person spelled more than one way inside one article."},
    {"date_consistency", "DateInconsistency",
     "An article's dates against themselves: weekdays, relative days, days of the war and Hijri equivalents "
     "that do not match."},
};

const char* level_of(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "note";
}

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~' || c == '/';
}

std::string percent_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (unreserved(c)) out.push_back(static_cast<char>(c));
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

// An artifact location for an input path: relative paths under %SRCROOT% (what GitHub code
// scanning maps to the repository), absolute ones as file: URIs, standard input as "stdin".
json artifact_location(const std::string& path) {
  if (path.empty() || path == "-") return {{"uri", "stdin"}};
  if (path.front() == '/') return {{"uri", "file://" + percent_encode(path)}};
  std::string_view p = path;
  while (p.size() > 2 && p.substr(0, 2) == "./") p.remove_prefix(2);
  return {{"uri", percent_encode(p)}, {"uriBaseId", "%SRCROOT%"}};
}

struct ArticleIndex {
  std::unordered_map<std::string, const ArticleSummary*> by_id;
  explicit ArticleIndex(const Report& r) {
    for (const auto& a : r.articles) by_id.emplace(a.article.id, &a);
  }
  const ArticleMeta* find(const std::string& id) const {
    auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : &it->second->article;
  }
};

// The region of an evidence: its span in the file. For a JSONL record the lines count inside
// the record's text, so the region is the record's line.
json region_of(const Evidence& e, const ArticleIndex& articles) {
  const ArticleMeta* a = articles.find(e.article);
  json r;
  if (a && a->format == "jsonl" && a->record > 0) {
    r["startLine"] = a->record;
  } else if (e.line >= 1) {
    r["startLine"] = e.line;
    if (e.column >= 1) r["startColumn"] = e.column;
    if (e.end_line >= e.line) {
      r["endLine"] = e.end_line;
      if (e.end_column >= 1 && (e.end_line > e.line || e.end_column >= e.column)) r["endColumn"] = e.end_column;
    }
  } else {
    return nullptr;
  }
  if (!e.text.empty()) r["snippet"] = {{"text", e.text}};
  return r;
}

std::string evidence_note(const Evidence& e) {
  return e.as_of ? fmt::format("{} (as of {})", e.text, *e.as_of) : e.text;
}

json location_of(const Evidence& e, const ArticleIndex& articles) {
  json phys = {{"artifactLocation", artifact_location(e.file)}};
  if (json region = region_of(e, articles); !region.is_null()) phys["region"] = std::move(region);
  return {{"physicalLocation", std::move(phys)}, {"message", {{"text", evidence_note(e)}}}};
}

}  // namespace

json to_sarif(const Report& r) {
  const ArticleIndex articles(r);

  // Rules: the built-in checks, then any other check the findings name, in order met.
  json rules = json::array();
  std::map<std::string, std::size_t> rule_index;
  auto add_rule = [&](const std::string& id, const std::string& name, const std::string& text) {
    rule_index.emplace(id, rules.size());
    rules.push_back({{"id", id},
                     {"name", name},
                     {"shortDescription", {{"text", text}}},
                     {"fullDescription", {{"text", text}}},
                     {"help", {{"text", text + " See docs/checks/" + id + ".md in the tadqiq documentation."}}},
                     {"properties", {{"tags", {"tadqiq", "consistency"}}}}});
  };
  for (const auto& d : kRules) add_rule(d.id, d.name, d.text);
  auto rule_of = [](const Finding& f) { return f.check.empty() ? f.kind : f.check; };
  for (const auto& f : r.findings) {
    const std::string id = rule_of(f);
    if (!rule_index.count(id)) add_rule(id, id, "Findings of the " + id + " check.");
  }

  json results = json::array();
  for (const auto& f : r.findings) {
    const std::string rule = rule_of(f);
    json res = {{"ruleId", rule},
                {"ruleIndex", rule_index.at(rule)},
                {"level", level_of(f.severity)},
                {"kind", "fail"},
                {"message", {{"text", f.message.empty() ? f.kind + "/" + f.cls : f.message}}}};
    json locations = json::array(), related = json::array();
    for (std::size_t i = 0; i < f.evidence.size(); ++i) {
      json loc = location_of(f.evidence[i], articles);
      if (i == 0) {
        locations.push_back(std::move(loc));
      } else {
        loc["id"] = static_cast<int>(i);
        related.push_back(std::move(loc));
      }
    }
    if (locations.empty() && !r.articles.empty())  // every result needs a location
      locations.push_back({{"physicalLocation", {{"artifactLocation", artifact_location(r.articles.front().article.path)}}}});
    res["locations"] = std::move(locations);
    if (!related.empty()) res["relatedLocations"] = std::move(related);
    res["partialFingerprints"] = {{"tadqiqFindingId/v1", f.id}};
    json evidence = json::array();
    for (const auto& e : f.evidence)
      evidence.push_back({{"file", e.file}, {"text", e.text}, {"value", e.value},
                          {"as_of", e.as_of ? json(*e.as_of) : json(nullptr)}});
    res["properties"] = {{"id", f.id}, {"kind", f.kind}, {"class", f.cls}, {"severity", to_string(f.severity)},
                         {"key", f.key}, {"evidence", std::move(evidence)}};
    if (f.suppressed) {
      json s = {{"kind", "inSource"}, {"status", "accepted"},
                {"justification", "tadqiq-ignore directive" + (f.suppressed_by.empty() ? std::string() : " at " + f.suppressed_by)}};
      // suppressed_by is "FILE:LINE" of the directive.
      if (const auto colon = f.suppressed_by.rfind(':'); colon != std::string::npos && colon > 0) {
        const std::string file = f.suppressed_by.substr(0, colon);
        int line = 0;
        try {
          line = std::stoi(f.suppressed_by.substr(colon + 1));
        } catch (...) {
        }
        json phys = {{"artifactLocation", artifact_location(file)}};
        if (line >= 1) phys["region"] = {{"startLine", line}};
        s["location"] = {{"physicalLocation", std::move(phys)}};
      }
      res["suppressions"] = json::array({std::move(s)});
    }
    results.push_back(std::move(res));
  }

  // The articles read, with their hashes (JSONL records share a file and are left out).
  json artifacts = json::array();
  std::set<std::string> seen;
  for (const auto& a : r.articles) {
    if (a.article.format == "jsonl" || a.article.path.empty() || a.article.path == "-") continue;
    if (!seen.insert(a.article.path).second) continue;
    json art = {{"location", artifact_location(a.article.path)}, {"roles", {"analysisTarget"}}};
    if (a.article.format == "markdown") art["mimeType"] = "text/markdown";
    else if (a.article.format == "text") art["mimeType"] = "text/plain";
    if (a.article.encoding != "UTF-8" && !a.article.encoding.empty()) art["encoding"] = a.article.encoding;
    if (a.article.sha256.size() == 64) art["hashes"] = {{"sha-256", a.article.sha256}};
    artifacts.push_back(std::move(art));
  }

  // Inputs that could not be read.
  json notes = json::array();
  for (const auto& e : r.errors) {
    json phys = {{"artifactLocation", artifact_location(e.file)}};
    if (e.record) phys["region"] = {{"startLine", e.record}};
    else if (e.offset) phys["region"] = {{"byteOffset", *e.offset}};
    notes.push_back({{"level", "error"},
                     {"message", {{"text", e.message}}},
                     {"locations", json::array({{{"physicalLocation", std::move(phys)}}})}});
  }
  json invocation = {{"executionSuccessful", true}};
  if (!notes.empty()) invocation["toolExecutionNotifications"] = std::move(notes);

  json run = {{"tool",
               {{"driver",
                 {{"name", "tadqiq"},
                  {"version", TADQIQ_VERSION},
                  {"semanticVersion", TADQIQ_VERSION},
                  {"rules", std::move(rules)}}}}},
              {"invocations", json::array({std::move(invocation)})},
              {"columnKind", "unicodeCodePoints"},
              {"results", std::move(results)},
              {"properties", {{"tadqiq", summary_json(r)}}}};
  if (!artifacts.empty()) run["artifacts"] = std::move(artifacts);
  return {{"$schema", kSchemaUri}, {"version", "2.1.0"}, {"runs", json::array({std::move(run)})}};
}

void write_sarif(const Report& r, std::ostream& out) {
  out << to_sarif(r).dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace tadqiq::report
