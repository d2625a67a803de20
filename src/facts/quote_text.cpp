#include "facts/quote_text.h"

#include <algorithm>
#include <cmath>

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

std::vector<std::string> content_keys(const std::vector<std::string>& stems, double difference) {
  std::vector<std::uint64_t> h;
  h.reserve(stems.size());
  for (const auto& s : stems) h.push_back(fnv1a(s));
  std::sort(h.begin(), h.end());
  h.erase(std::unique(h.begin(), h.end()), h.end());
  const auto k = static_cast<std::size_t>(std::floor(std::max(0.0, difference) * static_cast<double>(stems.size()) + 1e-9)) + 1;
  if (h.size() > k) h.resize(k);
  std::vector<std::string> out;
  out.reserve(h.size());
  for (auto x : h) out.push_back(fmt::format("{:016x}", x));
  return out;
}

}  // namespace tadqiq::quote_text
