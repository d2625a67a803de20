#include "cli/app.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "compare/compare.h"
#include "extract/extractor.h"
#include "ingest/ingest.h"
#include "report/report.h"
#include "rules/rules.h"

namespace tadqiq::cli {

namespace {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

struct Common {
  std::vector<std::string> rules_dirs;
  std::string encoding;
  unsigned jobs = 0;
  std::string output;
  std::string format;
};

void add_common(CLI::App* cmd, Common& c) {
  cmd->add_option("--rules", c.rules_dirs, "Extra rules folder layered on the built-in rules (repeatable)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--encoding", c.encoding,
                  "Decode every input with this ICU converter (e.g. windows-1256) instead of UTF-8/UTF-16");
  cmd->add_option("-j,--jobs", c.jobs, "Extraction threads (default: all cores)");
  cmd->add_option("-o,--output", c.output, "Write to FILE instead of standard output");
}

// What both verbs need: the rule set and the compiled extractors (and checks for `check`).
struct Engine {
  rules::RuleSet rules;
  std::vector<std::unique_ptr<extract::Extractor>> extractors;
  compare::Checks checks;
};

// Loads the built-in rules plus user folders and compiles them; prints every problem and
// returns false when there is any.
bool build_engine(const Common& c, const char* argv0, bool with_checks, Engine& engine) {
  auto builtin = rules::builtin_rules_dir(argv0);
  if (!builtin) {
    fmt::print(stderr, "tadqiq: built-in rules folder not found (set TADQIQ_RULES_DIR)\n");
    return false;
  }
  std::vector<std::filesystem::path> dirs{*builtin};
  for (const auto& d : c.rules_dirs) dirs.emplace_back(d);
  std::vector<rules::RuleError> errors;
  engine.rules = rules::RuleSet::load(dirs, errors);
  for (const auto& e : errors) fmt::print(stderr, "tadqiq: rules: {}\n", e.to_string());
  if (!errors.empty()) return false;
  try {
    engine.extractors = extract::make_extractors(engine.rules);
    if (with_checks) engine.checks = compare::make_checks(engine.rules);
  } catch (const rules::RuleShapeError& e) {
    fmt::print(stderr, "tadqiq: rules: {}\n", e.what());
    return false;
  }
  return true;
}

void print_input_errors(const std::vector<InputError>& errors) {
  for (const auto& e : errors) {
    if (e.record) fmt::print(stderr, "tadqiq: {}:{}: {}\n", e.file, e.record, e.message);
    else if (e.offset) fmt::print(stderr, "tadqiq: {}: byte {}: {}\n", e.file, *e.offset, e.message);
    else fmt::print(stderr, "tadqiq: {}: {}\n", e.file, e.message);
  }
}

// Prints the input errors; false (after saying so) when no article could be read.
bool report_inputs(const ingest::Result& loaded) {
  print_input_errors(loaded.errors);
  if (!loaded.articles.empty()) return true;
  fmt::print(stderr, "tadqiq: no readable article\n");
  return false;
}

// Fact sheets for the articles, extracted on `jobs` threads; order preserved.
std::vector<FactSheet> extract_all(const std::vector<Article>& articles,
                                   const std::vector<std::unique_ptr<extract::Extractor>>& ex,
                                   unsigned jobs) {
  std::vector<FactSheet> sheets(articles.size());
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, std::max<std::size_t>(1, articles.size()));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < articles.size();)
      sheets[i] = extract::extract_sheet(articles[i], ex);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return sheets;
}

// Opens the output: a file, or stdout. Returns nullptr (after printing) when it cannot.
std::ostream* open_output(const std::string& path, std::ofstream& file) {
  if (path.empty() || path == "-") return &std::cout;
  file.open(path, std::ios::binary);
  if (!file) {
    fmt::print(stderr, "tadqiq: cannot write {}: {}\n", path, std::strerror(errno));
    return nullptr;
  }
  return &file;
}

bool use_color(const std::string& mode, bool to_stdout) {
  if (mode == "always") return true;
  if (mode == "never" || !to_stdout) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return isatty(fileno(stdout)) != 0;
}

int cmd_extract(const Common& c, const std::vector<std::string>& paths, const char* argv0) {
  Engine engine;
  if (!build_engine(c, argv0, false, engine)) return kExitUsage;
  ingest::Options io;
  io.encoding = c.encoding;
  auto loaded = ingest::load(paths, io);
  if (!report_inputs(loaded)) return kExitUsage;
  const auto sheets = extract_all(loaded.articles, engine.extractors, c.jobs);
  std::ofstream file;
  std::ostream* out = open_output(c.output, file);
  if (!out) return kExitUsage;
  const auto handler = nlohmann::json::error_handler_t::replace;
  if (c.format == "jsonl") {
    for (const auto& s : sheets) *out << nlohmann::json(s).dump(-1, ' ', false, handler) << '\n';
  } else {
    *out << nlohmann::json(sheets).dump(2, ' ', false, handler) << '\n';
  }
  out->flush();
  return kExitClean;
}

struct CheckArgs {
  std::vector<std::string> against;
  std::string fail_on = "error";
  std::string color = "auto";
};

int cmd_check(const Common& c, const CheckArgs& a, const std::vector<std::string>& paths,
              const char* argv0) {
  Engine engine;
  if (!build_engine(c, argv0, true, engine)) return kExitUsage;
  ingest::Options io;
  io.encoding = c.encoding;
  auto loaded = ingest::load(paths, io);
  compare::Options co;
  if (!a.against.empty()) {
    // Pre-publication: the drafts (PATH...) against an archive; only findings involving a draft.
    for (const auto& art : loaded.articles) co.focus.insert(art.id);
    auto archive = ingest::load(a.against, io);
    for (auto& art : archive.articles)
      if (!co.focus.count(art.id)) loaded.articles.push_back(std::move(art));
    for (auto& e : archive.errors) loaded.errors.push_back(std::move(e));
  }
  if (!report_inputs(loaded)) return kExitUsage;
  const auto sheets = extract_all(loaded.articles, engine.extractors, c.jobs);
  report::Report r;
  r.findings = compare::compare(sheets, engine.checks, co);
  for (const auto& s : sheets) r.articles.push_back({s.article, s.facts.size()});
  r.errors = std::move(loaded.errors);

  std::ofstream file;
  std::ostream* out = open_output(c.output, file);
  if (!out) return kExitUsage;
  if (c.format == "json") report::write_json(r, *out);
  else report::write_text(r, *out, use_color(a.color, out == &std::cout));
  out->flush();

  if (a.fail_on == "never") return kExitClean;
  const Severity threshold = *severity_from_string(a.fail_on);
  for (const auto& f : r.findings)
    if (f.severity >= threshold) return kExitFindings;
  return kExitClean;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"tadqiq — check Arabic news reports against each other"};
  app.set_version_flag("--version", std::string("tadqiq ") + TADQIQ_VERSION);
  app.require_subcommand(1);

  Common common;
  std::vector<std::string> paths;

  auto* extract = app.add_subcommand("extract", "Write the fact sheet of every article");
  extract->add_option("paths", paths, "Files, directories (recursive) or - for standard input")->required();
  add_common(extract, common);
  extract->add_option("--format", common.format, "json (an array of sheets) or jsonl (one sheet per line)")
      ->check(CLI::IsMember({"json", "jsonl"}))
      ->default_val("json");

  CheckArgs ca;
  auto* check = app.add_subcommand("check", "Compare the articles and report discrepancies");
  check->add_option("paths", paths, "Files, directories (recursive) or - for standard input")->required();
  add_common(check, common);
  check->add_option("--format", common.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");
  check->add_option("--fail-on", ca.fail_on, "Exit 1 when a finding is at or above this level")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}))
      ->default_val("error");
  check->add_option("--against", ca.against,
                    "Check PATH... (drafts) against these archive paths; report only findings involving a draft");
  check->add_option("--color", ca.color, "auto, always or never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_val("auto");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);  // prints help, version or the error
    return rc == 0 ? kExitClean : kExitUsage;
  }
  if (extract->parsed()) return cmd_extract(common, paths, argv[0]);
  return cmd_check(common, ca, paths, argv[0]);
}

}  // namespace tadqiq::cli
