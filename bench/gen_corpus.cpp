// bench_gen_corpus — a deterministic corpus of synthetic Arabic news articles for benchmarks.
//
// Articles are assembled from sentence templates (bench/templates.yaml) filled with the
// vocabulary of the project's rules (rules/*.yaml): counted nouns and verbs, places, months,
// bound phrases, scale words, percent words, labels, units and scope phrases. The generator
// holds no Arabic of its own.
//
// The corpus models a world where every (place, category) pair has a cumulative figure that
// grows day by day from 2023-01-01 to 2025-12-31. Articles come in stories (--story-size
// articles about one place over a few days); each reports the world's figures on its date,
// with some drift: stale figures (an older day's), figures a few percent off, bounded and
// rounded figures. So the comparator sees realistic groups: agreeing reports, updates,
// regressions and contradictions.
//
// Output depends only on the arguments (and the rules and templates files): the random
// source is a fixed splitmix64 stream and no standard-library distribution is used.
//
// Usage: bench_gen_corpus [--articles N] [--bytes N] [--format md|jsonl] [--out DIR|FILE]
//                         [--seed S] [--story-size K] [--rules DIR] [--templates FILE]
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "rng.h"

namespace fs = std::filesystem;

namespace {

using tadqiq::bench::Rng;

// A stateless hash of several values (for figures that must not depend on draw order).
std::uint64_t mix(std::initializer_list<std::uint64_t> parts) {
  Rng r(0x243F6A8885A308D3ull);
  for (auto p : parts) r.state ^= p, r.next();
  return r.next();
}

// Weighted choice: index into `weights`.
std::size_t pick_weighted(Rng& rng, const std::vector<int>& weights) {
  int total = 0;
  for (int w : weights) total += w;
  if (total <= 0) return 0;
  int x = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  return weights.size() - 1;
}

// ---- Dates: days since 2023-01-01, civil conversion (H. Hinnant's algorithms). --------

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  int y;
  unsigned m, d;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), m, d};
}

const std::int64_t kEpoch = days_from_civil(2023, 1, 1);
const std::int64_t kDays = days_from_civil(2025, 12, 31) - kEpoch + 1;

// ---- Data files. --------------------------------------------------------------------------

[[noreturn]] void fail(const std::string& msg) { throw std::runtime_error(msg); }

std::vector<std::string> strings(const YAML::Node& n, const std::string& what) {
  std::vector<std::string> out;
  if (!n) return out;
  if (!n.IsSequence()) fail(what + ": expected a list");
  for (const auto& x : n) out.push_back(x.as<std::string>());
  return out;
}

// UTF-8 code points of s.
std::vector<std::string> code_points(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

struct Category {
  std::string name;
  std::vector<std::string> nouns, verbs;
};

struct Multiplier {
  std::uint64_t value;
  std::vector<std::string> forms;
};

struct Bound {
  std::string kind;  // more_than, at_least, less_than, at_most, about (or a user kind)
  std::vector<std::string> phrases;
};

// Vocabulary from rules/*.yaml.
struct Vocab {
  std::vector<Category> categories;
  std::vector<std::string> place_ids;
  std::vector<std::vector<std::string>> place_forms;
  std::vector<std::vector<std::string>> months;  // [0..11]
  std::vector<Multiplier> multipliers;
  std::string conjunction;
  std::vector<Bound> bounds_before, bounds_after;
  std::vector<std::string> percent, labels, units, scope_incident, scope_cumulative;

  int category(const std::string& name) const {
    for (std::size_t i = 0; i < categories.size(); ++i)
      if (categories[i].name == name) return static_cast<int>(i);
    return -1;
  }
  const Multiplier* multiplier(std::uint64_t v) const {
    for (const auto& m : multipliers)
      if (m.value == v) return &m;
    return nullptr;
  }

  static Vocab load(const fs::path& dir) {
    Vocab v;
    const auto q = YAML::LoadFile((dir / "quantities.yaml").string());
    for (const auto& kv : q["categories"]) {
      Category c;
      c.name = kv.first.as<std::string>();
      c.nouns = strings(kv.second["nouns"], "quantities.yaml " + c.name + ".nouns");
      c.verbs = strings(kv.second["verbs"], "quantities.yaml " + c.name + ".verbs");
      v.categories.push_back(std::move(c));
    }
    v.labels = strings(q["labels_before"], "quantities.yaml labels_before");
    v.units = strings(q["units_after"], "quantities.yaml units_after");
    if (q["scope"]) {
      v.scope_incident = strings(q["scope"]["incident"], "quantities.yaml scope.incident");
      v.scope_cumulative = strings(q["scope"]["cumulative"], "quantities.yaml scope.cumulative");
    }
    const auto p = YAML::LoadFile((dir / "places.yaml").string());
    for (const auto& kv : p["places"]) {
      v.place_ids.push_back(kv.first.as<std::string>());
      v.place_forms.push_back(strings(kv.second, "places.yaml " + v.place_ids.back()));
    }
    const auto cal = YAML::LoadFile((dir / "calendar.yaml").string());
    v.months.resize(12);
    for (const auto& kv : cal["months"]) {
      const int m = kv.first.as<int>();
      if (m < 1 || m > 12) fail("calendar.yaml: month out of range");
      v.months[m - 1] = strings(kv.second, "calendar.yaml month");
    }
    const auto num = YAML::LoadFile((dir / "numbers.yaml").string());
    for (const auto& m : num["multipliers"])
      v.multipliers.push_back({m["value"].as<std::uint64_t>(), strings(m["forms"], "numbers.yaml forms")});
    v.conjunction = num["conjunction"] ? num["conjunction"].as<std::string>() : "";
    for (const auto& kv : num["bounds_before"])
      v.bounds_before.push_back({kv.first.as<std::string>(), strings(kv.second, "numbers.yaml bounds_before")});
    for (const auto& kv : num["bounds_after"])
      v.bounds_after.push_back({kv.first.as<std::string>(), strings(kv.second, "numbers.yaml bounds_after")});
    v.percent = strings(num["percent"], "numbers.yaml percent");

    auto nonempty = [](bool ok, const char* what) {
      if (!ok) fail(std::string("rules: no ") + what);
    };
    nonempty(!v.place_ids.empty(), "places");
    for (const auto& m : v.months) nonempty(!m.empty(), "name for some month");
    nonempty(v.multiplier(1000) && v.multiplier(1000000), "multipliers for 1000 and 1000000");
    nonempty(!v.bounds_before.empty(), "bounds_before");
    nonempty(!v.percent.empty(), "percent words");
    nonempty(!v.labels.empty() && !v.units.empty(), "labels_before or units_after");
    nonempty(!v.scope_incident.empty() && !v.scope_cumulative.empty(), "scope phrases");
    return v;
  }
};

// ---- Templates. ----------------------------------------------------------------------------

enum class Slot {
  kText, kPlace, kPlaceAny, kFig, kNum, kTail, kInc, kNoun, kVerb, kDate, kStart, kNumDate,
  kWeekday, kMonth, kYear, kOfficial, kSpeaker, kName, kOutlet, kQuote, kPct, kSmall, kLabel,
  kUnit, kTime, kPhone, kMoney, kCumulative, kIncident, kBound
};

struct Segment {
  Slot slot = Slot::kText;
  std::string text;  // literal text (kText)
  int category = -1; // for kFig, kNum, kInc, kNoun, kVerb
};

using Template = std::vector<Segment>;

struct DigitScript {
  std::vector<std::string> digits;  // 10
  std::vector<std::string> group;
  std::string decimal;
  int weight = 1;
};

// A world figure: base + per_day * day, or a share (percent) of another figure.
struct FigureSpec {
  int category;
  std::int64_t base_lo = 0, base_hi = 0, day_lo = 0, day_hi = 0;
  int share_of = -1;  // category index, or -1
  std::int64_t share_lo = 0, share_hi = 0;
};

struct Templates {
  std::vector<DigitScript> scripts;
  std::vector<int> script_weights;
  std::vector<int> style_weights;  // plain, grouped, compound, rounded
  int bound_chance = 20;
  std::size_t form_singular = 0, form_accusative = 0, form_plural = 0;
  int double_month_chance = 30;
  std::vector<std::pair<std::string, std::string>> quote_marks;
  std::vector<FigureSpec> figures;
  int stale = 10, off = 6;
  int incident_max = 60;
  int para_lo = 5, para_hi = 16, sent_lo = 1, sent_hi = 3;
  int story_days = 12;
  std::vector<std::string> weekdays, outlets, titles, names;
  std::vector<Template> headlines, quotes;
  std::vector<std::string> group_names;       // sentence groups, "lead" excluded
  std::vector<std::vector<Template>> groups;  // parallel to group_names
  std::vector<int> group_weights;
  std::vector<Template> lead;

  static Templates load(const fs::path& file, const Vocab& vocab);
};

Template parse_template(const std::string& s, const Vocab& vocab, const std::vector<int>& fig_cats) {
  static const std::map<std::string, Slot> kSlots = {
      {"place", Slot::kPlace},   {"fig", Slot::kFig},         {"num", Slot::kNum},
      {"tail", Slot::kTail},     {"inc", Slot::kInc},         {"noun", Slot::kNoun},
      {"verb", Slot::kVerb},     {"date", Slot::kDate},       {"start", Slot::kStart},
      {"numdate", Slot::kNumDate}, {"weekday", Slot::kWeekday}, {"month", Slot::kMonth},
      {"year", Slot::kYear},     {"official", Slot::kOfficial}, {"speaker", Slot::kSpeaker},
      {"name", Slot::kName},     {"outlet", Slot::kOutlet},   {"quote", Slot::kQuote},
      {"pct", Slot::kPct},       {"small", Slot::kSmall},     {"label", Slot::kLabel},
      {"unit", Slot::kUnit},     {"time", Slot::kTime},       {"phone", Slot::kPhone},
      {"money", Slot::kMoney},   {"cumulative", Slot::kCumulative},
      {"incident", Slot::kIncident}, {"bound", Slot::kBound}};
  Template t;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t open = s.find('{', i);
    if (open == std::string::npos) {
      t.push_back({Slot::kText, s.substr(i), -1});
      break;
    }
    if (open > i) t.push_back({Slot::kText, s.substr(i, open - i), -1});
    const std::size_t close = s.find('}', open);
    if (close == std::string::npos) fail("templates: unclosed { in: " + s);
    const std::string body = s.substr(open + 1, close - open - 1);
    const std::size_t colon = body.find(':');
    const std::string name = body.substr(0, colon);
    const std::string arg = colon == std::string::npos ? "" : body.substr(colon + 1);
    const auto it = kSlots.find(name);
    if (it == kSlots.end()) fail("templates: unknown slot {" + body + "}");
    Segment seg{it->second, "", -1};
    if (seg.slot == Slot::kPlace && arg == "any") seg.slot = Slot::kPlaceAny;
    if (seg.slot == Slot::kFig || seg.slot == Slot::kNum || seg.slot == Slot::kInc ||
        seg.slot == Slot::kNoun || seg.slot == Slot::kVerb) {
      seg.category = vocab.category(arg);
      if (seg.category < 0) fail("templates: {" + body + "}: no such category in quantities.yaml");
      const auto& c = vocab.categories[seg.category];
      if (seg.slot == Slot::kNoun && c.nouns.empty()) fail("templates: {" + body + "}: category has no nouns");
      if (seg.slot == Slot::kVerb && c.verbs.empty()) fail("templates: {" + body + "}: category has no verbs");
      if ((seg.slot == Slot::kFig || seg.slot == Slot::kNum) &&
          (seg.category >= static_cast<int>(fig_cats.size()) || fig_cats[seg.category] < 0))
        fail("templates: {" + body + "}: category has no `figures` entry");
    }
    t.push_back(std::move(seg));
    i = close + 1;
  }
  return t;
}

std::pair<std::int64_t, std::int64_t> int_pair(const YAML::Node& n, const std::string& what) {
  if (!n || !n.IsSequence() || n.size() != 2) fail("templates: " + what + ": expected [lo, hi]");
  return {n[0].as<std::int64_t>(), n[1].as<std::int64_t>()};
}

std::vector<int> g_fig_index;  // category index → index into Templates::figures, or -1

Templates Templates::load(const fs::path& file, const Vocab& vocab) {
  const auto y = YAML::LoadFile(file.string());
  Templates t;
  for (const auto& d : y["digits"]) {
    DigitScript s;
    s.digits = code_points(d["digits"].as<std::string>());
    if (s.digits.size() != 10) fail("templates: digits: expected ten characters");
    s.group = strings(d["group"], "digits.group");
    if (s.group.empty()) fail("templates: digits.group: empty");
    s.decimal = d["decimal"].as<std::string>();
    s.weight = d["weight"].as<int>(1);
    t.scripts.push_back(std::move(s));
    t.script_weights.push_back(t.scripts.back().weight);
  }
  if (t.scripts.empty()) fail("templates: no digit scripts");
  const auto st = y["figure_styles"];
  for (const char* k : {"plain", "grouped", "compound", "rounded"}) t.style_weights.push_back(st[k].as<int>(0));
  t.bound_chance = y["bound_chance"].as<int>(20);
  t.form_singular = y["scale_forms"]["singular"].as<std::size_t>(0);
  t.form_accusative = y["scale_forms"]["accusative"].as<std::size_t>(0);
  t.form_plural = y["scale_forms"]["plural"].as<std::size_t>(0);
  t.double_month_chance = y["double_month_chance"].as<int>(30);
  for (const auto& q : y["quote_marks"]) t.quote_marks.emplace_back(q[0].as<std::string>(), q[1].as<std::string>());
  if (t.quote_marks.empty()) fail("templates: no quote_marks");

  g_fig_index.assign(vocab.categories.size(), -1);
  for (const auto& kv : y["figures"]) {
    const std::string name = kv.first.as<std::string>();
    const int c = vocab.category(name);
    if (c < 0) fail("templates: figures: no category " + name + " in quantities.yaml");
    FigureSpec f;
    f.category = c;
    if (kv.second["share_of"]) {
      f.share_of = vocab.category(kv.second["share_of"].as<std::string>());
      if (f.share_of < 0) fail("templates: figures." + name + ".share_of: no such category");
      std::tie(f.share_lo, f.share_hi) = int_pair(kv.second["share"], "figures." + name + ".share");
    } else {
      std::tie(f.base_lo, f.base_hi) = int_pair(kv.second["base"], "figures." + name + ".base");
      std::tie(f.day_lo, f.day_hi) = int_pair(kv.second["per_day"], "figures." + name + ".per_day");
    }
    g_fig_index[c] = static_cast<int>(t.figures.size());
    t.figures.push_back(f);
  }
  for (const auto& f : t.figures)
    if (f.share_of >= 0 && (g_fig_index[f.share_of] < 0 || t.figures[g_fig_index[f.share_of]].share_of >= 0))
      fail("templates: figures: share_of must name a figure that is not itself a share");
  t.stale = y["drift"]["stale"].as<int>(10);
  t.off = y["drift"]["off"].as<int>(6);
  t.incident_max = y["incident_max"].as<int>(60);
  std::tie(t.para_lo, t.para_hi) = int_pair(y["article"]["paragraphs"], "article.paragraphs");
  std::tie(t.sent_lo, t.sent_hi) = int_pair(y["article"]["sentences_per_paragraph"], "article.sentences_per_paragraph");
  t.story_days = y["story_days"].as<int>(12);
  t.weekdays = strings(y["weekdays"], "weekdays");
  if (t.weekdays.size() != 7) fail("templates: weekdays: expected seven names (Sunday first)");
  t.outlets = strings(y["outlets"], "outlets");
  t.titles = strings(y["titles"], "titles");
  t.names = strings(y["names"], "names");
  if (t.outlets.empty() || t.titles.empty() || t.names.empty()) fail("templates: outlets, titles and names must not be empty");

  auto parse_list = [&](const YAML::Node& n, const std::string& what) {
    std::vector<Template> out;
    for (const auto& s : strings(n, what)) out.push_back(parse_template(s, vocab, g_fig_index));
    if (out.empty()) fail("templates: " + what + ": empty");
    return out;
  };
  t.headlines = parse_list(y["headlines"], "headlines");
  t.quotes = parse_list(y["quotes"], "quotes");
  t.lead = parse_list(y["sentences"]["lead"], "sentences.lead");
  for (const auto& kv : y["article"]["mix"]) {
    const std::string g = kv.first.as<std::string>();
    t.group_names.push_back(g);
    t.group_weights.push_back(kv.second.as<int>());
    t.groups.push_back(parse_list(y["sentences"][g], "sentences." + g));
  }
  if (t.groups.empty()) fail("templates: article.mix: empty");
  return t;
}

// ---- The generator. ----------------------------------------------------------------------

struct Story {
  std::uint64_t id = 0;
  int place = 0;
  std::int64_t start = 0;  // day index
  std::string speaker;
};

struct ArticleCtx {
  const Story* story = nullptr;
  std::int64_t day = 0;
  int lag = 0;        // stale figures: report the figure of `lag` days earlier
  int off_pct = 0;    // figures this many percent off (the same error for the whole article)
  std::string tail;   // after-bound chosen by the last {fig:...}
};

class Generator {
 public:
  Generator(Vocab v, Templates t, std::uint64_t seed, int story_size)
      : v_(std::move(v)), t_(std::move(t)), seed_(seed), rng_(mix({seed, 1})),
        story_size_(story_size < 1 ? 1 : story_size) {
    // The world: base and daily increase per (place, figure category), from its own stream.
    Rng w(mix({seed, 2}));
    world_.resize(v_.place_ids.size() * t_.figures.size());
    for (std::size_t p = 0; p < v_.place_ids.size(); ++p)
      for (std::size_t f = 0; f < t_.figures.size(); ++f) {
        const auto& fs = t_.figures[f];
        world_[p * t_.figures.size() + f] =
            fs.share_of >= 0 ? std::pair{w.range(fs.share_lo, fs.share_hi), std::int64_t{0}}
                             : std::pair{w.range(fs.base_lo, fs.base_hi), w.range(fs.day_lo, fs.day_hi)};
      }
  }

  struct Out {
    std::string id, title, date, source, url, text;
    std::uint64_t story;
  };

  // The next article (index = number of articles generated before it).
  Out next() {
    const std::uint64_t index = count_++;
    if (index % static_cast<std::uint64_t>(story_size_) == 0) new_story(index / story_size_);
    const int j = static_cast<int>(index % static_cast<std::uint64_t>(story_size_));
    const int span = std::max(1, std::min(t_.story_days, (3 * story_size_) / 4));
    ArticleCtx a;
    a.story = &story_;
    a.day = story_.start + (static_cast<std::int64_t>(j) * span) / story_size_;
    if (rng_.percent(t_.stale)) a.lag = static_cast<int>(rng_.range(1, 5));
    if (rng_.percent(t_.off)) a.off_pct = static_cast<int>(rng_.range(5, 25) * (rng_.percent(50) ? 1 : -1));

    Out o;
    o.id = fmt::format("bench-{:07d}", index + 1);
    o.story = story_.id;
    const Civil c = civil_from_days(kEpoch + a.day);
    o.date = fmt::format("{:04d}-{:02d}-{:02d}", c.y, c.m, c.d);
    o.source = rng_.pick(t_.outlets);
    o.url = fmt::format("https://news.example/bench/{}", o.id);
    expand(rng_.pick(t_.headlines), a, o.title);
    std::string& body = o.text;
    expand(rng_.pick(t_.lead), a, body);
    const int paragraphs = static_cast<int>(rng_.range(t_.para_lo, t_.para_hi));
    for (int p = 0; p < paragraphs; ++p) {
      body += '\n';
      const int sentences = static_cast<int>(rng_.range(t_.sent_lo, t_.sent_hi));
      for (int s = 0; s < sentences; ++s) {
        if (s) body += ' ';
        const auto& group = t_.groups[pick_weighted(rng_, t_.group_weights)];
        a.tail.clear();
        expand(rng_.pick(group), a, body);
      }
    }
    return o;
  }

 private:
  void new_story(std::uint64_t id) {
    story_.id = id + 1;
    story_.place = static_cast<int>(rng_.below(v_.place_ids.size()));
    const int span = std::max(1, std::min(t_.story_days, (3 * story_size_) / 4));
    story_.start = rng_.range(0, kDays - span);
    story_.speaker = rng_.pick(t_.titles) + " " + rng_.pick(t_.names);
  }

  // The world's cumulative figure for (place, category) on `day`.
  std::uint64_t truth(int place, int category, std::int64_t day) const {
    const auto& spec = t_.figures[static_cast<std::size_t>(g_fig_index[category])];
    const auto& [base, per_day] = world_[static_cast<std::size_t>(place) * t_.figures.size() +
                                         static_cast<std::size_t>(g_fig_index[category])];
    if (spec.share_of >= 0) return std::max<std::uint64_t>(1, truth(place, spec.share_of, day) * static_cast<std::uint64_t>(base) / 100);
    return static_cast<std::uint64_t>(base + per_day * std::max<std::int64_t>(0, day));
  }

  // ---- Figures as text. ----

  const DigitScript& script() { return t_.scripts[pick_weighted(rng_, t_.script_weights)]; }

  static std::string digits(std::uint64_t v, const DigitScript& s) {
    std::string out;
    for (char c : std::to_string(v)) out += s.digits[static_cast<std::size_t>(c - '0')];
    return out;
  }

  std::string grouped(std::uint64_t v, const DigitScript& s) {
    const std::string& sep = rng_.pick(s.group);
    const std::string d = std::to_string(v);
    std::string out;
    for (std::size_t i = 0; i < d.size(); ++i) {
      if (i && (d.size() - i) % 3 == 0) out += sep;
      out += s.digits[static_cast<std::size_t>(d[i] - '0')];
    }
    return out;
  }

  // The form of a scale word agreeing with the count `n` before it.
  std::string scale_word(std::uint64_t scale, std::uint64_t n) const {
    const Multiplier* m = v_.multiplier(scale);
    const std::uint64_t r = n % 100;
    std::size_t i = (r >= 3 && r <= 10) ? t_.form_plural : (r >= 11) ? t_.form_accusative : t_.form_singular;
    if (i >= m->forms.size()) i = 0;
    return m->forms[i];
  }

  // v rounded to two significant digits: dir < 0 down, 0 nearest, > 0 up.
  static std::uint64_t round2(std::uint64_t v, int dir) {
    std::uint64_t unit = 1;
    while (v / unit >= 100) unit *= 10;
    std::uint64_t q = v / unit, r = v % unit;
    if (dir > 0 ? r > 0 : dir == 0 ? r * 2 >= unit : false) ++q;
    return q * unit;
  }

  // A rounded figure with a scale word where it reads naturally: "1.7 مليون", "28 ألفاً".
  std::string rounded_text(std::uint64_t r, const DigitScript& s) {
    if (r >= 1000000) {
      const std::uint64_t whole = r / 1000000, tenth = (r % 1000000) / 100000;
      if (tenth == 0) return digits(whole, s) + " " + scale_word(1000000, whole);
      return digits(whole, s) + s.decimal + digits(tenth, s) + " " + scale_word(1000000, 1);
    }
    if (r >= 10000 && r % 1000 == 0) return digits(r / 1000, s) + " " + scale_word(1000, r / 1000);
    return rng_.percent(50) ? grouped(r, s) : digits(r, s);
  }

  // An exact figure in a random style (never "rounded": exact values stay exact).
  std::string exact_text(std::uint64_t v) {
    const DigitScript& s = script();
    std::vector<int> w = t_.style_weights;
    w[3] = 0;
    switch (pick_weighted(rng_, w)) {
      case 1:
        if (v >= 1000) return grouped(v, s);
        break;
      case 2:
        if (v >= 3000 && v < 1000000) {
          const std::uint64_t hi = v / 1000, lo = v % 1000;
          std::string out = digits(hi, s) + " " + scale_word(1000, hi);
          if (lo) out += " " + v_.conjunction + digits(lo, s);
          return out;
        }
        if (v >= 1000) return grouped(v, s);
        break;
      default:
        break;
    }
    return digits(v, s);
  }

  // A story figure as it is reported: exact, rounded with "about", or bounded.
  void figure(int category, const ArticleCtx& a, bool allow_bound, std::string& out, std::string& tail) {
    std::uint64_t v = truth(a.story->place, category, a.day - a.lag);
    if (a.off_pct)
      v = static_cast<std::uint64_t>(std::max<std::int64_t>(1, static_cast<std::int64_t>(v) * (100 + a.off_pct) / 100));
    if (allow_bound && rng_.percent(t_.bound_chance)) {
      const bool after = !v_.bounds_after.empty() && rng_.percent(30);
      const Bound& b = after ? rng_.pick(v_.bounds_after) : rng_.pick(v_.bounds_before);
      const int dir = (b.kind == "more_than" || b.kind == "at_least") ? -1
                      : (b.kind == "less_than" || b.kind == "at_most") ? 1 : 0;
      std::uint64_t r = v >= 100 ? round2(v, dir) : v;
      if (b.kind == "more_than" && r >= v && r > 1) r = v >= 100 ? round2(v - v / 50 - 1, -1) : v - 1;
      if (b.kind == "less_than" && r <= v) r = v >= 100 ? round2(v + v / 50 + 1, 1) : v + 1;
      const std::string& phrase = rng_.pick(b.phrases);
      const std::string text = rounded_text(r, script());
      if (after) {
        out += text;
        tail = " " + phrase;
      } else {
        out += phrase + " " + text;
      }
      return;
    }
    if (allow_bound && v >= 1000 && rng_.below(100) < static_cast<std::uint64_t>(t_.style_weights[3])) {
      const std::uint64_t r = round2(v, 0);
      if (r != v) {  // "about": the nearest rounding stays within any sane tolerance
        for (const auto& b : v_.bounds_before)
          if (b.kind == "about") {
            out += rng_.pick(b.phrases) + " " + rounded_text(r, script());
            return;
          }
      }
    }
    out += exact_text(v);
  }

  std::string date_text(std::int64_t day) {
    const Civil c = civil_from_days(kEpoch + day);
    const auto& forms = v_.months[c.m - 1];
    std::string month = rng_.pick(forms);
    if (forms.size() > 1 && rng_.percent(t_.double_month_chance)) {
      const std::string& other = rng_.pick(forms);
      if (other != month) month += "/" + other;
    }
    const DigitScript& s = script();
    return digits(c.d, s) + " " + month + " " + digits(static_cast<std::uint64_t>(c.y), s);
  }

  void expand(const Template& t, ArticleCtx& a, std::string& out) {
    for (const auto& seg : t) {
      switch (seg.slot) {
        case Slot::kText: out += seg.text; break;
        case Slot::kPlace: out += rng_.pick(v_.place_forms[a.story->place]); break;
        case Slot::kPlaceAny: out += rng_.pick(rng_.pick(v_.place_forms)); break;
        case Slot::kFig: figure(seg.category, a, true, out, a.tail); break;
        case Slot::kNum: {
          std::string ignored;
          figure(seg.category, a, false, out, ignored);
          break;
        }
        case Slot::kTail:
          out += a.tail;
          a.tail.clear();
          break;
        case Slot::kInc: {
          const std::uint64_t h = mix({seed_, 3, static_cast<std::uint64_t>(a.story->place),
                                       static_cast<std::uint64_t>(a.day), static_cast<std::uint64_t>(seg.category)});
          std::uint64_t v = 1 + h % static_cast<std::uint64_t>(std::max(1, t_.incident_max));
          if (a.off_pct) v += static_cast<std::uint64_t>(a.off_pct > 0 ? 1 + a.off_pct / 10 : 0);
          out += digits(v, script());
          break;
        }
        case Slot::kNoun: out += rng_.pick(v_.categories[seg.category].nouns); break;
        case Slot::kVerb: out += rng_.pick(v_.categories[seg.category].verbs); break;
        case Slot::kDate: out += date_text(a.day); break;
        case Slot::kStart: out += date_text(a.story->start); break;
        case Slot::kNumDate: {
          const Civil c = civil_from_days(kEpoch + a.day);
          out += fmt::format("{}/{}/{}", c.d, c.m, c.y);
          break;
        }
        case Slot::kWeekday: {
          const std::int64_t z = kEpoch + a.day;  // days since 1970-01-01, a Thursday
          out += t_.weekdays[static_cast<std::size_t>(((z % 7) + 11) % 7)];
          break;
        }
        case Slot::kMonth: out += rng_.pick(v_.months[civil_from_days(kEpoch + a.day).m - 1]); break;
        case Slot::kYear: out += digits(static_cast<std::uint64_t>(civil_from_days(kEpoch + a.day).y), script()); break;
        case Slot::kOfficial: out += rng_.pick(t_.titles) + " " + rng_.pick(t_.names); break;
        case Slot::kSpeaker: out += a.story->speaker; break;
        case Slot::kName: out += rng_.pick(t_.names); break;
        case Slot::kOutlet: out += rng_.pick(t_.outlets); break;
        case Slot::kQuote: {
          const auto& [open, close] = rng_.pick(t_.quote_marks);
          out += open;
          std::string saved = std::move(a.tail);
          a.tail.clear();
          expand(rng_.pick(t_.quotes), a, out);
          a.tail = std::move(saved);
          out += close;
          break;
        }
        case Slot::kPct: {
          out += digits(static_cast<std::uint64_t>(rng_.range(5, 95)), script());
          const std::string& w = rng_.pick(v_.percent);
          if (w != "%") out += ' ';
          out += w;
          break;
        }
        case Slot::kSmall: out += digits(static_cast<std::uint64_t>(rng_.range(2, 12)), script()); break;
        case Slot::kLabel: {
          const std::string& w = rng_.pick(v_.labels);
          out += w;
          if (w.back() != '-') out += ' ';
          out += digits(static_cast<std::uint64_t>(rng_.range(2, 2400)), script());
          break;
        }
        case Slot::kUnit:
          out += digits(static_cast<std::uint64_t>(rng_.range(2, 72)), script()) + " " + rng_.pick(v_.units);
          break;
        case Slot::kTime: {
          const DigitScript& s = script();
          out += digits(static_cast<std::uint64_t>(rng_.range(1, 12)), s) + ":" + s.digits[rng_.below(6)] +
                 s.digits[rng_.below(10)];
          break;
        }
        case Slot::kPhone: {
          out += '0';
          for (int i = 0; i < 9; ++i) out += static_cast<char>('0' + rng_.below(10));
          break;
        }
        case Slot::kMoney: {
          const DigitScript& s = script();
          const std::uint64_t scale = rng_.percent(70) ? 1000000 : 1000000000;
          if (!v_.multiplier(scale)) {
            out += exact_text(static_cast<std::uint64_t>(rng_.range(1000, 900000)));
          } else if (rng_.percent(25)) {
            out += digits(static_cast<std::uint64_t>(rng_.range(1, 9)), s) + s.decimal +
                   digits(static_cast<std::uint64_t>(rng_.range(1, 9)), s) + " " + scale_word(scale, 1);
          } else {
            const std::uint64_t n = static_cast<std::uint64_t>(scale == 1000000 ? rng_.range(3, 900) : rng_.range(2, 20));
            out += digits(n, s) + " " + scale_word(scale, n);
          }
          const int money = v_.category("money");
          if (money >= 0 && !v_.categories[money].nouns.empty()) out += " " + rng_.pick(v_.categories[money].nouns);
          break;
        }
        case Slot::kCumulative: out += rng_.pick(v_.scope_cumulative); break;
        case Slot::kIncident: out += rng_.pick(v_.scope_incident); break;
        case Slot::kBound: out += rng_.pick(rng_.pick(v_.bounds_before).phrases); break;
      }
    }
  }

  Vocab v_;
  Templates t_;
  std::uint64_t seed_;
  Rng rng_;
  int story_size_;
  std::uint64_t count_ = 0;
  Story story_;
  std::vector<std::pair<std::int64_t, std::int64_t>> world_;
};

std::string yaml_quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Deterministic synthetic Arabic news corpus for tadqiq benchmarks"};
  std::uint64_t articles = 0, bytes = 0, seed = 42;
  int story_size = 8;
  std::string format = "jsonl", out_path = "-";
  std::string rules_dir = TADQIQ_SOURCE_RULES_DIR;
  std::string templates_file = (fs::path(__FILE__).parent_path() / "templates.yaml").string();
  app.add_option("--articles", articles, "Number of articles (default 1000 unless --bytes is given)");
  app.add_option("--bytes", bytes, "Stop once the output reaches this many bytes");
  app.add_option("--format", format, "md (a directory of files) or jsonl (one file)")
      ->check(CLI::IsMember({"md", "jsonl"}));
  app.add_option("--out", out_path, "Output directory (md) or file (jsonl; - for standard output)");
  app.add_option("--seed", seed, "Random seed");
  app.add_option("--story-size", story_size, "Articles per story")->check(CLI::PositiveNumber);
  app.add_option("--rules", rules_dir, "Rules folder to read the vocabulary from");
  app.add_option("--templates", templates_file, "Templates file");
  CLI11_PARSE(app, argc, argv);
  if (articles == 0 && bytes == 0) articles = 1000;

  try {
    Vocab vocab = Vocab::load(rules_dir);
    Templates templates = Templates::load(templates_file, vocab);
    Generator gen(std::move(vocab), std::move(templates), seed, story_size);

    std::ofstream file;
    std::ostream* jsonl = nullptr;
    if (format == "jsonl") {
      if (out_path == "-") {
        jsonl = &std::cout;
      } else {
        file.open(out_path, std::ios::binary);
        if (!file) fail("cannot write " + out_path);
        jsonl = &file;
      }
    } else {
      if (out_path == "-") fail("--format md needs --out DIR");
      fs::create_directories(out_path);
    }

    std::uint64_t total = 0, n = 0;
    std::string record;
    while ((articles == 0 || n < articles) && (bytes == 0 || total < bytes)) {
      const auto a = gen.next();
      ++n;
      if (jsonl) {
        nlohmann::ordered_json j;
        j["id"] = a.id;
        j["title"] = a.title;
        j["date"] = a.date;
        j["source"] = a.source;
        j["url"] = a.url;
        j["story"] = a.story;
        j["text"] = a.text;
        record = j.dump();
        record += '\n';
        *jsonl << record;
      } else {
        record = "---\nid: " + a.id + "\ntitle: " + yaml_quoted(a.title) + "\ndate: " + a.date +
                 "\nsource: " + yaml_quoted(a.source) + "\nurl: " + a.url +
                 "\nstory: " + std::to_string(a.story) + "\n---\n" + a.text + "\n";
        const fs::path p = fs::path(out_path) / fmt::format("{:07d}.md", n);
        std::ofstream f(p, std::ios::binary);
        f << record;
        if (!f) fail("cannot write " + p.string());
      }
      total += record.size();
    }
    if (jsonl) {
      jsonl->flush();
      if (!*jsonl) fail("write error on " + out_path);
    }
    std::fprintf(stderr, "bench_gen_corpus: %llu articles, %llu bytes\n",
                 static_cast<unsigned long long>(n), static_cast<unsigned long long>(total));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_gen_corpus: %s\n", e.what());
    return 2;
  }
  return 0;
}
