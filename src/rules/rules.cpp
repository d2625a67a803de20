#include "rules/rules.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "facts/hash.h"

namespace tadqiq::rules {

namespace fs = std::filesystem;

std::string RuleError::to_string() const {
  if (line > 0) return fmt::format("{}:{}:{}: {}", file, line, column, message);
  return fmt::format("{}: {}", file, message);
}

namespace {

// Merges `over` into `base` in place: maps key by key, sequences concatenated, scalars
// replaced. Nodes of `over` are inserted as they are, so their identity (and mark) is kept.
void merge_into(YAML::Node base, const YAML::Node& over) {
  for (auto it = over.begin(); it != over.end(); ++it) {
    const std::string key = it->first.as<std::string>();
    YAML::Node existing = base[key];
    if (existing && existing.IsMap() && it->second.IsMap()) {
      merge_into(existing, it->second);
    } else if (existing && existing.IsSequence() && it->second.IsSequence()) {
      for (const auto& item : it->second) existing.push_back(item);
    } else {
      base[key] = it->second;
    }
  }
}

bool contains_node(const YAML::Node& root, const YAML::Node& needle) {
  if (root.is(needle)) return true;
  if (root.IsMap()) {
    for (const auto& kv : root)
      if (kv.first.is(needle) || contains_node(kv.second, needle)) return true;
  } else if (root.IsSequence()) {
    for (const auto& item : root)
      if (contains_node(item, needle)) return true;
  }
  return false;
}

std::vector<fs::path> yaml_files(const fs::path& dir, std::vector<RuleError>& errors) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    errors.push_back({dir.string(), 0, 0, "rules folder not found"});
    return out;
  }
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto ext = it->path().extension();
    if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml")) out.push_back(it->path());
  }
  if (ec) errors.push_back({dir.string(), 0, 0, "cannot list rules folder: " + ec.message()});
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

RuleSet RuleSet::load(const std::vector<fs::path>& dirs, std::vector<RuleError>& errors) {
  RuleSet rs;
  for (const auto& dir : dirs) rs.add_dir(dir, errors);
  return rs;
}

void RuleSet::add_dir(const fs::path& dir, std::vector<RuleError>& errors) {
  for (const auto& file : yaml_files(dir, errors)) {
    const std::string name = fs::relative(file, dir).generic_string();
    std::ifstream in(file, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    if (!in) {
      errors.push_back({file.string(), 0, 0, "cannot read rules file"});
      continue;
    }
    const std::string content = buf.str();
    hash_ = fnv1a(name, hash_);
    hash_ = fnv1a(content, hash_);
    YAML::Node root;
    try {
      root = YAML::Load(content);
    } catch (const YAML::Exception& e) {
      errors.push_back({file.string(), e.mark.line + 1, e.mark.column + 1, e.msg});
      continue;
    }
    add_root(name, root, file.string(), /*hash_content=*/false, errors);
  }
  version_ = fmt::format("{:016x}", hash_);
}

void RuleSet::add_doc(const std::string& name, const YAML::Node& root, const std::string& origin,
                      std::vector<RuleError>& errors) {
  add_root(name, root, origin, /*hash_content=*/true, errors);
}

void RuleSet::add_root(const std::string& name, const YAML::Node& root, const std::string& origin,
                       bool hash_content, std::vector<RuleError>& errors) {
  if (root.IsNull()) return;  // an empty file adds nothing
  if (!root.IsMap()) {
    errors.push_back({origin, root.Mark().line + 1, root.Mark().column + 1,
                      "a rules file must be a YAML mapping at the top level"});
    return;
  }
  hash_ = fnv1a(origin, hash_);
  // A document from a file is in the hash already, by its bytes; one built in memory (the
  // config's checks) by its YAML text, which costs as much as parsing it.
  if (hash_content) hash_ = fnv1a(YAML::Dump(root), hash_);
  version_ = fmt::format("{:016x}", hash_);
  layers_[name].push_back({origin, root});
  auto it = docs_.find(name);
  if (it == docs_.end()) {
    docs_.emplace(name, root);
    return;
  }
  try {
    merge_into(it->second, root);
  } catch (const YAML::Exception& e) {
    errors.push_back({origin, e.mark.line + 1, e.mark.column + 1, "cannot merge with the rules below it: " + e.msg});
  }
}

YAML::Node RuleSet::doc(const std::string& name) const {
  auto it = docs_.find(name);
  return it == docs_.end() ? YAML::Node(YAML::NodeType::Undefined) : it->second;
}

std::string RuleSet::origin(const std::string& name) const {
  auto it = layers_.find(name);
  return it == layers_.end() || it->second.empty() ? name : it->second.back().file;
}

std::vector<std::string> RuleSet::names() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : docs_) out.push_back(name);
  return out;
}

RuleError RuleSet::error_at(const std::string& name, const YAML::Node& node,
                            std::string message) const {
  std::string file = origin(name);
  if (auto it = layers_.find(name); it != layers_.end()) {
    for (const auto& layer : it->second)
      if (node && contains_node(layer.root, node)) file = layer.file;
  }
  const auto mark = node ? node.Mark() : YAML::Mark::null_mark();
  return {file, mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0,
          std::move(message)};
}

std::vector<std::string> strings_of(const RuleSet& rs, const std::string& name,
                                    const YAML::Node& node) {
  std::vector<std::string> out;
  if (!node) return out;
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
    return out;
  }
  if (!node.IsSequence()) throw RuleShapeError(rs.error_at(name, node, "expected a list of strings"));
  for (const auto& item : node) {
    if (!item.IsScalar()) throw RuleShapeError(rs.error_at(name, item, "expected a string"));
    out.push_back(item.as<std::string>());
  }
  return out;
}

std::optional<fs::path> builtin_rules_dir(const fs::path& argv0) {
  std::error_code ec;
  auto ok = [&](const fs::path& p) { return fs::is_directory(p, ec); };
  if (const char* env = std::getenv("TADQIQ_RULES_DIR"); env && *env) {
    if (ok(env)) return fs::path(env);
    return std::nullopt;
  }
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec || exe.empty()) exe = fs::absolute(argv0, ec);
  const fs::path bindir = exe.parent_path();
  for (const fs::path& p : {bindir / "../share/tadqiq/rules", fs::path(TADQIQ_INSTALL_RULES_DIR),
                            bindir / "../rules", fs::path(TADQIQ_SOURCE_RULES_DIR)}) {
    if (ok(p)) return fs::weakly_canonical(p, ec);
  }
  return std::nullopt;
}

}  // namespace tadqiq::rules
