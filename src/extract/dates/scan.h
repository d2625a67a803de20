// tadqiq/extract/dates/scan.h — finding date, duration and time-span expressions in an
// article (the "mentions"), before any resolution against a reference date.
//
// A DateGrammar is compiled once from rules (calendar.yaml months and year words, dates.yaml
// for everything else, numbers.yaml bound phrases) and is then immutable and thread-safe
// (scan() keeps its working buffers per thread and reuses them from article to article).
// scan() works in two linear passes over the tokens of one Document:
//  1. atoms: every token run that the rules know (a month, a weekday, "أمس", a unit, a cue
//     word …), digit tokens, numeric dates (RE2) and "number" facts already extracted; a
//     token where no phrase of the rules starts costs one filter probe (extract/phrase_filter.h);
//  2. mentions: small patterns over consecutive atoms ("الأربعاء 7 فبراير/شباط 2024",
//     "أمس الأول الاثنين", "الأسبوع المقبل", "خمسة أشهر ونصف الشهر", "اليوم الـ284 من الحرب"),
//     each tried only at atoms of the kinds it can start with.
// Each pattern looks at a bounded number of atoms, so the whole scan is linear in the text.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include <re2/re2.h>

#include "extract/dates/calendar.h"
#include "extract/phrase_filter.h"
#include "extract/extractor.h"

namespace tadqiq::extract::dates {

enum class Unit : std::int8_t { none = -1, day = 0, week, month, year, decade, hour, minute, second };
const char* unit_name(Unit u);

enum class Relation : std::int8_t { none = 0, until, since, before, after };
const char* relation_name(Relation r);

// Modifier of a weekday, month, unit or holiday.
enum Mod : int { kModNone = 9, kModPast = -1, kModCurrent = 0, kModNext = 1, kModAfterNext = 2 };

enum class MKind : std::int8_t {
  date,        // day (+ month (+ year)), possibly Hijri; with an optional weekday
  month,       // a month (+ year), Gregorian or Hijri
  year,        // a year (Gregorian or Hijri)
  weekday,     // a weekday, possibly in a relative week, or with a day of the month
  relday,      // اليوم / أمس / غداً … (+ weekday)
  relperiod,   // الأسبوع الماضي / هذا الشهر / العام المقبل
  relmonthday, // "20 من الشهر المقبل"
  holiday,     // عيد الفطر, عيد الميلاد …
  now,         // "حتى الآن"
  ago,         // "قبل يومين", "بعد ثلاثة أسابيع", "… من الآن": a date that far from the reference
  duration,    // "خمسة أشهر ونصف الشهر", "منذ 100 يوم", "قرابة العام"
  warday,      // "اليوم الـ284 من الحرب"
  range,       // "من 4 إلى 22 يناير", "2014-2018"
  window,      // "الأيام الثلاثة الماضية", "آخر 3 سنوات", "خلال 24 ساعة الماضية"
  decade,      // "السبعينيات"
  quarter,     // "الربع الثالث من عام 2016", "النصف الأول من العام" (offset = 1..4, unit = month 3/6)
  weekend,     // "عطلة نهاية الأسبوع المقبل" (offset = weeks)
  rest,        // "بقية العام" (unit)
  season,      // "الصيف الماضي", "صيف 2016" (offset = season index)
  weekof,      // "الأسبوع الثالث من عام 2027", "الأسبوع الأخير من يوليو" (nth; q = the month or year)
};

// What the text says about one calendar point.
struct Point {
  int y = 0, m = 0, d = 0;  // 0 = not stated
  bool hijri = false;       // y/m/d are Hijri
  bool year_rel = false;    // year given relatively ("من العام الماضي"): y_off holds the offset
  int y_off = 0;
  bool month_rel = false;   // "20 من الشهر المقبل": m_off holds the offset
  int m_off = 0;
  int weekday = 0;          // stated weekday 1..7
  bool explicit_cal = false;  // a calendar mark was written after the year
  bool greg_year = false;     // a Hijri month with a Gregorian year ("رمضان 2024")
};

struct DurationPart {
  double amount = 0;
  Unit unit = Unit::none;
};

// The scalar fields of a Mention (trivially copyable: a mention is reset with one copy).
struct MentionFields {
  MKind kind = MKind::date;
  std::size_t vb = 0, ve = 0;  // view span
  std::size_t tb = 0, te = 0;  // token range
  Point p;                     // the date (or the range start)
  Point q;                     // range end
  Unit range_grain = Unit::day;
  int offset = 0;    // relday: days; relperiod: units; weekday: weeks (with has_week)
  bool has_week = false;
  bool rel_prefix = false;  // date: a relative day before it ("اليوم 6 مايو"); offset holds it
  int nth = 0;              // weekday: "الأحد الثاني", the n-th such weekday of the month (-1: the last)
  bool in_month = false;    // weekday/weekof: nth of the month (or year) in q ("أول جمعة من رمضان")
  Unit container = Unit::none;  // weekof: month or year
  int qual = 0;             // period part: 1 early, 2 mid, 3 late ("مطلع", "منتصف", "أواخر")
  int span_months = 0;      // quarter: 3 (a quarter) or 6 (a half)
  Unit unit = Unit::none;  // relperiod unit
  int mod = kModNone;
  int part = -1;     // part of day (index into DateGrammar::part_names)
  Relation relation = Relation::none;
  bool future_ctx = false;  // the clause is future (rules: future markers)
  // durations (their parts: Mention::parts)
  bool vague = false;        // "بضعة أيام": no amount
  int bound = 0;             // index into DateGrammar::bound_names (0 = exact)
  bool from_now = false;     // "… من الآن"
  Relation dur_relation = Relation::none;  // منذ / بعد / قبل before a duration
  bool event_after = false;  // "بعد خمسة أشهر من الحرب": relative to an event, not to today
  int window = kModNone;     // "خلال 24 ساعة الماضية"
  // holidays and wars
  int holiday = -1;
  int ordinal = 0;           // warday: N
  int event = -1;            // warday: index into DateGrammar::events, -1 = generic war noun
  int pair = 0;              // Hijri–Gregorian pair ("الموافق"), 1-based within the article
};

struct Mention : MentionFields {
  // Durations: the amounts and units.
  std::vector<DurationPart> parts;
  // Range: its two ends when they are whole mentions ("من اليوم حتى الغد").
  std::vector<Mention> sub;
  // Number facts consumed, and the role they get.
  std::vector<std::pair<std::size_t, const char*>> roles;

  // Makes this a fresh Mention{}, keeping the lists' storage.
  void reset() {
    static const MentionFields blank{};
    static_cast<MentionFields&>(*this) = blank;
    parts.clear();
    sub.clear();
    roles.clear();
  }
};

struct Holiday {
  std::string id;
  int g_month = 0, g_day = 0;   // fixed Gregorian
  int h_month = 0, h_day = 0;   // fixed Hijri
  int nth_month = 0, nth_weekday = 0, nth_n = 0;
  bool easter = false;
  int days = 1;         // a period of this many days from the date ("الحج": 8–13 Dhu al-Hijjah)
  bool no_date = false; // recognised, never resolved (the day differs by country: "عيد الاستقلال")
};

struct Season {
  std::string id;
  int from = 0, to = 0;  // months; to < from for a season across the year's end
};

struct Event {
  std::string id;
  long start = 0;  // civil day
};

// What scan() found in one article.
struct ScanResult {
  std::vector<Mention> mentions;
  // War start dates stated in the text: mention indexes of day dates in a sentence with a
  // war-start word before them.
  std::vector<std::size_t> war_starts;
  // Occurrences of each known event's names and context words in the article.
  std::vector<int> event_hits;
  // Number of lines before the first token of each mention is not kept; the dateline is
  // the first full date within the first `dateline_tokens` tokens and lines.
  std::size_t dateline = SIZE_MAX;  // index into mentions
};

class DateGrammar {
 public:
  explicit DateGrammar(const rules::RuleSet& rs);
  ~DateGrammar();

  ScanResult scan(const Document& doc, const std::vector<Fact>& facts) const;

  const HijriCalendar& hijri() const { return *hijri_; }
  const std::vector<Holiday>& holidays() const { return holidays_; }
  const std::vector<Event>& events() const { return events_; }
  const std::vector<Season>& seasons() const { return seasons_; }
  int weekend_first() const { return weekend_[0]; }
  int weekend_last() const { return weekend_[1]; }
  const std::vector<std::string>& part_names() const { return part_names_; }
  const std::vector<std::string>& bound_names() const { return bound_names_; }
  int week_start() const { return week_start_; }

  struct Entry;
  struct Atom;
  struct Ctx;

 private:
  int entry_for(const std::string& folded);
  void add(const rules::RuleSet& rs, const std::string& doc, const YAML::Node& node,
           std::uint64_t kind, int value);
  bool future_verb(std::string_view tok) const;

  PhraseSet lex_;
  PhraseFilter lex_starts_;  // the tokens where a phrase of lex_ may start
  std::vector<Entry> entries_;
  std::vector<std::uint64_t> entry_kinds_;  // entries_[i].kinds, compact (read per atom)
  std::unordered_map<std::string, int> entry_index_;
  std::unique_ptr<HijriCalendar> hijri_;
  std::vector<Holiday> holidays_;
  std::vector<Event> events_;
  std::vector<Season> seasons_;
  int weekend_[2] = {5, 6};
  std::vector<std::string> part_names_, bound_names_;
  std::unordered_set<std::string> not_verbs_;
  std::string future_prefix_;
  std::vector<std::string> imperfect_;
  std::vector<std::string> verb_clitics_;
  std::string definite_;
  std::size_t min_stem_ = 3, future_window_ = 8;
  int week_start_ = 1;
  RE2 numeric_;

  friend struct Ctx;
};

}  // namespace tadqiq::extract::dates
