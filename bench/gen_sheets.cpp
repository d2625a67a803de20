// bench_gen_sheets — deterministic fact sheets (tadqiq.factsheet/1, JSON Lines) at scale, for
// the compare benchmark (bench/compare.sh): a million articles' sheets are generated in
// seconds, without extracting a million articles.
//
// The sheets model the same world as bench_gen_corpus: articles come in stories (K articles
// about one place over about 3K/4 days); every (place, category) pair has a cumulative figure
// growing day by day over 2023–2025 and every article reports the world on its date, with
// drift (stale figures, figures a few percent off, bounded and rounded figures); incident
// figures are shared by the articles of one place and day. People (officials with an office,
// one or two spellings) visit regions (counted series), hold titles and are quoted. So the
// join sees many keys, most shared by a few articles, a few shared by many, and every class of
// finding: updates, regressions, contradictions, mismatches, title conflicts, spelling
// variants.
//
// Per article (on average): 3 number facts (no key: parsed, never joined), 3 quantities,
// 0.3 ordinals, 1.2 titles, 2 names, 0.6 quotes — about 10 facts. Sentences and texts are
// words drawn from bench/templates.yaml (the generator holds no Arabic), about as long as
// real ones. Place, person and office ids are ASCII, as in real sheets.
//
// Output depends only on the arguments and the templates file: one splitmix64 stream per
// article (seeded from --seed and the article number), no standard-library distribution.
//
// Usage: bench_gen_sheets [--articles N] [--out FILE] [--seed S] [--story-size K]
//                         [--templates FILE]
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "facts/fact.h"
#include "facts/json_writer.h"
#include "rng.h"

namespace {

using tadqiq::bench::Rng;

std::uint64_t mix(std::uint64_t a, std::uint64_t b) { return Rng(a * 0x9E3779B97F4A7C15ull ^ b).next(); }

// Every word of the templates file's strings that is not a slot: the vocabulary of texts.
void collect_words(const YAML::Node& n, std::vector<std::string>& out) {
  if (n.IsScalar()) {
    const std::string s = n.Scalar();
    std::size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && (s[i] == ' ' || s[i] == '\n')) ++i;
      std::size_t j = i;
      while (j < s.size() && s[j] != ' ' && s[j] != '\n') ++j;
      const std::string w = s.substr(i, j - i);
      // Arabic words only (a lead byte of the Arabic block), no slots or punctuation.
      if (w.size() >= 4 && static_cast<unsigned char>(w[0]) >= 0xD8 && static_cast<unsigned char>(w[0]) <= 0xDB &&
          w.find_first_of("{}\"'(),.:;") == std::string::npos)
        out.push_back(w);
      i = j;
    }
  } else if (n.IsSequence() || n.IsMap()) {
    for (const auto& c : n) {
      if (n.IsMap()) collect_words(c.second, out);
      else collect_words(c, out);
    }
  }
}

// Days since 2023-01-01 → ISO date (2023–2025).
std::string iso(int day) {
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int y = 2023;
  for (;;) {
    const int len = (y % 4 == 0) ? 366 : 365;
    if (day < len) break;
    day -= len;
    ++y;
  }
  int m = 0;
  for (;; ++m) {
    const int len = mdays[m] + (m == 1 && y % 4 == 0 ? 1 : 0);
    if (day < len) break;
    day -= len;
  }
  return fmt::format("{:04d}-{:02d}-{:02d}", y, m + 1, day + 1);
}

constexpr int kDays = 1096;  // 2023-01-01 .. 2025-12-31
const char* kCategories[] = {"killed", "injured", "missing", "displaced", "detained",
                             "hostages", "aid_trucks", "buildings", "children", "women"};
const char* kOffices[] = {"prime_minister", "foreign_minister", "defence_minister", "president",
                          "spokesperson", "envoy", "army_chief", "intelligence_chief"};

struct Gen {
  std::uint64_t seed;
  std::uint64_t articles;
  int story;
  std::vector<std::string> words;
  std::uint64_t places, people;

  std::string phrase(Rng& r, int lo, int hi) const {
    std::string s;
    const int n = static_cast<int>(r.range(lo, hi));
    for (int i = 0; i < n; ++i) {
      if (i) s += ' ';
      s += words[r.below(words.size())];
    }
    return s;
  }
  // A word fixed by (what, id, k): the same person is always spelled from the same words.
  const std::string& word(std::uint64_t what, std::uint64_t id, std::uint64_t k) const {
    return words[mix(mix(seed ^ what, id), k) % words.size()];
  }
  std::string person_name(std::uint64_t p, bool variant) const {
    return word(1, p, 0) + " " + word(1, p, variant ? 2 : 1);
  }

  // The world's cumulative figure of (place, category) on a day.
  std::int64_t world(std::uint64_t place, int cat, int day) const {
    const std::uint64_t h = mix(mix(seed ^ 7, place), static_cast<std::uint64_t>(cat));
    const std::int64_t base = 10 + static_cast<std::int64_t>(h % 5000);
    const std::int64_t per_day = static_cast<std::int64_t>((h >> 20) % 40);
    return base + per_day * day;
  }

  tadqiq::Fact fact(Rng& r, const char* type, int& n, const std::string& sentence) const {
    tadqiq::Fact f;
    f.id = fmt::format("{}-{}", type, ++n);
    f.type = type;
    f.sentence = sentence;
    const std::size_t line = 4 + r.below(14);
    const std::size_t col = 1 + r.below(120);
    f.span = {line * 300 + col * 2, line * 300 + col * 2 + 20, static_cast<int>(line), static_cast<int>(col),
              static_cast<int>(line), static_cast<int>(col + 10)};
    return f;
  }

  tadqiq::FactSheet sheet(std::uint64_t i) const {
    Rng r(mix(seed, i));
    const std::uint64_t story_no = i / static_cast<std::uint64_t>(story);
    Rng sr(mix(seed ^ 3, story_no));
    const std::uint64_t place = sr.skewed(places);
    const int story_days = std::max(1, story * 3 / 4);
    const int start = static_cast<int>(sr.below(kDays - story_days));
    const int day = start + static_cast<int>(r.below(story_days));
    const std::string date = iso(day);

    tadqiq::FactSheet s;
    auto& a = s.article;
    a.id = fmt::format("gen-{:07d}", i);
    a.path = "corpus.jsonl";
    a.format = "jsonl";
    a.encoding = "UTF-8";
    a.record = i + 1;
    a.title = phrase(r, 5, 10);
    a.date = date;
    a.source = fmt::format("outlet-{}", r.below(40));
    a.url = fmt::format("https://news.example/{}/{}", date, i);
    a.sha256 = fmt::format("{:016x}{:016x}{:016x}{:016x}", r.next(), r.next(), r.next(), r.next());
    a.meta = {{"date", date}, {"id", a.id}, {"source", a.source}, {"story", story_no}, {"title", a.title},
              {"url", a.url}};

    int n_number = 0, n_quantity = 0, n_ordinal = 0, n_title = 0, n_name = 0, n_quote = 0;
    // Numbers: parsed by compare, never joined (no key).
    for (int k = 0, m = static_cast<int>(r.range(2, 4)); k < m; ++k) {
      auto f = fact(r, "number", n_number, phrase(r, 12, 30));
      const std::int64_t v = r.range(1, 3000);
      f.value = {{"min", v}, {"max", v}};
      f.text = std::to_string(v);
      f.attributes = {{"bound", "exact"}, {"kind", "cardinal"}, {"role", "figure"}, {"figure", v}};
      s.facts.push_back(std::move(f));
    }
    // Quantities: the story's place, drifting reports of the world.
    for (int k = 0, m = static_cast<int>(r.range(2, 4)); k < m; ++k) {
      const int cat = static_cast<int>(r.below(std::size(kCategories)));
      const int scope_pick = static_cast<int>(r.below(100));
      const char* scope = scope_pick < 70 ? "cumulative" : scope_pick < 90 ? "incident" : "unspecified";
      std::int64_t v;
      if (scope_pick < 70) {
        const int d = r.percent(10) ? std::max(0, day - static_cast<int>(r.range(1, 5))) : day;
        v = world(place, cat, d);
      } else {
        v = 1 + static_cast<std::int64_t>(mix(mix(seed ^ 11, place), static_cast<std::uint64_t>(day * 16 + cat)) % 60);
      }
      if (r.percent(6)) v = v + v * r.range(-25, 25) / 100;
      if (v < 1) v = 1;
      auto f = fact(r, "quantity", n_quantity, phrase(r, 12, 30));
      const int bound_pick = static_cast<int>(r.below(100));
      std::string bound = "exact";
      if (bound_pick < 15 && v >= 100) {  // "more than" a rounded figure
        const auto p = static_cast<std::int64_t>(std::pow(10, std::floor(std::log10(static_cast<double>(v))) - 1));
        f.value = {{"min", v / p * p}, {"max", nullptr}};
        bound = "more_than";
      } else if (bound_pick < 25 && v >= 100) {  // "about" a rounded figure
        const auto p = static_cast<std::int64_t>(std::pow(10, std::floor(std::log10(static_cast<double>(v))) - 1));
        f.value = {{"min", (v + p / 2) / p * p}, {"max", (v + p / 2) / p * p}};
        bound = "about";
      } else {
        f.value = {{"min", v}, {"max", v}};
      }
      f.key = fmt::format("{}/place_{:06d}/{}", kCategories[cat], place, scope);
      f.text = fmt::format("{} {}", v, word(2, static_cast<std::uint64_t>(cat), 0));
      f.as_of = date;
      f.attributes = {{"category", kCategories[cat]}, {"noun", word(2, static_cast<std::uint64_t>(cat), 0)},
                      {"location", fmt::format("place_{:06d}", place)}, {"scope", scope}, {"bound", bound},
                      {"as_of_source", "article_date"}};
      s.facts.push_back(std::move(f));
    }
    // Counted series: an official's visits to a region since a fixed start.
    if (r.percent(30)) {
      const std::uint64_t p = r.skewed(std::min<std::uint64_t>(people, 2000));
      const int region = static_cast<int>(mix(seed ^ 13, p) % 10);
      const int first = static_cast<int>(mix(seed ^ 17, p) % 200);
      std::int64_t nth = 1 + std::max(0, day - first) / 45;
      if (r.percent(3)) nth += r.percent(50) ? 1 : -1;
      if (nth < 1) nth = 1;
      auto f = fact(r, "ordinal", n_ordinal, phrase(r, 12, 30));
      const std::string series = fmt::format("visit@region_{}", region);
      f.key = fmt::format("series/person_{:06d}/{}/war_start", p, series);
      f.value = {{"min", nth}, {"max", nth}};
      f.text = phrase(r, 2, 3);
      f.as_of = date;
      f.attributes = {{"series", series}, {"noun", word(3, 0, 0)}, {"ordinal", nth},
                      {"subject", fmt::format("person_{:06d}", p)}, {"subject_name", person_name(p, false)},
                      {"subject_source", "name"}, {"anchor", "war_start"},
                      {"destination", fmt::format("region_{}", region)}, {"as_of_source", "article_date"}};
      s.facts.push_back(std::move(f));
    }
    // People of the article: titles, names, quotes.
    const int present = static_cast<int>(r.range(1, 3));
    for (int k = 0; k < present; ++k) {
      const std::uint64_t p = r.skewed(people);
      const bool spelled_two_ways = r.percent(3);
      const bool house_variant = mix(seed ^ 19, p) % 4 == 0 && r.percent(50);  // another outlet's spelling
      const std::string name = person_name(p, house_variant);
      const std::string office = kOffices[mix(seed ^ 23, p) % std::size(kOffices)];
      if (r.percent(60)) {
        auto f = fact(r, "title", n_title, phrase(r, 12, 30));
        const bool deputy = r.percent(1);
        f.key = fmt::format("title/person_{:06d}", p);
        f.value = {{"office", office},
                   {"modifiers", deputy ? nlohmann::json::array({"deputy"}) : nlohmann::json::array()},
                   {"country", fmt::format("country_{}", mix(seed ^ 29, p) % 30)},
                   {"canonical", deputy ? "deputy_" + office : office}};
        f.text = phrase(r, 2, 4) + " " + name;
        f.attributes = {{"person", name}, {"person_id", fmt::format("person_{:06d}", p)},
                        {"title", phrase(r, 2, 4)}, {"position", "before_name"},
                        {"kb", deputy ? "inconsistent" : (r.percent(70) ? "consistent" : "unknown")}};
        s.facts.push_back(std::move(f));
      }
      for (int v = 0; v < (spelled_two_ways ? 2 : 1); ++v) {
        auto f = fact(r, "name", n_name, phrase(r, 12, 30));
        const std::string spelling = v == 0 ? name : person_name(p, !house_variant);
        const std::string id = fmt::format("person_{:06d}", p);
        f.key = "name/" + id;
        f.value = {{"id", id}, {"spelling", spelling}};
        f.text = spelling;
        f.attributes = {{"kind", "person"}, {"source", "kb"}, {"folded", spelling},
                        {"keys", fmt::format("k{}a k{}b", p, p)}, {"mentions", 1 + r.below(4)},
                        {"en", fmt::format("Person {}", p)}};
        if (spelled_two_ways) f.attributes["variants"] = {name, person_name(p, !house_variant)};
        s.facts.push_back(std::move(f));
      }
      if (r.percent(30)) {
        // The statement of the week: every outlet quotes it, a few reword one word.
        const std::uint64_t statement = mix(mix(seed ^ 31, p), static_cast<std::uint64_t>(day / 7));
        Rng qr(statement);
        std::string text = phrase(qr, 8, 20);
        if (r.percent(5)) text += " " + words[r.below(words.size())];
        auto f = fact(r, "quote", n_quote, phrase(r, 12, 30));
        const std::string id = fmt::format("person_{:06d}", p);
        f.key = "quote/" + id;
        f.value = {{"text", text}, {"normalized", text}};
        f.text = "\"" + text + "\"";
        f.attributes = {{"delimiter", "\"\""}, {"kind", "statement"}, {"words", 8},
                        {"speaker", name}, {"speaker_id", id}, {"speaker_text", name},
                        {"speaker_kind", "person"}, {"attribution", "verb"}, {"frame", word(4, 0, 0)}};
        s.facts.push_back(std::move(f));
      }
    }
    return s;
  }
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bench_gen_sheets: deterministic fact sheets (JSONL) for the compare benchmark"};
  std::uint64_t articles = 1000, seed = 42;
  int story = 8;
  std::string out_path = "-";
  std::string templates = std::string(TADQIQ_BENCH_DIR) + "/templates.yaml";
  app.add_option("--articles", articles, "number of articles (sheets)");
  app.add_option("--out", out_path, "output JSONL file (- for standard output)");
  app.add_option("--seed", seed, "generator seed");
  app.add_option("--story-size", story, "articles per story")->check(CLI::PositiveNumber);
  app.add_option("--templates", templates, "vocabulary: bench/templates.yaml");
  CLI11_PARSE(app, argc, argv);

  Gen g{seed, articles, story, {}, std::max<std::uint64_t>(1000, articles / 20),
        std::max<std::uint64_t>(2000, articles / 10)};
  try {
    collect_words(YAML::LoadFile(templates), g.words);
  } catch (const std::exception& e) {
    fmt::print(stderr, "bench_gen_sheets: {}: {}\n", templates, e.what());
    return 2;
  }
  if (g.words.size() < 50) {
    fmt::print(stderr, "bench_gen_sheets: {}: too few words ({})\n", templates, g.words.size());
    return 2;
  }
  std::ofstream file;
  if (out_path != "-") {
    file.open(out_path, std::ios::binary);
    if (!file) {
      fmt::print(stderr, "bench_gen_sheets: cannot write {}\n", out_path);
      return 2;
    }
  }
  std::ostream& out = out_path == "-" ? std::cout : file;
  std::string buf;
  std::uint64_t facts = 0, bytes = 0;
  for (std::uint64_t i = 0; i < articles; ++i) {
    const auto s = g.sheet(i);
    facts += s.facts.size();
    tadqiq::append_sheet_json(buf, s);
    buf += '\n';
    if (buf.size() > (1u << 22)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      bytes += buf.size();
      buf.clear();
    }
  }
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  bytes += buf.size();
  out.flush();
  if (!out) {
    fmt::print(stderr, "bench_gen_sheets: write failed\n");
    return 1;
  }
  fmt::print(stderr, "bench_gen_sheets: {} articles, {} facts, {} bytes\n", articles, facts, bytes);
  return 0;
}
