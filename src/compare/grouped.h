// tadqiq/compare/grouped.h — the comparator as a reducer over keyed lines (facts/keyed.h).
//
// Contract:
//  * Input lines must be sorted by key in byte order (LC_ALL=C sort); each key's lines are
//    adjacent. Only one group is held in memory at a time.
//  * A fact line joins the group of its key; a sheet line runs the per-article checks.
//  * A malformed line is an InputError (file = name, record = line number) and is skipped;
//    the others are still compared. A key smaller than the previous one (unsorted input)
//    throws std::runtime_error naming the line.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "compare/compare.h"

namespace tadqiq::compare {

struct GroupedStats {
  std::size_t lines = 0, groups = 0, facts = 0, sheets = 0;
};

// Findings are finalized (fingerprints, order) like compare()'s.
std::vector<Finding> compare_grouped(std::istream& in, const std::string& name, const Checks& checks,
                                     std::vector<InputError>& errors, GroupedStats& stats);

}  // namespace tadqiq::compare
