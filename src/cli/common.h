// tadqiq/cli/common.h — what the verbs share: options, the engine set-up, input reporting,
// output, exit codes. Holds no logic of the stages.
#pragma once

#include <fstream>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/config.h"
#include "compare/compare.h"
#include "extract/extractor.h"
#include "ingest/ingest.h"
#include "report/report.h"
#include "rules/rules.h"
#include "store/cache.h"

namespace tadqiq::cli {

inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

struct Common {
  std::vector<std::string> rules_dirs;
  std::string encoding;
  unsigned jobs = 0;
  std::string output;
  std::string format;
  const char* argv0 = "tadqiq";
  bool no_cache = false;
  std::string cache_dir;  // default: .tadqiq-cache (or the config's cache_dir)
  std::string stdin_format;
  Config config;          // tadqiq.yaml, when one is in force
};

// Options of the verbs that report findings (check, compare).
struct ReportArgs {
  std::string fail_on = "error";
  std::string color = "auto";
  std::string shard;     // "I/N", empty = all
  std::string baseline;  // baseline file: findings it holds are left out
  std::string lang = "en";  // interface language of --format html (rules/i18n/LANG.yaml)
};

// The rule set and what is compiled from it.
struct Engine {
  rules::RuleSet rules;
  std::vector<std::unique_ptr<extract::Extractor>> extractors;
  compare::Checks checks;
};

// Loads the built-in rules plus user folders and compiles them; prints every problem and
// returns false when there is any.
bool build_engine(const Common& c, bool with_extractors, bool with_checks, Engine& engine);

// Ingest options from the command line and the config (excludes, encoding, stdin format).
ingest::Options input_options(const Common& c);

// Leaves out the findings of the baseline file (if any); false (after printing why) when the
// file cannot be read.
bool apply_baseline(const ReportArgs& a, report::Report& r);

void print_input_errors(const std::vector<InputError>& errors);
// Prints the input errors; false (after saying so) when no article could be read.
bool report_inputs(const ingest::Result& loaded);

// Runs fn(0..n-1) on `jobs` threads (0 = all cores), the calling thread included.
void parallel_for(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& fn);

// The cache for this run (nullptr with --no-cache); a warning is printed when it is unusable.
std::unique_ptr<store::SheetCache> open_cache(const Common& c, const Engine& engine);

// The output stream: the file, or stdout. nullptr (after printing why) when it cannot be opened.
std::ostream* open_output(const std::string& path, std::ofstream& file);

// Parses "I/N" into options (0 <= I < N); false (after printing why) when malformed.
bool parse_shard(const std::string& spec, compare::Options& opts);

// Writes the report in `format` (text, json, jsonl, html, sarif, github) to -o or stdout and
// returns the exit code for --fail-on.
int emit_report(const Common& c, const ReportArgs& a, const report::Report& r);

}  // namespace tadqiq::cli
