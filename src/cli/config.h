// tadqiq/cli/config.h — the repository configuration file `tadqiq.yaml` (docs/ci.md).
//
// Found from the working directory upward (the first tadqiq.yaml wins), or given with
// --config. Relative paths in it are relative to its folder. Precedence: command-line flags
// over the config file over built-in defaults.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "rules/rules.h"

namespace tadqiq::cli {

struct Config {
  std::filesystem::path file;  // empty: no config
  std::filesystem::path root;  // its folder
  std::vector<std::string> include;  // paths (files or folders) checked when none are given
  std::vector<std::string> exclude;  // fnmatch(3) globs on paths relative to root
  std::vector<std::filesystem::path> rules;  // extra rules folders, absolute, in order
  YAML::Node checks;                          // checks.yaml overrides (checks: NAME: ...)
  std::optional<std::string> fail_on;
  std::optional<std::string> baseline;  // absolute
  std::optional<bool> cache;
  std::optional<std::string> cache_dir;  // absolute

  // True when `path` (as found by a directory walk) matches an exclude glob.
  bool excluded(const std::string& path) const;
};

std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

// Reads and validates a config file; errors (file:line:column) are appended.
bool load_config(const std::filesystem::path& file, Config& out, std::vector<rules::RuleError>& errors);

// The commented starter config written by `tadqiq init`.
const char* starter_config();

}  // namespace tadqiq::cli
