// The dates scanner: atoms, then mentions. See scan.h and docs/extractors/dates.md.
#include "extract/dates/scan.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>

#include "extract/rules_util.h"

namespace tadqiq::extract::dates {

const char* unit_name(Unit u) {
  switch (u) {
    case Unit::day: return "day";
    case Unit::week: return "week";
    case Unit::month: return "month";
    case Unit::year: return "year";
    case Unit::decade: return "decade";
    case Unit::hour: return "hour";
    case Unit::minute: return "minute";
    case Unit::second: return "second";
    default: return "";
  }
}

const char* relation_name(Relation r) {
  switch (r) {
    case Relation::until: return "until";
    case Relation::since: return "since";
    case Relation::before: return "before";
    case Relation::after: return "after";
    default: return "";
  }
}

namespace {

constexpr const char* kDoc = "dates.yaml";
constexpr const char* kCalendar = "calendar.yaml";
constexpr const char* kNumbers = "numbers.yaml";

// Atom kinds (bits). One phrase may have several.
enum : std::uint64_t {
  K_MONTH = 1ull << 0, K_HMONTH = 1ull << 1, K_WEEKDAY = 1ull << 2, K_WEEKDAY_BARE = 1ull << 3,
  K_DAYWORD = 1ull << 4, K_PART = 1ull << 5, K_RELDAY = 1ull << 6, K_NOW = 1ull << 7,
  K_NOT_TODAY = 1ull << 8, K_UNIT = 1ull << 9, K_WHOLE = 1ull << 10, K_HALF = 1ull << 11,
  K_DCUE = 1ull << 12, K_FEW = 1ull << 13, K_BOUND = 1ull << 14, K_MOD = 1ull << 15,
  K_THIS = 1ull << 16, K_REL = 1ull << 17, K_RFROM = 1ull << 18, K_RTO = 1ull << 19,
  K_MCUE = 1ull << 20, K_MONTHWORD = 1ull << 21, K_YEAROF = 1ull << 22, K_YEARWORD = 1ull << 23,
  K_HMARK = 1ull << 24, K_GMARK = 1ull << 25, K_EQUIV = 1ull << 26, K_DAYORD = 1ull << 27,
  K_NUMWORD = 1ull << 28, K_FUTURE = 1ull << 29, K_WARNOUN = 1ull << 30, K_WARSTART = 1ull << 31,
  K_EVENTNAME = 1ull << 32, K_EVENTCTX = 1ull << 33, K_HOLIDAY = 1ull << 34, K_WARHEAD = 1ull << 35,
  K_THROUGH = 1ull << 36, K_WEAK = 1ull << 37, K_IN = 1ull << 38, K_WARLINK = 1ull << 39,
  K_QUAL = 1ull << 40, K_WLAST = 1ull << 41, K_WPAST = 1ull << 42, K_WFEW = 1ull << 43,
  K_DECADE = 1ull << 44, K_QUARTER = 1ull << 45, K_HALFYEAR = 1ull << 46, K_WEEKEND = 1ull << 47,
  K_REST = 1ull << 52, K_SEASON = 1ull << 53, K_SEASONWORD = 1ull << 54, K_NOTSEASON = 1ull << 55,
  K_HCUED = 1ull << 56,
  // Atom-only kinds.
  K_NUM = 1ull << 48, K_DIGITS = 1ull << 49, K_ORDNUM = 1ull << 50, K_NUMDATE = 1ull << 51,
};

enum UForm { kSingular = 0, kDefinite = 1, kDual = 2, kPlural = 3 };

// Flags of the text between two tokens.
enum : unsigned {
  G_COMMA = 1, G_SLASH = 2, G_DASH = 4, G_DOT = 8, G_PAREN = 16, G_NEWLINE = 32, G_OTHER = 64,
};

unsigned gap_flags(std::string_view g) {
  unsigned f = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(g[i]);
    if (c == ' ' || c == '\t') continue;
    if (c == ',') f |= G_COMMA;
    else if (c == '/') f |= G_SLASH;
    else if (c == '-') f |= G_DASH;
    else if (c == '.') f |= G_DOT;
    else if (c == '(' || c == ')' || c == '[' || c == ']') f |= G_PAREN;
    else if (c == '\n') f |= G_NEWLINE;
    else if (c == 0xD8 && i + 1 < g.size() && static_cast<unsigned char>(g[i + 1]) == 0x8C) {
      f |= G_COMMA;  // U+060C ARABIC COMMA
      ++i;
    } else if (c == 0xE2 && i + 2 < g.size() && static_cast<unsigned char>(g[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(g[i + 2]) == 0x93 || static_cast<unsigned char>(g[i + 2]) == 0x94)) {
      f |= G_DASH;  // en and em dashes
      i += 2;
    } else {
      f |= G_OTHER;
      // Skip the rest of a multi-byte character.
      if (c >= 0xC0) {
        std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        i += len - 1;
      }
    }
  }
  return f;
}

bool digits_only(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

const FactJson kNullJson;

// Key `k` is the literal `lit` (a comparison of a known length, inlined: no memcmp call).
template <std::size_t N>
bool key_is(const std::string& k, const char (&lit)[N]) {
  return k.size() == N - 1 && std::memcmp(k.data(), lit, N - 1) == 0;
}

// String `x` (any JSON) is the literal `lit`.
template <std::size_t N>
bool string_is(const FactJson& x, const char (&lit)[N]) {
  return x.is_string() && key_is(x.get_ref<const std::string&>(), lit);
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

struct DateGrammar::Entry {
  std::uint64_t kinds = 0;
  int month = 0, hmonth = 0, weekday = 0, part = -1, relday = 0, unit = -1, uform = 0, bound = 0,
      mod = 0, relation = 0, dayord = 0, numword = 0, holiday = -1, event_name = -1, event_ctx = -1,
      qual = 0, decade = 0, season = -1;
};

struct DateGrammar::Atom {
  std::uint32_t tb = 0, te = 0;  // tokens [tb, te)
  std::uint32_t clitic = 0;      // bytes of clitic prefix on the first token
  std::int32_t entry = -1;
  std::uint64_t kinds = 0;
  double num = 0;
  std::int32_t fact = -1;  // number fact this atom stands for
  std::uint8_t ndigits = 0;
  std::int16_t y = 0, m = 0, d = 0;  // numeric dates
  std::int16_t dayord = 0;           // K_DAYORD: the day it names
  bool definite = false;             // the article was in the clitic ("للأسابيع")
};

int DateGrammar::entry_for(const std::string& folded) {
  auto it = entry_index_.find(folded);
  if (it != entry_index_.end()) return it->second;
  const int id = static_cast<int>(entries_.size());
  entries_.emplace_back();
  entry_index_.emplace(folded, id);
  lex_.add(folded, id);
  lex_starts_.add(folded);
  return id;
}

void DateGrammar::add(const rules::RuleSet& rs, const std::string& doc, const YAML::Node& node,
                      std::uint64_t kind, int value) {
  if (!node) return;
  for (const auto& s : rules::strings_of(rs, doc, node)) {
    const std::string f = normalize::fold(s);
    if (tokenize(f).empty()) continue;
    Entry& e = entries_[entry_for(f)];
    e.kinds |= kind;
    switch (kind) {
      case K_MONTH: e.month = value; break;
      case K_HMONTH: e.hmonth = value; break;
      case K_WEEKDAY:
      case K_WEEKDAY_BARE: e.weekday = value; break;
      case K_PART: e.part = value; break;
      case K_RELDAY: e.relday = value; break;
      case K_BOUND: e.bound = value; break;
      case K_MOD: e.mod = value; break;
      case K_REL: e.relation = value; break;
      case K_DAYORD: e.dayord = value; break;
      case K_NUMWORD: e.numword = value; break;
      case K_HOLIDAY: e.holiday = value; break;
      case K_EVENTNAME: e.event_name = value; break;
      case K_EVENTCTX: e.event_ctx = value; break;
      case K_QUAL: e.qual = value; break;
      case K_DECADE: e.decade = value; break;
      case K_SEASON: e.season = value; break;
      default: break;
    }
  }
}

DateGrammar::~DateGrammar() = default;

DateGrammar::DateGrammar(const rules::RuleSet& rs)
    : lex_(clitics(rs)),
      lex_starts_(clitics(rs)),
      numeric_("(\\d{1,4})([/.-])(\\d{1,2})([/.-])(\\d{1,4})") {
  if (!numeric_.ok()) throw std::logic_error("dates: bad pattern: " + numeric_.error());
  const auto doc = require_doc(rs, kDoc);
  auto map_of = [&](const char* key) {
    const auto n = doc[key];
    if (n && !n.IsMap())
      throw rules::RuleShapeError(rs.error_at(kDoc, n, std::string("expected a mapping under `") + key + "`"));
    return n;
  };
  auto int_key = [&](const YAML::Node& k, const char* file) {
    try {
      return k.as<int>();
    } catch (const YAML::Exception&) {
      throw rules::RuleShapeError(rs.error_at(file, k, "expected a number"));
    }
  };

  // Months (calendar.yaml: the numbers extractor reads the same keys).
  if (const auto cal = rs.doc(kCalendar)) {
    if (cal["months"] && cal["months"].IsMap())
      for (const auto& kv : cal["months"]) add(rs, kCalendar, kv.second, K_MONTH, int_key(kv.first, kCalendar));
    add(rs, kCalendar, cal["year_words"], K_YEARWORD, 0);
  }
  if (const auto n = map_of("hijri_months"))
    for (const auto& kv : n) add(rs, kDoc, kv.second, K_HMONTH, int_key(kv.first, kDoc));
  add(rs, kDoc, doc["weak_months"], K_WEAK, 0);
  if (const auto n = map_of("weekdays"))
    for (const auto& kv : n) add(rs, kDoc, kv.second, K_WEEKDAY, int_key(kv.first, kDoc));
  if (const auto n = map_of("weekdays_bare"))
    for (const auto& kv : n) add(rs, kDoc, kv.second, K_WEEKDAY_BARE, int_key(kv.first, kDoc));
  add(rs, kDoc, doc["day_word"], K_DAYWORD, 0);
  if (const auto n = map_of("parts_of_day"))
    for (const auto& kv : n) {
      part_names_.push_back(kv.first.as<std::string>());
      add(rs, kDoc, kv.second, K_PART, static_cast<int>(part_names_.size() - 1));
    }
  if (const auto n = map_of("relative_days"))
    for (const auto& kv : n) add(rs, kDoc, kv.second, K_RELDAY, int_key(kv.first, kDoc));
  add(rs, kDoc, doc["now"], K_NOW, 0);
  add(rs, kDoc, doc["not_today_after"], K_NOT_TODAY, 0);
  if (const auto n = map_of("units")) {
    for (const auto& kv : n) {
      const std::string name = kv.first.as<std::string>();
      int u = -1;
      for (int k = 0; k <= static_cast<int>(Unit::second); ++k)
        if (name == unit_name(static_cast<Unit>(k))) u = k;
      if (u < 0)
        throw rules::RuleShapeError(rs.error_at(kDoc, kv.first,
            "unknown unit (expected day, week, month, year, decade, hour, minute or second)"));
      const char* forms[] = {"singular", "definite", "dual", "plural"};
      for (int f = 0; f < 4; ++f) {
        if (!kv.second[forms[f]]) continue;
        for (const auto& s : rules::strings_of(rs, kDoc, kv.second[forms[f]])) {
          const std::string fs = normalize::fold(s);
          if (tokenize(fs).empty()) continue;
          Entry& e = entries_[entry_for(fs)];
          e.kinds |= K_UNIT;
          e.unit = u;
          e.uform = f;
        }
      }
    }
  }
  add(rs, kDoc, doc["whole"], K_WHOLE, 0);
  add(rs, kDoc, doc["half"], K_HALF, 0);
  add(rs, kDoc, doc["duration_cues"], K_DCUE, 0);
  add(rs, kDoc, doc["throughout"], K_THROUGH, 0);
  add(rs, kDoc, doc["few"], K_FEW, 0);
  bound_names_.push_back("exact");
  if (const auto nb = rs.doc(kNumbers); nb && nb["bounds_before"] && nb["bounds_before"].IsMap())
    for (const auto& kv : nb["bounds_before"]) {
      bound_names_.push_back(kv.first.as<std::string>());
      add(rs, kNumbers, kv.second, K_BOUND, static_cast<int>(bound_names_.size() - 1));
    }
  if (const auto n = map_of("modifiers")) {
    add(rs, kDoc, n["past"], K_MOD, kModPast);
    add(rs, kDoc, n["next"], K_MOD, kModNext);
    add(rs, kDoc, n["current"], K_MOD, kModCurrent);
    add(rs, kDoc, n["after_next"], K_MOD, kModAfterNext);
  }
  add(rs, kDoc, doc["this"], K_THIS, 0);
  if (const auto n = map_of("period_parts")) {
    add(rs, kDoc, n["early"], K_QUAL, 1);
    add(rs, kDoc, n["mid"], K_QUAL, 2);
    add(rs, kDoc, n["late"], K_QUAL, 3);
  }
  if (const auto n = map_of("windows")) {
    add(rs, kDoc, n["last"], K_WLAST, 0);
    add(rs, kDoc, n["past"], K_WPAST, 0);
    add(rs, kDoc, n["few"], K_WFEW, 0);
  }
  if (const auto n = map_of("decades"))
    for (const auto& kv : n) add(rs, kDoc, kv.second, K_DECADE, int_key(kv.first, kDoc));
  add(rs, kDoc, doc["quarter_words"], K_QUARTER, 0);
  add(rs, kDoc, doc["weekend"], K_WEEKEND, 0);
  add(rs, kDoc, doc["rest_of"], K_REST, 0);
  add(rs, kDoc, doc["season_word"], K_SEASONWORD, 0);
  add(rs, kDoc, doc["not_season_after"], K_NOTSEASON, 0);
  if (const auto n = doc["weekend_days"]) {
    const auto days = rules::strings_of(rs, kDoc, n);
    if (days.size() != 2 || !weekday_of_name(days[0]) || !weekday_of_name(days[1]))
      throw rules::RuleShapeError(rs.error_at(kDoc, n, "expected two weekday names (monday … sunday)"));
    weekend_[0] = weekday_of_name(days[0]);
    weekend_[1] = weekday_of_name(days[1]);
  }
  if (const auto n = map_of("seasons"))
    for (const auto& kv : n) {
      Season x;
      x.id = kv.first.as<std::string>();
      const auto ms = kv.second["months"];
      if (!ms || !ms.IsSequence() || ms.size() != 2)
        throw rules::RuleShapeError(rs.error_at(kDoc, kv.second, "a season needs `months: [first, last]`"));
      x.from = static_cast<int>(number_of(rs, kDoc, ms[0]));
      x.to = static_cast<int>(number_of(rs, kDoc, ms[1]));
      seasons_.push_back(x);
      add(rs, kDoc, kv.second["names"], K_SEASON, static_cast<int>(seasons_.size() - 1));
    }
  add(rs, kDoc, doc["half_words"], K_HALFYEAR, 0);
  if (const auto n = map_of("relations")) {
    add(rs, kDoc, n["until"], K_REL, static_cast<int>(Relation::until));
    add(rs, kDoc, n["since"], K_REL, static_cast<int>(Relation::since));
    add(rs, kDoc, n["before"], K_REL, static_cast<int>(Relation::before));
    add(rs, kDoc, n["after"], K_REL, static_cast<int>(Relation::after));
  }
  if (const auto n = map_of("range")) {
    add(rs, kDoc, n["from"], K_RFROM, 0);
    add(rs, kDoc, n["to"], K_RTO, 0);
  }
  add(rs, kDoc, doc["in"], K_IN, 0);
  add(rs, kDoc, doc["month_cues"], K_MCUE, 0);
  add(rs, kDoc, doc["month_word"], K_MONTHWORD, 0);
  add(rs, kDoc, doc["year_of"], K_YEAROF, 0);
  add(rs, kDoc, doc["hijri_marks"], K_HMARK, 0);
  add(rs, kDoc, doc["gregorian_marks"], K_GMARK, 0);
  add(rs, kDoc, doc["equivalence"], K_EQUIV, 0);
  if (const auto n = map_of("day_ordinals"))
    for (const auto& kv : n) add(rs, kDoc, kv.second, K_DAYORD, int_key(kv.first, kDoc));
  if (const auto n = map_of("number_words"))
    for (const auto& kv : n) add(rs, kDoc, kv.second, K_NUMWORD, int_key(kv.first, kDoc));
  add(rs, kDoc, doc["war_nouns"], K_WARNOUN, 0);
  add(rs, kDoc, doc["war_start_words"], K_WARSTART, 0);
  add(rs, kDoc, doc["war_day_heads"], K_WARHEAD, 0);
  add(rs, kDoc, doc["war_day_links"], K_WARLINK, 0);

  // Future markers.
  if (const auto f = doc["future"]) {
    add(rs, kDoc, f["words"], K_FUTURE, 0);
    if (f["verb_prefix"]) future_prefix_ = normalize::fold(f["verb_prefix"].as<std::string>());
    for (const auto& s : rules::strings_of(rs, kDoc, f["imperfect_letters"])) imperfect_.push_back(normalize::fold(s));
    for (const auto& s : rules::strings_of(rs, kDoc, f["not_verbs"])) not_verbs_.insert(normalize::fold(s));
    if (f["min_stem"]) min_stem_ = static_cast<std::size_t>(number_of(rs, kDoc, f["min_stem"]));
    if (f["window"]) future_window_ = static_cast<std::size_t>(number_of(rs, kDoc, f["window"]));
  }
  for (const auto& c : clitics(rs)) {
    const auto fc = normalize::fold(c);
    if (fc.size() == 2) verb_clitics_.push_back(fc);  // one-letter conjunctions and prepositions
  }
  if (const auto ar = rs.doc("arabic.yaml"); ar && ar["definite_article"])
    definite_ = normalize::fold(ar["definite_article"].as<std::string>());

  if (const auto ws = doc["week_start"]) {
    const int w = weekday_of_name(ws.as<std::string>());
    if (!w) throw rules::RuleShapeError(rs.error_at(kDoc, ws, "expected a weekday name (monday … sunday)"));
    week_start_ = w;
  }

  // Events (knowledge).
  if (const auto ev = doc["events"]) {
    if (!ev.IsSequence()) throw rules::RuleShapeError(rs.error_at(kDoc, ev, "expected a list of events"));
    for (const auto& e : ev) {
      Event x;
      x.id = e["id"] ? e["id"].as<std::string>() : "";
      const auto st = e["start"] ? parse_iso(e["start"].as<std::string>()) : std::nullopt;
      if (x.id.empty() || !st)
        throw rules::RuleShapeError(rs.error_at(kDoc, e, "an event needs `id` and `start: YYYY-MM-DD`"));
      x.start = *st;
      events_.push_back(x);
      const int id = static_cast<int>(events_.size() - 1);
      add(rs, kDoc, e["names"], K_EVENTNAME, id);
      add(rs, kDoc, e["context"], K_EVENTCTX, id);
    }
  }
  // Holidays.
  if (const auto hs = doc["holidays"]) {
    if (!hs.IsSequence()) throw rules::RuleShapeError(rs.error_at(kDoc, hs, "expected a list of holidays"));
    for (const auto& h : hs) {
      Holiday x;
      x.id = h["id"] ? h["id"].as<std::string>() : "";
      auto md = [&](const YAML::Node& n, int& mo, int& dd) {
        const std::string s = n.as<std::string>();
        if (s.size() != 5 || s[2] != '-' || !digits_only(s.substr(0, 2)) || !digits_only(s.substr(3)))
          throw rules::RuleShapeError(rs.error_at(kDoc, n, "expected \"MM-DD\""));
        mo = to_int(s.substr(0, 2));
        dd = to_int(s.substr(3));
      };
      if (h["gregorian"]) md(h["gregorian"], x.g_month, x.g_day);
      else if (h["hijri"]) md(h["hijri"], x.h_month, x.h_day);
      else if (h["nth"]) {
        x.nth_month = static_cast<int>(number_of(rs, kDoc, h["nth"]["month"]));
        x.nth_weekday = static_cast<int>(number_of(rs, kDoc, h["nth"]["weekday"]));
        x.nth_n = static_cast<int>(number_of(rs, kDoc, h["nth"]["n"]));
      } else if (h["easter"]) x.easter = true;
      else if (h["no_date"] && h["no_date"].as<bool>(false)) x.no_date = true;
      else throw rules::RuleShapeError(rs.error_at(kDoc, h, "a holiday needs gregorian, hijri, nth, easter or no_date"));
      if (x.id.empty()) throw rules::RuleShapeError(rs.error_at(kDoc, h, "a holiday needs an `id`"));
      if (h["days"]) {
        x.days = static_cast<int>(number_of(rs, kDoc, h["days"]));
        if (x.days < 1 || x.days > 366) throw rules::RuleShapeError(rs.error_at(kDoc, h["days"], "days must be 1..366"));
      }
      holidays_.push_back(x);
      const int id = static_cast<int>(holidays_.size() - 1);
      add(rs, kDoc, h["names"], K_HOLIDAY, id);
      add(rs, kDoc, h["cued_names"], K_HOLIDAY, id);
      add(rs, kDoc, h["cued_names"], K_HCUED, 0);
    }
  }

  std::string variant = "islamic-umalqura";
  if (doc["hijri_calendar"]) variant = doc["hijri_calendar"].as<std::string>();
  try {
    hijri_ = std::make_unique<HijriCalendar>(variant);
  } catch (const std::runtime_error& e) {
    throw rules::RuleShapeError(rs.error_at(kDoc, doc["hijri_calendar"], e.what()));
  }
  entry_kinds_.reserve(entries_.size());
  for (const auto& e : entries_) entry_kinds_.push_back(e.kinds);
}

bool DateGrammar::future_verb(std::string_view tok) const {
  if (future_prefix_.empty()) return false;
  // The prefix starts the word, or follows a one-letter clitic (verb_clitics_ are two bytes).
  // The prefix's last byte first (in UTF-8 it tells letters apart): most words fail there.
  auto prefix_at = [&](std::size_t off) {
    return tok.size() >= off + future_prefix_.size() && tok[off + future_prefix_.size() - 1] == future_prefix_.back() &&
           tok.compare(off, future_prefix_.size(), future_prefix_) == 0;
  };
  if (!prefix_at(0) && !prefix_at(2)) return false;
  auto test = [&](std::string_view s) {
    if (s.compare(0, future_prefix_.size(), future_prefix_) != 0) return false;
    const std::string_view rest = s.substr(future_prefix_.size());
    bool imperfect = false;
    for (const auto& l : imperfect_)
      if (rest.compare(0, l.size(), l) == 0) imperfect = true;
    if (!imperfect) return false;
    // Letters after the prefix: Arabic letters are two bytes in UTF-8.
    if (rest.size() < 2 * (min_stem_ + 1)) return false;
    return not_verbs_.find(std::string(s)) == not_verbs_.end();
  };
  if (test(tok)) return true;
  for (const auto& c : verb_clitics_)
    if (tok.size() > c.size() && tok.compare(0, c.size(), c) == 0 && test(tok.substr(c.size()))) return true;
  return false;
}

// ---- The per-document scanner ------------------------------------------------------------

struct DateGrammar::Ctx {
  const DateGrammar& g;
  const Document& doc;
  const std::vector<Fact>& facts;
  const std::string& v;
  const std::vector<Token>& toks;
  // A numeric date (16/7/2024) as a view range, and a number fact as a token range.
  // t: the first token at or after b (the date's first token: a date starts a digit token).
  struct Num { std::size_t b, e; int y, m, d; std::size_t t; };
  // What the atoms need of a number fact, read from its value and attributes once per
  // document (not once per token it covers).
  struct NF {
    std::uint32_t tb, te;
    std::int32_t idx;
    bool single;    // the value is an object with min == max
    bool split;     // the value is an object with min != max (a range of numbers)
    bool ordinal;   // attributes.kind == "ordinal"
    bool has_fig;   // attributes.figure is a number: fig
    bool has_min;   // value.min is a number: min
    double fig, min;
  };
  // The per-article buffers, one set per thread, reused from article to article (cleared
  // here, so that a scan allocates nothing for them once they have grown).
  struct Buffers {
    std::vector<Atom> atoms;
    std::vector<std::uint8_t> gaps;
    std::vector<std::int8_t> future_tok;
    std::vector<Num> nums;
    std::vector<NF> nfs;
  };
  static Buffers& buffers() {
    thread_local Buffers b;
    return b;
  }
  Buffers& buf = buffers();
  std::vector<Atom>& atoms = buf.atoms;
  // gap(j) of adjacent atoms (all the patterns ask), computed once; kGapUnknown for others.
  static constexpr std::uint8_t kGapUnknown = 0xFF;
  std::vector<std::uint8_t>& gaps = buf.gaps;
  std::vector<std::int8_t>& future_tok = buf.future_tok;  // future_verb_at per token: -1 not asked yet
  ScanResult out;

  Ctx(const DateGrammar& gr, const Document& d, const std::vector<Fact>& f)
      : g(gr), doc(d), facts(f), v(d.text()), toks(d.tokens()) {
    atoms.clear();
    future_tok.clear();
  }

  std::size_t n() const { return atoms.size(); }
  // The atom tests every pattern makes at each step are inlined (as calls they cost as much
  // as the test).
  [[gnu::always_inline]] bool is(std::size_t j, std::uint64_t k) const {
    return j < atoms.size() && (atoms[j].kinds & k);
  }
  const Entry& e(std::size_t j) const { return g.entries_[atoms[j].entry]; }
  // Atom j+1 follows atom j with nothing but separators between.
  [[gnu::always_inline]] bool adj(std::size_t j) const {
    return j + 1 < atoms.size() && atoms[j + 1].tb == atoms[j].te;
  }
  unsigned gap(std::size_t j) const {  // between atoms j and j+1
    if (gaps[j] != kGapUnknown) return gaps[j];
    return gap_between(j);
  }
  unsigned gap_between(std::size_t j) const {
    const std::size_t a = toks[atoms[j].te - 1].end, b = toks[atoms[j + 1].tb].begin;
    return gap_flags(std::string_view(v).substr(a, b - a));
  }
  unsigned gap_after(std::size_t j) const {  // after atom j, to the next token (or the end)
    const std::size_t a = toks[atoms[j].te - 1].end;
    const std::size_t b = atoms[j].te < toks.size() ? toks[atoms[j].te].begin : v.size();
    const unsigned f = gap_flags(std::string_view(v).substr(a, b - a));
    return atoms[j].te < toks.size() ? f : (f | G_NEWLINE);
  }
  // Whether an atom of one of `kinds` is among atoms [j, j + w]: a pattern that surely needs one
  // there returns false at once without it.
  bool any_within(std::size_t j, std::size_t w, std::uint64_t kinds) const {
    const std::size_t e = std::min(atoms.size(), j + w + 1);
    for (std::size_t x = j; x < e; ++x)
      if (atoms[x].kinds & kinds) return true;
    return false;
  }
  // Separated by spaces only.
  [[gnu::always_inline]] bool sp(std::size_t j) const { return adj(j) && gap(j) == 0; }
  // Spaces and at most one comma.
  bool comma(std::size_t j) const { return adj(j) && (gap(j) & ~unsigned(G_COMMA)) == 0; }
  std::size_t vb(std::size_t j) const { return toks[atoms[j].tb].begin + atoms[j].clitic; }
  std::size_t ve(std::size_t j) const { return toks[atoms[j].te - 1].end; }
  bool clitic_is_conj(std::size_t j) const {
    // A one-letter clitic (و, ف …) glued to the atom's first token.
    return atoms[j].clitic == 2;
  }

  // The first token starting at or after view offset `pos` (Document::token_at_or_after),
  // found by walking from token `from` when that is close before it.
  std::size_t token_at_or_after(std::size_t pos, std::size_t from) const {
    if (from > toks.size() || (from > 0 && toks[from - 1].begin >= pos)) return doc.token_at_or_after(pos);
    for (int step = 0; step < 16; ++step, ++from)
      if (from == toks.size() || toks[from].begin >= pos) return from;
    return doc.token_at_or_after(pos);
  }

  // ---- atoms ----
  void atomize() {
    // Numeric dates (16/7/2024, 2024-07-16), as view ranges.
    std::vector<Num>& nums = buf.nums;
    nums.clear();
    // A match is three digit tokens joined by single separators (a token is a whole run of
    // digits), and it ends in the third: the pattern runs only over such places, each from
    // its first token (or from the end of the previous match, where that is later) to the end
    // of its third. That finds the matches one search from the first such place to the end of
    // the text would (leftmost first, each search going on after the last match), without
    // reading the rest of the text.
    auto joined = [&](std::size_t k) {  // token k+1 follows token k after one separator
      const char sep = v[toks[k].end];
      return toks[k + 1].begin == toks[k].end + 1 && (sep == '/' || sep == '.' || sep == '-');
    };
    std::size_t consumed = 0;  // view offset where the previous match ended
    for (std::size_t i = 0; i + 2 < toks.size(); ++i) {
      // No digits at i + 2: no such place starts at i, i + 1 or i + 2 (likewise at i + 1).
      if (!toks[i + 2].digits) {
        i += 2;
        continue;
      }
      if (!toks[i + 1].digits) {
        ++i;
        continue;
      }
      if (!(toks[i].digits && joined(i) && joined(i + 1))) continue;
      const std::size_t from = std::max<std::size_t>(consumed, toks[i].begin);
      if (from >= toks[i].end) continue;  // the previous match took this token's digits
      re2::StringPiece in(v.data() + from, toks[i + 2].end - from), a, s1, b, s2, c;
      while (RE2::FindAndConsume(&in, g.numeric_, &a, &s1, &b, &s2, &c)) {
        consumed = static_cast<std::size_t>(in.data() - v.data());
        const std::size_t pb = static_cast<std::size_t>(a.data() - v.data());
        const std::size_t pe = static_cast<std::size_t>(c.data() + c.size() - v.data());
        if (pb > 0) {
          const char p = v[pb - 1];
          if ((p >= '0' && p <= '9') || p == '.' || p == ',' || p == '/' || p == '-' || p == ':') continue;
        }
        if (pe < v.size()) {
          const char q = v[pe];
          if ((q >= '0' && q <= '9') || ((q == '/' || q == '-' || q == '.' || q == ':' || q == ',') &&
                                         pe + 1 < v.size() && v[pe + 1] >= '0' && v[pe + 1] <= '9'))
            continue;
        }
        if (s1 != s2) continue;  // 16/7-2024: not a date
        const bool dot = s1[0] == '.';
        int y, m, d;
        if (a.size() == 4) {
          y = to_int(std::string_view(a.data(), a.size()));
          m = to_int(std::string_view(b.data(), b.size()));
          d = to_int(std::string_view(c.data(), c.size()));
          if (c.size() > 2) continue;
        } else {
          if (a.size() > 2 || (c.size() != 4 && c.size() != 2) || (dot && c.size() != 4)) continue;
          d = to_int(std::string_view(a.data(), a.size()));
          m = to_int(std::string_view(b.data(), b.size()));
          y = to_int(std::string_view(c.data(), c.size()));
          if (c.size() == 2) y += 2000;
          if (m > 12 && d <= 12) std::swap(d, m);  // month first (9-18-15)
        }
        if (!valid_date(y, m, d)) continue;
        nums.push_back({pb, pe, y, m, d, doc.token_at_or_after(pb)});
      }
    }
    // Number facts by token range.
    std::vector<NF>& nfs = buf.nfs;
    nfs.clear();
    for (std::size_t i = 0; i < facts.size(); ++i) {
      const Fact& f = facts[i];
      if (f.type != "number" || f.view_end <= f.view_begin) continue;
      // What the atoms read of the fact, in one pass over each object (its members are few).
      const FactJson* figure = &kNullJson;
      bool identifier = false, ordinal = false;
      if (f.attributes.is_object())
        for (const auto& [k, x] : *f.attributes.get_ptr<const FactJson::object_t*>()) {
          if (key_is(k, "role")) identifier = string_is(x, "identifier");
          else if (key_is(k, "kind")) ordinal = string_is(x, "ordinal");
          else if (key_is(k, "figure")) figure = &x;
        }
      if (identifier) continue;
      const FactJson* min = &kNullJson;
      const FactJson* max = &kNullJson;
      if (f.value.is_object())
        for (const auto& [k, x] : *f.value.get_ptr<const FactJson::object_t*>()) {
          if (key_is(k, "min")) min = &x;
          else if (key_is(k, "max")) max = &x;
        }
      // The first token from the document's block index (a few steps); the end walking on from
      // it (a number spans few tokens).
      const std::size_t tb = doc.token_at_or_after(f.view_begin);
      const std::size_t te = token_at_or_after(f.view_end, tb);
      if (te <= tb) continue;
      NF nf{static_cast<std::uint32_t>(tb), static_cast<std::uint32_t>(te), static_cast<std::int32_t>(i),
            false, false, ordinal, false, false, 0, 0};
      if (f.value.is_object()) {
        const bool eq = *min == *max;
        nf.single = eq;
        nf.split = !eq;
      }
      if (figure->is_number()) {
        nf.has_fig = true;
        nf.fig = figure->get<double>();
      }
      if (min->is_number()) {
        nf.has_min = true;
        nf.min = min->get<double>();
      }
      nfs.push_back(nf);
    }
    std::sort(nfs.begin(), nfs.end(), [](const NF& a, const NF& b) { return a.tb < b.tb; });

    std::size_t ni = 0, fi = 0;
    const std::size_t nt = toks.size();
    std::size_t i = 0;
    while (i < nt) {
      while (ni < nums.size() && nums[ni].b < toks[i].begin) ++ni;
      while (fi < nfs.size() && nfs[fi].te <= i) ++fi;
      {
        // Most tokens make no atom: skip the run of tokens before the next numeric date, the
        // next number fact and the last token that are no digits, precede no digits (the
        // definite article glued to digits) and start no phrase of the rules. The full test
        // below would find nothing at each of them.
        std::size_t stop = nt - 1;
        if (ni < nums.size()) stop = std::min(stop, nums[ni].t);
        if (fi < nfs.size()) stop = std::min<std::size_t>(stop, nfs[fi].tb);
        const Token* const tk = toks.data();
        std::size_t k = i;
        while (k < stop && !(tk[k].digits | tk[k + 1].digits) && !g.lex_starts_.may_start(toks, k)) ++k;
        i = k;  // ni and fi stay right: k is at most the next date's and the next fact's token
      }
      if (ni < nums.size() && nums[ni].b == toks[i].begin) {
        Atom a;
        a.tb = static_cast<std::uint32_t>(i);
        std::size_t j = i;
        while (j < nt && toks[j].end <= nums[ni].e) ++j;
        a.te = static_cast<std::uint32_t>(j);
        a.kinds = K_NUMDATE;
        a.y = static_cast<std::int16_t>(nums[ni].y);
        a.m = static_cast<std::int16_t>(nums[ni].m);
        a.d = static_cast<std::int16_t>(nums[ni].d);
        atoms.push_back(a);
        i = j;
        continue;
      }
      const Token& t = toks[i];
      const std::string_view tt(v.data() + t.begin, t.end - t.begin);
      // "الـ284": the definite article glued to digits.
      if (!t.digits && i + 1 < nt && toks[i + 1].digits && toks[i + 1].begin == t.end && tt == g.definite_) {
        Atom a;
        a.tb = static_cast<std::uint32_t>(i);
        a.te = static_cast<std::uint32_t>(i + 2);
        a.kinds = K_ORDNUM | K_NUM;
        a.num = to_int(std::string_view(v.data() + toks[i + 1].begin, toks[i + 1].end - toks[i + 1].begin));
        if (fi < nfs.size() && nfs[fi].tb <= i + 1 && i + 1 < nfs[fi].te) a.fact = nfs[fi].idx;
        atoms.push_back(a);
        i += 2;
        continue;
      }
      const NF* nf = (fi < nfs.size() && nfs[fi].tb <= i && i < nfs[fi].te) ? &nfs[fi] : nullptr;
      if (t.digits) {
        Atom a;
        a.tb = static_cast<std::uint32_t>(i);
        a.te = static_cast<std::uint32_t>(i + 1);
        a.kinds = K_NUM | K_DIGITS;
        a.ndigits = static_cast<std::uint8_t>(std::min<std::size_t>(tt.size(), 255));
        a.num = tt.size() <= 9 ? to_int(tt) : 0;
        if (nf) {
          a.fact = nf->idx;
          const bool single = nf->single;
          if (!single) a.fact = -1;  // a range of numbers ("4 إلى 22"): its parts stand alone
          if (nf->te > i + 1 && single) {
            // A figure of several tokens (33,000; 3.5; 27 ألفاً): its value is the fact's.
            if (nf->has_fig) a.num = nf->fig;
            a.kinds = K_NUM;
            a.te = nf->te;
          }
        }
        atoms.push_back(a);
        i = a.te;
        continue;
      }
      std::optional<PhraseMatch> m;
      if (g.lex_starts_.may_start(toks, i)) m = g.lex_.match_at_filtered(v, toks, i, true);
      if (nf && nf->split) nf = nullptr;
      if (nf && nf->tb == i && (!m || m->last <= nf->te) &&
          (!m || m->last < nf->te || (g.entry_kinds_[m->payload] & ~(K_NUMWORD | K_DAYORD)) == 0)) {
        // A number written in words, extracted by the numbers extractor.
        if (nf->has_fig || nf->has_min) {
          Atom a;
          a.tb = static_cast<std::uint32_t>(i);
          a.te = nf->te;
          a.num = nf->has_fig ? nf->fig : nf->min;
          a.fact = nf->idx;
          if (m && m->last == nf->te) {
            a.entry = m->payload;
            a.clitic = static_cast<std::uint32_t>(m->clitic);
            a.kinds = g.entry_kinds_[m->payload];
            a.dayord = static_cast<std::int16_t>(g.entries_[m->payload].dayord);
          }
          if (nf->ordinal) {
            if (a.num >= 1 && a.num <= 31 && std::floor(a.num) == a.num) {
              a.kinds |= K_DAYORD;
              a.dayord = static_cast<std::int16_t>(a.num);
            }
          } else {
            a.kinds |= K_NUM;
          }
          atoms.push_back(a);
          i = a.te;
          continue;
        }
      }
      if (m) {
        Atom a;
        a.tb = static_cast<std::uint32_t>(i);
        a.te = static_cast<std::uint32_t>(m->last);
        a.clitic = static_cast<std::uint32_t>(m->clitic);
        a.entry = m->payload;
        a.kinds = g.entry_kinds_[m->payload];
        if (m->clitic >= 2 && m->last == i + 1) definite_form(a, tt);
        if (a.kinds & K_NUMWORD) {
          a.kinds |= K_NUM;
          a.num = g.entries_[a.entry].numword;
        }
        if (a.kinds & K_DAYORD) a.dayord = static_cast<std::int16_t>(g.entries_[a.entry].dayord);
        atoms.push_back(a);
        i = m->last;
        continue;
      }
      ++i;
    }
  }

  // A clitic that holds the definite article ("وال", "بال", "لل"): the phrase matched is the
  // bare form ("جمعة", "عام"); use the definite entry ("الجمعة", "العام") when there is one.
  void definite_form(Atom& a, std::string_view tok) const {
    const std::string& def = g.definite_;
    if (def.size() < 4) return;
    const std::string_view cl = tok.substr(0, a.clitic);
    const std::string_view lam = std::string_view(def).substr(def.size() / 2);
    const bool with_article =
        (cl.size() >= def.size() && cl.compare(cl.size() - def.size(), def.size(), def) == 0) ||
        (cl.size() >= 2 * lam.size() && cl.compare(cl.size() - lam.size(), lam.size(), lam) == 0 &&
         cl.compare(cl.size() - 2 * lam.size(), lam.size(), lam) == 0);
    if (!with_article) return;
    std::string alt = def;
    alt.append(tok.substr(a.clitic));
    const auto it = g.entry_index_.find(alt);
    if (it == g.entry_index_.end()) return;
    const bool full = cl.size() >= def.size() && cl.compare(cl.size() - def.size(), def.size(), def) == 0;
    a.entry = it->second;
    a.kinds = g.entry_kinds_[a.entry];
    a.definite = true;
    // "والجمعة" spans "الجمعة"; "لليوم" keeps its whole clitic outside the span.
    if (full) a.clitic -= static_cast<std::uint32_t>(def.size());
  }

  // ---- pattern helpers ----

  // Optional part of day and day word before a date. Returns the next atom.
  std::size_t lead(std::size_t j, Mention& m, bool& dayword) const {
    dayword = false;
    std::size_t k = j;
    if (is(k, K_PART) && sp(k)) {
      m.part = e(k).part;
      ++k;
    }
    if (is(k, K_DAYWORD) && sp(k)) {
      dayword = true;
      ++k;
    }
    return k;
  }

  void begin(Mention& m, std::size_t j) const {
    m.tb = atoms[j].tb;
    m.vb = vb(j);
  }
  void end(Mention& m, std::size_t j) const {  // j = last atom included
    m.te = atoms[j].te;
    m.ve = ve(j);
  }
  void role(Mention& m, std::size_t j, const char* r) const {
    if (atoms[j].fact >= 0) m.roles.emplace_back(static_cast<std::size_t>(atoms[j].fact), r);
  }

  bool day_at(std::size_t k, int& day) const {
    if (is(k, K_DIGITS) && atoms[k].ndigits <= 2 && atoms[k].num >= 1 && atoms[k].num <= 31) {
      day = static_cast<int>(atoms[k].num);
      return true;
    }
    if (is(k, K_DAYORD) && atoms[k].dayord >= 1) {
      day = atoms[k].dayord;
      return true;
    }
    // A day written in words ("واحد وعشرين مايو"): a number fact of the numbers extractor.
    if (is(k, K_NUM) && !is(k, K_DIGITS | K_ORDNUM) && atoms[k].fact >= 0 && atoms[k].num >= 1 &&
        atoms[k].num <= 31 && std::floor(atoms[k].num) == atoms[k].num) {
      day = static_cast<int>(atoms[k].num);
      return true;
    }
    return false;
  }

  // A month name at k (with its alternates: "فبراير/شباط"). Sets p.m (and p.hijri).
  bool month_at(std::size_t k, Point& p, std::size_t& last, bool& weak) const {
    if (is(k, K_MONTH)) {
      p.m = e(k).month;
      p.hijri = false;
    } else if (is(k, K_HMONTH)) {
      p.m = e(k).hmonth;
      p.hijri = true;
    } else {
      return false;
    }
    weak = is(k, K_WEAK);
    last = k;
    while (adj(last) && is(last + 1, K_MONTH) && !p.hijri && e(last + 1).month == p.m &&
           (gap(last) & ~unsigned(G_SLASH | G_PAREN | G_DASH)) == 0) {
      ++last;
      weak = weak && is(last, K_WEAK);
    }
    // A closing parenthesis of "فبراير (شباط)" stays outside the span.
    return true;
  }

  // A year after atom `last` (", 2024", "من عام 2016", "1445هـ", "من العام الماضي").
  bool year_after(std::size_t last, Point& p, std::size_t& end, Mention& m) const {
    std::size_t k = last;
    if (!adj(k)) return false;
    const unsigned g0 = gap(k);
    if (g0 & ~unsigned(G_COMMA | G_DOT)) return false;
    std::size_t j = k + 1;
    bool yearword = false;
    if (is(j, K_YEAROF) && sp(j) &&
        (is(j + 1, K_YEARWORD) || is(j + 1, K_THIS) ||
         (is(j + 1, K_NUM) && !is(j + 1, K_DIGITS) && atoms[j + 1].num >= 1000)))
      ++j;
    if (is(j, K_THIS) && sp(j) && is(j + 1, K_YEARWORD)) {
      p.year_rel = true;
      p.y_off = 0;
      end = j + 1;
      if (sp(end) && is(end + 1, K_MOD) && e(end + 1).mod == kModCurrent) ++end;
      return true;
    }
    if (is(j, K_YEARWORD) && sp(j)) {
      if (is(j + 1, K_MOD)) {
        p.year_rel = true;
        p.y_off = e(j + 1).mod;
        end = j + 1;
        return true;
      }
      yearword = true;
      ++j;
    }
    if (is(j, K_NUM) && !is(j, K_DIGITS) && atoms[j].fact >= 0 && atoms[j].num >= 1000 && atoms[j].num <= 2999 &&
        std::floor(atoms[j].num) == atoms[j].num && !p.hijri) {
      // A year in words ("ألفين وثمانية عشر"): a number fact of the numbers extractor.
      p.y = static_cast<int>(atoms[j].num);
      role(m, j, "year");
      end = j;
      return true;
    }
    if (!is(j, K_DIGITS)) return false;
    const int nd = atoms[j].ndigits;
    const bool mark_h = adj(j) && is(j + 1, K_HMARK) && (gap(j) == 0);
    const bool mark_g = adj(j) && is(j + 1, K_GMARK) && (gap(j) == 0);
    if (!(nd == 4 || (yearword && nd >= 3 && nd <= 4) || ((mark_h || mark_g) && nd >= 3 && nd <= 4))) return false;
    p.y = static_cast<int>(atoms[j].num);
    if (p.y < 1) return false;
    role(m, j, "year");
    end = j;
    if (mark_h) {
      p.explicit_cal = true;
      if (!p.hijri && p.m) return false;  // a Gregorian month with a Hijri year: not ours
      p.hijri = true;
      end = j + 1;
    } else if (mark_g) {
      p.explicit_cal = true;
      end = j + 1;
      if (p.hijri) p.greg_year = true;
    } else if (p.hijri && p.y >= 1700) {
      p.greg_year = true;  // "رمضان 2024": the Ramadan of 2024
    }
    return true;
  }

  // [من|في] هذا الشهر / [من|في] الشهر المقبل: the month of a day ("20 من الشهر المقبل").
  bool relmonth_at(std::size_t k, int& off, std::size_t& last) const {
    std::size_t x = k;
    if ((is(x, K_YEAROF) || is(x, K_IN)) && sp(x)) ++x;
    if (is(x, K_THIS) && sp(x) && is(x + 1, K_UNIT) && e(x + 1).unit == int(Unit::month) &&
        e(x + 1).uform == kDefinite) {
      off = 0;
      last = x + 1;
      return true;
    }
    if (is(x, K_UNIT) && e(x).unit == int(Unit::month) && e(x).uform == kDefinite && sp(x) && is(x + 1, K_MOD)) {
      off = e(x + 1).mod;
      last = x + 1;
      return true;
    }
    return false;
  }

  // ---- patterns ----

  // DAY [من] MONTH [YEAR] / MONTH DAY [YEAR] / NUMERIC, after an optional weekday.
  bool explicit_date(std::size_t j, Mention& m, std::size_t& next) const {
    bool dayword;
    std::size_t k = lead(j, m, dayword);
    // "اليوم الخميس 7 فبراير", "اليوم 6 مايو": a relative day naming the date that follows.
    if (is(k, K_RELDAY) && adj(k) && (gap(k) & ~unsigned(G_COMMA)) == 0 &&
        (is(k + 1, K_WEEKDAY) || is(k + 1, K_DIGITS) || is(k + 1, K_DAYORD) || is(k + 1, K_NUMDATE))) {
      m.rel_prefix = true;
      m.offset = e(k).relday;
      ++k;
    }
    int wd = 0;
    if ((is(k, K_WEEKDAY) || (dayword && is(k, K_WEEKDAY_BARE))) && adj(k) &&
        (gap(k) & ~unsigned(G_COMMA | G_PAREN)) == 0) {
      wd = e(k).weekday;
      ++k;
      if (is(k, K_DAYWORD) && sp(k)) ++k;
    }
    m.p.weekday = wd;
    if (is(k, K_NUMDATE)) {
      m.kind = MKind::date;
      m.p.y = atoms[k].y;
      m.p.m = atoms[k].m;
      m.p.d = atoms[k].d;
      std::size_t last = k;
      if (adj(k) && gap(k) == 0 && is(k + 1, K_GMARK)) ++last;
      else if (adj(k) && gap(k) == 0 && is(k + 1, K_HMARK)) {
        m.p.hijri = true;
        m.p.explicit_cal = true;
        ++last;
      }
      begin(m, j);
      end(m, last);
      next = last + 1;
      return true;
    }
    int day = 0;
    const bool ord = is(k, K_DAYORD) && !is(k, K_DIGITS);
    if (day_at(k, day)) {
      std::size_t k2 = k;
      // "من 4 إلى 22 يناير", "19-20 نوفمبر", "بين 4 و 22 هذا الشهر": days of one month.
      auto month_follows = [&](std::size_t x) {
        int off;
        std::size_t l;
        return is(x, K_MONTH) || is(x, K_HMONTH) ||
               (is(x, K_YEAROF) && (is(x + 1, K_MONTH) || is(x + 1, K_HMONTH))) || relmonth_at(x, off, l);
      };
      int day2 = 0;
      bool range = false;
      if (adj(k2)) {
        if (gap(k2) == G_DASH && !ord && is(k2 + 1, K_DIGITS) && day_at(k2 + 1, day2) && adj(k2 + 1) &&
            month_follows(k2 + 2)) {
          range = true;
          k2 += 1;
        } else if (is(k2 + 1, K_RTO) && sp(k2) && sp(k2 + 1) && day_at(k2 + 2, day2) && adj(k2 + 2) &&
                   month_follows(k2 + 3)) {
          range = true;
          k2 += 2;
        } else if (clitic_is_conj(k2 + 1) && sp(k2) && day_at(k2 + 1, day2) && adj(k2 + 1) &&
                   month_follows(k2 + 2)) {
          range = true;  // "الخامس عشر والتاسع عشر من نوفمبر"
          k2 += 1;
        }
      }
      if (range && day2 <= day) range = false, k2 = k;
      std::size_t km = k2;
      if (!adj(km)) return false;
      const unsigned g1 = gap(km);
      std::size_t mk = km + 1;
      if (is(mk, K_YEAROF) && sp(mk) && (g1 == 0) && (is(mk + 1, K_MONTH) || is(mk + 1, K_HMONTH))) ++mk;
      else if (ord && !(is(mk, K_MONTH) || is(mk, K_HMONTH) || is(mk, K_YEAROF) || is(mk, K_IN))) return false;
      else if (g1 & ~unsigned(G_DASH | G_SLASH | G_DOT)) return false;
      Point p;
      p.weekday = wd;
      std::size_t last;
      bool weak;
      if (month_at(mk, p, last, weak)) {
        if (ord && mk == km + 1 && is(mk, K_WEAK)) return false;
        p.d = day;
        if (!is(k, K_DAYORD)) role(m, k, "day");
        std::size_t yend;
        if (year_after(last, p, yend, m)) last = yend;
        if (range) {
          role(m, k2, "day");
          m.kind = MKind::range;
          m.range_grain = Unit::day;
          m.q = p;
          m.q.d = day2;
          m.p = p;
          m.p.weekday = wd;
        } else {
          m.kind = MKind::date;
          m.p = p;
        }
        begin(m, j);
        end(m, last);
        next = last + 1;
        return true;
      }
      // "20 من الشهر المقبل", "31 من هذا الشهر", "من 4 إلى 22 هذا الشهر".
      int off;
      if (relmonth_at(km + 1, off, last) && (g1 & ~unsigned(G_DASH)) == 0) {
        if (!is(k, K_DAYORD)) role(m, k, "day");
        m.p.d = day;
        m.p.month_rel = true;
        m.p.m_off = off;
        if (range) {
          role(m, k2, "day");
          m.kind = MKind::range;
          m.range_grain = Unit::day;
          m.q = m.p;
          m.q.d = day2;
        } else {
          m.kind = MKind::relmonthday;
        }
        begin(m, j);
        end(m, last);
        next = last + 1;
        return true;
      }
      return false;
    }
    // MONTH DAY [, YEAR]: "يناير 1", "مايو الحادي عشر", "سبتمبر 10, 1901".
    Point p;
    p.weekday = wd;
    std::size_t last;
    bool weak;
    if (!month_at(k, p, last, weak) || !adj(last)) return false;
    const unsigned g1 = gap(last);
    if (g1 & ~unsigned(G_DASH | G_COMMA)) return false;
    if (!day_at(last + 1, day)) return false;
    const std::size_t dk = last + 1;
    Point p2 = p;
    p2.d = day;
    std::size_t yend;
    const bool year = year_after(dk, p2, yend, m);
    if (!year) {
      // Without a year only a day at the end of a clause ("سأعود في يناير 1").
      if (is(dk, K_DIGITS) && gap_after(dk) == 0) return false;
      if (weak) return false;
    }
    if (!is(dk, K_DAYORD)) role(m, dk, "day");
    m.kind = MKind::date;
    m.p = p2;
    begin(m, j);
    end(m, year ? yend : dk);
    next = (year ? yend : dk) + 1;
    return true;
  }

  // A weekday (or several joined by "و"), with modifiers, weeks and days of the month.
  bool weekday_parse(std::size_t j, std::vector<Mention>& outm, std::size_t& next) const {
    Mention m;
    bool dayword;
    std::size_t k = lead(j, m, dayword);
    if (!(is(k, K_WEEKDAY) || (dayword && is(k, K_WEEKDAY_BARE)))) return false;
    std::vector<std::size_t> days{k};
    std::size_t last = k;
    // "الخميس والجمعة الماضيين", "السبت و الأحد".
    while (adj(last) && gap(last) == 0) {
      if (is(last + 1, K_WEEKDAY) && clitic_is_conj(last + 1)) {
        days.push_back(++last);
      } else if (is(last + 1, K_RTO) && sp(last + 1) && is(last + 2, K_WEEKDAY) &&
                 atoms[last + 1].te - atoms[last + 1].tb == 1 && ve(last + 1) - vb(last + 1) == 2) {
        last += 2;
        days.push_back(last);
      } else {
        break;
      }
    }
    int mod = kModNone;
    bool has_week = false;
    int week = 0;
    int dom = 0, nth = 0;
    if (sp(last) && is(last + 1, K_MOD) && e(last + 1).mod != kModAfterNext) {
      mod = e(last + 1).mod;
      ++last;
    }
    if (mod == kModNone) {
      // "الجمعة من الأسبوع المقبل", "الجمعة هذا الأسبوع", "الجمعة الأسبوع المقبل".
      std::size_t w = last;
      if (sp(w) && is(w + 1, K_YEAROF)) ++w;
      bool this_ = false;
      if (sp(w) && is(w + 1, K_THIS)) {
        ++w;
        this_ = true;
      }
      if (sp(w) && is(w + 1, K_UNIT) && e(w + 1).unit == int(Unit::week) && e(w + 1).uform == kDefinite) {
        ++w;
        if (sp(w) && is(w + 1, K_MOD)) {
          week = e(w + 1).mod;
          has_week = true;
          last = w + 1;
        } else if (this_) {
          week = 0;
          has_week = true;
          last = w;
        }
      }
    }
    if (mod == kModNone && !has_week && days.size() == 1) {
      // "الأحد الثاني": the second Sunday of the month.
      if (sp(last) && is(last + 1, K_DAYORD) && atoms[last + 1].dayord >= 1 && atoms[last + 1].dayord <= 5 &&
          !is(last + 1, K_NUM)) {
        nth = atoms[last + 1].dayord;
        ++last;
      } else {
        // "الخميس 21", "الخميس في الحادي والعشرين": a day of a nearby month, if the weekday fits.
        std::size_t d = last;
        if (sp(d) && is(d + 1, K_IN) && (is(d + 2, K_DAYORD) || is(d + 2, K_NUM))) ++d;
        int day = 0;
        if (sp(d) && day_at(d + 1, day)) {
          const bool end_clause = gap_after(d + 1) != 0 || atoms[d + 1].te >= toks.size() ||
                                  (adj(d + 1) && is(d + 2, K_RTO));
          if (!is(d + 1, K_DIGITS) || end_clause) {
            dom = day;
            if (!is(d + 1, K_DAYORD)) role(m, d + 1, "day");
            last = d + 1;
          }
        }
      }
    }
    for (std::size_t i = 0; i < days.size(); ++i) {
      Mention x = (i == 0) ? m : Mention{};
      x.kind = MKind::weekday;
      x.p.weekday = e(days[i]).weekday;
      x.mod = mod;
      x.has_week = has_week;
      x.offset = week;
      x.nth = nth;
      if (dom) x.p.d = dom;
      begin(x, i == 0 ? j : days[i]);
      end(x, i + 1 == days.size() ? last : days[i]);
      outm.push_back(std::move(x));
    }
    next = last + 1;
    return true;
  }

  bool weekday(std::size_t j, std::size_t& next) {
    std::vector<Mention> ms;
    if (!weekday_parse(j, ms, next)) return false;
    for (std::size_t i = 0; i < ms.size(); ++i) {
      const std::size_t first = i == 0 ? j : static_cast<std::size_t>(
          std::lower_bound(atoms.begin(), atoms.end(), ms[i].tb,
                           [](const Atom& a, std::size_t x) { return a.tb < x; }) - atoms.begin());
      push(std::move(ms[i]), first);
    }
    return true;
  }

  // اليوم / أمس / أمس الأول / غداً (+ weekday).
  bool relday(std::size_t j, Mention& m, std::size_t& next) const {
    bool dayword;
    std::size_t k = lead(j, m, dayword);
    if (!is(k, K_RELDAY)) return false;
    const int off = e(k).relday;
    if (off == 0 && adj(k) && gap(k) == 0 &&
        (is(k + 1, K_NOT_TODAY) || is(k + 1, K_ORDNUM) || is(k + 1, K_DAYORD) || is(k + 1, K_MOD)))
      return false;
    m.kind = MKind::relday;
    m.offset = off;
    std::size_t last = k;
    if (adj(k) && (gap(k) & ~unsigned(G_COMMA | G_PAREN)) == 0 && is(k + 1, K_WEEKDAY)) {
      m.p.weekday = e(k + 1).weekday;
      last = k + 1;
    }
    begin(m, j);
    end(m, last);
    next = last + 1;
    return true;
  }

  // [هذا] الأسبوع/الشهر/العام [الماضي|المقبل|الجاري] (+ يوم الجمعة).
  bool relperiod(std::size_t j, std::size_t& next) {
    std::size_t k = j;
    bool this_ = false;
    if (is(k, K_THIS) && sp(k)) {
      this_ = true;
      ++k;
    }
    if (!is(k, K_UNIT) || e(k).uform != kDefinite) return false;
    const int u = e(k).unit;
    if (u != int(Unit::week) && u != int(Unit::month) && u != int(Unit::year) && u != int(Unit::decade)) return false;
    int mod = kModNone;
    std::size_t last = k;
    if (sp(k) && is(k + 1, K_MOD)) {
      mod = e(k + 1).mod;
      last = k + 1;
    }
    if (!this_ && mod == kModNone) return false;
    if (this_ && mod != kModNone && mod != kModCurrent) return false;
    const int off = this_ ? 0 : mod;
    // "الأسبوع المقبل بين الأربعاء والجمعة", "هذا الأسبوع من الثلاثاء إلى الخميس".
    if (u == int(Unit::week) && sp(last) && is(last + 1, K_RFROM) && sp(last + 1) && is(last + 2, K_WEEKDAY)) {
      std::size_t w2 = SIZE_MAX;
      if (clitic_is_conj(last + 3) && is(last + 3, K_WEEKDAY) && sp(last + 2)) w2 = last + 3;
      else if (is(last + 3, K_RTO) && sp(last + 2) && sp(last + 3) && is(last + 4, K_WEEKDAY)) w2 = last + 4;
      if (w2 != SIZE_MAX) {
        Mention r;
        r.kind = MKind::range;
        r.range_grain = Unit::day;
        for (std::size_t d : {last + 2, w2}) {
          Mention x;
          x.kind = MKind::weekday;
          x.p.weekday = e(d).weekday;
          x.has_week = true;
          x.offset = off;
          begin(x, d);
          end(x, d);
          r.sub.push_back(std::move(x));
        }
        begin(r, j);
        end(r, w2);
        push(std::move(r), j);
        next = w2 + 1;
        return true;
      }
    }
    // "الأسبوع المقبل يوم الجمعة", "هذا الأسبوع الجمعة".
    if (u == int(Unit::week)) {
      std::size_t w = last;
      bool dayword = false;
      if (sp(w) && is(w + 1, K_DAYWORD)) {
        ++w;
        dayword = true;
      }
      if (sp(w) && (is(w + 1, K_WEEKDAY) || (dayword && is(w + 1, K_WEEKDAY_BARE)))) {
        Mention m;
        m.kind = MKind::weekday;
        m.p.weekday = e(w + 1).weekday;
        m.has_week = true;
        m.offset = off;
        begin(m, j);
        end(m, w + 1);
        push(std::move(m), j);
        next = w + 2;
        return true;
      }
    }
    Mention m;
    m.kind = MKind::relperiod;
    m.unit = static_cast<Unit>(u);
    m.offset = off;
    begin(m, j);
    end(m, last);
    push(std::move(m), j);
    next = last + 1;
    return true;
  }

  // [شهر] MONTH [YEAR] [MOD], with a cue for a bare month.
  bool month(std::size_t j, Mention& m, std::size_t& next) const {
    std::size_t k = j;
    bool this_ = false, word = false;
    if (is(k, K_THIS) && sp(k)) {
      this_ = true;
      ++k;
    }
    if (is(k, K_MONTHWORD) && sp(k) && (is(k + 1, K_MONTH) || is(k + 1, K_HMONTH))) {
      word = true;
      ++k;
    }
    std::size_t last;
    bool weak;
    Point p;
    if (!month_at(k, p, last, weak)) return false;
    // "نوفمبر بين 15 و 19": days of the month after it.
    {
      int d1 = 0, d2 = 0;
      std::size_t x = last;
      if (sp(x) && is(x + 1, K_RFROM) && sp(x + 1) && day_at(x + 2, d1) && adj(x + 2)) {
        std::size_t y2 = x + 3;
        if (is(y2, K_RTO) && sp(y2) && ve(y2) - vb(y2) >= 2) ++y2;
        else if (!clitic_is_conj(y2)) y2 = SIZE_MAX;
        if (y2 != SIZE_MAX && day_at(y2, d2) && d2 > d1) {
          m.kind = MKind::range;
          m.range_grain = Unit::day;
          m.p = p;
          m.p.d = d1;
          m.q = p;
          m.q.d = d2;
          role(m, x + 2, "day");
          role(m, y2, "day");
          begin(m, j);
          end(m, y2);
          next = y2 + 1;
          return true;
        }
      }
    }
    std::size_t yend;
    const bool year = year_after(last, p, yend, m);
    if (year) last = yend;
    int mod = kModNone;
    if (!year && sp(last) && is(last + 1, K_MOD)) {
      mod = e(last + 1).mod;
      ++last;
    }
    const bool cue = j > 0 && atoms[j - 1].te == atoms[j].tb && is(j - 1, K_MCUE) &&
                     gap(j - 1) == 0;
    if (!(year || mod != kModNone || word || this_ || (cue && !weak))) return false;
    m.kind = MKind::month;
    m.p = p;
    m.mod = this_ ? kModCurrent : mod;
    begin(m, j);
    end(m, last);
    next = last + 1;
    return true;
  }

  // عام 2023 / سنة 1445هـ / في 2023. / 2014-2018.
  bool year(std::size_t j, Mention& m, std::size_t& next) const {
    std::size_t k = j;
    // A year in words: "عام مائتين وسبعة وستين", "في ألف وسبعمائة وتسعة وثمانين".
    if (is(k, K_YEARWORD) && sp(k) && is(k + 1, K_NUM) && !is(k + 1, K_DIGITS) && atoms[k + 1].fact >= 0 &&
        atoms[k + 1].num >= 100 && atoms[k + 1].num <= 2999 && std::floor(atoms[k + 1].num) == atoms[k + 1].num) {
      m.kind = MKind::year;
      m.p.y = static_cast<int>(atoms[k + 1].num);
      role(m, k + 1, "year");
      begin(m, j);
      end(m, k + 1);
      next = k + 2;
      return true;
    }
    if (is(k, K_NUM) && !is(k, K_DIGITS) && atoms[k].fact >= 0 && atoms[k].num >= 1000 && atoms[k].num <= 2999 &&
        std::floor(atoms[k].num) == atoms[k].num && k > 0 && atoms[k - 1].te == atoms[k].tb && is(k - 1, K_IN) &&
        gap(k - 1) == 0 && (gap_after(k) != 0 || atoms[k].te >= toks.size())) {
      m.kind = MKind::year;
      m.p.y = static_cast<int>(atoms[k].num);
      role(m, k, "year");
      begin(m, j);
      end(m, k);
      next = k + 1;
      return true;
    }
    if (is(k, K_YEARWORD) && sp(k) && is(k + 1, K_DIGITS) && atoms[k + 1].ndigits >= 3 && atoms[k + 1].ndigits <= 4) {
      Point p;
      p.y = static_cast<int>(atoms[k + 1].num);
      std::size_t last = k + 1;
      role(m, k + 1, "year");
      if (adj(last) && gap(last) == 0 && is(last + 1, K_HMARK)) {
        p.hijri = true;
        p.explicit_cal = true;
        ++last;
      } else if (adj(last) && gap(last) == 0 && is(last + 1, K_GMARK)) {
        p.explicit_cal = true;
        ++last;
      }
      if (p.y < 1) return false;
      m.kind = MKind::year;
      m.p = p;
      begin(m, j);
      end(m, last);
      next = last + 1;
      return true;
    }
    if (is(k, K_DIGITS) && atoms[k].ndigits == 4 && atoms[k].num >= 1900 && atoms[k].num <= 2100) {
      // 2014-2018
      if (adj(k) && gap(k) == G_DASH && is(k + 1, K_DIGITS) && atoms[k + 1].ndigits == 4 &&
          atoms[k + 1].num > atoms[k].num && atoms[k + 1].num <= 2100) {
        m.kind = MKind::range;
        m.range_grain = Unit::year;
        m.p.y = static_cast<int>(atoms[k].num);
        m.q.y = static_cast<int>(atoms[k + 1].num);
        role(m, k, "year");
        role(m, k + 1, "year");
        begin(m, j);
        end(m, k + 1);
        next = k + 2;
        return true;
      }
      const bool cue = k > 0 && atoms[k - 1].te == atoms[k].tb && (is(k - 1, K_MCUE) || is(k - 1, K_REL)) &&
                       gap(k - 1) == 0;
      const bool end_clause = gap_after(k) != 0 || atoms[k].te >= toks.size();
      if (cue && end_clause) {
        m.kind = MKind::year;
        m.p.y = static_cast<int>(atoms[k].num);
        role(m, k, "year");
        begin(m, j);
        end(m, k);
        next = k + 1;
        return true;
      }
    }
    return false;
  }

  // A month (with its year) or a relative month at k, as the container of a day or week:
  // "من يوليو", "من رمضان", "من هذا الشهر", "من الشهر المقبل".
  bool container_month(std::size_t k, Point& q, std::size_t& last, Mention& m) const {
    std::size_t x = k;
    if ((is(x, K_YEAROF) || is(x, K_IN)) && sp(x)) ++x;
    if (is(x, K_MONTHWORD) && sp(x)) ++x;
    bool weak;
    if (month_at(x, q, last, weak)) {
      std::size_t yend;
      if (year_after(last, q, yend, m)) last = yend;
      return true;
    }
    int off;
    if (relmonth_at(k, off, last)) {
      q.month_rel = true;
      q.m_off = off;
      return true;
    }
    return false;
  }

  // "أول جمعة من رمضان", "أول يوم جمعة من يوليو", "آخر خميس من الشهر".
  bool nth_weekday_of(std::size_t j, Mention& m, std::size_t& next) const {
    int nth = 0;
    if (is(j, K_DAYORD) && atoms[j].dayord >= 1 && atoms[j].dayord <= 5) nth = atoms[j].dayord;
    else if (is(j, K_WLAST)) nth = -1;
    else return false;
    if (!sp(j)) return false;
    std::size_t k = j + 1;
    bool dayword = false;
    if (is(k, K_DAYWORD) && sp(k)) {
      dayword = true;
      ++k;
    }
    if (!(is(k, K_WEEKDAY) || is(k, K_WEEKDAY_BARE)) || !sp(k)) return false;
    (void)dayword;
    Point q;
    std::size_t last;
    if (!container_month(k + 1, q, last, m)) return false;
    m.kind = MKind::weekday;
    m.p.weekday = e(k).weekday;
    m.nth = nth;
    m.in_month = true;
    m.q = q;
    begin(m, j);
    end(m, last);
    next = last + 1;
    return true;
  }

  // "الأسبوع الثالث من عام 2027", "الأسبوع الأول من أكتوبر", "الأسبوع الأخير من يوليو".
  bool weekof(std::size_t j, Mention& m, std::size_t& next) const {
    if (is(j, K_UNIT) && e(j).unit == int(Unit::week) && (e(j).uform == kSingular || e(j).uform == kDefinite) &&
        sp(j)) {
      // "أسبوع 16 سبتمبر", "الأسبوع في 15 سبتمبر": the week holding a date.
      std::size_t k = j + 1;
      if (is(k, K_IN) && sp(k)) ++k;
      Mention d;
      std::size_t n2;
      if (is(k, K_DIGITS) && explicit_date(k, d, n2) && d.kind == MKind::date && d.p.d) {
        m.kind = MKind::weekof;
        m.container = Unit::day;
        m.q = d.p;
        m.roles = d.roles;
        begin(m, j);
        m.te = d.te;
        m.ve = d.ve;
        next = n2;
        return true;
      }
    }
    if (!is(j, K_UNIT) || e(j).unit != int(Unit::week) || e(j).uform != kDefinite || !sp(j)) return false;
    int nth = 0;
    if (is(j + 1, K_DAYORD) && atoms[j + 1].dayord >= 1 && atoms[j + 1].dayord <= 53) nth = atoms[j + 1].dayord;
    else if (is(j + 1, K_WPAST)) nth = -1;
    else return false;
    std::size_t last;
    Point q;
    if (container_month(j + 2, q, last, m) && sp(j + 1)) {
      m.container = Unit::month;
    } else {
      std::size_t yend;
      if (!year_after(j + 1, q, yend, m)) return false;
      last = yend;
      m.container = Unit::year;
    }
    m.kind = MKind::weekof;
    m.nth = nth;
    m.q = q;
    begin(m, j);
    end(m, last);
    next = last + 1;
    return true;
  }

  // "عطلة نهاية الأسبوع المقبل", "نهاية الأسبوع الماضي".
  bool weekend(std::size_t j, Mention& m, std::size_t& next) const {
    std::size_t k = j;
    bool this_ = false;
    if (is(k, K_THIS) && sp(k)) {
      this_ = true;
      ++k;
    }
    if (!is(k, K_WEEKEND)) return false;
    int off = 0;
    std::size_t last = k;
    if (sp(k) && is(k + 1, K_MOD)) {
      off = e(k + 1).mod == kModCurrent ? 0 : e(k + 1).mod;
      last = k + 1;
    }
    (void)this_;
    m.kind = MKind::weekend;
    m.offset = off;
    begin(m, j);
    end(m, last);
    next = last + 1;
    return true;
  }

  // "بقية العام", "ما تبقى من الشهر الجاري".
  bool rest(std::size_t j, Mention& m, std::size_t& next) const {
    if (!is(j, K_REST) || !sp(j)) return false;
    std::size_t k = j + 1;
    if (is(k, K_YEAROF) && sp(k)) ++k;
    if (is(k, K_THIS) && sp(k)) ++k;
    if (!is(k, K_UNIT) || e(k).uform != kDefinite) return false;
    const int u = e(k).unit;
    if (u != int(Unit::week) && u != int(Unit::month) && u != int(Unit::year)) return false;
    std::size_t last = k;
    if (sp(k) && is(k + 1, K_MOD) && e(k + 1).mod == kModCurrent) ++last;
    m.kind = MKind::rest;
    m.unit = static_cast<Unit>(u);
    begin(m, j);
    end(m, last);
    next = last + 1;
    return true;
  }

  // "الصيف الماضي", "هذا الصيف", "فصل الشتاء", "صيف 2016".
  bool season(std::size_t j, Mention& m, std::size_t& next) const {
    std::size_t k = j;
    bool cue = false;
    if ((is(k, K_THIS) || is(k, K_SEASONWORD)) && sp(k)) {
      cue = true;
      m.mod = is(k, K_THIS) ? kModCurrent : kModNone;
      ++k;
    }
    if (!is(k, K_SEASON)) return false;
    if (!cue && j > 0 && atoms[j - 1].te == atoms[j].tb && is(j - 1, K_MCUE) && gap(j - 1) == 0 &&
        !(adj(k) && gap(k) == 0 && is(k + 1, K_NOTSEASON)))
      cue = true;  // "في الخريف", but not "في الربيع العربي"
    m.offset = e(k).season;
    std::size_t last = k;
    Point p;
    std::size_t yend;
    if (year_after(last, p, yend, m) && !p.year_rel && !p.hijri) {
      m.p.y = p.y;
      last = yend;
      cue = true;
    } else if (sp(last) && is(last + 1, K_MOD)) {
      m.mod = e(last + 1).mod;
      ++last;
      cue = true;
    }
    if (!cue) return false;
    m.kind = MKind::season;
    begin(m, j);
    end(m, last);
    next = last + 1;
    return true;
  }

  // "السبعينيات"
  bool decade(std::size_t j, Mention& m, std::size_t& next) const {
    if (!is(j, K_DECADE)) return false;
    m.kind = MKind::decade;
    m.p.y = e(j).decade;
    begin(m, j);
    end(m, j);
    next = j + 1;
    return true;
  }

  // "الربع الثالث من عام 2016", "النصف الأول من العام".
  bool quarter(std::size_t j, Mention& m, std::size_t& next) const {
    const bool q = is(j, K_QUARTER), h = is(j, K_HALFYEAR);
    if (!(q || h) || !sp(j) || !is(j + 1, K_DAYORD)) return false;
    const int nth = atoms[j + 1].dayord;
    if (nth < 1 || nth > (q ? 4 : 2)) return false;
    m.kind = MKind::quarter;
    m.offset = nth;
    m.span_months = q ? 3 : 6;
    std::size_t last = j + 1;
    Point p;
    std::size_t yend;
    if (year_after(last, p, yend, m)) {
      last = yend;
      m.p = p;
    } else {
      m.p.year_rel = true;
      m.p.y_off = 0;
      if (sp(last) && is(last + 1, K_YEAROF) && sp(last + 1) && is(last + 2, K_YEARWORD)) last += 2;
    }
    begin(m, j);
    end(m, last);
    next = last + 1;
    return true;
  }

  bool holiday(std::size_t j, Mention& m, std::size_t& next) const {
    std::size_t k = j;
    if (is(k, K_DAYWORD) && sp(k) && is(k + 1, K_HOLIDAY)) ++k;
    if (!is(k, K_HOLIDAY)) return false;
    m.kind = MKind::holiday;
    m.holiday = e(k).holiday;
    std::size_t last = k;
    std::size_t yend;
    Point p;
    bool stated = false;  // a year or a modifier goes with it
    if (year_after(last, p, yend, m)) {
      last = yend;
      m.p = p;
      stated = true;
    } else if (sp(last) && is(last + 1, K_MOD)) {
      m.mod = e(last + 1).mod;
      ++last;
      stated = true;
    }
    // A name that is also a common noun ("الحج": the pilgrimage, "وزارة الحج") is a date only
    // with a year or a modifier, or right after a cue word ("في الحج", "إلى الحج", "بعد الحج").
    if (is(k, K_HCUED) && k == j && !stated &&
        !(j > 0 && atoms[j - 1].te == atoms[j].tb && gap(j - 1) == 0 &&
          (is(j - 1, K_MCUE) || is(j - 1, K_RTO) || is(j - 1, K_REL))))
      return false;
    begin(m, j);
    end(m, last);
    next = last + 1;
    return true;
  }

  // A unit at k with its amount form; returns false when k is not a unit.
  bool unit_at(std::size_t k, Unit& u, int& form) const {
    if (!is(k, K_UNIT)) return false;
    u = static_cast<Unit>(e(k).unit);
    form = e(k).uform;
    return true;
  }

  // The atom's word (after its clitic) starts with the definite article.
  bool definite_word(std::size_t k) const {
    const std::size_t b = vb(k);
    return atoms[k].definite || std::string_view(v).substr(b, g.definite_.size()) == g.definite_;
  }

  // A duration continues: "و21 يوماً", "و شهر", ", 21 أيام", "ثلاثة أيام" after "أسبوع واحد".
  bool continues(std::size_t last) const {
    if (!adj(last) || (gap(last) & ~unsigned(G_COMMA))) return false;
    std::size_t d = last + 1;
    Unit u;
    int f;
    if (is(d, K_RTO) && ve(d) - vb(d) == 2 && sp(d)) ++d;
    else if (!clitic_is_conj(d)) return is(d, K_NUM) && sp(d) && unit_at(d + 1, u, f) && f != kDefinite;
    return (is(d, K_NUM) && sp(d) && unit_at(d + 1, u, f) && f != kDefinite) ||
           (unit_at(d, u, f) && (f == kSingular || f == kDual));
  }

  // "3 أيام", "يومين", "نصف ساعة", "بضعة أيام", "لمدة شهر", "قرابة العام" (+ "ونصف", "و21 يوماً"),
  // and windows back or forward from the reference date: "الأيام الثلاثة الماضية",
  // "آخر 3 سنوات", "خلال 24 ساعة الماضية", "اليومين المقبلين".
  bool duration(std::size_t j, Mention& m, std::size_t& next) const {
    // Each way has a unit at k or k + 1, k being at most three cues, "آخر" and "بضعة" on.
    if (!any_within(j, 6, K_UNIT)) return false;
    std::size_t k = j;
    bool cue = false, through = false;
    int bound = 0;
    Relation rel = Relation::none;
    std::size_t span_from = SIZE_MAX;
    for (int step = 0; step < 3 && k < n(); ++step) {
      bool any = false;
      if (is(k, K_REL) && !is(k, K_BOUND)) {
        rel = static_cast<Relation>(e(k).relation);
        cue = any = true;
      }
      if (is(k, K_BOUND)) {
        bound = e(k).bound;
        cue = any = true;
        if (span_from == SIZE_MAX) span_from = k;
      }
      if (is(k, K_DCUE)) cue = any = true;
      if (is(k, K_THROUGH)) through = cue = any = true;
      if (!any || !sp(k)) break;
      ++k;
    }
    if (k >= n()) return false;
    bool last_n = false;
    if (is(k, K_WLAST) && sp(k) && is(k + 1, K_NUM)) {
      last_n = true;
      if (span_from == SIZE_MAX) span_from = k;
      ++k;
    }
    bool few = false;
    if (is(k, K_FEW) && sp(k) && is(k + 1, K_UNIT)) {
      few = true;
      if (span_from == SIZE_MAX) span_from = k;
      ++k;
    }
    Unit u;
    int form;
    DurationPart first;
    std::size_t last;
    int window = kModNone;
    // A window led by its unit: "الأيام الثلاثة الماضية", "الأشهر 3 القادمة", "اليومين المقبلين",
    // "الأسابيع القليلة الماضية".
    if (!few && !last_n && unit_at(k, u, form) && (form == kPlural || form == kDual) && definite_word(k) && sp(k)) {
      std::size_t w = k + 1;
      double amount = form == kDual ? 2 : 0;
      bool vague = false;
      if (form == kPlural && is(w, K_NUM) && sp(w)) {
        amount = atoms[w].num;
        role(m, w, "measure");
        ++w;
      } else if (form == kPlural && is(w, K_WFEW) && sp(w)) {
        vague = true;
        ++w;
      } else if (form == kPlural) {
        vague = true;
      }
      if (is(w, K_MOD) && (e(w).mod == kModPast || e(w).mod == kModNext)) window = e(w).mod;
      else if (is(w, K_WPAST)) window = kModPast;
      if (window != kModNone && amount >= 0) {
        m.parts.push_back({amount, u});
        m.vague = vague;
        m.window = window;
        m.kind = MKind::window;
        begin(m, k);
        end(m, w);
        next = w + 1;
        return true;
      }
      return false;
    }
    if (!few && is(k, K_NUM) && sp(k) && unit_at(k + 1, u, form) && form != kDefinite &&
        !(is(k, K_DIGITS) && atoms[k].ndigits == 4 && form == kSingular && u == Unit::year)) {
      first = {atoms[k].num, u};
      if (span_from == SIZE_MAX) span_from = k;
      role(m, k, "measure");
      if (atoms[k].fact >= 0) {
        // A bound the numbers extractor already read ("أكثر من 100 يوم").
        const std::string b = facts[atoms[k].fact].attributes.value("bound", "exact");
        for (std::size_t x = 1; x < g.bound_names_.size(); ++x)
          if (g.bound_names_[x] == b) bound = static_cast<int>(x);
      }
      last = k + 1;
      if (atoms[k].num <= 0) return false;
    } else if (last_n) {
      return false;
    } else if (few && unit_at(k, u, form) && (form == kPlural || form == kSingular)) {
      first = {0, u};
      last = k;
    } else if (unit_at(k, u, form) && form == kDual) {
      first = {2, u};
      last = k;
    } else if (is(k, K_HALF) && atoms[k].clitic == 0 && sp(k) && unit_at(k + 1, u, form) &&
               (form == kSingular || form == kDefinite)) {
      first = {0.5, u};
      if (span_from == SIZE_MAX) span_from = k;
      last = k + 1;
    } else if (unit_at(k, u, form) && form == kSingular &&
               (cue || (sp(k) && is(k + 1, K_WHOLE)) || continues(k)) && !(adj(k) && is(k + 1, K_DIGITS)) &&
               !(adj(k) && is(k + 1, K_MOD))) {
      first = {1, u};
      last = k;
    } else if (unit_at(k, u, form) && form == kDefinite && (bound || through) && u != Unit::hour &&
               !(adj(k) && (is(k + 1, K_DIGITS) || is(k + 1, K_MOD) || is(k + 1, K_WEEKDAY) ||
                            is(k + 1, K_ORDNUM) || is(k + 1, K_DAYORD)))) {
      first = {1, u};
      last = k;
    } else {
      return false;
    }
    if (span_from == SIZE_MAX) span_from = k;
    m.parts.push_back(first);
    m.vague = few;
    // Continuations.
    for (int step = 0; step < 4; ++step) {
      if (sp(last) && is(last + 1, K_WHOLE)) ++last;  // "عام واحد", "يوم كامل"
      if (!adj(last) || (gap(last) & ~unsigned(G_COMMA))) break;
      const std::size_t c = last + 1;
      if (is(c, K_HALF) && (atoms[c].clitic > 0 || ve(c) - vb(c) > 6) && !m.parts.empty()) {
        m.parts.back().amount += 0.5;
        last = c;
        Unit u2;
        int f2;
        if (sp(c) && unit_at(c + 1, u2, f2) && u2 == m.parts.back().unit) last = c + 1;
        continue;
      }
      if (!continues(last)) break;
      std::size_t d = c;
      if (is(d, K_RTO) && ve(d) - vb(d) == 2 && sp(d)) ++d;  // a standalone "و"
      Unit u2;
      int f2;
      if (is(d, K_NUM) && sp(d) && unit_at(d + 1, u2, f2) && f2 != kDefinite) {
        role(m, d, "measure");
        m.parts.push_back({atoms[d].num, u2});
        last = d + 1;
      } else if (unit_at(d, u2, f2) && (f2 == kSingular || f2 == kDual)) {
        m.parts.push_back({f2 == kDual ? 2.0 : 1.0, u2});
        last = d;
      } else {
        break;
      }
    }
    if (sp(last) && is(last + 1, K_WHOLE)) ++last;
    if (sp(last) && is(last + 1, K_MOD) && (e(last + 1).mod == kModPast || e(last + 1).mod == kModNext)) {
      window = e(last + 1).mod;
      ++last;
    } else if (sp(last) && is(last + 1, K_WPAST)) {
      window = kModPast;
      ++last;
    } else if (last_n) {
      window = kModPast;
    }
    // "… من الآن", or "بعد خمسة أشهر من الحرب" (after an event, not after today).
    if (adj(last) && gap(last) == 0 && is(last + 1, K_YEAROF)) {
      if (sp(last + 1) && is(last + 2, K_NOW)) {
        m.from_now = true;
        last += 2;
      } else {
        m.event_after = true;
      }
    } else if (adj(last) && gap(last) == 0 && is(last + 1, K_WARLINK) && sp(last + 1) &&
               is(last + 2, K_WARNOUN | K_EVENTNAME)) {
      // "100 يوم على الحرب"; but "ثلاثة أسابيع في القاهرة" is no event.
      m.event_after = true;
    }
    m.bound = bound;
    m.dur_relation = rel;
    if (window != kModNone && !m.from_now && !m.vague) {
      m.kind = MKind::window;
      m.window = window;
    } else if (m.from_now || ((rel == Relation::before || rel == Relation::after) && !m.event_after)) {
      m.kind = MKind::ago;
      // "قبل يومين", "بعد أسبوعين": the relation word is part of the date.
      if (rel == Relation::before || rel == Relation::after) {
        std::size_t r = span_from;
        while (r > j && !(is(r - 1, K_REL) && e(r - 1).relation == int(rel))) --r;
        if (r > j || (is(j, K_REL) && e(j).relation == int(rel))) span_from = r > j ? r - 1 : j;
      }
      // "قبل بضعة أيام": a few counts three, marked vague.
      if (m.vague) m.parts.front().amount = 3;
    } else {
      m.kind = MKind::duration;
    }
    begin(m, span_from);
    end(m, last);
    next = last + 1;
    return true;
  }

  // "اليوم الـ284 من الحرب", "يومها الـ100", "لليوم الـ50 للعدوان".
  bool warday(std::size_t j, Mention& m, std::size_t& next) const {
    std::size_t k = j;
    if (!is(k, K_WARHEAD) || !sp(k)) return false;
    int nth = 0;
    if (is(k + 1, K_ORDNUM)) nth = static_cast<int>(atoms[k + 1].num);
    else if (is(k + 1, K_DAYORD)) nth = atoms[k + 1].dayord;
    else return false;
    std::size_t w = k + 2;
    const bool link = adj(k + 1) && gap(k + 1) == 0;
    if (link && is(w, K_WARLINK) && sp(w) && (is(w + 1, K_WARNOUN) || is(w + 1, K_EVENTNAME))) ++w;
    if (link && w < n() && (is(w, K_WARNOUN) || is(w, K_EVENTNAME)) &&
        (w == k + 3 || atoms[w].clitic > 0)) {
      m.event = is(w, K_EVENTNAME) ? e(w).event_name : -1;
      end(m, w);
      next = w + 1;
    } else {
      // The war named just before: "تتواصل الحرب على غزة لليوم الـ130", same clause.
      std::size_t b = j;
      bool found = false;
      for (int c = 0; c < 3 && b > 0; ++c) {
        --b;
        if (atoms[b].te + 3 < atoms[b + 1].tb) break;
        const std::size_t gb = toks[atoms[b + 1].tb].begin;
        if (gap_flags(std::string_view(v).substr(ve(b), gb - ve(b))) != 0) break;
        if (is(b, K_WARNOUN) || is(b, K_EVENTNAME)) {
          found = true;
          m.event = is(b, K_EVENTNAME) ? e(b).event_name : -1;
          break;
        }
      }
      if (!found) return false;
      end(m, k + 1);
      next = k + 2;
    }
    m.kind = MKind::warday;
    m.ordinal = nth;
    role(m, k + 1, "ordinal");
    begin(m, j);
    return true;
  }

  // "حتى الآن", "حتى الساعة", "لغاية اليوم".
  bool now(std::size_t j, Mention& m, std::size_t& next) const {
    if (!is(j, K_NOW) || j == 0 || !(is(j - 1, K_REL) && atoms[j - 1].te == atoms[j].tb && gap(j - 1) == 0))
      return false;
    const auto r = static_cast<Relation>(e(j - 1).relation);
    if (r != Relation::until && r != Relation::since) return false;
    // "حتى الساعة 10", "حتى اليوم الـ15": a time or a day, not now. "حتى الآن 31 ألفا" is now.
    if (is(j, K_UNIT | K_RELDAY) && adj(j) && gap(j) == 0 &&
        (is(j + 1, K_DIGITS) || is(j + 1, K_DAYORD) || is(j + 1, K_NUM)))
      return false;
    m.kind = MKind::now;
    begin(m, j);
    end(m, j);
    next = j + 1;
    return true;
  }

  // A single-day mention at k (for ranges).
  bool day_mention(std::size_t k, Mention& m, std::size_t& next) const {
    if (explicit_date(k, m, next))
      return (m.kind == MKind::date && m.p.d) || m.kind == MKind::range || m.kind == MKind::relmonthday;
    m = Mention{};
    if (relday(k, m, next)) return true;
    std::vector<Mention> ws;
    if (weekday_parse(k, ws, next) && ws.size() == 1) {
      m = std::move(ws.front());
      return true;
    }
    m = Mention{};
    if (now(k, m, next)) return true;
    return false;
  }

  // "2 أكتوبر إلى 22 أكتوبر", "اليوم حتى الغد": a day, a range word, a day (not after "منذ").
  void extend_range(std::size_t& next) {
    if (out.mentions.empty() || next >= n()) return;
    Mention& a = out.mentions.back();
    const bool dayish = (a.kind == MKind::date && a.p.d) || a.kind == MKind::relday ||
                        (a.kind == MKind::weekday && !a.nth) || a.kind == MKind::relmonthday;
    if (!dayish || a.relation == Relation::since) return;
    // Both ways need a gap of separators only: a token between (letters or digits) is none, and
    // the gap up to a far atom is not read.
    if (atoms[next].tb != a.te) return;
    Mention b;
    std::size_t n2;
    const unsigned g0 = gap_flags(std::string_view(v).substr(a.ve, toks[atoms[next].tb].begin - a.ve));
    if (g0 == G_DASH && a.kind == MKind::date && a.p.y) {
      // "12 يناير 2016 - 2016/01/22": two full dates joined by a dash.
      if (!day_mention(next, b, n2) || b.kind != MKind::date || !b.p.y) return;
    } else {
      if (!is(next, K_RTO) || !sp(next) || ve(next) - vb(next) <= 2 || atoms[next].clitic) return;
      if (g0 != 0) return;
      if (!day_mention(next + 1, b, n2) || b.kind == MKind::range) return;
    }
    Mention r;
    r.kind = MKind::range;
    r.range_grain = Unit::day;
    r.tb = a.tb;
    r.vb = a.vb;
    r.te = b.te;
    r.ve = b.ve;
    r.relation = a.relation;
    r.future_ctx = a.future_ctx;
    b.future_ctx = b.future_ctx || a.future_ctx;
    r.roles = a.roles;
    r.roles.insert(r.roles.end(), b.roles.begin(), b.roles.end());
    r.sub.push_back(std::move(a));
    r.sub.push_back(std::move(b));
    out.mentions.back() = std::move(r);
    next = n2;
  }

  // "من 4 إلى 22 يناير", "من 2 أكتوبر إلى 22 أكتوبر", "بين 2014 و2018", "من اليوم حتى الغد".
  bool range(std::size_t j, std::size_t& next) {
    if (!is(j, K_RFROM) || !sp(j)) return false;
    const std::size_t k = j + 1;
    // Years.
    auto yearish = [&](std::size_t x) {
      return (is(x, K_DIGITS) && atoms[x].ndigits == 4) ||
             (is(x, K_NUM) && atoms[x].fact >= 0 && atoms[x].num >= 1000 && atoms[x].num <= 2999 &&
              std::floor(atoms[x].num) == atoms[x].num);
    };
    if (yearish(k) && sp(k) && is(k + 1, K_RTO)) {
      std::size_t l = k + 2;
      if (!sp(k + 1) && !(atoms[l].tb == atoms[k + 1].te)) return false;
      if (yearish(l) && atoms[l].num > atoms[k].num && atoms[k].num >= 1000) {
        Mention m;
        m.kind = MKind::range;
        m.range_grain = Unit::year;
        m.p.y = static_cast<int>(atoms[k].num);
        m.q.y = static_cast<int>(atoms[l].num);
        role(m, k, "year");
        role(m, l, "year");
        begin(m, j);
        end(m, l);
        push(std::move(m), j);
        next = l + 1;
        return true;
      }
    }
    Mention a;
    std::size_t n1;
    if (!day_mention(k, a, n1)) return false;
    if (a.kind == MKind::range) {
      a.vb = vb(j);
      a.tb = atoms[j].tb;
      push(std::move(a), j);
      next = n1;
      return true;
    }
    const std::size_t t = n1;
    if (t >= n() || atoms[t].tb != atoms[t - 1].te || !is(t, K_RTO) || !sp(t)) return false;
    Mention b;
    std::size_t n2;
    if (!day_mention(t + 1, b, n2)) return false;
    if (b.kind == MKind::range) return false;
    Mention r;
    r.kind = MKind::range;
    r.range_grain = Unit::day;
    r.sub.push_back(std::move(a));
    r.sub.push_back(std::move(b));
    for (auto& s : r.sub)
      for (auto& x : s.roles) r.roles.push_back(x);
    begin(r, j);
    r.te = r.sub[1].te;
    r.ve = r.sub[1].ve;
    push(std::move(r), j);
    next = n2;
    return true;
  }

  // Relation word and future context; then the mention goes out.
  void push(Mention m, std::size_t first_atom) {
    // "مطلع الشهر المقبل", "أواخر العام الماضي", "منتصف مارس": a part of the period.
    const bool period = m.kind == MKind::month || m.kind == MKind::year || m.kind == MKind::relperiod;
    if (period && first_atom > 0 && is(first_atom - 1, K_QUAL) && atoms[first_atom - 1].te == atoms[first_atom].tb &&
        gap(first_atom - 1) == 0) {
      --first_atom;
      m.qual = e(first_atom).qual;
      m.tb = atoms[first_atom].tb;
      m.vb = vb(first_atom);
    }
    if (first_atom > 0 && m.relation == Relation::none) {
      const std::size_t p = first_atom - 1;
      if (atoms[p].te == atoms[first_atom].tb && is(p, K_REL) && gap(p) == 0 &&
          m.kind != MKind::ago && m.kind != MKind::duration)
        m.relation = static_cast<Relation>(e(p).relation);
    }
    m.future_ctx = future_before(m.tb, m.vb);
    for (auto& sub : m.sub) sub.future_ctx = sub.future_ctx || m.future_ctx;
    out.mentions.push_back(std::move(m));
  }

  // g.future_verb of token t, once per token (mentions close together look at the same words).
  bool future_verb_at(std::size_t t) const {
    if (future_tok.empty()) future_tok.assign(toks.size(), -1);
    if (future_tok[t] < 0) {
      const Token& tk = toks[t];
      future_tok[t] = g.future_verb(std::string_view(v.data() + tk.begin, tk.end - tk.begin)) ? 1 : 0;
    }
    return future_tok[t] == 1;
  }

  bool future_before(std::size_t tb, std::size_t vpos) const {
    const auto& sent = doc.sentences()[doc.sentence_at(vpos)];
    std::size_t lo = tb > g.future_window_ ? tb - g.future_window_ : 0;
    for (std::size_t t = tb; t > lo; --t) {
      const Token& tk = toks[t - 1];
      if (tk.begin < sent.begin) break;
      if (!tk.digits && future_verb_at(t - 1)) return true;
      // The next token's gap: a full stop or a line ends the clause.
      if (t != tb) {
        const std::size_t ge = t < toks.size() ? toks[t].begin : v.size();
        if (gap_flags(std::string_view(v).substr(tk.end, ge - tk.end)) & (G_NEWLINE | G_DOT)) break;
      }
    }
    // Future words ("سوف", "من المقرر"): atoms before the mention.
    auto it = std::lower_bound(atoms.begin(), atoms.end(), tb,
                               [](const Atom& a, std::size_t x) { return a.tb < x; });
    for (std::size_t c = 0; c < g.future_window_ && it != atoms.begin(); ++c) {
      --it;
      if (it->tb < lo || toks[it->tb].begin < sent.begin) break;
      if (it->kinds & K_FUTURE) return true;
    }
    return false;
  }

  // The atom kinds each pattern can start at (directly, or after the optional leading part
  // of day and day word): a pattern is only tried at an atom of one of its kinds, and an atom
  // of none of them starts no mention. Each pattern returns false (leaving `out` alone)
  // wherever its first atom lacks these kinds, so the filter changes nothing but the work.
  // A pattern added to run() needs its start kinds here (and in S_ANY).
  static constexpr std::uint64_t kLead = K_PART | K_DAYWORD;
  static constexpr std::uint64_t S_RANGE = K_RFROM;
  static constexpr std::uint64_t S_EXPLICIT = kLead | K_RELDAY | K_WEEKDAY | K_NUMDATE | K_DIGITS | K_DAYORD |
                                              K_NUM | K_MONTH | K_HMONTH;
  static constexpr std::uint64_t S_WARDAY = K_WARHEAD;
  static constexpr std::uint64_t S_NTH_WEEKDAY = K_DAYORD | K_WLAST;
  static constexpr std::uint64_t S_WEEKOF = K_UNIT;
  static constexpr std::uint64_t S_WEEKEND = K_THIS | K_WEEKEND;
  static constexpr std::uint64_t S_REST = K_REST;
  static constexpr std::uint64_t S_SEASON = K_THIS | K_SEASONWORD | K_SEASON;
  static constexpr std::uint64_t S_RELDAY = kLead | K_RELDAY;
  static constexpr std::uint64_t S_WEEKDAY = kLead | K_WEEKDAY;
  static constexpr std::uint64_t S_RELPERIOD = K_THIS | K_UNIT;
  static constexpr std::uint64_t S_DECADE = K_DECADE;
  static constexpr std::uint64_t S_QUARTER = K_QUARTER | K_HALFYEAR;
  static constexpr std::uint64_t S_HOLIDAY = K_DAYWORD | K_HOLIDAY;
  static constexpr std::uint64_t S_MONTH = K_THIS | K_MONTHWORD | K_MONTH | K_HMONTH;
  static constexpr std::uint64_t S_YEAR = K_YEARWORD | K_NUM | K_DIGITS;
  static constexpr std::uint64_t S_DURATION = K_REL | K_BOUND | K_DCUE | K_THROUGH | K_WLAST | K_FEW | K_UNIT |
                                              K_NUM | K_HALF;
  static constexpr std::uint64_t S_NOW = K_NOW;
  static constexpr std::uint64_t S_ANY = S_RANGE | S_EXPLICIT | S_WARDAY | S_NTH_WEEKDAY | S_WEEKOF | S_WEEKEND |
                                         S_REST | S_SEASON | S_RELDAY | S_WEEKDAY | S_RELPERIOD | S_DECADE |
                                         S_QUARTER | S_HOLIDAY | S_MONTH | S_YEAR | S_DURATION | S_NOW;

  using Pattern = bool (Ctx::*)(std::size_t, Mention&, std::size_t&) const;

  void run() {
    atomize();
    gaps.assign(atoms.size(), kGapUnknown);
    for (std::size_t j = 0; j + 1 < atoms.size(); ++j)
      if (adj(j)) gaps[j] = static_cast<std::uint8_t>(gap_between(j));
    std::size_t j = 0;
    Mention m;
    bool dirty = false;  // m was handed to a pattern since it was last cleared
    // The patterns of each step, with their start kinds (tables built once, not per atom).
    struct Try {
      std::uint64_t mask;
      Pattern fn;
    };
    // The start kinds of any pattern of a step (so that a step none of whose patterns can
    // start at an atom costs one test).
    constexpr auto start_kinds = []<std::size_t N>(const Try (&ps)[N]) {
      std::uint64_t k = 0;
      for (const auto& t : ps) k |= t.mask;
      return k;
    };
    static constexpr Try kExplicit[] = {{S_EXPLICIT, &Ctx::explicit_date}};
    static constexpr Try kWarday[] = {{S_WARDAY, &Ctx::warday}};
    static constexpr Try kPeriods[] = {{S_NTH_WEEKDAY, &Ctx::nth_weekday_of}, {S_WEEKOF, &Ctx::weekof},
                                       {S_WEEKEND, &Ctx::weekend}, {S_REST, &Ctx::rest}, {S_SEASON, &Ctx::season}};
    static constexpr Try kRelday[] = {{S_RELDAY, &Ctx::relday}};
    static constexpr Try kOthers[] = {{S_DECADE, &Ctx::decade}, {S_QUARTER, &Ctx::quarter},
                                      {S_HOLIDAY, &Ctx::holiday}, {S_MONTH, &Ctx::month},
                                      {S_YEAR, &Ctx::year},       {S_DURATION, &Ctx::duration},
                                      {S_NOW, &Ctx::now}};
    static constexpr std::uint64_t kExplicitAny = start_kinds(kExplicit), kWardayAny = start_kinds(kWarday),
                                   kPeriodsAny = start_kinds(kPeriods), kReldayAny = start_kinds(kRelday),
                                   kOthersAny = start_kinds(kOthers);
    // Tries the patterns whose start kinds the atom has, in order, on a cleared m (none when
    // the atom has none of `any`, the step's start kinds).
    auto any_of = [&]<std::size_t N>(std::uint64_t kinds, std::size_t& next, const Try (&ps)[N], std::uint64_t any) {
      if (!(kinds & any)) return false;
      for (const auto& [mask, fn] : ps) {
        if (!(kinds & mask)) continue;
        if (dirty) m.reset();
        dirty = true;
        if ((this->*fn)(j, m, next)) return true;
      }
      return false;
    };
    auto emit = [&]() {
      push(std::move(m), j);
      dirty = true;  // moved from
    };
    while (j < n()) {
      const std::uint64_t kinds = atoms[j].kinds;
      if (!(kinds & S_ANY)) {
        ++j;
        continue;
      }
      std::size_t next = j;
      if ((kinds & S_RANGE) && range(j, next)) {
        j = next;
        continue;
      }
      if (any_of(kinds, next, kExplicit, kExplicitAny)) {
        emit();
        extend_range(next);
        j = next;
        continue;
      }
      if (any_of(kinds, next, kWarday, kWardayAny)) {
        emit();
        j = next;
        continue;
      }
      if (any_of(kinds, next, kPeriods, kPeriodsAny)) {
        emit();
        j = next;
        continue;
      }
      if (any_of(kinds, next, kRelday, kReldayAny)) {
        emit();
        extend_range(next);
        j = next;
        continue;
      }
      if ((kinds & S_WEEKDAY) && weekday(j, next)) {
        extend_range(next);
        j = next;
        continue;
      }
      if ((kinds & S_RELPERIOD) && relperiod(j, next)) {
        j = next;
        continue;
      }
      if (any_of(kinds, next, kOthers, kOthersAny)) {
        emit();
        j = next;
        continue;
      }
      ++j;
    }
    pairs();
    knowledge();
  }

  // Hijri–Gregorian pairs: two dates with an equivalence word between them.
  void pairs() {
    auto& ms = out.mentions;
    int next_pair = 0;
    for (std::size_t i = 0; i + 1 < ms.size(); ++i) {
      Mention& a = ms[i];
      Mention& b = ms[i + 1];
      if (a.kind != MKind::date || b.kind != MKind::date || a.p.hijri == b.p.hijri) continue;
      // The atoms between: exactly one equivalence phrase.
      auto it = std::lower_bound(atoms.begin(), atoms.end(), a.te,
                                 [](const Atom& x, std::size_t t) { return x.tb < t; });
      if (it == atoms.end() || !(it->kinds & K_EQUIV) || it->tb != a.te) continue;
      if (it + 1 == atoms.end() || (it + 1)->tb != it->te || (it + 1)->tb != b.tb) {
        // Allow a clitic-less gap of separators only.
        if (it->te != b.tb) continue;
      }
      a.pair = b.pair = ++next_pair;
    }
  }

  // War starts stated in the text, event mentions, dateline.
  void knowledge() {
    out.event_hits.assign(g.events_.size(), 0);
    for (const auto& a : atoms) {
      // An atom has the kinds of its entry (and maybe more).
      if (a.entry < 0 || !(a.kinds & (K_EVENTNAME | K_EVENTCTX))) continue;
      const Entry& en = g.entries_[a.entry];
      if (en.event_name >= 0) out.event_hits[en.event_name] += 2;
      if (en.event_ctx >= 0) out.event_hits[en.event_ctx] += 1;
    }
    for (std::size_t i = 0; i < out.mentions.size(); ++i) {
      const Mention& m = out.mentions[i];
      if (m.kind != MKind::date || !m.p.d) continue;
      const auto& sent = doc.sentences()[doc.sentence_at(m.vb)];
      auto it = std::lower_bound(atoms.begin(), atoms.end(), m.tb,
                                 [](const Atom& x, std::size_t t) { return x.tb < t; });
      bool start = false, war = false;
      for (int c = 0; c < 24 && it != atoms.begin(); ++c) {
        --it;
        if (toks[it->tb].begin < sent.begin) break;
        if (it->kinds & K_WARSTART) start = true;
        if (it->kinds & (K_WARNOUN | K_EVENTNAME)) war = true;
      }
      if (start && war) out.war_starts.push_back(i);
    }
    // The dateline: a full date near the start of one of the first three lines.
    for (std::size_t i = 0; i < out.mentions.size(); ++i) {
      const Mention& m = out.mentions[i];
      if (m.tb >= 60) break;
      if (m.kind != MKind::date || !m.p.y || !m.p.m || !m.p.d || m.p.hijri) continue;
      std::size_t lines = 0, line_start = 0;
      for (std::size_t c = 0; c < m.vb; ++c)
        if (v[c] == '\n') {
          ++lines;
          line_start = c + 1;
        }
      if (lines <= 2 && m.tb - doc.token_at_or_after(line_start) <= 4) out.dateline = i;
      break;
    }
  }
};

ScanResult DateGrammar::scan(const Document& doc, const std::vector<Fact>& facts) const {
  Ctx c(*this, doc, facts);
  c.run();
  return std::move(c.out);
}

}  // namespace tadqiq::extract::dates
