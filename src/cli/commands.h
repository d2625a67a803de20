// tadqiq/cli/commands.h — the verbs. Each returns the process exit code.
#pragma once

#include <string>
#include <vector>

#include "cli/common.h"

namespace tadqiq::cli {

struct ExtractArgs {
  std::vector<std::string> paths;
  std::string emit = "sheets";  // sheets | keyed
};
int cmd_extract(const Common& c, const ExtractArgs& a);

struct CheckArgs {
  std::vector<std::string> paths;  // empty: the config's include list
  std::vector<std::string> against;
  std::string changed;  // --changed REV: only findings involving files changed since REV
  ReportArgs report;
};
int cmd_check(const Common& c, const CheckArgs& a);

// `tadqiq baseline -o FILE PATH...`: records the current findings (check's pipeline).
int cmd_baseline(const Common& c, const CheckArgs& a);

// `tadqiq init`: writes a commented starter tadqiq.yaml in the working directory.
int cmd_init(bool force);

struct CompareArgs {
  std::vector<std::string> sheets;  // fact sheet files (JSON or JSONL), "-" for stdin
  bool grouped = false;             // read key-sorted keyed lines from stdin
  ReportArgs report;
};
int cmd_compare(const Common& c, const CompareArgs& a);

}  // namespace tadqiq::cli
