// tadqiq/compare/stream.h — comparing JSONL fact-sheet files at scale, in two passes.
//
// `compare()` holds every fact sheet in memory (about 2 KB per fact once parsed).
// For JSON Lines sheet files on disk, `compare_jsonl_files` gives the same findings while
// holding per keyed fact only its location (about 24 bytes) and per article its metadata:
//
//  1. Scan: each line is read once; a light scanner (no JSON tree) finds the article object,
//     and each fact's extent, type and key. Keyed facts of a type some per-key check reads
//     (and of this shard) are recorded as (group, article, file offset, length). Per-article
//     checks run here, on a sheet holding only the fact types they read (see
//     `sheet_check_types` in stream.cpp), so most facts are never parsed in this pass.
//     Lines are scanned on `threads` threads, in order.
//  2. Join: groups in key order, split across `threads` threads; each group's facts are read
//     back (pread, from the page cache) and parsed, the per-key checks run, the facts are
//     dropped. Findings are then ordered as by `compare()`.
//
// With `Options::focus` (check --changed, --against), the per-article checks run on the focus
// articles only and pass 2 reads only the groups holding a fact of a focus article: the cost of
// a re-run with one changed article is the scan, not the join.
//
// Memory is linear in the facts with a small constant (the locations, the keys, the
// articles' metadata, the findings), not in the bytes of the sheets. A line that is not a
// fact sheet is reported as an InputError (as by the in-memory reader) and skipped; a fact
// that turns out malformed when parsed in pass 2 is reported likewise.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "compare/compare.h"

namespace tadqiq::compare {

struct SheetSummary {
  ArticleMeta article;
  std::size_t facts = 0;
};

// True when `path` can be streamed: a regular file whose first non-blank line is a whole
// JSON object (JSON Lines). A JSON array or one pretty-printed sheet, and standard input, are
// read by the in-memory reader instead.
bool is_jsonl_sheet_file(const std::string& path);

// Compares the sheets of `paths` (each a JSONL file, see is_jsonl_sheet_file). Appends
// input problems to `errors` and one summary per article read to `articles`.
// A reader of the groups besides the checks (e.g. the HTML report's series): `fn` is called
// with every group pass 2 reads (after its checks; from the pass's threads, concurrently), and
// groups of `types` are read even when no check reads that type. It sees the groups the
// comparison sees: with a focus, those holding a fact of a focus article.
struct GroupReader {
  std::vector<std::string> types;
  std::function<void(const Group&)> fn;
};

std::vector<Finding> compare_jsonl_files(const std::vector<std::string>& paths, const Checks& checks,
                                         const Options& opts, unsigned threads,
                                         std::vector<InputError>& errors,
                                         std::vector<SheetSummary>& articles,
                                         const GroupReader* reader = nullptr);

}  // namespace tadqiq::compare
