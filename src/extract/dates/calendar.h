// tadqiq/extract/dates/calendar.h — civil (proleptic Gregorian) day arithmetic and Islamic
// calendar conversion through ICU.
//
// Days are counted from 1970-01-01 (day 0) as in Howard Hinnant's civil algorithms, so they
// are exact for any year and cheap (no allocation). Weekdays are ISO: 1 = Monday … 7 = Sunday.
// Hijri conversion uses an ICU Islamic calendar (islamic-umalqura by default); a HijriCalendar
// is immutable after construction and thread-safe (each conversion works on a clone).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <unicode/uversion.h>

#include "facts/iso_day.h"

U_NAMESPACE_BEGIN
class Calendar;
U_NAMESPACE_END

namespace tadqiq::extract::dates {

struct Ymd {
  int y = 0, m = 0, d = 0;
};

using tadqiq::days_from_civil;  // day 0 = 1970-01-01
Ymd civil_from_days(long z);
// 1 = Monday … 7 = Sunday.
int iso_weekday(long days);
bool leap_year(int y);
int days_in_month(int y, int m);
bool valid_date(int y, int m, int d);
// "YYYY-MM-DD" (years 0–9999).
std::string iso(long days);
std::string iso(const Ymd& d);
// A leading "YYYY-MM-DD" (a time may follow: "2024-02-07T10:00:00Z"); nullopt when invalid.
std::optional<long> parse_iso(std::string_view s);
// Calendar months added to a day, the day clamped to the target month's length.
long add_months(long days, int months);
// English weekday name, lower case ("wednesday"); ISO number 1..7.
const char* weekday_name(int iso);
// ISO number of an English weekday name; 0 when unknown.
int weekday_of_name(std::string_view name);

class HijriCalendar {
 public:
  // `variant`: an ICU calendar keyword value (islamic-umalqura, islamic-civil, islamic-tbla,
  // islamic). Throws std::runtime_error when ICU has no such calendar.
  explicit HijriCalendar(const std::string& variant);
  ~HijriCalendar();
  HijriCalendar(const HijriCalendar&) = delete;
  HijriCalendar& operator=(const HijriCalendar&) = delete;

  const std::string& variant() const { return variant_; }
  // The civil day of Hijri year/month/day; nullopt when out of range or invalid.
  std::optional<long> to_days(int y, int m, int d) const;
  // The Hijri date of a civil day.
  std::optional<Ymd> from_days(long days) const;
  // Days in a Hijri month (29 or 30); 0 when unknown.
  int month_length(int y, int m) const;

 private:
  std::string variant_;
  std::unique_ptr<icu::Calendar> proto_;
};

}  // namespace tadqiq::extract::dates
