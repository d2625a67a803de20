// Quote words and content keys (facts/quote_text.h): stems, and the guarantee that
// near-identical quotes share a content key.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "facts/quote_text.h"

using namespace tadqiq;

namespace {

// Latin stand-ins for clitic prefixes: the code is letter-agnostic.
std::vector<std::string> clitics() {
  std::vector<std::string> c{"w", "l", "al", "wal", "ll"};
  quote_text::sort_clitics(c);
  return c;
}

bool share_key(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const auto& k : a)
    if (std::find(b.begin(), b.end(), k) != b.end()) return true;
  return false;
}

}  // namespace

TEST_CASE("split_words: single spaces, runs of spaces, empty") {
  CHECK(quote_text::split_words("a bb  c ") == std::vector<std::string>{"a", "bb", "c"});
  CHECK(quote_text::split_words("").empty());
}

TEST_CASE("stem: the longest clitic that leaves two letters") {
  const auto c = clitics();
  CHECK(quote_text::stem("llsalam", c) == "salam");  // "ll" before "l"
  CHECK(quote_text::stem("lsalam", c) == "salam");
  CHECK(quote_text::stem("walamn", c) == "amn");  // "wal"
  CHECK(quote_text::stem("wamn", c) == "amn");
  CHECK(quote_text::stem("lb", c) == "lb");       // one letter would remain
  CHECK(quote_text::stem("salam", c) == "salam");
}

TEST_CASE("content keys: floor(difference x words) + 1 smallest distinct stem hashes") {
  const std::vector<std::string> six{"a", "b", "c", "d", "e", "f"};
  CHECK(quote_text::content_keys(six, 0.1).size() == 1);
  std::vector<std::string> twenty;
  for (int i = 0; i < 20; ++i) twenty.push_back("w" + std::to_string(i));
  const auto k = quote_text::content_keys(twenty, 0.1);
  CHECK(k.size() == 3);
  CHECK(std::is_sorted(k.begin(), k.end()));
  CHECK(k.front().size() == 16);
  // Repeated stems count once.
  CHECK(quote_text::content_keys({"x", "x", "x", "x", "x", "x"}, 0.1).size() == 1);
  CHECK(quote_text::content_keys({}, 0.1).empty());
}

TEST_CASE("content keys: quotes differing in at most difference x words share a key") {
  std::mt19937 rng(7);
  std::vector<std::string> vocab;
  for (int i = 0; i < 400; ++i) vocab.push_back("v" + std::to_string(i));
  std::uniform_int_distribution<std::size_t> word(0, vocab.size() - 1);
  for (int trial = 0; trial < 2000; ++trial) {
    const std::size_t n = 6 + trial % 45;
    std::vector<std::string> a;
    for (std::size_t i = 0; i < n; ++i) a.push_back(vocab[word(rng)]);
    // Substitute, drop or insert up to floor(0.1 n) words.
    std::vector<std::string> b = a;
    const std::size_t edits = n / 10;
    for (std::size_t e = 0; e < edits; ++e) {
      const std::size_t at = std::uniform_int_distribution<std::size_t>(0, b.size() - 1)(rng);
      switch (e % 3) {
        case 0: b[at] = "new" + std::to_string(trial) + "_" + std::to_string(e); break;
        case 1: b.erase(b.begin() + static_cast<long>(at)); break;
        default: b.insert(b.begin() + static_cast<long>(at), "ins" + std::to_string(e)); break;
      }
    }
    INFO("trial ", trial, " n ", n);
    CHECK(share_key(quote_text::content_keys(a, 0.1), quote_text::content_keys(b, 0.1)));
  }
}

TEST_CASE("content_keys_of: the keys of the stems of the split words, and their number") {
  const auto c = clitics();
  for (const std::string text : {"", "  ", "a", "wal llsalam lsalam  x alwx", "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 lw12"}) {
    std::vector<std::string> stems;
    for (const auto& w : quote_text::split_words(text)) stems.push_back(quote_text::stem(w, c));
    std::size_t n = 99;
    INFO(text);
    CHECK(quote_text::content_keys_of(text, c, 0.1, n) == quote_text::content_keys(stems, 0.1));
    CHECK(n == stems.size());
  }
  CHECK(quote_text::stem_view("llsalam", c) == "salam");
  CHECK(quote_text::stem_view("lx", c) == "lx");
}

TEST_CASE("content keys are 16 lowercase hex digits of the stem's FNV-1a hash") {
  // FNV-1a 64 of "a" is af63dc4c8601ec8c.
  CHECK(quote_text::content_keys({"a", "a", "a", "a", "a", "a"}, 0.1) == std::vector<std::string>{"af63dc4c8601ec8c"});
}
