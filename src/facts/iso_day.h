// tadqiq/facts/iso_day.h — civil day numbers, and the ISO dates of fact sheets as day numbers.
// Shared by the dates extractor (extract/dates/calendar.h) and the date checks (compare).
#pragma once

#include <optional>
#include <string_view>

namespace tadqiq {

// Civil day arithmetic (Howard Hinnant's algorithm); day 0 = 1970-01-01.
inline long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

// The day number of "YYYY-MM-DD", or nothing when `s` is not one.
inline std::optional<long> iso_day(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  auto num = [&](std::size_t b, std::size_t n) {
    int x = 0;
    for (std::size_t i = b; i < b + n; ++i) x = x * 10 + (s[i] - '0');
    return x;
  };
  const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  return days_from_civil(y, m, d);
}

}  // namespace tadqiq
