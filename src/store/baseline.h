// tadqiq/store/baseline.h — baselines: the findings a repository has accepted, by fingerprint.
//
// File format `tadqiq.baseline/1` (docs/ci.md):
//   {"schema": "tadqiq.baseline/1",
//    "findings": [{"id": "...", "kind": "...", "class": "...", "key": "...", "message": "..."}]}
// Only `id` is used for matching; the rest helps a reader review the file. Written sorted by id,
// without timestamps, so a baseline diff shows only real changes.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "facts/finding.h"

namespace tadqiq::store {

// Writes the baseline of `findings` (suppressed ones excluded). False with `error` set on failure.
bool write_baseline(const std::string& path, const std::vector<Finding>& findings, std::string& error);

// Reads the fingerprints of a baseline file; nullopt with `error` set when it cannot be read.
std::optional<std::set<std::string>> read_baseline(const std::string& path, std::string& error);

// Removes the findings the baseline holds; returns how many were removed.
std::size_t apply_baseline(std::vector<Finding>& findings, const std::set<std::string>& ids);

}  // namespace tadqiq::store
