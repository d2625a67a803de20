// The quote check: one speaker's words quoted differently across articles, and the same words
// given to different speakers. See docs/checks/quote.md.
//
// Words are compared as in facts/quote_text.h: a quote's `value.normalized` (the matching view:
// diacritics, tatweel, punctuation, hamza and alef forms already folded) split into words, and
// each word's stem (without a clitic prefix, rules/arabic.yaml). Two wordings are aligned by the
// longest common subsequence of their stems; the similarity is the aligned stems over the longer
// side, where the longer quote is cut to the stretch that aligns with the shorter one (a partial
// quote is compared with the part of the full quote it covers).
//  * variant (group `quote/<speaker id>`, quote facts): two statements of one speaker in
//    different articles with a similarity of at least `min_similarity`, whose words differ
//    once folded. Identical or contained wordings (after folding) are nothing; nor is a clitic
//    on the first word only (`بـ"لحظة"` / `"بلحظة"` belong to the sentence around the quote).
//    The message gives the word-level diff.
//  * misattribution (group `quote_text/<content key>`, quote_text facts): statements of two
//    different known speakers, both named in the quote's own sentence (an attribution in
//    `misattribution_attributions`), in different articles, whose whole wordings have a
//    similarity of at least `misattribution_min_similarity`. A pair is reported under the
//    smallest content key the two quotes share, so it is reported once however the keys are
//    split across shards or reducers.
// Terms (scare quotes), unknown and anonymous speakers are never compared.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "compare/check_config.h"
#include "compare/checks/checks.h"
#include "facts/quote_text.h"

namespace tadqiq::compare {
namespace {

constexpr const char* kName = "quote";
// Pairs whose alignment table would exceed this many cells are not compared (quotes of
// thousands of words are documents, not quotations).
constexpr std::size_t kMaxCells = 4'000'000;
// Bounds that keep the work and the output linear in a group's quotes when a speaker repeats
// templated statements (one wording per place: thousands of mutually similar wordings). See
// docs/checks/quote.md, "Bounds"; settings in rules/checks.yaml (checks.quote).
//  * partners (max_candidates): a text is compared with at most this many candidate texts
//    found through its rarer stems (postings scanned: at most `scan`, max_postings).
//  * earlier (max_reported_partners): a wording is reported against at most this many earlier
//    wordings (those with the fewest changed words); a speaker against at most this many
//    other speakers.
//  * occurrences (max_listed_uses): evidence and file lists name the first this many uses of a
//    wording or of a speaker's quote (by article id, then position), then a count of the rest.
struct Bounds {
  std::size_t partners, scan, earlier, occurrences;
};

Bounds bounds_of(const rules::RuleSet& rs) {
  auto get = [&](const char* key, double dflt) {
    return static_cast<std::size_t>(std::max(1.0, check_number(rs, kName, key, dflt)));
  };
  return {get("max_candidates", 64), get("max_postings", 4096), get("max_reported_partners", 8),
          get("max_listed_uses", 10)};
}

std::vector<std::string> clitics_of(const rules::RuleSet& rs) {
  std::vector<std::string> out;
  if (const auto doc = rs.doc("arabic.yaml"); doc && doc["clitics"]) out = rules::strings_of(rs, "arabic.yaml", doc["clitics"]);
  quote_text::sort_clitics(out);
  return out;
}

// Trims punctuation (Unicode P*) at both ends of a word.
std::string trim_punct(std::string_view w) {
  std::int32_t b = 0, e = static_cast<std::int32_t>(w.size());
  while (b < e) {
    std::int32_t i = b;
    UChar32 c;
    U8_NEXT(w.data(), i, e, c);
    if (c >= 0 && !u_ispunct(c)) break;
    b = i;
  }
  while (e > b) {
    std::int32_t i = e;
    UChar32 c;
    U8_PREV(w.data(), b, i, c);
    if (c >= 0 && !u_ispunct(c)) break;
    e = i;
  }
  return std::string(w.substr(static_cast<std::size_t>(b), static_cast<std::size_t>(e - b)));
}

// The words of the quote as written, one per normalized word when they line up (else the
// normalized words).
std::vector<std::string> display_words(const Fact& f, const std::vector<std::string>& normalized) {
  std::vector<std::string> out;
  for (const auto& w : quote_text::split_words(str_of(f.value, "text"))) {
    std::string t = trim_punct(w);
    if (!t.empty()) out.push_back(std::move(t));
  }
  // The text may hold other whitespace (tabs, no-break spaces are rare in quotes): fall back.
  if (out.size() != normalized.size()) return normalized;
  return out;
}

// Article id, then position: the order of evidence whatever the order of the input.
bool by_position(const FactRef* x, const FactRef* y) {
  return x->article->id != y->article->id ? x->article->id < y->article->id : x->fact->span.start < y->fact->span.start;
}

struct Text {
  std::vector<std::string> words, stems;
};

Text text_of(const Fact& f, const std::vector<std::string>& clitics) {
  Text t;
  t.words = quote_text::split_words(str_of(f.value, "normalized"));
  t.stems.reserve(t.words.size());
  for (const auto& w : t.words) t.stems.push_back(quote_text::stem(w, clitics));
  return t;
}

// Longest common subsequence of a and b; the aligned index pairs in order.
std::vector<std::pair<std::size_t, std::size_t>> lcs(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::pair<std::size_t, std::size_t>> out;
  if (n == 0 || m == 0 || (n + 1) * (m + 1) > kMaxCells) return out;
  std::vector<std::uint32_t> t((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return t[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    if (a[i] == b[j]) {
      out.emplace_back(i, j);
      ++i;
      ++j;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

// Candidate pairs (i, j) among texts that may reach similarity `t` relative to the shorter
// side: prefix filtering over an inverted index of stems. If the shorter text (i) aligns at
// least ceil(t·|i|) of its stems with j, then at least that many minus its repeated stems of
// its distinct stems occur in j, so one of its |distinct| − that + 1 rarest stems does.
// In each pair, i is the shorter (ties: the lower index). Each i gets at most b.partners
// partners, from at most b.scan postings of its rarest stems first (see Bounds).
std::vector<std::pair<std::size_t, std::size_t>> candidates(const std::vector<const Text*>& texts, double t,
                                                         const Bounds& b) {
  std::unordered_map<std::string_view, std::vector<std::size_t>> index;
  std::vector<std::vector<std::string_view>> distinct(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    std::set<std::string_view> d(texts[i]->stems.begin(), texts[i]->stems.end());
    distinct[i].assign(d.begin(), d.end());
    for (auto s : distinct[i]) index[s].push_back(i);
  }
  auto shorter = [&](std::size_t a, std::size_t b) {
    const auto na = texts[a]->stems.size(), nb = texts[b]->stems.size();
    return na != nb ? na < nb : a < b;
  };
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::vector<std::size_t> seen(texts.size(), SIZE_MAX);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    auto& d = distinct[i];
    std::sort(d.begin(), d.end(), [&](std::string_view x, std::string_view y) {
      const auto nx = index[x].size(), ny = index[y].size();
      return nx != ny ? nx < ny : x < y;
    });
    const long n = static_cast<long>(texts[i]->stems.size());
    const long dup = n - static_cast<long>(d.size());
    const long need = std::max(1L, static_cast<long>(std::ceil(t * static_cast<double>(n) - 1e-9)) - dup);
    const long prefix = std::clamp(static_cast<long>(d.size()) - need + 1, 1L, static_cast<long>(d.size()));
    std::size_t partners = 0, scanned = 0;
    for (long k = 0; k < prefix && partners < b.partners && scanned < b.scan; ++k)
      for (std::size_t j : index[d[static_cast<std::size_t>(k)]]) {
        if (partners >= b.partners || ++scanned > b.scan) break;
        if (j != i && seen[j] != i && shorter(i, j)) {
          seen[j] = i;
          out.emplace_back(i, j);
          ++partners;
        }
      }
  }
  std::sort(out.begin(), out.end());
  return out;
}

double similarity_whole(const Text& a, const Text& b) {
  const auto n = std::max(a.stems.size(), b.stems.size());
  return n ? static_cast<double>(lcs(a.stems, b.stems).size()) / static_cast<double>(n) : 0.0;
}

// A run of differing words: words [fb, fe) of the first wording became [tb, te) of the other.
struct Hunk {
  std::size_t fb, fe, tb, te;
};

std::string quoted(const std::vector<std::string>& words, std::size_t b, std::size_t e) {
  std::vector<std::string> part(words.begin() + static_cast<long>(b), words.begin() + static_cast<long>(e));
  return fmt::format("\"{}\"", fmt::join(part, " "));
}

std::string render(const std::vector<Hunk>& hunks, const std::vector<std::string>& from,
                   const std::vector<std::string>& to) {
  std::vector<std::string> parts;
  for (const auto& h : hunks) {
    if (h.fb < h.fe && h.tb < h.te)
      parts.push_back(quoted(from, h.fb, h.fe) + " → " + quoted(to, h.tb, h.te));
    else if (h.fb < h.fe)
      parts.push_back(quoted(from, h.fb, h.fe) + " dropped");
    else
      parts.push_back(quoted(to, h.tb, h.te) + " added");
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

struct FactInfo {
  const FactRef* ref;
  Text text;
};

class QuoteVariantCheck final : public Check {
 public:
  explicit QuoteVariantCheck(const rules::RuleSet& rs)
      : sev_(class_severity(rs, kName, "variant", Severity::warning)),
        min_similarity_(check_number(rs, kName, "min_similarity", 0.7)),
        min_words_(static_cast<std::size_t>(check_number(rs, kName, "min_words", 4))),
        clitics_(clitics_of(rs)),
        bounds_(bounds_of(rs)) {}

  std::string_view name() const override { return kName; }
  std::string_view kind() const override { return "quote"; }
  std::string_view fact_type() const override { return "quote"; }

  void check(const Group& g, std::vector<Finding>& out) const override {
    if (g.key == "quote/unknown" || g.key.substr(0, 6) != "quote/") return;
    // Wordings: statements grouped by their folded text.
    struct Wording {
      Text text;
      std::vector<const FactRef*> refs;
      std::set<std::string> articles;
    };
    std::map<std::string, Wording> by_text;
    for (const auto& r : g.facts) {
      const auto& a = r.fact->attributes;
      if (!a.is_object() || str_of(a, "kind") != "statement" || !r.fact->value.is_object()) continue;
      Text t = text_of(*r.fact, clitics_);
      if (t.words.size() < min_words_) continue;
      auto& w = by_text[str_of(r.fact->value, "normalized")];
      if (w.refs.empty()) w.text = std::move(t);
      w.refs.push_back(&r);
      w.articles.insert(r.article->id);
    }
    if (by_text.size() < 2) return;
    std::vector<Wording*> ws;
    for (auto& [_, w] : by_text) {
      std::sort(w.refs.begin(), w.refs.end(), by_position);
      ws.push_back(&w);
    }
    // Wordings in order of their first article, so that the diff reads from the earlier one.
    std::sort(ws.begin(), ws.end(),
              [](const Wording* x, const Wording* y) { return by_position(x->refs.front(), y->refs.front()); });
    std::vector<const Text*> texts;
    for (auto* w : ws) texts.push_back(&w->text);
    struct Pair {
      std::size_t p, q;  // indices into ws: p the earlier wording
      std::size_t changed;
      std::vector<Hunk> hunks;
    };
    std::vector<Pair> pairs;
    for (auto [i, j] : candidates(texts, min_similarity_, bounds_)) {
      const Wording& a = *ws[i];  // the shorter
      const Wording& b = *ws[j];
      // Only across articles: some article has one wording and another article the other
      // (not so only when both are used in one and the same article alone).
      const bool across = !(a.articles.size() == 1 && b.articles.size() == 1 && *a.articles.begin() == *b.articles.begin());
      if (!across) continue;
      auto hunks = diff(a.text, b.text);
      if (hunks.empty()) continue;
      // Report from the wording of the earlier article to the other.
      const bool a_first = i < j;
      if (!a_first)
        for (auto& h : hunks) h = Hunk{h.tb, h.te, h.fb, h.fe};
      std::size_t changed = 0;
      for (const auto& h : hunks) changed += (h.fe - h.fb) + (h.te - h.tb);
      pairs.push_back(Pair{a_first ? i : j, a_first ? j : i, changed, std::move(hunks)});
    }
    // Each wording against at most bounds_.earlier earlier wordings: the fewest changed words, then
    // the earliest.
    std::stable_sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) {
      return x.q != y.q ? x.q < y.q : x.changed != y.changed ? x.changed < y.changed : x.p < y.p;
    });
    std::vector<const Pair*> kept;
    for (std::size_t k = 0, run = 0; k < pairs.size(); ++k) {
      run = k > 0 && pairs[k].q == pairs[k - 1].q ? run + 1 : 0;
      if (run < bounds_.earlier) kept.push_back(&pairs[k]);
    }
    std::sort(kept.begin(), kept.end(), [](const Pair* x, const Pair* y) {
      return std::minmax(x->p, x->q) < std::minmax(y->p, y->q);
    });
    for (const auto* pr : kept) out.push_back(finding(g, *ws[pr->p], *ws[pr->q], pr->hunks));
  }

 private:
  // The word changes between the shorter text a and the stretch of b it aligns with (empty
  // when they are not near-identical, or identical once folded).
  std::vector<Hunk> diff(const Text& a, const Text& b) const {
    const auto al = lcs(a.stems, b.stems);
    if (al.empty()) return {};
    const std::size_t n = a.stems.size(), m = b.stems.size();
    const std::size_t lead = al.front().first, trail = n - 1 - al.back().first;
    std::size_t wb = al.front().second >= lead ? al.front().second - lead : 0;
    std::size_t we = std::min(m - 1, al.back().second + trail);
    // Words of a that did not align may stand just outside the stretch in b, moved ("ومنع
    // الصراع من التوسع" / "ومنع توسع الصراع"): the stretch takes them in (up to as many words
    // beyond it as a has unaligned words, plus one).
    std::multiset<std::string_view> unaligned(a.stems.begin(), a.stems.end());
    for (auto [x, _] : al) unaligned.erase(unaligned.find(a.stems[x]));
    if (!unaligned.empty()) {
      const std::size_t reach = unaligned.size() + 1;
      for (std::size_t k = we + 1; k < m && k <= we + reach; ++k)
        if (unaligned.count(b.stems[k])) we = k;
      const std::size_t wb0 = wb;
      for (std::size_t k = wb0; k-- > 0 && k + reach >= wb0;)
        if (unaligned.count(b.stems[k])) wb = k;
    }
    const std::size_t wn = we - wb + 1;
    const double sim = static_cast<double>(al.size()) / static_cast<double>(std::max(n, wn));
    if (sim + 1e-9 < min_similarity_) return {};
    // Word-level diff of the folded words (indices into b, not into the stretch).
    const std::vector<std::string> bw(b.words.begin() + static_cast<long>(wb), b.words.begin() + static_cast<long>(we + 1));
    const auto same = lcs(a.words, bw);
    std::vector<Hunk> hunks;
    std::size_t i = 0, j = 0;
    auto flush = [&](std::size_t ie, std::size_t je) {
      if (i == ie && j == je) return;
      // A clitic on the first word alone belongs to the sentence around the quote.
      const bool edge_clitic = i == 0 && j == 0 && ie == 1 && je == 1 && a.stems[0] == b.stems[wb];
      if (!edge_clitic) hunks.push_back(Hunk{i, ie, wb + j, wb + je});
    };
    for (auto [x, y] : same) {
      flush(x, y);
      i = x + 1;
      j = y + 1;
    }
    flush(a.words.size(), bw.size());
    // Changes one equal word apart read as one change ("الصراع من التوسع" → "توسع الصراع").
    std::vector<Hunk> merged;
    for (const auto& h : hunks) {
      if (!merged.empty() && h.fb <= merged.back().fe + 1 && h.tb <= merged.back().te + 1) {
        merged.back().fe = h.fe;
        merged.back().te = h.te;
      } else {
        merged.push_back(h);
      }
    }
    return merged;
  }

  Finding finding(const Group& g, const auto& p, const auto& q, const std::vector<Hunk>& hunks) const {
    const auto& pf = *p.refs.front()->fact;
    const auto& qf = *q.refs.front()->fact;
    const std::string changes = render(hunks, display_words(pf, p.text.words), display_words(qf, q.text.words));
    auto where = [this](const auto& w) {
      std::vector<std::string> files;
      for (std::size_t k = 0; k < w.refs.size() && k < bounds_.occurrences; ++k)
        files.push_back(fmt::format("{}:{}", w.refs[k]->article->path, w.refs[k]->fact->span.line));
      if (w.refs.size() > bounds_.occurrences) files.push_back(fmt::format("and {} more", w.refs.size() - bounds_.occurrences));
      return fmt::format("{}", fmt::join(files, ", "));
    };
    std::string who = str_of(pf.attributes, "speaker");
    if (who.empty()) who = std::string(g.key.substr(6));
    Finding f = make_finding(kName, "quote", "variant", sev_, g.key);
    f.message = fmt::format(
        "{} is quoted with different words: {} has \"{}\"; {} has \"{}\". Word changes: {}. Not both can be "
        "verbatim: check the quote against its source.",
        who, where(p), str_of(pf.value, "text"), where(q), str_of(qf.value, "text"), changes);
    for (const auto* w : {&p, &q})
      for (std::size_t k = 0; k < w->refs.size() && k < bounds_.occurrences; ++k)
        f.evidence.push_back(evidence_of(*w->refs[k]->article, *w->refs[k]->fact));
    return f;
  }

  Severity sev_;
  double min_similarity_;
  std::size_t min_words_;
  std::vector<std::string> clitics_;
  Bounds bounds_;
};

class QuoteAttributionCheck final : public Check {
 public:
  explicit QuoteAttributionCheck(const rules::RuleSet& rs)
      : sev_(class_severity(rs, kName, "misattribution", Severity::error)),
        min_similarity_(check_number(rs, kName, "misattribution_min_similarity", 0.9)),
        min_words_(static_cast<std::size_t>(check_number(rs, kName, "misattribution_min_words", 6))),
        clitics_(clitics_of(rs)),
        bounds_(bounds_of(rs)) {
    const auto c = check_config(rs, kName);
    if (c && c["misattribution_attributions"])
      for (const auto& s : rules::strings_of(rs, "checks.yaml", c["misattribution_attributions"])) strong_.insert(s);
    else
      strong_ = {"frame", "relay", "participle", "headline", "office_holder"};
  }

  std::string_view name() const override { return kName; }
  std::string_view kind() const override { return "quote"; }
  std::string_view fact_type() const override { return "quote_text"; }

  void check(const Group& g, std::vector<Finding>& out) const override {
    if (g.key.substr(0, 11) != "quote_text/") return;
    const std::string here(g.key.substr(11));
    // The quotes, in order (article id, position), collapsed by text: identical wordings (with
    // the same content keys) are compared once, and their speakers in buckets.
    std::vector<const FactRef*> refs;
    for (const auto& r : g.facts) {
      const auto& a = r.fact->attributes;
      if (!a.is_object() || !a.contains("speaker_id") || !a["speaker_id"].is_string()) continue;
      if (!strong_.count(str_of(a, "attribution"))) continue;
      refs.push_back(&r);
    }
    std::sort(refs.begin(), refs.end(), by_position);
    struct Speaker {
      std::string id;
      const FactJson* attributes;  // of its first quote
      std::vector<std::size_t> facts;    // indices into `facts`
      std::set<std::string_view> articles;
    };
    struct Distinct {
      Text text;
      const FactJson* attributes;  // of its first quote (content keys)
      std::vector<Speaker> speakers;     // by (speaker_id, speaker_kind, via_id), in order
      std::map<std::string, std::size_t> speaker_index;
    };
    std::vector<FactInfo> facts;
    std::vector<Distinct> distinct;
    std::map<std::string, std::size_t> distinct_index;
    for (const auto* r : refs) {
      const auto& a = r->fact->attributes;
      std::string key = str_of(r->fact->value, "normalized");
      key += '\x1f';
      if (auto it = a.find("content_keys"); it != a.end()) key += it->dump();
      auto [it, fresh] = distinct_index.try_emplace(key, distinct.size());
      if (fresh) {
        Text t = text_of(*r->fact, clitics_);
        if (t.words.size() < min_words_) {
          it->second = SIZE_MAX;
          continue;
        }
        distinct.push_back(Distinct{std::move(t), &a, {}, {}});
      }
      if (it->second == SIZE_MAX) continue;
      auto& d = distinct[it->second];
      const std::string who = a["speaker_id"].get<std::string>() + '\x1f' + str_of(a, "speaker_kind") + '\x1f' + str_of(a, "via_id");
      auto [si, new_speaker] = d.speaker_index.try_emplace(who, d.speakers.size());
      if (new_speaker) d.speakers.push_back(Speaker{a["speaker_id"].get<std::string>(), &a, {}, {}});
      auto& sp = d.speakers[si->second];
      sp.facts.push_back(facts.size());
      sp.articles.insert(r->article->id);
      facts.push_back(FactInfo{r, {}});
    }
    if (facts.size() < 2 || distinct.empty()) return;
    std::vector<const Text*> texts;
    for (const auto& d : distinct) texts.push_back(&d.text);
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t i = 0; i < distinct.size(); ++i) pairs.emplace_back(i, i);
    for (auto pr : candidates(texts, min_similarity_, bounds_)) pairs.push_back(pr);
    // Pairs by speaker pair; each speaker with at most bounds_.earlier other speakers.
    // (Speaker ids as views into `distinct`, which no longer changes.)
    std::map<std::pair<std::string_view, std::string_view>, std::set<std::size_t>> by_speakers;
    std::unordered_map<std::string_view, std::size_t> partners;
    for (auto [i, j] : pairs) {
      const auto& x = distinct[i];
      const auto& y = distinct[j];
      if (smallest_shared(*x.attributes, *y.attributes) != here) continue;
      if (similarity_whole(x.text, y.text) + 1e-9 < min_similarity_) continue;
      for (std::size_t u = 0; u < x.speakers.size(); ++u)
        for (std::size_t v = i == j ? u + 1 : 0; v < y.speakers.size(); ++v) {
          const auto& su = x.speakers[u];
          const auto& sv = y.speakers[v];
          const std::string_view sx = su.id, sy = sv.id;
          if (sx == sy) continue;
          auto key = std::minmax(sx, sy);
          auto found = by_speakers.find({key.first, key.second});
          if (found == by_speakers.end() && (partners[sx] >= bounds_.earlier || partners[sy] >= bounds_.earlier)) continue;
          if (!different_speakers(*su.attributes, *sv.attributes)) continue;
          if (found == by_speakers.end()) {
            // Only across articles: a quote counts when the other speaker's has another article.
            const bool any = su.articles.size() > 1 || sv.articles.size() > 1 || *su.articles.begin() != *sv.articles.begin();
            if (!any) continue;
            ++partners[sx];
            ++partners[sy];
            found = by_speakers.try_emplace({key.first, key.second}).first;
          }
          auto& s = found->second;
          auto add = [&](const Speaker& mine, const Speaker& other) {
            for (auto k : mine.facts) {
              const std::string_view art = facts[k].ref->article->id;
              if (other.articles.size() > 1 || *other.articles.begin() != art) s.insert(k);
            }
          };
          add(su, sv);
          add(sv, su);
        }
    }
    for (const auto& [speakers, members] : by_speakers) {
      if (members.empty()) continue;
      std::vector<const FactInfo*> ev;
      for (auto k : members) ev.push_back(&facts[k]);
      std::sort(ev.begin(), ev.end(), [](const FactInfo* x, const FactInfo* y) { return by_position(x->ref, y->ref); });
      // Who says it where (the first bounds_.occurrences quotes of each speaker, then a count).
      std::map<std::string, std::vector<const FactInfo*>> per;
      for (const auto* e : ev) per[e->ref->fact->attributes["speaker_id"]].push_back(e);
      std::vector<std::string> parts;
      std::vector<const FactInfo*> shown;
      for (const auto& sid : {std::string(speakers.first), std::string(speakers.second)}) {
        const auto& list = per[sid];
        std::vector<std::string> files;
        for (std::size_t k = 0; k < list.size() && k < bounds_.occurrences; ++k) {
          files.push_back(fmt::format("{}:{}", list[k]->ref->article->path, list[k]->ref->fact->span.line));
          shown.push_back(list[k]);
        }
        if (list.size() > bounds_.occurrences) files.push_back(fmt::format("and {} more", list.size() - bounds_.occurrences));
        const auto& a = list.front()->ref->fact->attributes;
        parts.push_back(fmt::format("{} (\"{}\") in {} quotes \"{}\"", str_of(a, "speaker").empty() ? sid : str_of(a, "speaker"),
                                    str_of(a, "speaker_text"), fmt::join(files, ", "),
                                    str_of(list.front()->ref->fact->value, "text")));
      }
      std::sort(shown.begin(), shown.end(), [](const FactInfo* x, const FactInfo* y) { return by_position(x->ref, y->ref); });
      Finding f = make_finding(kName, "quote", "misattribution", sev_, g.key);
      f.message = fmt::format("The same words are given to different speakers: {}; {}. At most one of them said "
                              "them: check the attribution.",
                              parts[0], parts[1]);
      for (const auto* e : shown) {
        Evidence x = evidence_of(*e->ref->article, *e->ref->fact);
        if (const auto q = str_of(e->ref->fact->attributes, "quote"); !q.empty()) x.fact = q;
        f.evidence.push_back(std::move(x));
      }
      out.push_back(std::move(f));
    }
  }

 private:
  // Two known speakers that are not the same one: different ids of the same kind (a person and
  // an organisation may be its spokesperson), neither relaying the other, and — for people
  // known only by their transliteration key (`~key`) — neither name contained in the other
  // ("~smyth" may be "~jyms_smyth"). A knowledge-base id and a `~key` are not compared.
  static bool different_speakers(const FactJson& x, const FactJson& y) {
    const std::string sx = x["speaker_id"], sy = y["speaker_id"];
    if (sx == sy) return false;
    if (str_of(x, "speaker_kind") != str_of(y, "speaker_kind")) return false;
    if (str_of(x, "via_id") == sy || str_of(y, "via_id") == sx) return false;
    const bool tx = !sx.empty() && sx[0] == '~', ty = !sy.empty() && sy[0] == '~';
    if (tx != ty) return false;
    if (tx) {
      auto parts = [](const std::string& s) {
        std::set<std::string> out;
        std::size_t b = 1;
        while (b <= s.size()) {
          const auto e = std::min(s.find('_', b), s.size());
          if (e > b) out.insert(s.substr(b, e - b));
          b = e + 1;
        }
        return out;
      };
      const auto px = parts(sx), py = parts(sy);
      if (std::includes(px.begin(), px.end(), py.begin(), py.end()) ||
          std::includes(py.begin(), py.end(), px.begin(), px.end()))
        return false;
    }
    return true;
  }

  static std::string smallest_shared(const FactJson& x, const FactJson& y) {
    std::set<std::string> kx, ky;
    if (auto it = x.find("content_keys"); it != x.end() && it->is_array())
      for (const auto& k : *it)
        if (k.is_string()) kx.insert(k.get<std::string>());
    if (auto it = y.find("content_keys"); it != y.end() && it->is_array())
      for (const auto& k : *it)
        if (k.is_string() && kx.count(k.get<std::string>())) ky.insert(k.get<std::string>());
    return ky.empty() ? std::string() : *ky.begin();
  }

  Severity sev_;
  double min_similarity_;
  std::size_t min_words_;
  std::vector<std::string> clitics_;
  std::set<std::string> strong_;
  Bounds bounds_;
};

}  // namespace

std::unique_ptr<Check> make_quote_check(const rules::RuleSet& rules) {
  return std::make_unique<QuoteVariantCheck>(rules);
}

std::unique_ptr<Check> make_quote_attribution_check(const rules::RuleSet& rules) {
  return std::make_unique<QuoteAttributionCheck>(rules);
}

}  // namespace tadqiq::compare
