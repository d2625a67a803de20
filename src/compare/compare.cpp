#include "compare/compare.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

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

namespace {

// Marks the findings from `first` on as suppressed when an article of their evidence has a
// suppression covering the evidence line and the finding's kind.
template <typename Lookup>
void mark_suppressed(std::vector<Finding>& out, std::size_t first, Lookup&& article_of) {
  for (std::size_t i = first; i < out.size(); ++i) {
    Finding& f = out[i];
    for (const auto& e : f.evidence) {
      const ArticleMeta* a = article_of(e.article);
      if (!a) continue;
      for (const auto& s : a->suppressions)
        if (s.covers(f.kind, e.line)) {
          f.suppressed = true;
          f.suppressed_by = a->path + ":" + std::to_string(s.directive_line);
          break;
        }
      if (f.suppressed) break;
    }
  }
}

// At most this many facts are blamed one at a time per check and group (or sheet); past that
// the check is given up there and the rest of the facts are reported with it. A check that
// fails on every fact would otherwise cost a bisection per fact.
constexpr std::size_t kMaxBlamed = 32;

std::string cannot_read(std::string_view check, const ArticleMeta& a, const Fact& f, const std::string& why) {
  std::string m = "the ";
  m += check;
  m += " check cannot read fact \"" + f.id + "\" of article \"" + a.id + "\" (type " + f.type + ", key \"" +
       f.key + "\"): " + why;
  m += "; the fact is left out of that check";
  return m;
}

// `run(items, out)` has thrown `why`: finds the fact that makes it throw, blames it and runs
// the check on the other items, repeated while it throws. Findings of a failed run are
// discarded.
//
// Finding the fact: bisection gives the shortest failing prefix, items[0..t]. Either items[t]
// is unreadable, or adding it made the check read an earlier fact it had not read before (a
// check that reads the first fact's attributes once there are two articles): so items[t] is
// blamed when the group without it passes, else the earlier fact of the prefix without which
// the prefix passes, else (several unreadable facts, each enough) items[t].
template <typename Item, typename Run, typename Blame>
void isolate(std::vector<Item> items, std::string why, Run&& run, Blame&& blame,
             std::vector<Finding>& out) {
  auto passes = [&](std::vector<Item> part) {
    std::vector<Finding> scratch;
    try {
      run(part, scratch);
      return true;
    } catch (const std::exception& e) {
      why = e.what();
      return false;
    }
  };
  auto without = [&](std::size_t n, std::size_t skip) {
    std::vector<Item> part;
    part.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      if (i != skip) part.push_back(items[i]);
    return part;
  };
  for (std::size_t blamed = 0;; ++blamed) {
    if (blamed == kMaxBlamed) {
      for (const auto& it : items)
        blame(it, "given up after " + std::to_string(kMaxBlamed) + " unreadable facts in the same group (last: " + why + ")");
      return;
    }
    std::size_t lo = 0, hi = items.size();  // the prefix of lo items passes, of hi items throws
    while (hi - lo > 1) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (passes(without(mid, mid))) lo = mid;
      else hi = mid;
    }
    const std::size_t t = hi - 1;
    passes(without(hi, hi));  // the failing prefix's message (the whole group's when hi is its size)
    const std::string message = why;
    std::size_t culprit = t;
    if (!passes(without(items.size(), t)))
      for (std::size_t j = 0; j < t; ++j)
        if (passes(without(hi, j))) {
          culprit = j;
          break;
        }
    blame(items[culprit], message);
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(culprit));
    if (items.empty()) return;
    const std::size_t first = out.size();
    try {
      run(items, out);
      return;
    } catch (const std::exception& e) {
      out.resize(first);
      why = e.what();
    }
  }
}

}  // namespace

void check_group(const Group& g, const Checks& checks, std::vector<Finding>& out, const FactErrorSink& on_error) {
  const std::size_t first = out.size();
  for (const auto& c : checks.across) {
    if (c->fact_type() != g.type) continue;
    const std::size_t before = out.size();
    try {
      c->check(g, out);
    } catch (const std::exception& e) {
      if (!on_error) throw;
      out.resize(before);
      isolate(
          g.facts, e.what(),
          [&](const std::vector<FactRef>& facts, std::vector<Finding>& o) { c->check(Group{g.type, g.key, facts}, o); },
          [&](const FactRef& r, const std::string& why) { on_error(*r.article, *r.fact, cannot_read(c->name(), *r.article, *r.fact, why)); },
          out);
    }
  }
  if (out.size() == first) return;
  // The group's articles by id (the first fact's, as a scan of the facts would find): a scan per
  // evidence entry was quadratic in the facts of a large group with many findings.
  std::unordered_map<std::string_view, const ArticleMeta*> articles;
  for (const auto& r : g.facts) articles.try_emplace(r.article->id, r.article);
  mark_suppressed(out, first, [&](const std::string& id) -> const ArticleMeta* {
    const auto it = articles.find(id);
    return it == articles.end() ? nullptr : it->second;
  });
}

void check_sheet(const FactSheet& s, const Checks& checks, std::vector<Finding>& out, const FactErrorSink& on_error) {
  const std::size_t first = out.size();
  for (const auto& c : checks.within) {
    const std::size_t before = out.size();
    try {
      c->check(s, out);
    } catch (const std::exception& e) {
      if (!on_error) throw;
      out.resize(before);
      std::vector<std::size_t> all(s.facts.size());
      for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
      isolate(
          std::move(all), e.what(),
          [&](const std::vector<std::size_t>& idx, std::vector<Finding>& o) {
            FactSheet part;
            part.article = s.article;
            part.facts.reserve(idx.size());
            for (std::size_t i : idx) part.facts.push_back(s.facts[i]);
            c->check(part, o);
          },
          [&](std::size_t i, const std::string& why) { on_error(s.article, s.facts[i], cannot_read(c->name(), s.article, s.facts[i], why)); },
          out);
    }
  }
  mark_suppressed(out, first, [&](const std::string& id) { return id == s.article.id ? &s.article : nullptr; });
}

std::vector<Finding> compare(const std::vector<FactSheet>& sheets, const Checks& checks,
                             const Options& opts, const FactErrorSink& on_error) {
  // Fact types some check reads: only those are joined.
  std::unordered_set<std::string_view> types;
  for (const auto& c : checks.across) types.insert(c->fact_type());

  // The hash join: (type, key) -> facts.
  struct KeyHash {
    std::size_t operator()(const std::pair<std::string_view, std::string_view>& k) const noexcept {
      return fnv1a(k.second, fnv1a(k.first));
    }
  };
  std::unordered_map<std::pair<std::string_view, std::string_view>, std::vector<FactRef>, KeyHash> groups;
  for (const auto& s : sheets) {
    for (const auto& f : s.facts) {
      if (f.key.empty() || !types.count(f.type)) continue;
      if (opts.shard_count > 1 && shard_of(f.type, f.key, opts.shard_count) != opts.shard_index) continue;
      groups[{f.type, f.key}].push_back({&s.article, &f});
    }
  }

  std::vector<std::pair<std::string_view, std::string_view>> keys;
  keys.reserve(groups.size());
  for (const auto& [k, _] : groups) keys.push_back(k);
  std::sort(keys.begin(), keys.end());

  // With a focus (--against, --changed) only findings with evidence from a focus article are
  // kept. A per-article check's evidence is its article's and a per-key check's is its group's,
  // so sheets and groups without a focus article are not checked at all.
  auto in_focus = [&](const std::string& id) { return !opts.focus || opts.focus->count(id) > 0; };
  std::vector<Finding> out;
  if (opts.shard_index == 0)
    for (const auto& s : sheets)
      if (in_focus(s.article.id)) check_sheet(s, checks, out, on_error);
  for (const auto& k : keys) {
    auto& facts = groups[k];
    if (std::none_of(facts.begin(), facts.end(), [&](const FactRef& r) { return in_focus(r.article->id); })) continue;
    check_group(Group{k.first, k.second, std::move(facts)}, checks, out, on_error);
  }
  keep_focus(out, opts.focus);
  finalize(out);
  return out;
}

void keep_focus(std::vector<Finding>& findings, const std::optional<std::set<std::string>>& focus_ids) {
  if (!focus_ids) return;
  const auto& focus = *focus_ids;
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [&](const Finding& f) {
                                  return std::none_of(f.evidence.begin(), f.evidence.end(),
                                                      [&](const Evidence& e) { return focus.count(e.article) > 0; });
                                }),
                 findings.end());
}

}  // namespace tadqiq::compare
