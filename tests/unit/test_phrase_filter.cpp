// The phrase filter (extract/phrase_filter.h) as the dates scanner and the events extractor
// use it: no token where the phrase set matches is filtered out, with or without a clitic;
// most other tokens are.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "extract/phrase_filter.h"
#include "extract/lexicon.h"

using namespace tadqiq;
using namespace tadqiq::extract;

TEST_CASE("phrase filter: every token where match_at finds a phrase may start one") {
  // Latin stand-ins for words and clitic prefixes: the code is letter-agnostic.
  const std::vector<std::string> clitics{"w", "b", "al", "wal", "bal", "ll"};
  std::mt19937 rng(11);
  std::vector<std::string> vocab;
  for (int i = 0; i < 300; ++i) {
    std::string w;
    const int len = 2 + static_cast<int>(rng() % 6);
    for (int k = 0; k < len; ++k) w.push_back(static_cast<char>('a' + rng() % 6));
    vocab.push_back(w);
  }
  PhraseSet set(clitics);
  FilteredPhrases filtered(clitics);
  PhraseFilter starts(clitics);
  for (int p = 0; p < 120; ++p) {
    std::string phrase = vocab[rng() % vocab.size()];
    for (int k = static_cast<int>(rng() % 3); k > 0; --k) phrase += " " + vocab[rng() % vocab.size()];
    set.add(phrase, p);
    filtered.add(phrase, p);
    starts.add(phrase);
  }
  std::string text;
  for (int i = 0; i < 20000; ++i) {
    if (rng() % 4 == 0) text += clitics[rng() % clitics.size()];
    text += vocab[rng() % vocab.size()];
    text += ' ';
  }
  const auto toks = tokenize(text);
  std::size_t matches = 0, passed = 0;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    const auto m = set.match_at(text, toks, i, true);
    const auto f = filtered.match_at(text, toks, i, true);
    const bool may = starts.may_start(toks, i);
    passed += may;
    if (m) {
      ++matches;
      CHECK(may);
      REQUIRE(f);
      CHECK(f->payload == m->payload);
      CHECK(f->last == m->last);
      CHECK(f->clitic == m->clitic);
    } else {
      CHECK(!f);
    }
  }
  CHECK(matches > 100);
  CHECK(passed < toks.size());
}

TEST_CASE("phrase filter: an empty filter passes nothing") {
  PhraseFilter none(std::vector<std::string>{"w"});
  const std::string text = "x wx";
  const auto toks = tokenize(text);
  REQUIRE(toks.size() == 2);
  CHECK(!none.may_start(toks, 0));
  CHECK(!none.may_start(toks, 1));
  CHECK(!none.may_end(toks, 1));
}
