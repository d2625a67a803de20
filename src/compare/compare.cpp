#include "compare/compare.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "facts/hash.h"

namespace tadqiq::compare {

unsigned shard_of(std::string_view type, std::string_view key, unsigned count) {
  if (count <= 1) return 0;
  std::uint64_t h = fnv1a(type);
  h = fnv1a(std::string_view("\x1f"), h);
  h = fnv1a(key, h);
  return static_cast<unsigned>(h % count);
}

void finalize(std::vector<Finding>& findings) {
  for (auto& f : findings)
    if (f.id.empty()) f.id = fingerprint(f);
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.key != b.key) return a.key < b.key;
    return a.id < b.id;
  });
}

std::vector<Finding> compare(const std::vector<FactSheet>& sheets, const Checks& checks,
                             const Options& opts) {
  // Which checks read which fact type.
  std::unordered_map<std::string_view, std::vector<const Check*>> by_type;
  for (const auto& c : checks.across) by_type[c->fact_type()].push_back(c.get());

  // The hash join: (type, key) -> facts.
  struct KeyHash {
    std::size_t operator()(const std::pair<std::string_view, std::string_view>& k) const noexcept {
      return fnv1a(k.second, fnv1a(k.first));
    }
  };
  std::unordered_map<std::pair<std::string_view, std::string_view>, std::vector<FactRef>, KeyHash> groups;
  for (const auto& s : sheets) {
    for (const auto& f : s.facts) {
      if (f.key.empty() || !by_type.count(f.type)) continue;
      if (opts.shard_count > 1 && shard_of(f.type, f.key, opts.shard_count) != opts.shard_index) continue;
      groups[{f.type, f.key}].push_back({&s.article, &f});
    }
  }

  std::vector<std::pair<std::string_view, std::string_view>> keys;
  keys.reserve(groups.size());
  for (const auto& [k, _] : groups) keys.push_back(k);
  std::sort(keys.begin(), keys.end());

  std::vector<Finding> out;
  if (opts.shard_index == 0)
    for (const auto& s : sheets)
      for (const auto& c : checks.within) c->check(s, out);
  for (const auto& k : keys) {
    Group g{k.first, k.second, std::move(groups[k])};
    for (const Check* c : by_type[k.first]) c->check(g, out);
  }
  if (!opts.focus.empty()) {
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const Finding& f) {
                               return std::none_of(f.evidence.begin(), f.evidence.end(), [&](const Evidence& e) {
                                 return opts.focus.count(e.article) > 0;
                               });
                             }),
              out.end());
  }
  finalize(out);
  return out;
}

}  // namespace tadqiq::compare
