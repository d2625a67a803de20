#include "compare/grouped.h"

#include <deque>
#include <stdexcept>

#include <fmt/format.h>

#include "facts/keyed.h"

namespace tadqiq::compare {

namespace {

// The facts of the current key, with their articles (kept stable in deques).
struct PendingGroup {
  std::string key;  // "<type>:<fact key>"
  std::deque<ArticleMeta> articles;
  std::deque<Fact> facts;
  std::deque<std::size_t> lines;  // each fact's input line

  void flush(const Checks& checks, const std::string& name, std::vector<Finding>& out,
             std::vector<InputError>& errors, GroupedStats& stats) {
    if (facts.empty()) return;
    Group g;
    g.type = facts.front().type;
    g.key = facts.front().key;
    for (std::size_t i = 0; i < facts.size(); ++i) g.facts.push_back({&articles[i], &facts[i]});
    check_group(g, checks, out, [&](const ArticleMeta&, const Fact& f, const std::string& m) {
      for (std::size_t i = 0; i < facts.size(); ++i)
        if (&facts[i] == &f) errors.push_back({name, std::nullopt, lines[i], m});
    });
    ++stats.groups;
    articles.clear();
    facts.clear();
    lines.clear();
  }
};

}  // namespace

std::vector<Finding> compare_grouped(std::istream& in, const std::string& name, const Checks& checks,
                                     std::vector<InputError>& errors, GroupedStats& stats) {
  std::vector<Finding> out;
  PendingGroup pending;
  std::string line, previous_key;
  while (std::getline(in, line)) {
    ++stats.lines;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::string_view key, json_text;
    auto bad = [&](const std::string& why) {
      InputError e;
      e.file = name;
      e.record = stats.lines;
      e.message = why;
      errors.push_back(std::move(e));
    };
    if (!split_keyed_line(line, key, json_text)) {
      bad("not a keyed line (KEY<TAB>JSON)");
      continue;
    }
    if (!previous_key.empty() && key < previous_key)
      throw std::runtime_error(fmt::format("{}:{}: input is not sorted by key (sort it with LC_ALL=C sort)",
                                           name, stats.lines));
    if (key != pending.key) pending.flush(checks, name, out, errors, stats);
    previous_key.assign(key);
    try {
      const auto j = nlohmann::json::parse(json_text);
      if (key.substr(0, kSheetKeyPrefix.size()) == kSheetKeyPrefix) {
        const FactSheet sheet = j.get<FactSheet>();
        ++stats.sheets;
        check_sheet(sheet, checks, out, [&](const ArticleMeta&, const Fact&, const std::string& m) {
          errors.push_back({name, std::nullopt, stats.lines, m});
        });
        continue;
      }
      Fact f = j.at("fact").get<Fact>();
      ArticleMeta a = j.at("article").get<ArticleMeta>();
      if (pending.facts.empty()) pending.key.assign(key);
      pending.facts.push_back(std::move(f));
      pending.articles.push_back(std::move(a));
      pending.lines.push_back(stats.lines);
      ++stats.facts;
    } catch (const std::exception& e) {
      bad(std::string("bad JSON: ") + e.what());
    }
  }
  pending.flush(checks, name, out, errors, stats);
  finalize(out);
  return out;
}

}  // namespace tadqiq::compare
