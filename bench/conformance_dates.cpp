// bench_conformance_dates — scores `tadqiq extract` on the Microsoft Recognizers-Text Arabic
// DateTime specs (date, date period, duration and holiday extractors and parsers).
//
// The tool never links the extractor: it writes the cases as JSONL articles, `tadqiq extract`
// turns them into fact sheets, and the tool scores the sheets (see bench/conformance_dates.sh
// and docs/conformance.md, "Dates").
//
//   bench_conformance_dates prepare SPEC_DIR CASES.jsonl
//   bench_conformance_dates score SPEC_DIR SHEETS.jsonl [--disputed FILE] [--rules DIR]
//                                 [--failures FILE]
//
// Scoring (per case):
//  * extraction: every expected result has a fact of the expected family (date facts for
//    date/daterange, duration facts for duration) whose span overlaps the expected span (in
//    code points), and no other fact of the spec's family is there (date specs do not count
//    duration facts and the reverse: the suite tests them with separate specs; the sheet's
//    reference-date fact is never counted). A case with no expected result passes when no such
//    fact exists.
//  * resolution (parsers): the overlapping fact's value equals the expected resolution:
//    FutureResolution when the input is clearly future, else PastResolution. "Clearly future"
//    is the rule of rules/dates.yaml `future` (a future word, or a verb with the future
//    prefix), applied to the whole input. Periods match on start and on end (inclusive or
//    exclusive); durations on seconds (months of 30 days, years of 365). An expected
//    "0001-01-01" (no such date) passes when no value is given.
//  * "spec" rate: cases marked IgnoreResolution in the spec pass on extraction alone, as the
//    reference implementation scores them.
//  * disputed cases (FILE: "Spec#index<TAB>reason" lines) are listed and left out of the rate.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "extract/lexicon.h"
#include "normalize/normalize.h"
#include "rules/rules.h"

using nlohmann::json;

namespace {

const char* const kSpecs[] = {"DateExtractor", "DateParser",       "DatePeriodExtractor", "DatePeriodParser",
                              "DurationExtractor", "DurationParser", "HolidayExtractor",  "HolidayParser"};

json load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  return json::parse(in);
}

// Code point index of byte offset `b` in UTF-8 `s`.
std::size_t cp_index(const std::string& s, std::size_t b) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < b && i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}

// Whole UTF-16 units of a string (the specs' Start/Length are .NET string indexes).
std::size_t u16_len(const std::string& s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) n += c >= 0xF0 ? 2 : 1;
  }
  return n;
}

struct Future {
  std::unordered_set<std::string> words, not_verbs;
  std::string prefix;
  std::vector<std::string> imperfect;
  std::size_t min_stem = 3;

  explicit Future(const std::string& rules_dir) {
    std::vector<tadqiq::rules::RuleError> errors;
    const auto rs = tadqiq::rules::RuleSet::load({rules_dir}, errors);
    const auto f = rs.doc("dates.yaml")["future"];
    if (!f) return;
    for (const auto& w : f["words"]) words.insert(tadqiq::normalize::fold(w.as<std::string>()));
    for (const auto& w : f["not_verbs"]) not_verbs.insert(tadqiq::normalize::fold(w.as<std::string>()));
    for (const auto& w : f["imperfect_letters"]) imperfect.push_back(tadqiq::normalize::fold(w.as<std::string>()));
    prefix = tadqiq::normalize::fold(f["verb_prefix"].as<std::string>(""));
    if (f["min_stem"]) min_stem = f["min_stem"].as<std::size_t>();
  }

  bool operator()(const std::string& text) const {
    const std::string v = tadqiq::normalize::fold(text);
    for (const auto& t : tadqiq::extract::tokenize(v)) {
      std::string tok = v.substr(t.begin, t.end - t.begin);
      if (words.count(tok)) return true;
      for (int pass = 0; pass < 2; ++pass) {
        if (!prefix.empty() && tok.compare(0, prefix.size(), prefix) == 0 && !not_verbs.count(tok)) {
          const std::string rest = tok.substr(prefix.size());
          for (const auto& l : imperfect)
            if (rest.compare(0, l.size(), l) == 0 && rest.size() >= 2 * (min_stem + 1)) return true;
        }
        if (tok.size() > 2) tok = tok.substr(2);  // a one-letter conjunction before it
        else break;
      }
    }
    return false;
  }
};

double unit_seconds(const std::string& u) {
  static const std::map<std::string, double> s = {{"second", 1},        {"minute", 60},      {"hour", 3600},
                                                  {"day", 86400},       {"week", 604800},    {"month", 2592000},
                                                  {"year", 31536000},   {"decade", 315360000}};
  auto it = s.find(u);
  return it == s.end() ? 0 : it->second;
}

std::string plus_days(const std::string& iso, int n) {
  int y, m, d;
  if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return "";
  std::tm t{};
  t.tm_year = y - 1900;
  t.tm_mon = m - 1;
  t.tm_mday = d + n;
  t.tm_hour = 12;
  timegm(&t);
  return fmt::format("{:04}-{:02}-{:02}", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday);
}

int prepare(const std::string& dir, const std::string& out_path) {
  std::ofstream out(out_path);
  std::size_t n = 0;
  for (const char* spec : kSpecs) {
    const json cases = load(dir + "/" + spec + ".json");
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const json& c = cases[i];
      json rec = {{"id", fmt::format("{}#{}", spec, i)}, {"text", c.value("Input", "")}};
      if (c.contains("Context") && c["Context"].contains("ReferenceDateTime"))
        rec["date"] = c["Context"]["ReferenceDateTime"].get<std::string>().substr(0, 10);
      out << rec.dump() << '\n';
      ++n;
    }
  }
  std::cerr << "prepare: " << n << " cases written to " << out_path << '\n';
  return 0;
}

struct Tally {
  int total = 0, disputed = 0, extracted = 0, pass = 0, pass_spec = 0, pass_past = 0, raw = 0;
};

int score(const std::string& dir, const std::string& sheets_path, const std::string& disputed_path,
          const std::string& rules_dir, const std::string& failures_path) {
  std::map<std::string, json> sheets;
  {
    std::ifstream in(sheets_path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      json s = json::parse(line);
      const std::string id = s["article"]["id"].get<std::string>();
      sheets[id] = std::move(s);
    }
  }
  std::map<std::string, std::string> disputed;
  if (!disputed_path.empty()) {
    std::ifstream in(disputed_path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      const auto tab = line.find('\t');
      disputed[line.substr(0, tab)] = tab == std::string::npos ? "" : line.substr(tab + 1);
    }
  }
  const Future future(rules_dir);
  std::ofstream fail(failures_path.empty() ? "/dev/null" : failures_path);
  std::map<std::string, Tally> tallies;
  std::set<std::string> used_disputes;

  for (const char* spec : kSpecs) {
    const json cases = load(dir + "/" + spec + ".json");
    const bool parser = std::string(spec).find("Parser") != std::string::npos;
    const bool dur = std::string(spec).rfind("Duration", 0) == 0;
    Tally& t = tallies[spec];
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const json& c = cases[i];
      const std::string id = fmt::format("{}#{}", spec, i);
      const std::string input = c.value("Input", "");
      ++t.total;
      // Facts of the family, with code point spans.
      struct F {
        std::size_t b, e;
        const json* fact;
        bool used = false;
      };
      std::vector<F> facts;
      const auto it = sheets.find(id);
      if (it != sheets.end())
        for (const auto& f : it->second["facts"]) {
          const std::string type = f["type"];
          if (type != "date" && type != "duration") continue;
          if (f["attributes"].value("role", "") == "reference") continue;
          facts.push_back({cp_index(input, f["span"]["start"]), cp_index(input, f["span"]["end"]), &f});
        }
      const bool fut = future(input);
      bool ok_extract = true, ok_value = true, ok_past = true;
      std::vector<std::string> why;
      for (const auto& r : c["Results"]) {
        const std::size_t s = r.value("Start", 0);
        const std::size_t e = s + r.value("Length", u16_len(r.value("Text", "")));
        const std::string rtype = r.value("Type", r.value("TypeName", ""));
        const bool want_duration = rtype.find("duration") != std::string::npos;
        F* hit = nullptr;
        for (auto& f : facts)
          if (f.b < e && s < f.e && ((*f.fact)["type"] == "duration") == want_duration) {
            hit = &f;
            break;
          }
        if (!hit) {
          // A fact of the other family over the span still counts as extracted for extractors
          // of dates ("قبل يومين" is a date here, a duration nowhere).
          ok_extract = false;
          why.push_back("missing " + r.value("Text", ""));
          continue;
        }
        hit->used = true;
        if (!parser || !r.contains("Value")) continue;
        const json& val = r["Value"];
        const json& f = *hit->fact;
        auto match = [&](const json& res) -> bool {
          if (!res.is_object()) return false;
          if (res.empty()) return true;  // the spec gives no resolution (seasons): extraction decides
          if (res.contains("date")) {
            const std::string d = res["date"];
            if (d == "0001-01-01") return f["value"].is_null();
            return f["value"].is_string() && f["value"] == d;
          }
          if (res.contains("startDate")) {
            if (!f["value"].is_object()) return false;
            const std::string a = res["startDate"], b = res["endDate"];
            return f["value"]["start"] == a && (f["value"]["end"] == b || f["value"]["end"] == plus_days(b, -1));
          }
          if (res.contains("duration")) {
            if (!f["value"].is_object() || !f["value"]["amount"].is_number()) return false;
            const double want = std::stod(res["duration"].get<std::string>());
            const double got =
                f["value"]["amount"].get<double>() * unit_seconds(f["value"].value("unit", std::string()));
            return std::fabs(want - got) <= 1e-6 * std::max(1.0, want);
          }
          return false;
        };
        const json past = val.value("PastResolution", json());
        const json futr = val.value("FutureResolution", json());
        if (!match(fut ? futr : past)) {
          ok_value = false;
          why.push_back(fmt::format("value {} for {} (want {})", f["value"].dump(), r.value("Text", ""),
                                    (fut ? futr : past).dump()));
        }
        if (!match(past)) ok_past = false;
      }
      for (const auto& f : facts)
        if (!f.used && ((*f.fact)["type"] == "duration") == dur) {  // the other family is another spec's
          ok_extract = false;
          why.push_back("extra " + (*f.fact)["text"].get<std::string>());
        }
      const bool ignore = c.value("IgnoreResolution", "") == "true";
      const bool pass = ok_extract && ok_value;
      t.raw += pass;
      if (disputed.count(id)) {
        ++t.disputed;
        used_disputes.insert(id);
        continue;
      }
      t.extracted += ok_extract;
      t.pass += pass;
      t.pass_spec += ok_extract && (ok_value || ignore);
      t.pass_past += ok_extract && ok_past;
      if (!pass) {
        fail << id << "\t" << input << "\t";
        for (const auto& w : why) fail << w << "; ";
        fail << "\n";
      }
    }
  }
  std::cout << "| spec | cases | disputed | scored | extracted | passed | rate | spec rate | past-only rate | raw rate |\n";
  std::cout << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const char* spec : kSpecs) {
    const Tally& t = tallies[spec];
    const int scored = t.total - t.disputed;
    auto pct = [&](int x) { return scored ? fmt::format("{:.1f}%", 100.0 * x / scored) : std::string("-"); };
    const bool parser = std::string(spec).find("Parser") != std::string::npos;
    std::cout << fmt::format("| {} | {} | {} | {} | {} | {} | **{}** | {} | {} | {:.1f}% |\n", spec, t.total,
                             t.disputed, scored, t.extracted, t.pass, pct(t.pass), parser ? pct(t.pass_spec) : "-",
                             parser ? pct(t.pass_past) : "-", t.total ? 100.0 * t.raw / t.total : 0.0);
  }
  for (const auto& [id, reason] : disputed)
    if (!used_disputes.count(id)) std::cerr << "warning: disputed case not found: " << id << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::vector<std::string> a(argv + 1, argv + argc);
    if (a.size() >= 3 && a[0] == "prepare") return prepare(a[1], a[2]);
    if (a.size() >= 3 && a[0] == "score") {
      std::string disputed, rules = TADQIQ_SOURCE_RULES_DIR, failures;
      for (std::size_t i = 3; i + 1 < a.size(); i += 2) {
        if (a[i] == "--disputed") disputed = a[i + 1];
        else if (a[i] == "--rules") rules = a[i + 1];
        else if (a[i] == "--failures") failures = a[i + 1];
      }
      return score(a[1], a[2], disputed, rules, failures);
    }
    std::cerr << "usage: bench_conformance_dates prepare SPEC_DIR CASES.jsonl\n"
                 "       bench_conformance_dates score SPEC_DIR SHEETS.jsonl [--disputed FILE] [--rules DIR] "
                 "[--failures FILE]\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "bench_conformance_dates: " << e.what() << '\n';
    return 2;
  }
}
