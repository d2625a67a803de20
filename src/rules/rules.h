// tadqiq/rules/rules.h — loading and validating rules/*.yaml (lexicons, gazetteer, knowledge).
//
// Contract:
//  * A rule set is the built-in folder plus zero or more user folders layered on top, in
//    order. Files are keyed by their name relative to the folder; a user file with the same
//    name as a built-in one is merged into it: maps merge key by key (recursively), sequences
//    are concatenated, scalars are replaced.
//  * Every YAML syntax or shape error is a RuleError with file:line:column; loading never
//    throws for bad rules.
//  * Holds no Arabic of its own: it only reads data.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace tadqiq::rules {

struct RuleError {
  std::string file;
  int line = 0;    // 1-based, 0 when unknown
  int column = 0;  // 1-based, 0 when unknown
  std::string message;
  std::string to_string() const;  // "file:line:column: message"
};

// Thrown by consumers that compile rules (extractors, checks) when a rule has the wrong
// shape; carries the location of the offending node.
class RuleShapeError : public std::runtime_error {
 public:
  explicit RuleShapeError(RuleError e) : std::runtime_error(e.to_string()), error_(std::move(e)) {}
  const RuleError& error() const { return error_; }

 private:
  RuleError error_;
};

class RuleSet {
 public:
  // Loads `dirs` in order (first = built-in). Errors are appended to `errors`.
  static RuleSet load(const std::vector<std::filesystem::path>& dirs,
                      std::vector<RuleError>& errors);
  // Layers one more folder on top.
  void add_dir(const std::filesystem::path& dir, std::vector<RuleError>& errors);
  // Layers one document on top, as if it were file `name` of a folder; `origin` names it in
  // messages (e.g. the config file it came from).
  void add_doc(const std::string& name, const YAML::Node& doc, const std::string& origin,
               std::vector<RuleError>& errors);

  // The merged document of `name` (e.g. "quantities.yaml"); a null node when absent.
  YAML::Node doc(const std::string& name) const;
  // Which file (of the last layer that defined it) a document came from, for messages.
  std::string origin(const std::string& name) const;
  // A content hash of all loaded rules (for caches).
  const std::string& version() const { return version_; }
  std::vector<std::string> names() const;

  // Error for `node` of document `name`.
  RuleError error_at(const std::string& name, const YAML::Node& node, std::string message) const;

 private:
  // add_doc; `hash_content`: fold the document's YAML text into the version (add_dir has
  // hashed the file's bytes instead).
  void add_root(const std::string& name, const YAML::Node& root, const std::string& origin,
                bool hash_content, std::vector<RuleError>& errors);

  struct Layer {
    std::string file;
    YAML::Node root;
  };
  std::map<std::string, YAML::Node> docs_;               // merged, by file name
  std::map<std::string, std::vector<Layer>> layers_;     // each file that contributed
  std::string version_;
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// Finds the built-in rules folder: $TADQIQ_RULES_DIR, then ../share/tadqiq/rules relative to
// the executable, then the configured install dir, then the source tree's rules/.
std::optional<std::filesystem::path> builtin_rules_dir(const std::filesystem::path& argv0);

// Helpers for consumers: a sequence of strings (each must be a scalar), with errors located.
std::vector<std::string> strings_of(const RuleSet& rs, const std::string& name,
                                    const YAML::Node& node);

}  // namespace tadqiq::rules
