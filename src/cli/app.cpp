#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.h"

namespace tadqiq::cli {

namespace {

void add_engine_options(CLI::App* cmd, Common& c, std::string& config, bool& no_config) {
  cmd->add_option("--config", config, "Configuration file (default: tadqiq.yaml found from here upward)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--no-config", no_config, "Ignore tadqiq.yaml");
  cmd->add_option("--rules", c.rules_dirs, "Extra rules folder layered on the built-in rules (repeatable)")
      ->check(CLI::ExistingDirectory)
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("-o,--output", c.output, "Write to FILE instead of standard output");
}

void add_input_options(CLI::App* cmd, Common& c) {
  cmd->add_option("--encoding", c.encoding,
                  "Decode every input with this ICU converter (e.g. windows-1256) instead of UTF-8/UTF-16");
  cmd->add_option("-j,--jobs", c.jobs, "Extraction threads (default: all cores)");
  cmd->add_option("--stdin-format", c.stdin_format,
                  "Format of standard input: markdown, text or jsonl (default: Markdown when it starts with ---)")
      ->check(CLI::IsMember({"markdown", "text", "jsonl"}));
  cmd->add_flag("--no-cache", c.no_cache, "Do not read or write the fact-sheet cache");
  cmd->add_option("--cache-dir", c.cache_dir, "Fact-sheet cache folder (default: .tadqiq-cache)");
}

void add_report_options(CLI::App* cmd, Common& c, ReportArgs& r) {
  cmd->add_option("--format", c.format,
                  "text, json (tadqiq.report/1), jsonl (one finding per line), html (a self-contained page), "
                  "sarif (SARIF 2.1.0) or github (GitHub Actions annotations)")
      ->check(CLI::IsMember({"text", "json", "jsonl", "html", "sarif", "github"}))
      ->default_val("text");
  cmd->add_option("--lang", r.lang, "Interface language of the HTML report: en or ar")
      ->check(CLI::IsMember({"en", "ar"}))
      ->default_val("en");
  cmd->add_option("--fail-on", r.fail_on, "Exit 1 when a finding is at or above this level")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}))
      ->default_val("error");
  cmd->add_option("--color", r.color, "auto, always or never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_val("auto");
  cmd->add_option("--shard", r.shard, "Compare only the keys of shard I of N (I/N, 0-based)");
  cmd->add_option("--baseline", r.baseline, "Leave out the findings recorded in this baseline file")
      ->check(CLI::ExistingFile);
}

// Finds and loads tadqiq.yaml and applies it under the command-line flags. False (after
// printing every problem) when the config is invalid.
bool apply_config(const std::string& explicit_file, bool no_config, Common& c, ReportArgs* report,
                  bool fail_on_given) {
  if (no_config) return true;
  std::optional<std::filesystem::path> file;
  if (!explicit_file.empty()) file = explicit_file;
  else file = find_config(std::filesystem::current_path());
  if (!file) return true;
  std::vector<rules::RuleError> errors;
  if (!load_config(*file, c.config, errors)) {
    for (const auto& e : errors) fmt::print(stderr, "tadqiq: config: {}\n", e.to_string());
    return false;
  }
  if (c.config.cache && !*c.config.cache) c.no_cache = true;
  if (c.cache_dir.empty() && c.config.cache_dir) c.cache_dir = *c.config.cache_dir;
  if (report) {
    if (!fail_on_given && c.config.fail_on) report->fail_on = *c.config.fail_on;
    if (report->baseline.empty() && c.config.baseline) {
      std::error_code ec;
      if (std::filesystem::exists(*c.config.baseline, ec)) report->baseline = *c.config.baseline;
      else fmt::print(stderr, "tadqiq: note: baseline {} (from {}) does not exist yet; run `tadqiq baseline`\n",
                      *c.config.baseline, c.config.file.string());
    }
  }
  return true;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"tadqiq — check Arabic news reports against each other"};
  app.set_version_flag("--version", std::string("tadqiq ") + TADQIQ_VERSION);
  app.require_subcommand(1);

  Common common;
  common.argv0 = argc > 0 ? argv[0] : "tadqiq";
  std::string config_file;
  bool no_config = false;

  ExtractArgs ea;
  auto* extract = app.add_subcommand("extract", "Write the fact sheet of every article");
  extract->add_option("paths", ea.paths, "Files, directories (recursive) or - for standard input")->required();
  add_engine_options(extract, common, config_file, no_config);
  add_input_options(extract, common);
  extract->add_option("--format", common.format, "json (an array of sheets) or jsonl (one sheet per line)")
      ->check(CLI::IsMember({"json", "jsonl"}))
      ->default_val("json");
  extract->add_option("--emit", ea.emit,
                      "sheets (default) or keyed: KEY<TAB>JSON lines for a map-reduce engine (docs/scale.md)")
      ->check(CLI::IsMember({"sheets", "keyed"}))
      ->default_val("sheets");

  CheckArgs ca;
  auto* check = app.add_subcommand("check", "Extract, compare and report discrepancies");
  check->add_option("paths", ca.paths,
                    "Files, directories (recursive) or - for standard input (default: `include` of tadqiq.yaml)");
  add_engine_options(check, common, config_file, no_config);
  add_input_options(check, common);
  add_report_options(check, common, ca.report);
  check->add_option("--against", ca.against,
                    "Check PATH... (drafts) against these archive paths; report only findings involving a draft");
  check->add_option("--changed", ca.changed,
                    "Report only findings involving articles changed since REV (git; default HEAD)")
      ->expected(0, 1)
      ->default_str("HEAD");

  CheckArgs ba;
  auto* baseline = app.add_subcommand("baseline", "Record the current findings as accepted (-o FILE)");
  baseline->add_option("paths", ba.paths,
                       "Files, directories (recursive) or - for standard input (default: `include` of tadqiq.yaml)");
  add_engine_options(baseline, common, config_file, no_config);
  add_input_options(baseline, common);

  bool force = false;
  auto* init = app.add_subcommand("init", "Write a commented starter tadqiq.yaml here");
  init->add_flag("--force", force, "Overwrite an existing tadqiq.yaml");

  CompareArgs pa;
  auto* compare = app.add_subcommand("compare", "Compare precomputed fact sheets (from extract)");
  compare->add_option("sheets", pa.sheets, "Fact sheet files (JSON or JSONL), - for standard input");
  add_engine_options(compare, common, config_file, no_config);
  add_report_options(compare, common, pa.report);
  compare->add_option("-j,--jobs", common.jobs, "Comparison threads for JSONL sheet files (default: all cores)");
  compare->add_flag("--grouped", pa.grouped,
                    "Read key-sorted KEY<TAB>JSON lines (extract --emit keyed | sort) from standard input");

  try {
    app.parse(argc, argv);
    if (compare->parsed() && !pa.grouped && pa.sheets.empty())
      throw CLI::RequiredError("compare needs fact sheet files, or --grouped");
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);  // prints help, version or the error
    return rc == 0 ? kExitClean : kExitUsage;
  }
  if (init->parsed()) return cmd_init(force);
  if (check->count("--changed") > 0 && ca.changed.empty()) ca.changed = "HEAD";
  ReportArgs* report = check->parsed() ? &ca.report : compare->parsed() ? &pa.report : nullptr;
  const CLI::App* verb = check->parsed() ? check : compare->parsed() ? compare : nullptr;
  const bool fail_on_given = verb && verb->count("--fail-on") > 0;
  if (!apply_config(config_file, no_config, common, report, fail_on_given)) return kExitUsage;
  if (extract->parsed()) return cmd_extract(common, ea);
  if (compare->parsed()) return cmd_compare(common, pa);
  if (baseline->parsed()) return cmd_baseline(common, ba);
  return cmd_check(common, ca);
}

}  // namespace tadqiq::cli
