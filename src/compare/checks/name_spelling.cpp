// The name_spelling check: one person spelled two ways inside one article. See
// docs/checks/name_spelling.md.
//
// Reads the article's "name" facts (the names extractor gives one fact per person and
// spelling, with the spelling's folded words and their transliteration keys). Two spellings of
// the same person differ as a *variant* when a word of one and a word of the other have the same
// key but are written differently ("ميللر" / "ميلر", "يتسحق" / "يتسحاق"). A full name and a
// surname alone ("أنتوني بلينكن" / "بلينكن") share their words and are not variants; neither are
// differences the matching view folds away (hamza seats, ة/ه, tashkeel). Organisations are not
// checked. One info finding per person, with the first mention of each differing spelling as
// evidence.
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "compare/check_config.h"
#include "compare/checks/checks.h"

namespace tadqiq::compare {
namespace {

constexpr const char* kName = "name_spelling";

std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

class NameSpellingCheck final : public SheetCheck {
 public:
  explicit NameSpellingCheck(const rules::RuleSet& rs)
      : sev_variant_(class_severity(rs, kName, "variant", Severity::info)) {}

  std::string_view name() const override { return kName; }
  std::string_view kind() const override { return "name"; }

  void check(const FactSheet& sheet, std::vector<Finding>& out) const override {
    struct Spelling {
      const Fact* fact;
      std::vector<std::string> words, keys;
    };
    std::map<std::string, std::vector<Spelling>> by_id;
    for (const auto& f : sheet.facts) {
      if (f.type != "name" || !f.value.is_object() || !f.attributes.is_object()) continue;
      if (f.attributes.value("kind", "person") != "person") continue;
      const std::string id = f.value.value("id", "");
      if (id.empty()) continue;
      Spelling s{&f, words_of(f.attributes.value("folded", "")), words_of(f.attributes.value("keys", ""))};
      if (s.words.size() != s.keys.size() || s.words.empty()) continue;
      by_id[id].push_back(std::move(s));
    }
    for (const auto& [id, spellings] : by_id) {
      if (spellings.size() < 2) continue;
      std::vector<bool> involved(spellings.size(), false);
      std::vector<std::string> pairs;
      for (std::size_t a = 0; a < spellings.size(); ++a)
        for (std::size_t b = a + 1; b < spellings.size(); ++b) {
          const auto& x = spellings[a];
          const auto& y = spellings[b];
          for (std::size_t i = 0; i < x.words.size(); ++i)
            for (std::size_t j = 0; j < y.words.size(); ++j)
              if (x.keys[i] == y.keys[j] && x.words[i] != y.words[j]) {
                involved[a] = involved[b] = true;
                pairs.push_back(fmt::format("\"{}\" (line {}) and \"{}\" (line {})", x.fact->text,
                                            x.fact->span.line, y.fact->text, y.fact->span.line));
                i = x.words.size();
                break;
              }
        }
      if (pairs.empty()) continue;
      Finding f = make_finding(kName, "name", "variant", sev_variant_, "name/" + id);
      const std::string who = spellings.front().fact->attributes.value("en", id);
      f.message = fmt::format("{} is spelled more than one way in {}: {}. Pick one spelling.", who,
                              sheet.article.path, fmt::join(pairs, "; "));
      for (std::size_t k = 0; k < spellings.size(); ++k)
        if (involved[k]) f.evidence.push_back(evidence_of(sheet.article, *spellings[k].fact));
      out.push_back(std::move(f));
    }
  }

 private:
  Severity sev_variant_;
};

}  // namespace

std::unique_ptr<SheetCheck> make_name_spelling_check(const rules::RuleSet& rules) {
  return std::make_unique<NameSpellingCheck>(rules);
}

}  // namespace tadqiq::compare
