#include "extract/lexicon.h"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "normalize/normalize.h"

namespace tadqiq::extract {

namespace {

enum class Cls { sep, letter, digit };

inline Cls classify(std::string_view s, std::size_t i, std::size_t& next) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    next = i + 1;
    if (c >= '0' && c <= '9') return Cls::digit;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return Cls::letter;
    return Cls::sep;
  }
  UChar32 cp;
  std::int32_t j = static_cast<std::int32_t>(i);
  U8_NEXT(s.data(), j, static_cast<std::int32_t>(s.size()), cp);
  next = static_cast<std::size_t>(j);
  if (cp < 0) return Cls::sep;
  const auto mask = U_GET_GC_MASK(cp);
  if (mask & (U_GC_L_MASK | U_GC_M_MASK)) return Cls::letter;
  return Cls::sep;  // non-ASCII digits never reach the view
}

std::vector<std::string> split_tokens(std::string_view s) {
  std::vector<std::string> out;
  for (const auto& t : tokenize(s)) out.emplace_back(s.substr(t.begin, t.end - t.begin));
  return out;
}

}  // namespace

std::uint64_t token_hash(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::vector<Token> tokenize(std::string_view view) {
  std::vector<Token> out;
  out.reserve(view.size() / 6);
  std::size_t i = 0;
  const std::size_t n = view.size();
  while (i < n) {
    std::size_t next;
    Cls c = classify(view, i, next);
    if (c == Cls::sep) {
      i = next;
      continue;
    }
    const std::size_t b = i;
    i = next;
    while (i < n) {
      std::size_t nn;
      if (classify(view, i, nn) != c) break;
      i = nn;
    }
    out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(i), c == Cls::digit,
                   token_hash(view.substr(b, i - b))});
  }
  return out;
}

PhraseSet::PhraseSet(std::vector<std::string> clitics) {
  for (auto& c : clitics) {
    auto f = normalize::fold(c);
    if (!f.empty()) clitics_.push_back(std::move(f));
  }
  std::sort(clitics_.begin(), clitics_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (std::size_t k = 0; k < clitics_.size(); ++k) {
    const auto& c = clitics_[k];
    if (c.size() < 2) continue;  // a clitic must leave four bytes, and tokens are checked from 6
    const auto b0 = static_cast<unsigned char>(c[0]), b1 = static_cast<unsigned char>(c[1]);
    auto g = std::find_if(clitic_groups_.begin(), clitic_groups_.end(),
                          [&](const CliticGroup& x) { return x.b0 == b0 && x.b1 == b1; });
    if (g == clitic_groups_.end()) g = clitic_groups_.insert(clitic_groups_.end(), CliticGroup{b0, b1, {}});
    g->idx.push_back(static_cast<std::uint32_t>(k));  // clitics_ is longest first already
  }
  // One-byte clitics (shortest, so last in each group) are tried after any clitic that starts
  // with the same byte.
  for (std::size_t k = 0; k < clitics_.size(); ++k)
    if (clitics_[k].size() == 1)
      for (auto& g : clitic_groups_)
        if (g.b0 == static_cast<unsigned char>(clitics_[k][0])) g.idx.push_back(static_cast<std::uint32_t>(k));
}

void PhraseSet::add(std::string_view phrase, int payload) {
  auto toks = split_tokens(normalize::fold(phrase));
  if (toks.empty()) return;
  Entry e{toks.front(), {toks.begin() + 1, toks.end()}, {}, payload};
  for (const auto& t : e.rest) e.rest_hash.push_back(token_hash(t));
  max_len_ = std::max(max_len_, toks.size());
  const std::uint64_t h = token_hash(toks.front());
  filter_[(h >> 6) & (kFilterWords - 1)] |= std::uint64_t{1} << (h & 63);
  const std::uint64_t lh = e.rest.empty() ? h : e.rest_hash.back();
  end_filter_[(lh >> 6) & (kFilterWords - 1)] |= std::uint64_t{1} << (lh & 63);
  auto& v = first_[h];
  // Keep entries longest first so the first full match is the longest.
  auto pos = std::find_if(v.begin(), v.end(),
                          [&](const Entry& x) { return x.rest.size() < e.rest.size(); });
  v.insert(pos, std::move(e));
}

std::optional<PhraseMatch> PhraseSet::match_from(std::string_view view,
                                                 const std::vector<Token>& toks, std::size_t i,
                                                 std::string_view first_tok, std::uint64_t first_hash,
                                                 std::size_t clitic, std::size_t required_last) const {
  if (!may_start(first_hash)) return std::nullopt;
  auto it = first_.find(first_hash);
  if (it == first_.end()) return std::nullopt;
  for (const auto& e : it->second) {
    const std::size_t last = i + 1 + e.rest.size();
    if (last > toks.size()) continue;
    if (required_last && last != required_last) continue;
    if (e.first != first_tok) continue;
    bool ok = true;
    for (std::size_t k = 0; k < e.rest.size() && ok; ++k) {
      const auto& t = toks[i + 1 + k];
      ok = t.hash == e.rest_hash[k] && view.substr(t.begin, t.end - t.begin) == e.rest[k];
    }
    if (ok) return PhraseMatch{e.payload, i, last, clitic};
  }
  return std::nullopt;
}

template <typename Fn>
std::optional<PhraseMatch> PhraseSet::with_clitics(std::string_view view, const std::vector<Token>& toks,
                                                   std::size_t i, Fn&& fn) const {
  const auto& t = toks[i];
  if (t.digits) return std::nullopt;
  const std::string_view tok = view.substr(t.begin, t.end - t.begin);
  if (tok.size() < 6) return std::nullopt;
  const auto b0 = static_cast<unsigned char>(tok[0]), b1 = static_cast<unsigned char>(tok[1]);
  const CliticGroup* g = nullptr;
  for (const auto& x : clitic_groups_)
    if (x.b0 == b0 && x.b1 == b1) {
      g = &x;
      break;
    }
  if (!g) return std::nullopt;  // no clitic starts like this token (the common case)
  for (const std::uint32_t ci : g->idx) {
    const std::string& c = clitics_[ci];
    // A clitic must leave at least two letters (four bytes of Arabic) of word behind.
    if (tok.size() >= c.size() + 4 && tok.compare(0, c.size(), c) == 0) {
      const std::string_view rest = tok.substr(c.size());
      if (auto m = fn(rest, token_hash(rest), c.size())) return m;
    }
  }
  return std::nullopt;
}

std::optional<PhraseMatch> PhraseSet::match_at(std::string_view view,
                                               const std::vector<Token>& toks, std::size_t i,
                                               bool allow_clitic) const {
  if (i >= toks.size() || first_.empty()) return std::nullopt;
  const auto& t = toks[i];
  if (auto m = match_from(view, toks, i, view.substr(t.begin, t.end - t.begin), t.hash, 0, 0)) return m;
  if (!allow_clitic) return std::nullopt;
  return with_clitics(view, toks, i, [&](std::string_view rest, std::uint64_t h, std::size_t clitic) {
    return match_from(view, toks, i, rest, h, clitic, 0);
  });
}

std::optional<PhraseMatch> PhraseSet::match_ending(std::string_view view,
                                                   const std::vector<Token>& toks, std::size_t end,
                                                   bool allow_clitic) const {
  if (first_.empty() || end == 0 || end > toks.size()) return std::nullopt;
  if (!may_end(toks[end - 1].hash)) {
    // Only a single-token phrase behind a clitic can end here.
    if (!allow_clitic) return std::nullopt;
    const std::size_t i = end - 1;
    return with_clitics(view, toks, i, [&](std::string_view rest, std::uint64_t h, std::size_t clitic) {
      return match_from(view, toks, i, rest, h, clitic, end);
    });
  }
  // Try the longest phrases first: start as far back as the longest phrase allows.
  const std::size_t lo = end > max_len_ ? end - max_len_ : 0;
  for (std::size_t i = lo; i < end && i < toks.size(); ++i) {
    const auto& t = toks[i];
    if (auto m = match_from(view, toks, i, view.substr(t.begin, t.end - t.begin), t.hash, 0, end)) return m;
    if (!allow_clitic) continue;
    if (auto m = with_clitics(view, toks, i, [&](std::string_view rest, std::uint64_t h, std::size_t clitic) {
          return match_from(view, toks, i, rest, h, clitic, end);
        }))
      return m;
  }
  return std::nullopt;
}

}  // namespace tadqiq::extract
