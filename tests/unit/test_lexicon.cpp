// PhraseSet and HashFilter: the indexed lookups against a plain reading of the contract in
// lexicon.h (bare first token first, then the longest clitic; longest phrase first).
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "extract/lexicon.h"
#include "normalize/normalize.h"

using namespace tadqiq::extract;

namespace {

struct Phrase {
  std::vector<std::string> toks;
  int payload;
};

// The contract, read literally: no index, no filter.
struct Reference {
  std::vector<std::string> clitics;  // folded, longest first
  std::vector<Phrase> phrases;       // in insertion order

  std::optional<PhraseMatch> from(std::string_view v, const std::vector<Token>& t, std::size_t i,
                                  std::string_view first, std::size_t clitic, std::size_t req) const {
    const Phrase* best = nullptr;
    for (const auto& p : phrases) {
      if (p.toks[0] != first) continue;
      const std::size_t last = i + p.toks.size();
      if (last > t.size() || (req && last != req)) continue;
      bool ok = true;
      for (std::size_t k = 1; k < p.toks.size() && ok; ++k)
        ok = v.substr(t[i + k].begin, t[i + k].end - t[i + k].begin) == p.toks[k];
      if (ok && (!best || p.toks.size() > best->toks.size())) best = &p;
    }
    if (!best) return std::nullopt;
    return PhraseMatch{best->payload, i, i + best->toks.size(), clitic};
  }
  bool starts_a_clitic(std::string_view tok) const {
    for (const auto& c : clitics)
      if (c.size() >= 2 && tok.substr(0, 2) == std::string_view(c).substr(0, 2)) return true;
    return false;
  }
  std::optional<PhraseMatch> at(std::string_view v, const std::vector<Token>& t, std::size_t i, bool cl,
                                std::size_t req = 0, bool clitic_only = false) const {
    if (i >= t.size()) return std::nullopt;
    const std::string_view tok = v.substr(t[i].begin, t[i].end - t[i].begin);
    if (!clitic_only)
      if (auto m = from(v, t, i, tok, 0, req)) return m;
    if (!cl || t[i].digits || tok.size() < 6 || !starts_a_clitic(tok)) return std::nullopt;
    for (const auto& c : clitics)  // longest first
      if (tok.size() >= c.size() + 4 && tok.substr(0, c.size()) == c)
        if (auto m = from(v, t, i, tok.substr(c.size()), c.size(), req)) return m;
    return std::nullopt;
  }
  std::optional<PhraseMatch> ending(std::string_view v, const std::vector<Token>& t, std::size_t end, bool cl) const {
    if (end == 0 || end > t.size() || phrases.empty()) return std::nullopt;
    std::size_t max_len = 0;
    for (const auto& p : phrases) max_len = std::max(max_len, p.toks.size());
    for (std::size_t i = end > max_len ? end - max_len : 0; i < end; ++i)
      if (auto m = at(v, t, i, cl, end)) return m;
    return std::nullopt;
  }
};

bool same(const std::optional<PhraseMatch>& a, const std::optional<PhraseMatch>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->payload == b->payload && a->first == b->first && a->last == b->last && a->clitic == b->clitic);
}

}  // namespace

TEST_CASE("hash filter: never false for an added hash") {
  HashFilter f;
  CHECK_FALSE(f.test(12345));
  std::mt19937_64 rng(7);
  std::vector<std::uint64_t> added;
  for (int k = 0; k < 5000; ++k) {
    added.push_back(rng() | 1);
    f.add(added.back());
    if (k % 97 == 0)
      for (auto h : added) REQUIRE(f.test(h));
  }
  int hits = 0;
  for (int k = 0; k < 10000; ++k) hits += f.test(rng());
  CHECK(hits < 1500);  // a filter, not a yes to everything
}

TEST_CASE("token hashes: equal bytes, equal hash; never 0") {
  const std::string v = "كتب كتب كتاب 12 12";
  const auto t = tokenize(v);
  REQUIRE(t.size() == 5);
  CHECK(t[0].hash == t[1].hash);
  CHECK(t[0].hash != t[2].hash);
  CHECK(t[3].hash == token_hash("12"));
  CHECK(token_hash("") != 0);
}

TEST_CASE("phrase sets: bare token before clitics, longest clitic first, one-byte clitics") {
  // "ال" and "وال" are clitics; "x" is a one-byte clitic, tried only on a token starting like
  // a longer clitic ("xy").
  PhraseSet set({"و", "ال", "وال", "x", "xy"});
  set.add("والد", 1);        // a word that starts like a clitic
  set.add("الدولة", 2);
  set.add("دولة", 3);
  set.add("دولة عربية", 4);
  set.add("yabcd", 5);
  set.add("zabcd", 6);
  const std::string v = tadqiq::normalize::fold("والد والدولة عربية الدولة عربية xyabcd xzabcd");
  const auto t = tokenize(v);
  auto m = set.match_at(v, t, 0);
  REQUIRE(m);
  CHECK(m->payload == 1);  // the bare word wins over "و" + "الد"
  CHECK(m->clitic == 0);
  m = set.match_at(v, t, 1);  // "والدولة عربية": "وال" + "دولة عربية" (longest clitic first)
  REQUIRE(m);
  CHECK(m->payload == 4);
  CHECK(m->clitic == std::string("وال").size());
  CHECK(m->last == 3);
  m = set.match_at(v, t, 3);  // "الدولة": the bare word, though "ال" + "دولة عربية" is longer
  REQUIRE(m);
  CHECK(m->payload == 2);
  CHECK(m->clitic == 0);
  m = set.match_at(v, t, 5);  // "xyabcd": "x" + "yabcd", since "xy" starts a clitic
  REQUIRE(m);
  CHECK(m->payload == 5);
  CHECK(m->clitic == 1);
  CHECK_FALSE(set.match_at(v, t, 6));  // "xzabcd": no clitic starts with "xz"
  auto e = set.match_ending(v, t, 2);
  REQUIRE(e);
  CHECK(e->payload == 3);  // "والدولة" ending at 2: "وال" + "دولة"
  CHECK(e->first == 1);
  CHECK_FALSE(set.match_ending(v, t, 2, /*allow_clitic=*/false));
}

TEST_CASE("phrase sets agree with the contract read literally (random phrases and texts)") {
  const std::vector<std::string> letters = {"و", "ل", "ب", "ا", "ك", "م", "ن"};
  const std::vector<std::string> clitic_list = {"و", "ب", "ل", "ال", "وال", "بال", "لل", "x"};
  std::mt19937 rng(42);
  auto word = [&](int min_letters) {
    std::string w;
    const int n = min_letters + static_cast<int>(rng() % 4);
    for (int k = 0; k < n; ++k) w += letters[rng() % letters.size()];
    if (rng() % 10 == 0) w = "x" + w;
    return w;
  };
  for (int round = 0; round < 40; ++round) {
    PhraseSet set(clitic_list);
    Reference ref;
    for (const auto& c : clitic_list) ref.clitics.push_back(tadqiq::normalize::fold(c));
    std::stable_sort(ref.clitics.begin(), ref.clitics.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    std::vector<std::string> vocab;
    for (int k = 0; k < 12; ++k) vocab.push_back(word(1));
    for (int k = 0; k < 30; ++k) {
      Phrase p;
      const int n = 1 + static_cast<int>(rng() % 3);
      std::string text;
      for (int j = 0; j < n; ++j) {
        p.toks.push_back(vocab[rng() % vocab.size()]);
        text += (j ? " " : "") + p.toks.back();
      }
      p.payload = k;
      set.add(text, k);
      // A later phrase with the same tokens does not replace the first (longest first, then
      // insertion order).
      ref.phrases.push_back(p);
    }
    std::string text;
    for (int k = 0; k < 300; ++k) {
      std::string w = vocab[rng() % vocab.size()];
      if (rng() % 3 == 0) w = ref.clitics[rng() % ref.clitics.size()] + w;
      if (rng() % 20 == 0) w = "12";
      text += (k ? " " : "") + w;
    }
    const auto t = tokenize(text);
    for (std::size_t i = 0; i <= t.size(); ++i)
      for (bool cl : {true, false}) {
        REQUIRE(same(set.match_at(text, t, i, cl), ref.at(text, t, i, cl)));
        REQUIRE(same(set.match_at_filtered(text, t, i, cl), ref.at(text, t, i, cl)));
        REQUIRE(same(set.match_ending(text, t, i, cl), ref.ending(text, t, i, cl)));
      }
  }
}
