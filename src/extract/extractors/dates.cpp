// The dates extractor: every date, period and duration an article states or implies, resolved
// against the article's reference date. See docs/extractors/dates.md.
//
//  * The scanner (extract/dates/scan.h) finds mentions: explicit dates in every regional month
//    naming, numeric dates, Hijri dates, weekdays, relative days and periods, holidays,
//    durations, "day N of the war".
//  * The reference date is the front-matter date, else a dateline at the top, else the latest
//    full date of the text (inferred), else unknown — never the clock.
//  * Each mention becomes a fact of type "date" (value "YYYY-MM-DD", or {"start","end"} for a
//    period) or "duration" (value {"amount","unit"}); the reference date is a "date" fact with
//    attributes.role "reference".
// Number facts that turn out to be parts of dates or durations get role day/year/measure so
// that the quantities extractor does not count them.
#include <algorithm>
#include <cmath>
#include <string>

#include "extract/dates/calendar.h"
#include "extract/dates/scan.h"
#include "extract/extractors/extractors.h"
#include "extract/number_value.h"

namespace tadqiq::extract {
namespace {

using namespace dates;

struct Value {
  bool ok = false;
  long a = 0, b = 0;       // civil days; b == a for a day
  bool period = false;
  const char* grain = "day";
  const char* resolution = "explicit";
  bool future = false;     // resolved forward from the reference date
  bool open_start = false, open_end = false;  // a vague window ("الأيام الماضية")
};

// The n-th weekday of a month (n = -1: the last).
long nth_weekday(int y, int m, int wd, int n) {
  if (n > 0) {
    const long first = days_from_civil(y, m, 1);
    const int off = (wd - iso_weekday(first) + 7) % 7;
    return first + off + 7 * (n - 1);
  }
  const long last = days_from_civil(y, m, days_in_month(y, m));
  return last - (iso_weekday(last) - wd + 7) % 7;
}

// Western Easter Sunday (anonymous Gregorian computus).
long easter(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25,
            g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4,
            l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return days_from_civil(y, month, day);
}

class Resolver {
 public:
  Resolver(const DateGrammar& g, std::optional<long> ref) : g_(g), ref_(ref) {}

  bool has_ref() const { return ref_.has_value(); }
  long ref() const { return *ref_; }

  long week_start(long day) const { return day - (iso_weekday(day) - g_.week_start() + 7) % 7; }

  // Picks among candidate days: the latest on or before the reference (past), or the earliest
  // on or after it (future). Candidates must be sorted.
  static std::optional<long> pick(const std::vector<long>& c, long ref, bool future) {
    std::optional<long> best;
    for (long d : c) {
      if (!future && d <= ref) best = d;
      if (future && d >= ref && !best) best = d;
    }
    return best;
  }

  Value point(const Point& p, bool future) const {
    Value v;
    if (p.hijri) return hijri_point(p, future);
    if (p.y || p.year_rel) {
      int y = p.y;
      if (p.year_rel) {
        if (!ref_) return v;
        y = civil_from_days(*ref_).y + p.y_off;
        v.resolution = "relative";
      }
      if (!valid_date(y, p.m, p.d)) return v;
      v.ok = true;
      v.a = v.b = days_from_civil(y, p.m, p.d);
      return v;
    }
    if (!ref_) return v;
    const int ry = civil_from_days(*ref_).y;
    std::vector<long> c;
    for (int y = ry - 8; y <= ry + 8; ++y)
      if (valid_date(y, p.m, p.d)) c.push_back(days_from_civil(y, p.m, p.d));
    auto past = pick(c, *ref_, false), fut = pick(c, *ref_, true);
    std::optional<long> d = future ? fut : past;
    // A stated weekday decides between the two nearest years.
    if (p.weekday && d && iso_weekday(*d) != p.weekday) {
      const auto other = future ? past : fut;
      if (other && iso_weekday(*other) == p.weekday && std::labs(*other - *ref_) <= 366) {
        d = other;
        future = !future;
      }
    }
    if (!d) return v;
    v.ok = true;
    v.a = v.b = *d;
    v.resolution = "inferred";
    v.future = future;
    return v;
  }

  // The Hijri year whose month m / day d falls in Gregorian year gy (the first such).
  std::optional<long> hijri_in_gregorian_year(int gy, int m, int d) const {
    const auto mid = g_.hijri().from_days(days_from_civil(gy, 7, 1));
    if (!mid) return std::nullopt;
    for (int hy = mid->y - 1; hy <= mid->y + 1; ++hy) {
      const auto x = g_.hijri().to_days(hy, m, d);
      if (x && civil_from_days(*x).y == gy) return x;
    }
    return std::nullopt;
  }

  Value hijri_point(const Point& p, bool future) const {
    Value v;
    const auto& H = g_.hijri();
    if (p.y && !p.greg_year) {
      const auto x = H.to_days(p.y, p.m, p.d);
      if (!x) return v;
      v.ok = true;
      v.a = v.b = *x;
      return v;
    }
    if (p.y && p.greg_year) {
      const auto x = hijri_in_gregorian_year(p.y, p.m, p.d);
      if (!x) return v;
      v.ok = true;
      v.a = v.b = *x;
      return v;
    }
    if (!ref_) return v;
    const auto rh = H.from_days(*ref_);
    if (!rh) return v;
    std::vector<long> c;
    for (int hy = rh->y - 2; hy <= rh->y + 2; ++hy)
      if (auto x = H.to_days(hy, p.m, p.d)) c.push_back(*x);
    const auto d = pick(c, *ref_, future);
    if (!d) return v;
    v.ok = true;
    v.a = v.b = *d;
    v.resolution = "inferred";
    v.future = future;
    return v;
  }

  Value hijri_month(int hy, int m) const {
    Value v;
    const auto a = g_.hijri().to_days(hy, m, 1);
    const auto b = m == 12 ? g_.hijri().to_days(hy + 1, 1, 1) : g_.hijri().to_days(hy, m + 1, 1);
    if (!a || !b) return v;
    v.ok = true;
    v.period = true;
    v.a = *a;
    v.b = *b - 1;
    v.grain = "month";
    return v;
  }

  Value month(const Mention& mn) const {
    const Point& p = mn.p;
    Value v;
    if (p.hijri) {
      const auto& H = g_.hijri();
      if (p.y && !p.greg_year) return hijri_month(p.y, p.m);
      if (p.y && p.greg_year) {
        const auto x = hijri_in_gregorian_year(p.y, p.m, 1);
        if (!x) return v;
        return hijri_month(H.from_days(*x)->y, p.m);
      }
      if (!ref_) return v;
      const auto rh = H.from_days(*ref_);
      if (!rh) return v;
      // The month that started most recently on or before the reference (or next, forward).
      const bool fwd = mn.mod == kModNext || (mn.mod == kModNone && mn.future_ctx);
      int hy = rh->y;
      if (mn.mod == kModPast) hy = p.m < rh->m ? rh->y : rh->y - 1;
      else if (mn.mod == kModNext) hy = p.m > rh->m ? rh->y : rh->y + 1;
      else if (mn.mod == kModCurrent) hy = rh->y;
      else if (fwd) hy = p.m >= rh->m ? rh->y : rh->y + 1;
      else hy = p.m <= rh->m ? rh->y : rh->y - 1;
      v = hijri_month(hy, p.m);
      v.resolution = mn.mod == kModNone ? "inferred" : "relative";
      v.future = fwd;
      return v;
    }
    int y = p.y;
    if (p.year_rel) {
      if (!ref_) return v;
      y = civil_from_days(*ref_).y + p.y_off;
      v.resolution = "relative";
    } else if (!y) {
      if (!ref_) return v;
      const Ymd r = civil_from_days(*ref_);
      const bool fwd = mn.mod == kModNext || (mn.mod == kModNone && mn.future_ctx);
      if (mn.mod == kModPast) y = p.m < r.m ? r.y : r.y - 1;
      else if (mn.mod == kModNext) y = p.m > r.m ? r.y : r.y + 1;
      else if (mn.mod == kModCurrent) y = r.y;
      else if (fwd) y = p.m >= r.m ? r.y : r.y + 1;
      else y = p.m <= r.m ? r.y : r.y - 1;
      v.resolution = mn.mod == kModNone ? "inferred" : "relative";
      v.future = fwd;
    }
    if (y < 1 || y > 9999) return v;
    v.ok = true;
    v.period = true;
    v.a = days_from_civil(y, p.m, 1);
    v.b = days_from_civil(y, p.m, days_in_month(y, p.m));
    v.grain = "month";
    return v;
  }

  Value year(const Point& p) const {
    Value v;
    if (p.hijri) {
      const auto a = g_.hijri().to_days(p.y, 1, 1), b = g_.hijri().to_days(p.y + 1, 1, 1);
      if (!a || !b) return v;
      v.ok = v.period = true;
      v.a = *a;
      v.b = *b - 1;
      v.grain = "year";
      return v;
    }
    if (p.y < 1 || p.y > 9999) return v;
    v.ok = v.period = true;
    v.a = days_from_civil(p.y, 1, 1);
    v.b = days_from_civil(p.y, 12, 31);
    v.grain = "year";
    return v;
  }

  // The month (or year) a weekday or week is counted in.
  Value container(const Mention& m) const {
    if (m.container == Unit::year) {
      Value v;
      int y = m.q.y;
      if (m.q.year_rel) {
        if (!ref_) return v;
        y = civil_from_days(*ref_).y + m.q.y_off;
        v.resolution = "relative";
      }
      if (y < 1 || y > 9999) return v;
      v.ok = v.period = true;
      v.a = days_from_civil(y, 1, 1);
      v.b = days_from_civil(y, 12, 31);
      v.grain = "year";
      return v;
    }
    if (m.q.month_rel) {
      Value v;
      if (!ref_) return v;
      const Ymd r = civil_from_days(add_months(*ref_, m.q.m_off));
      v.ok = v.period = true;
      v.a = days_from_civil(r.y, r.m, 1);
      v.b = days_from_civil(r.y, r.m, days_in_month(r.y, r.m));
      v.resolution = "relative";
      v.grain = "month";
      return v;
    }
    Mention c;
    c.kind = MKind::month;
    c.p = m.q;
    c.future_ctx = m.future_ctx;
    return month(c);
  }

  Value weekof(const Mention& m) const {
    if (m.container == Unit::day) {
      Value v = point(m.q, m.future_ctx);
      if (!v.ok) return v;
      v.a = week_start(v.a);
      v.b = v.a + 6;
      v.period = true;
      v.grain = "week";
      return v;
    }
    const Value c = container(m);
    if (!c.ok) return c;
    const int ws = g_.week_start();
    Value v;
    v.ok = v.period = true;
    v.grain = "week";
    v.resolution = c.resolution;
    if (m.container == Unit::year) {
      // Weeks of a year as ISO 8601 counts them: week 1 holds 4 January, the last 28 December.
      const Ymd y = civil_from_days(c.a);
      if (m.nth > 0) v.a = week_start(days_from_civil(y.y, 1, 4)) + 7L * (m.nth - 1);
      else v.a = week_start(days_from_civil(y.y, 12, 28));
    } else {
      // Weeks of a month: whole weeks starting in it.
      const long first = c.a + (ws - iso_weekday(c.a) + 7) % 7;
      if (m.nth > 0) v.a = first + 7L * (m.nth - 1);
      else v.a = week_start(c.b - 6);
      if (v.a > c.b) {
        v.ok = false;
        return v;
      }
    }
    v.b = v.a + 6;
    return v;
  }

  Value weekday(const Mention& m) const {
    Value v;
    if (!ref_) return v;
    const int wd = m.p.weekday;
    const long r = *ref_;
    v.ok = true;
    v.resolution = "relative";
    if (m.has_week) {
      const long ws = week_start(r) + 7L * m.offset;
      v.a = v.b = ws + (wd - g_.week_start() + 7) % 7;
      v.future = v.a > r;
      return v;
    }
    if (m.nth && m.in_month) {
      // "أول جمعة من رمضان": the n-th (or last) such weekday of the month named.
      const Value c = container(m);
      if (!c.ok) return c;
      long d;
      if (m.nth > 0) d = c.a + (wd - iso_weekday(c.a) + 7) % 7 + 7L * (m.nth - 1);
      else d = c.b - (iso_weekday(c.b) - wd + 7) % 7;
      if (d < c.a || d > c.b) {
        v.ok = false;
        return v;
      }
      v.a = v.b = d;
      v.future = d > r;
      v.resolution = c.resolution;
      return v;
    }
    if (m.nth) {
      // "الأحد الثاني": the n-th such weekday of the reference month.
      const Ymd rr = civil_from_days(r);
      const long d = nth_weekday(rr.y, rr.m, wd, m.nth);
      if (civil_from_days(d).m != rr.m) {
        v.ok = false;
        return v;
      }
      v.a = v.b = d;
      v.future = d > r;
      return v;
    }
    if (m.p.d) {
      // A day of a nearby month that falls on this weekday.
      const Ymd rr = civil_from_days(r);
      std::vector<long> c;
      for (int k = -3; k <= 3; ++k) {
        long t = static_cast<long>(rr.y) * 12 + (rr.m - 1) + k;
        const int y = static_cast<int>(t / 12), mo = static_cast<int>(t % 12) + 1;
        if (valid_date(y, mo, m.p.d) && iso_weekday(days_from_civil(y, mo, m.p.d)) == wd)
          c.push_back(days_from_civil(y, mo, m.p.d));
      }
      const bool fwd = m.future_ctx;
      auto d = pick(c, r, fwd);
      if (!d) d = pick(c, r, !fwd);
      if (!d) {
        v.ok = false;
        return v;
      }
      v.a = v.b = *d;
      v.future = *d > r;
      v.resolution = "inferred";
      return v;
    }
    const int back = (iso_weekday(r) - wd + 7) % 7;   // days back to the most recent one
    const int fwd = (wd - iso_weekday(r) + 7) % 7;    // days forward to the next one
    if (m.mod == kModPast) {
      v.a = r - (back == 0 ? 7 : back);
    } else if (m.mod == kModNext) {
      v.a = r + (fwd == 0 ? 7 : fwd);
      v.future = true;
    } else if (m.mod == kModCurrent) {
      v.a = week_start(r) + (wd - g_.week_start() + 7) % 7;
      v.future = v.a > r;
    } else if (m.future_ctx) {
      v.a = r + fwd;
      v.future = true;
    } else {
      v.a = r - back;
    }
    v.b = v.a;
    return v;
  }

  Value relperiod(Unit u, int off) const {
    Value v;
    if (!ref_) return v;
    const long r = *ref_;
    const Ymd rr = civil_from_days(r);
    v.ok = v.period = true;
    v.resolution = "relative";
    v.future = off > 0;
    switch (u) {
      case Unit::week:
        v.a = week_start(r) + 7L * off;
        v.b = v.a + 6;
        v.grain = "week";
        break;
      case Unit::month: {
        v.a = add_months(days_from_civil(rr.y, rr.m, 1), off);
        const Ymd s = civil_from_days(v.a);
        v.b = days_from_civil(s.y, s.m, days_in_month(s.y, s.m));
        v.grain = "month";
        break;
      }
      case Unit::year:
        v.a = days_from_civil(rr.y + off, 1, 1);
        v.b = days_from_civil(rr.y + off, 12, 31);
        v.grain = "year";
        break;
      case Unit::decade: {
        const int d0 = (rr.y / 10) * 10 + 10 * off;
        v.a = days_from_civil(d0, 1, 1);
        v.b = days_from_civil(d0 + 9, 12, 31);
        v.grain = "year";
        break;
      }
      default:
        v.ok = false;
    }
    return v;
  }

  // One season's days in year y (a season across the year's end starts in y).
  Value season_in(const Season& s, int y) const {
    Value v;
    v.ok = v.period = true;
    v.grain = "month";
    v.a = days_from_civil(y, s.from, 1);
    const int ey = s.to < s.from ? y + 1 : y;
    v.b = days_from_civil(ey, s.to, days_in_month(ey, s.to));
    return v;
  }

  Value season(const Mention& m) const {
    const Season& s = g_.seasons()[m.offset];
    if (m.p.y) return season_in(s, s.to < s.from ? m.p.y - 1 : m.p.y);
    Value none;
    if (!ref_) return none;
    const int ry = civil_from_days(*ref_).y;
    std::vector<Value> c;
    for (int y = ry - 2; y <= ry + 1; ++y) c.push_back(season_in(s, y));
    Value out;
    for (const auto& x : c) {
      if (m.mod == kModPast) {
        if (x.b < *ref_) out = x;
      } else if (m.mod == kModNext) {
        if (x.a > *ref_ && !out.ok) out = x;
      } else if (m.mod == kModCurrent) {
        if (x.a <= *ref_ && *ref_ <= x.b) out = x;
        else if (civil_from_days(x.a).y == ry && !out.ok && s.to >= s.from) out = x;
      } else if (m.future_ctx) {
        if (x.b >= *ref_ && !out.ok) out = x;
      } else if (x.a <= *ref_) {
        out = x;
      }
    }
    if (out.ok) {
      out.resolution = "relative";
      out.future = out.a > *ref_;
    }
    return out;
  }

  Value holiday(const Mention& m) const {
    Value v = holiday_day(m);
    const int days = g_.holidays()[m.holiday].days;
    if (v.ok && days > 1) {
      v.period = true;
      v.b = v.a + days - 1;
    }
    return v;
  }

  // The (first) day of a holiday.
  Value holiday_day(const Mention& m) const {
    Value v;
    const Holiday& h = g_.holidays()[m.holiday];
    auto in_year = [&](int y) -> std::vector<long> {
      std::vector<long> out;
      if (y < 2 || y > 9998 || h.no_date) return out;
      if (h.g_month) {
        if (valid_date(y, h.g_month, h.g_day)) out.push_back(days_from_civil(y, h.g_month, h.g_day));
      } else if (h.nth_month) {
        out.push_back(nth_weekday(y, h.nth_month, h.nth_weekday, h.nth_n));
      } else if (h.easter) {
        out.push_back(easter(y));
      } else if (h.h_month) {
        const auto mid = g_.hijri().from_days(days_from_civil(y, 7, 1));
        if (!mid) return out;
        for (int hy = mid->y - 1; hy <= mid->y + 1; ++hy)
          if (auto x = g_.hijri().to_days(hy, h.h_month, h.h_day); x && civil_from_days(*x).y == y)
            out.push_back(*x);
      }
      return out;
    };
    if (m.p.y && !(m.p.hijri && h.h_month)) {
      auto c = in_year(m.p.y);
      if (c.empty()) return v;
      v.ok = true;
      v.a = v.b = c.front();
      return v;
    }
    if (m.p.y && m.p.hijri && h.h_month) {
      auto x = g_.hijri().to_days(m.p.y, h.h_month, h.h_day);
      if (!x) return v;
      v.ok = true;
      v.a = v.b = *x;
      return v;
    }
    if (!ref_) return v;
    const int ry = civil_from_days(*ref_).y;
    if (m.p.year_rel) {
      auto c = in_year(ry + m.p.y_off);
      if (c.empty()) return v;
      v.ok = true;
      v.a = v.b = c.front();
      v.resolution = "relative";
      return v;
    }
    std::vector<long> c;
    for (int y = ry - 2; y <= ry + 2; ++y)
      for (long d : in_year(y)) c.push_back(d);
    std::sort(c.begin(), c.end());
    std::optional<long> d;
    bool fwd = false;
    if (m.mod == kModPast) {
      for (long x : c)
        if (x < *ref_) d = x;
    } else if (m.mod == kModNext) {
      for (long x : c)
        if (x > *ref_ && !d) d = x;
      fwd = true;
    } else {
      fwd = m.future_ctx;
      d = pick(c, *ref_, fwd);
    }
    if (!d) return v;
    v.ok = true;
    v.a = v.b = *d;
    v.resolution = m.mod == kModNone ? "inferred" : "relative";
    v.future = fwd;
    return v;
  }

  // The reference moved by a duration (forward when `sign` > 0).
  static long shift(long day, const std::vector<DurationPart>& parts, int sign) {
    for (const auto& p : parts) {
      const double whole = std::floor(p.amount);
      const double frac = p.amount - whole;
      const int w = static_cast<int>(whole) * sign;
      switch (p.unit) {
        case Unit::day: day += w; break;
        case Unit::week: day += 7L * w + std::lround(frac * 7) * sign; break;
        case Unit::month: day = add_months(day, w) + std::lround(frac * 30) * sign; break;
        case Unit::year: day = add_months(day, 12 * w) + std::lround(frac * 365) * sign; break;
        case Unit::decade: day = add_months(day, 120 * w); break;
        default: break;  // hours, minutes, seconds: the same day
      }
    }
    return day;
  }

  Value ago(const Mention& m) const {
    Value v;
    if (!ref_) return v;
    int sign = -1;
    if (m.dur_relation == Relation::after) sign = 1;
    else if (m.dur_relation == Relation::none && m.future_ctx) sign = 1;
    v.ok = true;
    v.a = v.b = shift(*ref_, m.parts, sign);
    v.resolution = "relative";
    v.future = sign > 0;
    Unit big = Unit::day;
    for (const auto& p : m.parts)
      if (p.unit == Unit::month || p.unit == Unit::year || p.unit == Unit::decade)
        big = (big == Unit::year || p.unit != Unit::month) ? Unit::year : Unit::month;
    v.grain = big == Unit::year ? "year" : big == Unit::month ? "month" : "day";
    return v;
  }

  Value resolve(const Mention& m) const {
    Value v = resolve_kind(m);
    if (v.ok && v.period && m.qual) narrow(v, m.qual);
    return v;
  }

  // Early / mid / late part of a period.
  static void narrow(Value& v, int qual) {
    const std::string grain = v.grain;
    if (grain == "week") {
      const long a = v.a;
      if (qual == 1) v.b = a + 2;
      else if (qual == 2) v.a = a + 1, v.b = a + 4;
      else v.a = a + 3;
    } else if (grain == "month") {
      const long a = v.a, b = v.b;
      if (qual == 1) v.b = a + 14;
      else if (qual == 2) v.a = a + 10, v.b = std::min(b, a + 19);
      else v.a = a + 15;
    } else if (grain == "year") {
      const Ymd s = civil_from_days(v.a);
      const Ymd e = civil_from_days(v.b);
      if (s.y != e.y) return;  // decades, ranges of years: left whole
      if (qual == 1) v.b = days_from_civil(s.y, 6, 30);
      else if (qual == 2) v.a = days_from_civil(s.y, 4, 1), v.b = days_from_civil(s.y, 9, 30);
      else v.a = days_from_civil(s.y, 7, 1);
    }
  }

  Value window(const Mention& m) const {
    Value v;
    if (!ref_) return v;
    v.ok = v.period = true;
    v.resolution = "relative";
    if (m.vague) {
      // No amount: the window is open on its far side.
      v.a = m.window == kModNext ? *ref_ + 1 : *ref_;
      v.b = v.a;
      (m.window == kModNext ? v.open_end : v.open_start) = true;
      v.future = m.window == kModNext;
      v.grain = "day";
      return v;
    }
    if (m.window == kModNext) {
      v.a = *ref_ + 1;
      v.b = shift(*ref_, m.parts, 1);
      v.future = true;
      if (v.b < v.a) v.b = v.a;
    } else {
      v.a = shift(*ref_, m.parts, -1);
      v.b = *ref_;
      // Hours and minutes: the window reaches back into the previous day.
      bool sub_day = true;
      for (const auto& p : m.parts)
        if (p.unit != Unit::hour && p.unit != Unit::minute && p.unit != Unit::second) sub_day = false;
      if (sub_day) {
        double hours = 0;
        for (const auto& p : m.parts)
          hours += p.unit == Unit::hour ? p.amount : p.unit == Unit::minute ? p.amount / 60 : p.amount / 3600;
        v.a = *ref_ - static_cast<long>(std::ceil(hours / 24));
      }
    }
    Unit big = Unit::day;
    for (const auto& p : m.parts)
      if (p.unit == Unit::week || p.unit == Unit::month || p.unit == Unit::year || p.unit == Unit::decade) big = p.unit;
    v.grain = big == Unit::week ? "week" : big == Unit::month ? "month" : big == Unit::year || big == Unit::decade ? "year" : "day";
    return v;
  }

  Value resolve_kind(const Mention& m) const {
    switch (m.kind) {
      case MKind::date: {
        const bool fwd = m.future_ctx && m.relation != Relation::since;
        return point(m.p, fwd);
      }
      case MKind::month: return month(m);
      case MKind::year: return year(m.p);
      case MKind::weekday: return weekday(m);
      case MKind::relday: {
        Value v;
        if (!ref_) return v;
        v.ok = true;
        v.a = v.b = *ref_ + m.offset;
        v.resolution = "relative";
        v.future = m.offset > 0;
        return v;
      }
      case MKind::now: {
        Value v;
        if (!ref_) return v;
        v.ok = true;
        v.a = v.b = *ref_;
        v.resolution = "relative";
        return v;
      }
      case MKind::relperiod: return relperiod(m.unit, m.offset);
      case MKind::relmonthday: {
        Value v;
        if (!ref_) return v;
        const Ymd r = civil_from_days(add_months(*ref_, m.p.m_off));
        if (!valid_date(r.y, r.m, m.p.d)) return v;
        v.ok = true;
        v.a = v.b = days_from_civil(r.y, r.m, m.p.d);
        v.resolution = "relative";
        v.future = v.a > *ref_;
        return v;
      }
      case MKind::holiday: return holiday(m);
      case MKind::ago: return ago(m);
      case MKind::range: return range(m);
      case MKind::window: return window(m);
      case MKind::weekof: return weekof(m);
      case MKind::weekend: {
        Value v;
        if (!ref_) return v;
        const long ws = week_start(*ref_) + 7L * m.offset;
        v.ok = v.period = true;
        v.a = ws + (g_.weekend_first() - g_.week_start() + 7) % 7;
        v.b = ws + (g_.weekend_last() - g_.week_start() + 7) % 7;
        if (v.b < v.a) v.b += 7;
        v.grain = "day";
        v.resolution = "relative";
        v.future = v.a > *ref_;
        return v;
      }
      case MKind::rest: {
        Value v = relperiod(m.unit, 0);
        if (!v.ok) return v;
        v.a = *ref_;
        v.grain = "day";
        return v;
      }
      case MKind::season: return season(m);
      case MKind::decade: {
        Value v;
        v.ok = v.period = true;
        v.a = days_from_civil(m.p.y, 1, 1);
        v.b = days_from_civil(m.p.y + 9, 12, 31);
        v.grain = "year";
        return v;
      }
      case MKind::quarter: {
        Value v;
        int y = m.p.y;
        if (m.p.year_rel) {
          if (!ref_) return v;
          y = civil_from_days(*ref_).y + m.p.y_off;
          v.resolution = "relative";
        }
        if (y < 1 || y > 9999) return v;
        v.ok = v.period = true;
        const int m0 = (m.offset - 1) * m.span_months + 1;
        v.a = days_from_civil(y, m0, 1);
        v.b = add_months(v.a, m.span_months) - 1;
        v.grain = "month";
        return v;
      }
      default: return {};
    }
  }

  Value range(const Mention& m) const {
    Value v;
    if (m.range_grain == Unit::year) {
      if (m.p.y < 1 || m.q.y > 9999) return v;
      v.ok = v.period = true;
      v.a = days_from_civil(m.p.y, 1, 1);
      v.b = days_from_civil(m.q.y, 12, 31);
      v.grain = "year";
      return v;
    }
    Value a, b;
    if (m.sub.size() == 2) {
      Mention s0 = m.sub[0];
      const Mention& s1 = m.sub[1];
      // "من 2 أكتوبر إلى 22 أكتوبر 2016": the year of the end applies to the start.
      if (s0.kind == MKind::date && s1.kind == MKind::date && !s0.p.y && !s0.p.year_rel && s1.p.y &&
          s0.p.hijri == s1.p.hijri)
        s0.p.y = s1.p.y;
      a = resolve(s0);
      b = resolve(s1);
      if (s1.kind == MKind::date && !s1.p.y && a.ok && b.ok && b.a < a.a) {
        Point q = s1.p;
        q.y = civil_from_days(a.a).y + 1;
        b = point(q, true);
      }
      if (!a.ok || !b.ok) return v;
      v.resolution = (std::string(a.resolution) == "explicit" && std::string(b.resolution) == "explicit")
                         ? "explicit"
                         : std::string(a.resolution) == "relative" || std::string(b.resolution) == "relative"
                               ? "relative"
                               : "inferred";
    } else if (m.p.month_rel) {
      if (!ref_) return v;
      const Ymd r = civil_from_days(add_months(*ref_, m.p.m_off));
      if (!valid_date(r.y, r.m, m.p.d) || !valid_date(r.y, r.m, m.q.d)) return v;
      a.ok = b.ok = true;
      a.a = days_from_civil(r.y, r.m, m.p.d);
      b.a = days_from_civil(r.y, r.m, m.q.d);
      v.resolution = "relative";
    } else {
      a = point(m.p, m.future_ctx);
      if (!a.ok) return v;
      const Ymd s = civil_from_days(a.a);
      if (m.p.hijri) {
        const auto h = g_.hijri().from_days(a.a);
        const auto e = h ? g_.hijri().to_days(h->y, h->m, m.q.d) : std::nullopt;
        if (!e) return v;
        b.ok = true;
        b.a = *e;
      } else {
        if (!valid_date(s.y, s.m, m.q.d)) return v;
        b.ok = true;
        b.a = days_from_civil(s.y, s.m, m.q.d);
      }
      v.resolution = a.resolution;
      v.future = a.future;
    }
    if (b.a < a.a) return v;
    v.ok = v.period = true;
    v.a = a.a;
    v.b = b.a;
    v.grain = "day";
    return v;
  }

 private:
  const DateGrammar& g_;
  std::optional<long> ref_;
};

FactJson value_json(const Value& v) {
  if (!v.ok) return nullptr;
  if (!v.period) return iso(v.a);
  FactJson out;
  auto& o = members(out);  // members in key order: each put costs no search
  put(o, "end", v.open_end ? FactJson(nullptr) : FactJson(iso(v.b)));
  put(o, "start", v.open_start ? FactJson(nullptr) : FactJson(iso(v.a)));
  return out;
}

class DatesExtractor final : public Extractor {
 public:
  explicit DatesExtractor(const rules::RuleSet& rs) : g_(rs) {}

  std::string_view name() const override { return "dates"; }

  void extract(const Document& doc, std::vector<Fact>& facts) const override {
    ScanResult sr = g_.scan(doc, facts);
    auto& ms = sr.mentions;

    // The reference date.
    std::optional<long> ref = parse_iso(doc.article().date);
    const char* ref_source = "metadata";
    const char* ref_resolution = "explicit";
    std::size_t ref_mention = SIZE_MAX;
    if (!ref) {
      Resolver none(g_, std::nullopt);
      if (sr.dateline != SIZE_MAX) {
        const Value v = none.resolve(ms[sr.dateline]);
        if (v.ok && !v.period) {
          ref = v.a;
          ref_source = "dateline";
          ref_mention = sr.dateline;
        }
      }
      if (!ref) {
        for (std::size_t i = 0; i < ms.size(); ++i) {
          const Mention& m = ms[i];
          if (m.kind != MKind::date || !m.p.y || !m.p.d || m.p.year_rel) continue;
          const Value v = none.resolve(m);
          if (v.ok && (!ref || v.a > *ref)) {
            ref = v.a;
            ref_mention = i;
          }
        }
        if (ref) {
          ref_source = "latest_date";
          ref_resolution = "inferred";
        }
      }
    }
    if (ref) {
      Fact f = ref_mention == SIZE_MAX ? doc.make_fact("date", 0, 0)
                                       : doc.make_fact("date", ms[ref_mention].vb, ms[ref_mention].ve);
      if (ref_mention == SIZE_MAX) f.text.clear();
      f.value = iso(*ref);
      auto& a = members(f.attributes);
      a.clear();
      put(a, "grain", "day");
      put(a, "resolution", ref_resolution);
      put(a, "role", "reference");
      put(a, "source", ref_source);
      facts.push_back(std::move(f));
    }

    Resolver r(g_, ref);
    // Day values of the mentions (for war starts and same-sentence dates).
    std::vector<Value> vals(ms.size());
    for (std::size_t i = 0; i < ms.size(); ++i)
      if (ms[i].kind != MKind::duration && ms[i].kind != MKind::warday) vals[i] = r.resolve(ms[i]);

    for (std::size_t i = 0; i < ms.size(); ++i) {
      const Mention& m = ms[i];
      for (const auto& [idx, role] : m.roles) {
        auto& a = facts[idx].attributes;
        const std::string_view cur = string_member(a, "role");
        if (cur == "figure" || cur == "measure" || cur == "day" || cur == "year") set_string(a, "role", role);
      }
      if (m.kind == MKind::duration) {
        facts.push_back(duration_fact(doc, m, ref));
        continue;
      }
      if (m.kind == MKind::warday) {
        facts.push_back(warday_fact(doc, m, ms, vals, sr, ref));
        continue;
      }
      facts.push_back(date_fact(doc, m, vals[i]));
    }
  }

 private:
  Fact date_fact(const Document& doc, const Mention& m, const Value& v) const {
    Fact f = doc.make_fact("date", m.vb, m.ve);
    f.value = value_json(v);
    auto& a = members(f.attributes);
    put(a, "grain", v.ok ? v.grain : grain_of(m));
    put(a, "resolution", v.ok ? v.resolution : (m.kind == MKind::date && m.p.y ? "explicit" : "relative"));
    if (!v.ok) put(a, "unresolved", true);
    const int wd = m.p.weekday;
    if (wd) put(a, "weekday", weekday_name(wd));
    if (m.p.hijri) {
      put(a, "calendar", g_.hijri().variant());
      if (m.kind == MKind::date && m.p.d && v.ok) {
        if (const auto h = g_.hijri().from_days(v.a)) put(a, "hijri", iso(*h));
      }
    }
    if (m.kind == MKind::relday || m.rel_prefix) put(a, "offset_days", m.offset);
    if (m.kind == MKind::window) {
      put(a, "window", m.window == kModNext ? "next" : "past");
      if (m.vague) {
        FactJson d;
        auto& o = members(d);
        put(o, "amount", nullptr);
        put(o, "unit", unit_name(m.parts.front().unit));
        put(a, "duration", std::move(d));
      } else {
        FactJson parts = parts_json(m.parts);
        put(a, "duration", parts.size() == 1 ? FactJson(std::move(parts[0])) : std::move(parts));
      }
      if (m.vague) put(a, "vague", true);
    }
    if (m.kind == MKind::ago && m.vague) put(a, "vague", true);
    if (m.qual) put(a, "part", m.qual == 1 ? "early" : m.qual == 2 ? "mid" : "late");
    if (m.kind == MKind::weekday && m.nth) put(a, "nth", m.nth);
    if (m.kind == MKind::now) put(a, "relative", "now");
    if (m.kind == MKind::holiday) put(a, "holiday", g_.holidays()[m.holiday].id);
    if (m.kind == MKind::season) put(a, "season", g_.seasons()[m.offset].id);
    if (m.kind == MKind::weekend) put(a, "weekend", true);
    if (m.kind == MKind::rest) put(a, "rest_of", unit_name(m.unit));
    if (m.kind == MKind::ago) {
      put(a, "ago", parts_json(m.parts));
    }
    if (m.relation != Relation::none) put(a, "relation", relation_name(m.relation));
    if (m.part >= 0) put(a, "part_of_day", g_.part_names()[m.part]);
    if (m.pair) put(a, "pair", m.pair);
    if (v.ok && v.future) put(a, "future", true);
    return f;
  }

  static const char* grain_of(const Mention& m) {
    switch (m.kind) {
      case MKind::month:
      case MKind::season:
      case MKind::quarter: return "month";
      case MKind::weekof: return "week";
      case MKind::year:
      case MKind::decade: return "year";
      case MKind::relperiod: return m.unit == Unit::week ? "week" : m.unit == Unit::month ? "month" : "year";
      default: return "day";
    }
  }

  static FactJson parts_json(const std::vector<DurationPart>& parts) {
    FactJson out = FactJson::array();
    for (const auto& p : parts) {
      FactJson x;
      auto& o = members(x);
      put(o, "amount", number(p.amount));
      put(o, "unit", unit_name(p.unit));
      out.push_back(std::move(x));
    }
    return out;
  }

  static FactJson number(double x) {
    if (std::floor(x) == x && std::fabs(x) < 1e15) return static_cast<long long>(x);
    return x;
  }

  static double unit_days(Unit u) {
    switch (u) {
      case Unit::day: return 1;
      case Unit::week: return 7;
      case Unit::month: return 30;
      case Unit::year: return 365;
      case Unit::decade: return 3650;
      case Unit::hour: return 1.0 / 24;
      case Unit::minute: return 1.0 / 1440;
      case Unit::second: return 1.0 / 86400;
      default: return 0;
    }
  }

  Fact duration_fact(const Document& doc, const Mention& m, std::optional<long> ref) const {
    Fact f = doc.make_fact("duration", m.vb, m.ve);
    Unit unit = m.parts.front().unit;
    double amount = m.parts.front().amount;
    bool mixed = false;
    for (std::size_t i = 1; i < m.parts.size(); ++i)
      if (m.parts[i].unit != unit) mixed = true;
    if (mixed) {
      // Mixed units: the amount in the smallest unit (months of 30 days, years of 365).
      for (const auto& p : m.parts)
        if (unit_days(p.unit) < unit_days(unit)) unit = p.unit;
      amount = 0;
      for (const auto& p : m.parts) amount += p.amount * unit_days(p.unit) / unit_days(unit);
      amount = std::round(amount * 1000) / 1000;
    } else {
      amount = 0;
      for (const auto& p : m.parts) amount += p.amount;
    }
    auto& val = members(f.value);
    put(val, "amount", m.vague ? FactJson(nullptr) : number(amount));
    put(val, "unit", unit_name(unit));
    auto& a = members(f.attributes);
    put(a, "kind", m.dur_relation == Relation::since ? "elapsed" : "span");
    std::string bound = g_.bound_names()[m.bound];
    if (m.vague) bound = "about";
    put(a, "bound", bound);
    if (mixed) put(a, "parts", parts_json(m.parts));
    if (m.vague) put(a, "vague", true);
    if (m.dur_relation != Relation::none) put(a, "relation", relation_name(m.dur_relation));
    if (m.event_after) put(a, "of_event", true);
    if (m.window != kModNone) put(a, "window", m.window < 0 ? "past" : "next");
    if (ref) {
      f.as_of = iso(*ref);
      put(a, "as_of_source", "reference");
      if (m.dur_relation == Relation::since && !m.event_after && !m.vague)
        put(a, "since", iso(Resolver::shift(*ref, m.parts, -1)));
    }
    return f;
  }

  Fact warday_fact(const Document& doc, const Mention& m, const std::vector<Mention>& ms,
                   const std::vector<Value>& vals, const ScanResult& sr, std::optional<long> ref) const {
    Fact f = doc.make_fact("duration", m.vb, m.ve);
    auto& val = members(f.value);
    put(val, "amount", m.ordinal);
    put(val, "unit", "day");
    auto& a = members(f.attributes);
    put(a, "kind", "day_of");
    put(a, "bound", "exact");
    // The day it refers to: a day date in the same sentence, else the reference date.
    const std::size_t sent = doc.sentence_at(m.vb);
    std::optional<long> on;
    const char* on_source = "reference";
    for (std::size_t i = 0; i < ms.size(); ++i) {
      if (!vals[i].ok || vals[i].period || ms[i].relation == Relation::since) continue;
      if (std::find(sr.war_starts.begin(), sr.war_starts.end(), i) != sr.war_starts.end()) continue;
      if (doc.sentence_at(ms[i].vb) != sent) continue;
      on = vals[i].a;
      on_source = "sentence";
      break;
    }
    if (!on && ref) on = ref;
    if (on) {
      f.as_of = iso(*on);
      put(a, "as_of_source", on_source);
    }
    // The war and its start.
    std::optional<long> start;
    std::string event = "war";
    const char* source = nullptr;
    const auto& events = g_.events();
    if (m.event >= 0) {
      event = events[m.event].id;
      start = events[m.event].start;
      source = "knowledge";
    } else {
      for (std::size_t i : sr.war_starts)
        if (vals[i].ok && !vals[i].period && (!on || vals[i].a <= *on)) {
          start = vals[i].a;
          source = "text";
          break;
        }
      if (!start) {
        int best = 0;
        for (std::size_t k = 0; k < events.size(); ++k)
          if (sr.event_hits[k] > best && (!on || events[k].start <= *on)) {
            best = sr.event_hits[k];
            event = events[k].id;
            start = events[k].start;
            source = "knowledge";
          }
      }
    }
    put(a, "event", event);
    if (start) {
      put(a, "event_start", iso(*start));
      put(a, "event_start_source", source);
    }
    return f;
  }

  DateGrammar g_;
};

}  // namespace

std::unique_ptr<Extractor> make_dates_extractor(const rules::RuleSet& rules) {
  return std::make_unique<DatesExtractor>(rules);
}

}  // namespace tadqiq::extract
