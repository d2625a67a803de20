#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/sheet_lines.h"
#include "compare/check_config.h"
#include "compare/grouped.h"
#include "compare/stream.h"

namespace tadqiq::cli {

namespace {

// Reads fact sheets from a JSON file (one sheet, or an array of sheets) or a JSONL file (one
// sheet per line). Problems become InputErrors; the readable sheets are kept, each with where it
// was read (for the errors about its facts).
struct SheetOrigin {
  std::string file;
  std::optional<std::size_t> offset;
  std::size_t record = 0;
};

void read_sheets(const std::string& path, std::vector<FactSheet>& sheets, std::vector<SheetOrigin>& origins,
                 std::vector<InputError>& errors) {
  std::string content;
  if (path == "-") {
    std::ostringstream buf;
    buf << std::cin.rdbuf();
    content = buf.str();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      errors.push_back({path, std::nullopt, 0, "cannot open fact sheet file"});
      return;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    content = buf.str();
  }
  auto add = [&](const nlohmann::json& j, std::size_t record, std::optional<std::size_t> offset) {
    try {
      sheets.push_back(j.get<FactSheet>());
      origins.push_back({path, offset, record});
    } catch (const std::exception& e) {
      errors.push_back({path, std::nullopt, record, std::string("not a fact sheet: ") + e.what()});
    }
  };
  // A whole JSON document (object or array) first; otherwise JSON Lines.
  const auto whole = nlohmann::json::parse(content, nullptr, false);
  if (!whole.is_discarded()) {
    if (whole.is_array())
      for (const auto& j : whole) add(j, 0, std::nullopt);
    else
      add(whole, 0, std::nullopt);
    return;
  }
  std::istringstream lines(content);
  std::string line;
  std::size_t n = 0, offset = 0;
  while (std::getline(lines, line)) {
    ++n;
    const std::size_t line_offset = offset;
    offset += line.size() + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) errors.push_back({path, line_offset, n, "not valid JSON"});
    else add(j, n, line_offset);
  }
}

}  // namespace

int cmd_compare(const Common& c, const CompareArgs& a) {
  Engine engine;
  if (!build_engine(c, false, true, engine)) return kExitUsage;
  report::Report r;
  if (a.grouped) {
    if (!a.report.shard.empty()) {
      fmt::print(stderr, "tadqiq: --shard and --grouped do not go together (the grouping is the shard)\n");
      return kExitUsage;
    }
    compare::GroupedStats stats;
    try {
      r.findings = compare::compare_grouped(std::cin, "-", engine.checks, r.errors, stats);
    } catch (const std::runtime_error& e) {
      fmt::print(stderr, "tadqiq: {}\n", e.what());
      return kExitUsage;
    }
    print_input_errors(r.errors);
  } else {
    compare::Options co;
    if (!parse_shard(a.report.shard, co)) return kExitUsage;
    // JSON Lines files are compared in two passes without holding the sheets (see
    // compare/stream.h); a JSON document and standard input use the in-memory reader.
    const bool stream = std::all_of(a.sheets.begin(), a.sheets.end(), [](const std::string& p) {
      return compare::is_jsonl_sheet_file(p);
    });
    if (stream) {
      std::vector<compare::SheetSummary> articles;
      const unsigned threads = c.jobs ? c.jobs : std::max(1u, std::thread::hardware_concurrency());
      SeriesCollector series(compare::check_number(engine.rules, "quantity", "about_tolerance", 0.1));
      r.findings = compare::compare_jsonl_files(a.sheets, engine.checks, co, threads, r.errors, articles,
                                                c.format == "html" ? series.reader() : nullptr);
      r.series = series.take();
      print_input_errors(r.errors);
      if (articles.empty()) {
        fmt::print(stderr, "tadqiq: no readable fact sheet\n");
        return kExitUsage;
      }
      r.articles.reserve(articles.size());
      for (auto& s : articles) r.articles.push_back({std::move(s.article), s.facts});
      return emit_report(c, a.report, r);
    }
    std::vector<FactSheet> sheets;
    std::vector<SheetOrigin> origins;
    for (const auto& p : a.sheets) read_sheets(p, sheets, origins, r.errors);
    print_input_errors(r.errors);
    if (sheets.empty()) {
      fmt::print(stderr, "tadqiq: no readable fact sheet\n");
      return kExitUsage;
    }
    const std::size_t read_errors = r.errors.size();
    std::unordered_map<const ArticleMeta*, std::size_t> sheet_of;  // built at the first error
    r.findings = compare::compare(sheets, engine.checks, co, [&](const ArticleMeta& art, const Fact&, const std::string& m) {
      if (sheet_of.empty())
        for (std::size_t i = 0; i < sheets.size(); ++i) sheet_of.emplace(&sheets[i].article, i);
      const SheetOrigin& o = origins[sheet_of.at(&art)];
      r.errors.push_back({o.file, o.offset, o.record, m});
    });
    print_input_errors({r.errors.begin() + static_cast<std::ptrdiff_t>(read_errors), r.errors.end()});
    for (const auto& s : sheets) r.articles.push_back({s.article, s.facts.size()});
    if (c.format == "html")  // the HTML report draws dated series of figures
      r.series = report::build_series(sheets, compare::check_number(engine.rules, "quantity", "about_tolerance", 0.1));
  }
  return emit_report(c, a.report, r);
}

}  // namespace tadqiq::cli
