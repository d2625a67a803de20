// tadqiq/report/series.h — dated series of figures for the HTML report's timelines.
//
// A series is every quantity or ordinal fact sharing one (type, key) across the fact sheets,
// kept when the facts carry two or more distinct `as_of` dates and a numeric value. It is a
// view of the fact sheets for reading (the report stage may read facts); it decides nothing:
// which points take part in a finding is looked up from the findings when the report is written.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "facts/fact.h"

namespace tadqiq::report {

// The fact types that make series.
inline constexpr std::string_view kSeriesTypes[] = {"quantity", "ordinal"};

struct SeriesPoint {
  std::string article;  // article id
  std::string file;     // article path
  std::string fact;     // fact id in the article's sheet
  int line = 0, column = 0;
  std::string text;      // original text of the fact
  std::string sentence;  // original sentence
  std::string as_of;     // ISO date (points without one are left out)
  std::optional<double> min, max;  // the fact value; an open side is empty
  std::string bound;               // attributes.bound: exact, more_than, at_least, less_than, at_most, about, ...
  double tolerance = 0;            // "about" figures: the ± drawn around the value (absolute)
};

struct Series {
  std::string type;  // "quantity" | "ordinal"
  std::string key;
  std::vector<SeriesPoint> points;  // by date, then value, then article
  std::size_t dates = 0;            // distinct as_of dates
};

// The series of `sheets` (types quantity and ordinal, non-empty key, numeric value, an ISO
// as_of), each with >= 2 distinct dates; ordered by type, then key. Linear in the facts.
// `about_tolerance` is the relative tolerance of "about" figures (checks.yaml
// quantity.about_tolerance).
std::vector<Series> build_series(const std::vector<FactSheet>& sheets, double about_tolerance = 0.1);

// One fact of a (type, key) group with its article.
struct SeriesFact {
  const ArticleMeta* article = nullptr;
  const Fact* fact = nullptr;
};
// The series of one group: the facts of one (type, key), in input order (as the comparator's
// groups hold them), or nullopt when they make none by the rules above. build_series is this
// over every group of the sheets, so a caller that reads groups one at a time (the streamed
// comparison) draws the same series.
std::optional<Series> series_of(std::string_view type, std::string_view key, const std::vector<SeriesFact>& facts,
                                double about_tolerance = 0.1);

// Days since 1970-01-01 of an ISO date "YYYY-MM-DD" (a longer string is read by its first
// ten characters); std::nullopt when it is not one.
std::optional<long> days_from_iso(const std::string& iso);

}  // namespace tadqiq::report
