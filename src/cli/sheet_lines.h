// tadqiq/cli/sheet_lines.h — extraction into a JSON Lines file, for `check` to compare it with
// the streamed two-pass join (compare/stream.h) instead of holding every parsed sheet.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/common.h"
#include "compare/stream.h"
#include "report/series.h"

namespace tadqiq::cli {

// A file in the temporary folder ($TMPDIR, else /tmp), removed when this is destroyed.
class TempFile {
 public:
  // A new empty file named STEM-XXXXXX; nullopt (after printing why) when none can be made.
  static std::optional<TempFile> make(std::string_view stem);
  TempFile(TempFile&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  TempFile& operator=(TempFile&&) = delete;
  TempFile(const TempFile&) = delete;
  ~TempFile();
  const std::string& path() const { return path_; }

 private:
  explicit TempFile(std::string p) : path_(std::move(p)) {}
  std::string path_;
};

// Writes one compact tadqiq.factsheet/1 sheet per line to `path` for `articles`, in order: a
// cache hit as it is stored (not parsed), a miss extracted on c.jobs threads and then stored.
// Works chunk by chunk, freeing each article's text once its sheet is written, so memory is
// bounded by a chunk and not the corpus. False (after printing why) when `path` cannot be
// written.
bool write_sheet_lines(const Common& c, const Engine& engine, std::vector<Article>& articles,
                       const std::string& path);

// The HTML report's dated series (report/series.h), collected from the groups of a streamed
// comparison (compare_jsonl_files with reader()) instead of from sheets held in memory.
class SeriesCollector {
 public:
  explicit SeriesCollector(double about_tolerance);
  const compare::GroupReader* reader() const { return &reader_; }
  // The series collected, ordered by type, then key (as build_series orders them).
  std::vector<report::Series> take();

 private:
  double tolerance_;
  std::mutex mu_;
  std::vector<report::Series> series_;
  compare::GroupReader reader_;
};

}  // namespace tadqiq::cli
