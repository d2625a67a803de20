#include "report/series.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

namespace tadqiq::report {

namespace {

std::optional<double> number_at(const FactJson& v, const char* key) {
  auto it = v.find(key);
  if (it == v.end() || !it->is_number()) return std::nullopt;
  const double x = it->get<double>();
  if (!std::isfinite(x)) return std::nullopt;
  return x;
}

}  // namespace

std::optional<long> days_from_iso(const std::string& iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
  long y = std::stol(iso.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(iso.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(iso.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::optional<Series> series_of(std::string_view type, std::string_view key, const std::vector<SeriesFact>& facts,
                                double about_tolerance) {
  if (std::find(std::begin(kSeriesTypes), std::end(kSeriesTypes), type) == std::end(kSeriesTypes) || key.empty())
    return std::nullopt;
  Series s;
  s.type = type;
  s.key = key;
  std::set<std::string> dates;
  for (const auto& [article, f] : facts) {
    if (!f->as_of || !days_from_iso(*f->as_of) || !f->value.is_object()) continue;
    SeriesPoint p;
    p.min = number_at(f->value, "min");
    p.max = number_at(f->value, "max");
    if (!p.min && !p.max) continue;
    p.article = article->id;
    p.file = article->path;
    p.fact = f->id;
    p.line = f->span.line;
    p.column = f->span.column;
    p.text = f->text;
    p.sentence = f->sentence;
    p.as_of = f->as_of->substr(0, 10);
    // A bound of another type (a sheet not written by tadqiq) is reported by the quantity check;
    // the series draws the figure as exact.
    p.bound = "exact";
    if (f->attributes.is_object())
      if (const auto b = f->attributes.find("bound"); b != f->attributes.end() && b->is_string())
        p.bound = b->get<std::string>();
    if (p.bound == "about" || p.bound == "vague") p.tolerance = std::fabs(p.min ? *p.min : *p.max) * about_tolerance;
    dates.insert(p.as_of);
    s.points.push_back(std::move(p));
  }
  if (dates.size() < 2) return std::nullopt;
  s.dates = dates.size();
  std::stable_sort(s.points.begin(), s.points.end(), [](const SeriesPoint& a, const SeriesPoint& b) {
    if (a.as_of != b.as_of) return a.as_of < b.as_of;
    const double va = a.min ? *a.min : *a.max, vb = b.min ? *b.min : *b.max;
    if (va != vb) return va < vb;
    return a.file < b.file;
  });
  return s;
}

std::vector<Series> build_series(const std::vector<FactSheet>& sheets, double about_tolerance) {
  std::map<std::pair<std::string_view, std::string_view>, std::vector<SeriesFact>> groups;
  for (const auto& sheet : sheets)
    for (const auto& f : sheet.facts)
      if (!f.key.empty()) groups[{f.type, f.key}].push_back({&sheet.article, &f});
  std::vector<Series> out;
  for (const auto& [k, facts] : groups)
    if (auto s = series_of(k.first, k.second, facts, about_tolerance)) out.push_back(std::move(*s));
  return out;
}

}  // namespace tadqiq::report
