// tadqiq/cli/git.h — the files changed in a git work tree, for `check --changed`.
#pragma once

#include <optional>
#include <set>
#include <string>

namespace tadqiq::cli {

// Absolute, canonical paths of the files that differ from `rev` in the work tree holding the
// working directory (committed since, staged or not), plus untracked files git does not
// ignore. nullopt with `error` set when git fails (not a repository, unknown revision).
std::optional<std::set<std::string>> changed_files(const std::string& rev, std::string& error);

}  // namespace tadqiq::cli
