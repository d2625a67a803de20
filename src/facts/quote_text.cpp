#include "facts/quote_text.h"

#include <algorithm>

#include <fmt/format.h>

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

std::string stem(std::string_view word, const std::vector<std::string>& clitics) {
  for (const auto& c : clitics)
    if (!c.empty() && word.size() > c.size() && word.substr(0, c.size()) == c &&
        code_points(word.substr(c.size())) >= 2)
      return std::string(word.substr(c.size()));
  return std::string(word);
}

std::vector<std::string> content_keys(const std::vector<std::string>& stems, int shingle, int window) {
  if (stems.empty()) return {};
  const std::size_t k = static_cast<std::size_t>(std::max(1, shingle));
  const std::size_t w = static_cast<std::size_t>(std::max(1, window));
  std::vector<std::uint64_t> h;
  const std::size_t n = stems.size() >= k ? stems.size() - k + 1 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t x = kFnvOffset;
    for (std::size_t j = i; j < std::min(stems.size(), i + k); ++j) {
      if (j > i) x = fnv1a(std::string_view("\x1f"), x);
      x = fnv1a(stems[j], x);
    }
    h.push_back(x);
  }
  std::vector<std::uint64_t> picked;
  if (h.size() <= w) {
    picked.push_back(*std::min_element(h.begin(), h.end()));
  } else {
    for (std::size_t i = 0; i + w <= h.size(); ++i) picked.push_back(*std::min_element(h.begin() + i, h.begin() + i + w));
  }
  std::sort(picked.begin(), picked.end());
  picked.erase(std::unique(picked.begin(), picked.end()), picked.end());
  std::vector<std::string> out;
  out.reserve(picked.size());
  for (auto x : picked) out.push_back(fmt::format("{:016x}", x));
  return out;
}

}  // namespace tadqiq::quote_text
