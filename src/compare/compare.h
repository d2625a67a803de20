// tadqiq/compare/compare.h — the comparator: facts aligned by key, one check per fact type.
//
// Contract:
//  * Reads fact sheets only (never the extractors or the text): comparison can run apart
//    from extraction, on other machines, from JSONL.
//  * Facts are grouped by (type, key) in a hash join: cost linear in the number of facts.
//    A check sees one group at a time and nothing else, so groups can be split across
//    processes (shards, or a reducer per key) and the findings concatenated.
//  * Output is deterministic: groups in key order, findings sorted by severity (highest
//    first), then key, then id. Never prints.
//  * A fact a check cannot read (in a sheet not written by tadqiq: a value or an attribute of
//    another JSON type than the check expects, so that the check throws) is reported to the
//    caller's FactErrorSink and left out of that check; the rest of its group or sheet is still
//    checked. Without a sink the exception propagates.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "facts/finding.h"
#include "rules/rules.h"

namespace tadqiq::compare {

struct FactRef {
  const ArticleMeta* article = nullptr;
  const Fact* fact = nullptr;
};

// All facts of one type sharing one key, across articles, in input order.
struct Group {
  std::string_view type;
  std::string_view key;
  std::vector<FactRef> facts;
};

class Check {
 public:
  virtual ~Check() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view kind() const = 0;       // finding kind it reports
  virtual std::string_view fact_type() const = 0;  // fact type it reads
  // Appends findings about one group. Must depend on nothing but the group.
  virtual void check(const Group& group, std::vector<Finding>& out) const = 0;
};

// A check of one article against itself (e.g. a weekday that does not match its date). It
// sees one fact sheet and nothing else, so it runs wherever that sheet is (a mapper, a shard).
class SheetCheck {
 public:
  virtual ~SheetCheck() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view kind() const = 0;
  virtual void check(const FactSheet& sheet, std::vector<Finding>& out) const = 0;
};

// The built-in checks, compiled from rules (thresholds and severities are data).
// Throws rules::RuleShapeError.
struct Checks {
  std::vector<std::unique_ptr<Check>> across;      // per key, across articles
  std::vector<std::unique_ptr<SheetCheck>> within; // per article
};
Checks make_checks(const rules::RuleSet& rules);

struct Options {
  // Only keys whose hash falls in shard `index` of `count` (0-based); count 1 = all.
  unsigned shard_index = 0;
  unsigned shard_count = 1;
  // When set: keep only findings with evidence from one of these article ids (an empty set
  // keeps none).
  std::optional<std::set<std::string>> focus;
};

// Told about each fact a check could not read: its article (a pointer into the caller's sheets
// or group, as given), the fact, and a message naming the check and the problem. It may be
// called several times per fact (once per check that fails on it). Called from the thread that
// runs the check.
using FactErrorSink =
    std::function<void(const ArticleMeta& article, const Fact& fact, const std::string& message)>;

// Which shard a key belongs to (stable across runs and machines).
unsigned shard_of(std::string_view type, std::string_view key, unsigned count);

// Runs the per-article checks on every sheet (only in shard 0, so that shards never repeat
// them) and the per-key checks on every group of the shard.
std::vector<Finding> compare(const std::vector<FactSheet>& sheets, const Checks& checks,
                             const Options& opts = {}, const FactErrorSink& on_error = {});

// Runs the per-key checks that read `g.type` on one group; findings covered by an inline
// suppression of an article in the group are marked suppressed. A check that throws is run
// again on prefixes of the group to find the fact that makes it throw (the last fact of the
// shortest failing prefix); that fact goes to `on_error` and the check runs on the others.
void check_group(const Group& g, const Checks& checks, std::vector<Finding>& out,
                 const FactErrorSink& on_error = {});
// Runs the per-article checks on one sheet (suppressions and failing facts handled likewise).
void check_sheet(const FactSheet& s, const Checks& checks, std::vector<Finding>& out,
                 const FactErrorSink& on_error = {});

// Drops the findings with no evidence from an article in `focus` (no-op when unset).
void keep_focus(std::vector<Finding>& findings, const std::optional<std::set<std::string>>& focus);

// Sorts findings into the report order and assigns fingerprints to those without an id.
void finalize(std::vector<Finding>& findings);

}  // namespace tadqiq::compare
