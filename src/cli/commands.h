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
  std::vector<std::string> paths;
  std::vector<std::string> against;
  ReportArgs report;
};
int cmd_check(const Common& c, const CheckArgs& a);

struct CompareArgs {
  std::vector<std::string> sheets;  // fact sheet files (JSON or JSONL), "-" for stdin
  bool grouped = false;             // read key-sorted keyed lines from stdin
  ReportArgs report;
};
int cmd_compare(const Common& c, const CompareArgs& a);

}  // namespace tadqiq::cli
