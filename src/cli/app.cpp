#include "cli/app.h"

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace tadqiq::cli {

namespace {

void add_engine_options(CLI::App* cmd, Common& c) {
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
  cmd->add_flag("--no-cache", c.no_cache, "Do not read or write the fact-sheet cache");
  cmd->add_option("--cache-dir", c.cache_dir, "Fact-sheet cache folder (default: .tadqiq-cache)");
}

void add_report_options(CLI::App* cmd, Common& c, ReportArgs& r) {
  cmd->add_option("--format", c.format, "text, json (tadqiq.report/1) or jsonl (one finding per line)")
      ->check(CLI::IsMember({"text", "json", "jsonl"}))
      ->default_val("text");
  cmd->add_option("--fail-on", r.fail_on, "Exit 1 when a finding is at or above this level")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}))
      ->default_val("error");
  cmd->add_option("--color", r.color, "auto, always or never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_val("auto");
  cmd->add_option("--shard", r.shard, "Compare only the keys of shard I of N (I/N, 0-based)");
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"tadqiq — check Arabic news reports against each other"};
  app.set_version_flag("--version", std::string("tadqiq ") + TADQIQ_VERSION);
  app.require_subcommand(1);

  Common common;
  common.argv0 = argc > 0 ? argv[0] : "tadqiq";

  ExtractArgs ea;
  auto* extract = app.add_subcommand("extract", "Write the fact sheet of every article");
  extract->add_option("paths", ea.paths, "Files, directories (recursive) or - for standard input")->required();
  add_engine_options(extract, common);
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
  check->add_option("paths", ca.paths, "Files, directories (recursive) or - for standard input")->required();
  add_engine_options(check, common);
  add_input_options(check, common);
  add_report_options(check, common, ca.report);
  check->add_option("--against", ca.against,
                    "Check PATH... (drafts) against these archive paths; report only findings involving a draft");

  CompareArgs pa;
  auto* compare = app.add_subcommand("compare", "Compare precomputed fact sheets (from extract)");
  compare->add_option("sheets", pa.sheets, "Fact sheet files (JSON or JSONL), - for standard input");
  add_engine_options(compare, common);
  add_report_options(compare, common, pa.report);
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
  if (extract->parsed()) return cmd_extract(common, ea);
  if (compare->parsed()) return cmd_compare(common, pa);
  return cmd_check(common, ca);
}

}  // namespace tadqiq::cli
