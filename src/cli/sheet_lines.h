// tadqiq/cli/sheet_lines.h — extraction written out sheet by sheet (`extract`, and `check`
// into a temporary JSON Lines file that it compares with the streamed two-pass join,
// compare/stream.h, instead of holding every parsed sheet).
#pragma once

#include <mutex>
#include <optional>
#include <ostream>
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

// How write_sheets lays the sheets out: one compact tadqiq.factsheet/1 sheet per line (JSON
// Lines), a JSON array of them, or keyed lines (KEY<TAB>JSON, docs/scale.md).
enum class SheetFormat { jsonl, json_array, keyed };

// Writes the sheets of `articles` to `out`, in order: a cache hit as it is stored (not parsed,
// except for keyed lines), a miss extracted on c.jobs threads (with its serialization) and
// then stored. Works chunk by chunk, freeing each article's text once its sheet is written,
// so memory is bounded by a chunk and not the corpus. False when `out` failed.
bool write_sheets(const Common& c, const Engine& engine, std::vector<Article>& articles, std::ostream& out,
                  SheetFormat format);

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
