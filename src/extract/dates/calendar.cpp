#include "extract/dates/calendar.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

namespace tadqiq::extract::dates {

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil: facts/iso_day.h).
Ymd civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int iso_weekday(long days) {
  // 1970-01-01 was a Thursday (4).
  const long w = (days % 7 + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

bool leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && leap_year(y) ? 29 : len[m - 1];
}

bool valid_date(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::string iso(const Ymd& d) {
  const int y = d.y % 10000, m = d.m % 100, dd = d.d % 100;
  if (y < 0 || m < 0 || dd < 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, dd);
    return buf;
  }
  // "%04d-%02d-%02d" without printf.
  std::string s(10, '-');
  s[0] = static_cast<char>('0' + y / 1000);
  s[1] = static_cast<char>('0' + y / 100 % 10);
  s[2] = static_cast<char>('0' + y / 10 % 10);
  s[3] = static_cast<char>('0' + y % 10);
  s[5] = static_cast<char>('0' + m / 10);
  s[6] = static_cast<char>('0' + m % 10);
  s[8] = static_cast<char>('0' + dd / 10);
  s[9] = static_cast<char>('0' + dd % 10);
  return s;
}

std::string iso(long days) { return iso(civil_from_days(days)); }

std::optional<long> parse_iso(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const int pos[3][2] = {{0, 4}, {5, 2}, {8, 2}};
  for (int k = 0; k < 3; ++k)
    for (int i = 0; i < pos[k][1]; ++i) {
      const char c = s[pos[k][0] + i];
      if (c < '0' || c > '9') return std::nullopt;
      v[k] = v[k] * 10 + (c - '0');
    }
  if (s.size() > 10 && s[10] >= '0' && s[10] <= '9') return std::nullopt;
  if (!valid_date(v[0], v[1], v[2])) return std::nullopt;
  return days_from_civil(v[0], v[1], v[2]);
}

long add_months(long days, int months) {
  Ymd d = civil_from_days(days);
  long total = static_cast<long>(d.y) * 12 + (d.m - 1) + months;
  int y = static_cast<int>(total / 12), m = static_cast<int>(total % 12) + 1;
  if (m <= 0) {
    m += 12;
    --y;
  }
  const int dd = std::min(d.d, days_in_month(y, m));
  return days_from_civil(y, m, dd);
}

static const char* const kWeekdays[] = {"monday", "tuesday", "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};

const char* weekday_name(int w) { return w >= 1 && w <= 7 ? kWeekdays[w - 1] : ""; }

int weekday_of_name(std::string_view name) {
  for (int i = 0; i < 7; ++i)
    if (name == kWeekdays[i]) return i + 1;
  return 0;
}

// ---- Hijri ------------------------------------------------------------------------------

namespace {
constexpr double kMsPerDay = 86400000.0;
}

HijriCalendar::HijriCalendar(const std::string& variant) : variant_(variant) {
  UErrorCode st = U_ZERO_ERROR;
  icu::Locale loc(("@calendar=" + variant).c_str());
  proto_.reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), loc, st));
  if (U_FAILURE(st) || !proto_)
    throw std::runtime_error("dates: ICU has no calendar '" + variant + "': " + u_errorName(st));
  // ICU silently falls back to the Gregorian calendar for unknown keywords.
  const std::string type = proto_->getType();
  if (type.rfind("islamic", 0) != 0)
    throw std::runtime_error("dates: '" + variant + "' is not an Islamic calendar (ICU gave '" + type + "')");
  proto_->setLenient(false);
}

HijriCalendar::~HijriCalendar() = default;

std::optional<long> HijriCalendar::to_days(int y, int m, int d) const {
  if (y < 1 || y > 3000 || m < 1 || m > 12 || d < 1 || d > 30) return std::nullopt;
  std::unique_ptr<icu::Calendar> c(proto_->clone());
  UErrorCode st = U_ZERO_ERROR;
  c->clear();
  c->set(UCAL_EXTENDED_YEAR, y);
  c->set(UCAL_MONTH, m - 1);
  c->set(UCAL_DATE, d);
  const UDate t = c->getTime(st);
  if (U_FAILURE(st)) return std::nullopt;
  // Reject dates past the month's end (d = 30 in a 29-day month): ICU is non-lenient here.
  return static_cast<long>(std::floor(t / kMsPerDay));
}

std::optional<Ymd> HijriCalendar::from_days(long days) const {
  std::unique_ptr<icu::Calendar> c(proto_->clone());
  UErrorCode st = U_ZERO_ERROR;
  c->setTime(static_cast<UDate>(days) * kMsPerDay + kMsPerDay / 2, st);
  Ymd out;
  out.y = c->get(UCAL_EXTENDED_YEAR, st);
  out.m = c->get(UCAL_MONTH, st) + 1;
  out.d = c->get(UCAL_DATE, st);
  if (U_FAILURE(st)) return std::nullopt;
  return out;
}

int HijriCalendar::month_length(int y, int m) const {
  const auto a = to_days(y, m, 1);
  const auto b = m == 12 ? to_days(y + 1, 1, 1) : to_days(y, m + 1, 1);
  if (!a || !b) return 0;
  return static_cast<int>(*b - *a);
}

}  // namespace tadqiq::extract::dates
