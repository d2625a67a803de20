#include "facts/quote_text.h"

#include <algorithm>
#include <cmath>

#include "facts/hash.h"

namespace tadqiq::quote_text {

namespace {

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t b = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > b) out.emplace_back(s.substr(b, i - b));
  }
  return out;
}

void sort_clitics(std::vector<std::string>& clitics) {
  std::stable_sort(clitics.begin(), clitics.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string_view stem_view(std::string_view word, const std::vector<std::string>& clitics) {
  for (const auto& c : clitics)
    if (!c.empty() && word.size() > c.size() && word[0] == c[0] && (c.size() < 2 || word[1] == c[1]) &&
        word.substr(0, c.size()) == c &&
        code_points(word.substr(c.size())) >= 2)
      return word.substr(c.size());
  return word;
}

std::string stem(std::string_view word, const std::vector<std::string>& clitics) {
  return std::string(stem_view(word, clitics));
}

namespace {

// The keys of `h` (stem hashes, in any order) for a quote of `n` stems.
std::vector<std::string> keys_of(std::vector<std::uint64_t>& h, std::size_t n, double difference) {
  std::sort(h.begin(), h.end());
  h.erase(std::unique(h.begin(), h.end()), h.end());
  const auto k = static_cast<std::size_t>(std::floor(std::max(0.0, difference) * static_cast<double>(n) + 1e-9)) + 1;
  if (h.size() > k) h.resize(k);
  std::vector<std::string> out;
  out.reserve(h.size());
  for (auto x : h) {
    // 16 lowercase hex digits, zero-padded (fmt "{:016x}")
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, x >>= 4) s[static_cast<std::size_t>(i)] = "0123456789abcdef"[x & 15];
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::vector<std::string> content_keys(const std::vector<std::string>& stems, double difference) {
  std::vector<std::uint64_t> h;
  h.reserve(stems.size());
  for (const auto& s : stems) h.push_back(fnv1a(s));
  return keys_of(h, stems.size(), difference);
}

std::vector<std::string> content_keys_of(std::string_view s, const std::vector<std::string>& clitics,
                                         double difference, std::size_t& words) {
  std::vector<std::uint64_t> h;
  std::size_t i = 0;
  while (i < s.size()) {  // split_words
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t b = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > b) h.push_back(fnv1a(stem_view(s.substr(b, i - b), clitics)));
  }
  words = h.size();
  return keys_of(h, words, difference);
}

}  // namespace tadqiq::quote_text
