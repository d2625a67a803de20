// The names extractor: people and organisations, however they are spelled. See
// docs/extractors/names.md.
//
// Finds knowledge-base names (rules/people.yaml: every listed spelling, a one-word surname
// written another way but with the same strict key, and a first name glued on by key), and
// people not in the knowledge base where a pattern says a name stands: after a title of office
// ("وزير الخارجية الفرنسي ستيفان سيجورنيه") and as the subject of a speech verb ("وقالت ساندرز").
// Spellings of one person are grouped by id: the knowledge-base id, or "~" + the strict key
// of the name (a surname alone joins the full name it ends in, within the article).
// One fact per (person, spelling) in the article, at its first mention, with every spelling of
// that person in the article as attributes.variants.
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/extractors/extractors.h"
#include "extract/number_value.h"
#include "extract/people/people.h"

namespace tadqiq::extract {
namespace {

using people::Knowledge;
using people::NameHit;

enum Source { kKb, kKey, kTitle, kFrame };
const char* source_name(Source s) {
  static const char* names[] = {"kb", "key", "title", "frame"};
  return names[s];
}

struct Mention {
  NameHit hit;
  Source source;
};

class NamesExtractor final : public Extractor {
 public:
  explicit NamesExtractor(const rules::RuleSet& rs) : kb_(rs) {}
  std::string_view name() const override { return "names"; }

  void extract(const Document& doc, std::vector<Fact>& facts) const override {
    const auto& toks = doc.tokens();
    const std::size_t n = toks.size();
    std::vector<Mention> ms;
    std::size_t claimed = 0;  // tokens before this belong to an earlier mention
    auto push = [&](NameHit h, Source s) {
      if (h.first < claimed) {
        h.first = claimed;
        h.clitic = 0;
        if (h.first >= h.last) return;
      }
      if (h.by_key && s == kKb) s = kKey;
      ms.push_back({h, s});
      claimed = h.last;
    };
    std::size_t i = 0;
    // Only the tokens where a name, title or frame may start (start_mask; never a digit token).
    int mask = 0;
    while ((i = kb_.next_start(doc, i, Knowledge::kStartsAny, &mask)) < n) {
      if (mask) {
        if (auto t = (mask & Knowledge::kStartsTitle) ? kb_.title_at(doc, i) : std::nullopt) {
          std::size_t k = after_titles(doc, t->last);
          if (k < n && !Knowledge::hard_break(doc, k)) {
            if (auto h = kb_.entity_at(doc, k); h && h->clitic == 0) {
              push(*h, kKb);
              i = h->last;
              continue;
            }
            // A title right after a known person is that person's ("إسماعيل هنية رئيس
            // المكتب السياسي"): the words after it are not a name by pattern.
            const bool after_person = !ms.empty() && ms.back().hit.last == t->first && t->clitic == 0 &&
                                      ms.back().hit.entity >= 0 &&
                                      !kb_.entities()[ms.back().hit.entity].organisation;
            if (auto h = after_person ? std::nullopt : kb_.pattern_name_at(doc, k)) {
              push(*h, h->entity >= 0 ? kKey : kTitle);
              i = h->last;
              continue;
            }
          }
          i = t->last;
          continue;
        }
        if (auto h = (mask & Knowledge::kStartsEntity) ? kb_.entity_at(doc, i) : kb_.key_name_at(doc, i)) {
          push(*h, kKb);
          i = h->last;
          continue;
        }
        if (auto f = (mask & Knowledge::kStartsFrame) ? kb_.frame_at(doc, i) : std::nullopt;
            f && f->kind == people::FrameKind::verb) {
          const std::size_t j = f->last;
          // The subject of the verb: a known name, also one spelled another way with the strict
          // key of a listed one-word form ("وقال ميللر"; such a word has no start mask, so the
          // loop would step over it), else a name by pattern.
          if (j < n && !Knowledge::hard_break(doc, j)) {
            if (const auto known = kb_.entity_at(doc, j)) {
              if (known->clitic == 0 && known->first == j) {
                push(*known, kKb);
                i = known->last;
                continue;
              }
            } else if (!kb_.title_at(doc, j) && !kb_.anonymous_at(doc, j)) {
              if (auto h = kb_.pattern_name_at(doc, j, true)) {
                push(*h, h->entity >= 0 ? kKey : kFrame);
                i = h->last;
                continue;
              }
            }
          }
          i = f->last;
          continue;
        }
      }
      ++i;
    }
    emit(doc, ms, facts);
  }

 private:
  // After a title: a comma, honorifics and further titles of the same person
  // ("ولي العهد رئيس مجلس الوزراء السعودي الأمير محمد بن سلمان").
  std::size_t after_titles(const Document& doc, std::size_t k) const {
    for (int round = 0; round < 3; ++round) {
      k = kb_.skip_honorifics(doc, k);
      if (k >= doc.tokens().size() || Knowledge::hard_break(doc, k)) break;
      auto t = kb_.title_at(doc, k);
      if (!t || t->clitic) break;
      k = t->last;
    }
    return k;
  }

  void emit(const Document& doc, const std::vector<Mention>& ms, std::vector<Fact>& facts) const {
    const auto& toks = doc.tokens();
    // Ids; a one-word unknown name takes the id of a longer unknown name it ends.
    std::vector<std::string> ids(ms.size()), folded(ms.size());
    // Strict key of the last word of a longer unknown name -> its mention (the first one).
    std::unordered_map<std::string, std::size_t, people::Hash, std::equal_to<>> surname_of;
    std::string buf;
    for (std::size_t k = 0; k < ms.size(); ++k) {
      const auto& h = ms[k].hit;
      folded[k] = kb_.folded_of(doc, h);
      if (h.entity >= 0) {
        ids[k] = kb_.entities()[h.entity].id;
        continue;
      }
      kb_.hit_key(doc, h, false, buf);  // id_of()
      ids[k].assign("~").append(buf);
      if (h.last - h.first > 1) {
        kb_.hit_key(doc, people::NameHit{h.last - 1, h.last}, false, buf);  // the last word's key
        surname_of.emplace(buf, k);
      }
    }
    for (std::size_t k = 0; k < ms.size(); ++k) {
      const auto& h = ms[k].hit;
      if (h.entity < 0 && h.last - h.first == 1)
        if (auto it = surname_of.find(std::string_view(ids[k]).substr(1)); it != surname_of.end())
          ids[k] = ids[it->second];
    }
    // One fact per (id, spelling), in order of first mention.
    std::unordered_map<std::string, std::size_t> fact_of;  // id + '\n' + folded -> fact index
    std::unordered_map<std::string_view, std::size_t> group_of;  // id -> index into groups
    std::vector<std::vector<std::size_t>> groups;  // per id: its facts (first mention of each spelling)
    std::vector<int> mentions;
    const std::size_t base = facts.size();
    std::string key;
    for (std::size_t k = 0; k < ms.size(); ++k) {
      key.assign(ids[k]).append(1, '\n').append(folded[k]);
      if (auto it = fact_of.find(key); it != fact_of.end()) {
        ++mentions[it->second - base];
        continue;
      }
      const auto& h = ms[k].hit;
      Fact f = doc.make_fact("name", toks[h.first].begin + h.clitic, toks[h.last - 1].end);
      f.key = "name/" + ids[k];
      // value and attributes built in key order, each entry appended at the end of its map.
      auto& v = members(f.value);
      put(v, "id", ids[k]);
      put(v, "spelling", f.text);
      std::string keys;
      kb_.hit_key(doc, h, true, keys);  // loose_key(folded[k])
      std::replace(keys.begin(), keys.end(), '_', ' ');
      const bool org = h.entity >= 0 && kb_.entities()[h.entity].organisation;
      auto& a = members(f.attributes);
      if (h.entity >= 0) put(a, "en", kb_.entities()[h.entity].en);
      put(a, "folded", std::move(folded[k]));  // read only at mention k
      put(a, "keys", std::move(keys));
      put(a, "kind", org ? "organisation" : "person");
      put(a, "mentions", 1);  // counted below: set in place, no insertion mid-map
      put(a, "source", source_name(ms[k].source));
      fact_of.emplace(key, facts.size());
      const auto [g, fresh] = group_of.emplace(ids[k], groups.size());
      if (fresh) groups.emplace_back();
      groups[g->second].push_back(facts.size());
      facts.push_back(std::move(f));
      mentions.push_back(1);
    }
    for (std::size_t x = 0; x < mentions.size(); ++x)
      if (mentions[x] != 1) members(facts[base + x].attributes).at("mentions") = mentions[x];
    // "variants" is the last key: appended at the end of each map.
    for (const auto& idx : groups) {
      FactJson variants = FactJson::array();
      variants.get_ref<FactJson::array_t&>().reserve(idx.size());
      for (std::size_t x : idx) variants.push_back(facts[x].text);
      for (std::size_t k = 0; k + 1 < idx.size(); ++k) put(members(facts[idx[k]].attributes), "variants", variants);
      put(members(facts[idx.back()].attributes), "variants", std::move(variants));
    }
  }

  Knowledge kb_;
};

}  // namespace

std::unique_ptr<Extractor> make_names_extractor(const rules::RuleSet& rules) {
  return std::make_unique<NamesExtractor>(rules);
}

}  // namespace tadqiq::extract
