#include "cli/config.h"

#include <fnmatch.h>

#include <fstream>
#include <set>
#include <sstream>

namespace tadqiq::cli {

namespace fs = std::filesystem;

bool Config::excluded(const std::string& path) const {
  if (exclude.empty()) return false;
  std::error_code ec;
  const fs::path abs = fs::weakly_canonical(fs::absolute(path, ec), ec);
  std::string rel = abs.lexically_relative(root).generic_string();
  if (rel.empty() || rel.rfind("..", 0) == 0) rel = fs::path(path).generic_string();
  for (const auto& g : exclude)
    if (fnmatch(g.c_str(), rel.c_str(), 0) == 0) return true;  // '*' also matches '/'
  return false;
}

std::optional<fs::path> find_config(const fs::path& start) {
  std::error_code ec;
  for (fs::path dir = fs::absolute(start, ec); !dir.empty(); dir = dir.parent_path()) {
    const fs::path f = dir / "tadqiq.yaml";
    if (fs::is_regular_file(f, ec)) return f;
    if (dir == dir.parent_path()) break;
  }
  return std::nullopt;
}

namespace {

rules::RuleError error_at(const fs::path& file, const YAML::Node& node, std::string message) {
  const auto m = node.Mark();
  return {file.string(), m.line >= 0 ? m.line + 1 : 0, m.column >= 0 ? m.column + 1 : 0, std::move(message)};
}

bool strings(const fs::path& file, const YAML::Node& node, std::vector<std::string>& out,
             std::vector<rules::RuleError>& errors) {
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
    return true;
  }
  if (!node.IsSequence()) {
    errors.push_back(error_at(file, node, "expected a list of strings"));
    return false;
  }
  for (const auto& item : node) {
    if (!item.IsScalar()) {
      errors.push_back(error_at(file, item, "expected a string"));
      return false;
    }
    out.push_back(item.as<std::string>());
  }
  return true;
}

}  // namespace

bool load_config(const fs::path& file, Config& out, std::vector<rules::RuleError>& errors) {
  const std::size_t before = errors.size();
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    errors.push_back({file.string(), 0, 0, "cannot read the config file"});
    return false;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  YAML::Node root;
  try {
    root = YAML::Load(buf.str());
  } catch (const YAML::Exception& e) {
    errors.push_back({file.string(), e.mark.line + 1, e.mark.column + 1, e.msg});
    return false;
  }
  std::error_code ec;
  out.file = fs::absolute(file, ec);
  out.root = out.file.parent_path();
  if (root.IsNull()) return true;
  if (!root.IsMap()) {
    errors.push_back(error_at(file, root, "the config must be a YAML mapping"));
    return false;
  }
  static const std::set<std::string> known = {"include", "exclude", "rules", "knowledge", "checks",
                                              "fail_on", "baseline", "cache", "cache_dir"};
  auto resolve = [&](const std::string& p) { return (out.root / p).lexically_normal(); };
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    if (!known.count(key)) {
      errors.push_back(error_at(file, kv.first, "unknown setting \"" + key + "\""));
      continue;
    }
    if (key == "include") {
      std::vector<std::string> list;
      if (strings(file, v, list, errors))
        for (const auto& p : list) {
          // Reported paths stay relative (to the working directory), as paths typed on the
          // command line do: SARIF locations under %SRCROOT% and GitHub annotations need them.
          const fs::path abs = resolve(p), cwd = fs::current_path(ec);
          const fs::path rel = ec ? abs : abs.lexically_proximate(cwd);
          out.include.push_back((rel.empty() ? abs : rel).string());
        }
    } else if (key == "exclude") {
      strings(file, v, out.exclude, errors);
    } else if (key == "rules" || key == "knowledge") {
      std::vector<std::string> list;
      if (strings(file, v, list, errors))
        for (const auto& p : list) {
          const fs::path dir = resolve(p);
          if (!fs::is_directory(dir, ec)) errors.push_back(error_at(file, v, "folder not found: " + dir.string()));
          else out.rules.push_back(dir);
        }
    } else if (key == "checks") {
      if (!v.IsMap()) errors.push_back(error_at(file, v, "expected a mapping of check name to settings"));
      else out.checks = v;
    } else if (key == "fail_on") {
      const std::string s = v.IsScalar() ? v.as<std::string>() : "";
      if (s != "error" && s != "warning" && s != "info" && s != "never")
        errors.push_back(error_at(file, v, "expected error, warning, info or never"));
      else out.fail_on = s;
    } else if (key == "baseline") {
      if (!v.IsScalar()) errors.push_back(error_at(file, v, "expected a file name"));
      else out.baseline = resolve(v.as<std::string>()).string();
    } else if (key == "cache") {
      try {
        out.cache = v.as<bool>();
      } catch (const YAML::Exception&) {
        errors.push_back(error_at(file, v, "expected true or false"));
      }
    } else if (key == "cache_dir") {
      if (!v.IsScalar()) errors.push_back(error_at(file, v, "expected a folder name"));
      else out.cache_dir = resolve(v.as<std::string>()).string();
    }
  }
  return errors.size() == before;
}

const char* starter_config() {
  return R"(# tadqiq.yaml — configuration for checking this article repository with tadqiq.
# tadqiq finds this file from the working directory upward. Relative paths are relative to
# this file's folder. Command-line flags override what is set here. See docs/ci.md.

# What `tadqiq check` reads when no path is given on the command line.
include:
  - content

# Files to skip inside those folders (fnmatch globs on paths relative to this file; '*' also
# matches '/').
exclude:
  - "*/drafts/*"

# Extra rules folders (lexicons, gazetteer, knowledge base), layered on the built-in rules in
# order. See docs/rules.md.
# rules:
#   - tadqiq-rules
# knowledge:
#   - tadqiq-knowledge

# Exit 1 when a finding is at or above this level: error, warning, info or never.
fail_on: error

# Accepted findings, recorded with `tadqiq baseline`; only new findings are reported.
# baseline: .tadqiq-baseline.json

# The fact-sheet cache (SQLite), so that re-runs only extract what changed.
cache: true
cache_dir: .tadqiq-cache

# Per-check overrides of rules/checks.yaml: enable, severities, thresholds.
# checks:
#   quantity:
#     about_tolerance: 0.1
#     severity:
#       update: info
)";
}

}  // namespace tadqiq::cli
