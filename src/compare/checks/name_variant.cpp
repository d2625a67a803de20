// The name_variant check: one person spelled differently across articles. See
// docs/checks/name_variant.md.
//
// Reads the `name` facts of one person (key `name/<id>`): one fact per (article, spelling),
// with the spelling's folded words and their transliteration keys. Two words with the same key
// but written differently in the matching view ("جالانت" / "غالانت", "بارنيا" / "بارنياع") are
// two spellings of one name part. Such a pair is reported here only when no article uses both
// (an article that does is reported by name_spelling, per article), so a house-style
// difference across articles is reported once per person, listing each spelling and where it
// appears. A full name and a surname alone share their words and are not variants; nor are
// differences the view folds away (hamza seats, ة/ه, tashkeel). Organisations are not checked.
#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "compare/check_config.h"
#include "compare/checks/checks.h"
#include "facts/quote_text.h"

namespace tadqiq::compare {
namespace {

constexpr const char* kName = "name_variant";

class NameVariantCheck final : public Check {
 public:
  explicit NameVariantCheck(const rules::RuleSet& rs) : sev_(class_severity(rs, kName, "variant", Severity::info)) {}

  std::string_view name() const override { return kName; }
  std::string_view kind() const override { return "name"; }
  std::string_view fact_type() const override { return "name"; }

  void check(const Group& g, std::vector<Finding>& out) const override {
    // Most people are spelled one way everywhere: nothing to compare.
    const std::string* one = nullptr;
    bool several = false;
    for (const auto& r : g.facts) {
      const auto& a = r.fact->attributes;
      if (!a.is_object()) continue;
      const auto it = a.find("folded");
      if (it == a.end() || !it->is_string()) continue;
      const auto& folded = it->get_ref<const std::string&>();
      if (!one) {
        one = &folded;
      } else if (folded != *one) {
        several = true;
        break;
      }
    }
    if (!several) return;
    // key -> folded word -> (article id -> first fact with that word).
    std::map<std::string, std::map<std::string, std::map<std::string, const FactRef*>>> by_key;
    for (const auto& r : g.facts) {
      const auto& a = r.fact->attributes;
      if (!a.is_object() || (a.contains("kind") && str_of(a, "kind") != "person")) continue;
      const auto words = quote_text::split_words(str_of(a, "folded"));
      const auto keys = quote_text::split_words(str_of(a, "keys"));
      if (words.empty() || words.size() != keys.size()) continue;
      for (std::size_t i = 0; i < words.size(); ++i) {
        auto& slot = by_key[keys[i]][words[i]][r.article->id];
        if (!slot || r.fact->span.start < slot->fact->span.start) slot = &r;
      }
    }
    // Pairs of spellings of one name part that no article uses together.
    std::set<std::pair<std::string, std::string>> pairs;  // (key, word) involved
    std::vector<std::string> listed;
    for (const auto& [key, spellings] : by_key) {
      if (spellings.size() < 2) continue;
      std::set<std::string> involved;
      for (auto x = spellings.begin(); x != spellings.end(); ++x)
        for (auto y = std::next(x); y != spellings.end(); ++y) {
          bool together = false;
          for (const auto& [article, _] : x->second) together = together || y->second.count(article);
          if (together) continue;
          involved.insert(x->first);
          involved.insert(y->first);
        }
      for (const auto& w : involved) pairs.emplace(key, w);
    }
    if (pairs.empty()) return;
    // One finding per person: each spelling involved with the files using it.
    std::vector<const FactRef*> ev;
    std::set<const FactRef*> seen;
    std::string current_key;
    std::vector<std::string> groups, spellings;
    for (const auto& [key, word] : pairs) {
      if (key != current_key && !spellings.empty()) {
        groups.push_back(fmt::format("{}", fmt::join(spellings, " vs ")));
        spellings.clear();
      }
      current_key = key;
      std::vector<std::string> where;
      std::string shown;
      for (const auto& [article, ref] : by_key.at(key).at(word)) {
        where.push_back(fmt::format("{}:{}", ref->article->path, ref->fact->span.line));
        if (shown.empty()) shown = shown_word(*ref->fact, word);
        if (seen.insert(ref).second) ev.push_back(ref);
      }
      spellings.push_back(fmt::format("\"{}\" ({})", shown, fmt::join(where, ", ")));
    }
    if (!spellings.empty()) groups.push_back(fmt::format("{}", fmt::join(spellings, " vs ")));
    std::sort(ev.begin(), ev.end(), [](const FactRef* x, const FactRef* y) {
      return x->article->id != y->article->id ? x->article->id < y->article->id
                                              : x->fact->span.start < y->fact->span.start;
    });
    const auto& first = *ev.front()->fact;
    std::string who = str_of(first.attributes, "en");
    if (who.empty()) who = std::string(g.key.substr(5));
    Finding f = make_finding(kName, "name", "variant", sev_, g.key);
    f.message = fmt::format("{} is spelled differently across articles: {}. Pick one spelling (house style).", who,
                            fmt::join(groups, "; "));
    for (const auto* r : ev) f.evidence.push_back(evidence_of(*r->article, *r->fact));
    out.push_back(std::move(f));
  }

 private:
  // The word as written in the fact's spelling (same position as in `folded`), else folded.
  static std::string shown_word(const Fact& f, const std::string& folded_word) {
    const auto folded = quote_text::split_words(str_of(f.attributes, "folded"));
    const auto written = quote_text::split_words(str_of(f.value, "spelling"));
    if (folded.size() == written.size())
      for (std::size_t i = 0; i < folded.size(); ++i)
        if (folded[i] == folded_word) return written[i];
    return folded_word;
  }

  Severity sev_;
};

}  // namespace

std::unique_ptr<Check> make_name_variant_check(const rules::RuleSet& rules) {
  return std::make_unique<NameVariantCheck>(rules);
}

}  // namespace tadqiq::compare
