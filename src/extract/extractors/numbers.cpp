// The numbers extractor: every figure, in digits or in words. See docs/extractors/numbers.md.
//
// Numerals (number_words.h) are read token by token: digits in every script (the view has
// them as ASCII) with grouping and decimals, number words with their grammar, scale words,
// fractions and ratios. Around a numeral this file reads what bounds it ("أكثر من", "نحو",
// "على الأقل", "> 10"), whether it is negative ("سالب", "-5"), a percentage ("%", "في المئة"),
// a range ("بين 10 و20", "من 200 إلى 300", "1000-5000", "أكبر من 10 وأقل من 20"), and what
// role it plays when it is not a plain figure (part of a date, a year, a code). Every numeral
// becomes one fact of type "number". Deciding what a figure counts is the quantities
// extractor's job.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "extract/extractors/extractors.h"
#include "extract/phrase_filter.h"
#include "extract/extractors/number_words.h"
#include "extract/number_value.h"
#include "extract/rules_util.h"

namespace tadqiq::extract {
namespace {

using numerals::Numeral;
using numerals::NumeralLexicon;
using numerals::NumeralParser;

constexpr const char* kDoc = "numbers.yaml";
constexpr const char* kCalendar = "calendar.yaml";

enum Bound { kExact, kMoreThan, kAtLeast, kLessThan, kAtMost, kAbout, kVague };
const char* bound_name(int b) {
  static const char* names[] = {"exact", "more_than", "at_least", "less_than", "at_most", "about", "vague"};
  return names[b];
}
int bound_of(const std::string& name) {
  for (int b = kExact; b <= kAbout; ++b)
    if (name == bound_name(b)) return b;
  return -1;
}
bool lower_bound(int b) { return b == kMoreThan || b == kAtLeast; }

// A figure's kind and role (attributes "kind" and "role").
enum Kind : std::uint8_t { kCardinal, kFraction, kPercent, kRange, kKinds };
const char* const kKindNames[kKinds] = {"cardinal", "fraction", "percent", "range"};
enum Role : std::uint8_t { kFigureRole, kDateRole, kIdentifierRole, kOrdinalRole, kDayRole, kYearRole, kRoles };
const char* const kRoleNames[kRoles] = {"figure", "date", "identifier", "ordinal", "day", "year"};
bool upper_bound(int b) { return b == kLessThan || b == kAtMost; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool is_space(char c) { return c == ' ' || c == '\n'; }

// A dash between the ends of a range: '-', '~', U+2013 EN DASH.
std::size_t dash_at(std::string_view v, std::size_t i) {
  if (i < v.size() && (v[i] == '-' || v[i] == '~')) return 1;
  if (i + 2 < v.size() && v[i] == '\xE2' && v[i + 1] == '\x80' && v[i + 2] == '\x93') return 3;
  return 0;
}
// A minus sign: '-' or U+2212 MINUS SIGN ending at i (exclusive); returns its length.
std::size_t minus_before(std::string_view v, std::size_t i) {
  if (i >= 1 && v[i - 1] == '-') return 1;
  if (i >= 3 && v[i - 3] == '\xE2' && v[i - 2] == '\x88' && v[i - 1] == '\x92') return 3;
  return 0;
}

// A figure of the fact sheet, before it becomes a fact.
struct Item {
  std::size_t vb = 0, ve = 0;  // view span of the fact
  std::size_t tb = 0, te = 0;  // tokens of the numeral(s)
  std::optional<double> lo, hi;
  std::optional<double> figure;
  double scale = 0;
  int bound = kExact;
  Kind kind = kCardinal;
  Role role = kFigureRole;
  std::size_t qb = 0, qe = 0;  // view range of the qualifier (bound phrase), qe == 0: none
  int before = -1;             // bound given by a phrase before the figure
  std::size_t before_tok = 0;  // first token of that phrase
  std::size_t before_clitic = 0;
  int lower = -1, upper = -1;  // a range's stated ends
  bool percent_range = false;
  bool identifier = false;
};

class NumbersExtractor final : public Extractor {
 public:
  explicit NumbersExtractor(const rules::RuleSet& rs)
      : lex_(rs),
        bounds_before_(clitics(rs)),
        bounds_after_(clitics(rs)),
        or_equal_(clitics(rs)),
        equality_(clitics(rs)),
        percent_(clitics(rs)),
        percent_before_(clitics(rs)),
        months_(clitics(rs)),
        year_words_(clitics(rs)),
        negative_(clitics(rs)),
        between_(clitics(rs)),
        from_(clitics(rs)),
        to_(clitics(rs)),
        change_(clitics(rs)),
        before_marks_(clitics(rs)) {
    const auto doc = require_doc(rs, kDoc);
    auto bounds = [&](const YAML::Node& node, FilteredPhrases& set, PhraseFilter* also) {
      if (!node) return;
      if (!node.IsMap()) throw rules::RuleShapeError(rs.error_at(kDoc, node, "expected a mapping of bound: [phrases]"));
      for (const auto& kv : node) {
        const int b = bound_of(kv.first.as<std::string>());
        if (b < 0)
          throw rules::RuleShapeError(rs.error_at(kDoc, kv.first,
              "unknown bound (expected more_than, at_least, less_than, at_most or about)"));
        set.add_all(rs, kDoc, kv.second, b, also);
      }
    };
    bounds(doc["bounds_before"], bounds_before_, &before_marks_);
    bounds(doc["bounds_after"], bounds_after_, nullptr);
    or_equal_.add_all(rs, kDoc, doc["or_equal_after"], 0);
    equality_.add_all(rs, kDoc, doc["equality"], 0, &before_marks_);
    for (const auto& p : rules::strings_of(rs, kDoc, doc["percent"])) {
      if (p == "%") continue;  // the sign is handled as a character
      percent_.add(p, 0);
    }
    percent_before_.add_all(rs, kDoc, doc["percent_before"], 0, &before_marks_);
    negative_.add_all(rs, kDoc, doc["negative"], 0, &before_marks_);
    if (const auto r = doc["ranges"]) {
      between_.add_all(rs, kDoc, r["between"], 0, &before_marks_);
      from_.add_all(rs, kDoc, r["from"], 0, &before_marks_);
      to_.add_all(rs, kDoc, r["to"], 0);
      change_.add_all(rs, kDoc, r["change_words"], 0);
      if (r["change_window"]) change_window_ = static_cast<std::size_t>(number_of(rs, kDoc, r["change_window"]));
    }
    if (const auto cal = rs.doc(kCalendar)) {
      if (cal["months"] && cal["months"].IsMap())
        for (const auto& kv : cal["months"]) months_.add_all(rs, kCalendar, kv.second, kv.first.as<int>());
      year_words_.add_all(rs, kCalendar, cal["year_words"], 0);
    }
    if (const auto ar = rs.doc("arabic.yaml"); ar && ar["definite_article"])
      definite_ = normalize::fold(ar["definite_article"].as<std::string>());
  }

  std::string_view name() const override { return "numbers"; }

  void extract(const Document& doc, std::vector<Fact>& facts) const override {
    const std::string& v = doc.text();
    const auto& toks = doc.tokens();
    const NumeralParser parser(lex_, doc);
    std::vector<Item> items;
    items.reserve(toks.size() / 16 + 8);  // a figure in every few sentences: mostly no regrowth
    const auto urls = url_ranges(v);
    std::size_t url_i = 0;

    std::size_t k = 0;
    const Token* const tk = toks.data();
    const std::size_t nt = toks.size();
    while (k < nt) {
      // A word that neither is nor holds a number word (behind a clitic or the article) starts
      // no numeral: one filter check instead of the parser's lookups. Most tokens are such
      // words, skipped here in a loop of their own.
      while (!tk[k].digits && !lex_.may_start(tk[k]))
        if (++k == nt) break;
      if (k == nt) break;
      const Token& t = tk[k];
      if (t.digits) {
        // Inside a URL: not a figure.
        while (url_i < urls.size() && urls[url_i].end <= t.begin) ++url_i;
        if (url_i < urls.size() && urls[url_i].begin <= t.begin) {
          k = doc.token_at_or_after(urls[url_i].end);
          continue;
        }
        if (std::size_t e = date_at(v, t.begin); e) {
          // A numeric date: its parts are figures with the role "date" (the dates extractor
          // reads the date itself).
          for (; k < toks.size() && toks[k].begin < e; ++k)
            items.push_back(plain_item(v, toks[k].begin, toks[k].end, k, kDateRole));
          continue;
        }
        if (std::size_t e = time_at(v, t.begin); e) {
          k = doc.token_at_or_after(e);
          continue;
        }
      }

      std::optional<Numeral> num;
      std::size_t b = t.begin;
      bool ordinal = false;
      if (t.digits) {
        std::size_t start = b;
        // ".08": a decimal point with nothing before it.
        if (b >= 1 && v[b - 1] == '.' && (b == 1 || is_space(v[b - 2]))) start = b - 1;
        const bool plus = b >= 1 && v[b - 1] == '+';
        const auto s = numerals::scan_digits(v, start, !plus);
        if (s.dotted) {
          // 192.168.1.2: each part is a figure of an identifier, never one number.
          for (; k < toks.size() && toks[k].begin < s.e; ++k) {
            Item it = plain_item(v, toks[k].begin, toks[k].end, k, kIdentifierRole);
            items.push_back(it);
          }
          continue;
        }
        const std::size_t after = doc.token_at_or_after(s.e);
        const bool glued_after = after < toks.size() && toks[after].begin == s.e && !toks[after].digits;
        bool glued_latin = b > 0 && (is_ascii_letter(v[b - 1]) || (v[b - 1] == '-' && b > 1 && is_ascii_letter(v[b - 2])));
        if (k > 0 && toks[k - 1].end == b && !toks[k - 1].digits) {
          const auto glued = doc.token_text(k - 1);
          if (!definite_.empty() && glued.size() >= definite_.size() &&
              glued.compare(glued.size() - definite_.size(), definite_.size(), definite_) == 0)
            ordinal = true;  // الـ284
        }
        if (!s.ok || s.leading_zero || glued_after || glued_latin) {
          Item it;
          it.vb = start;
          it.ve = s.e;
          it.tb = k;
          it.te = std::max(glued_after ? after + 1 : after, k + 1);  // "١مليون": the glued word too
          it.identifier = true;
          it.role = kIdentifierRole;
          items.push_back(it);
          k = it.te;
          continue;
        }
        if (start < b) {
          Numeral n;  // ".08": nothing can follow a bare decimal
          n.tb = k;
          n.te = after;
          n.vb = start;
          n.ve = s.e;
          n.value = s.value;
          n.digits_only = true;
          n.fig = s;
          num = n;
        } else {
          num = parser.parse(k, false, plus ? nullptr : &s);  // read with space groups: as the parser would
        }
      } else {
        num = parser.parse(k, true);
        // "فوق الثلاثين", "فوق الربع وتحت النصف": definite number words after a comparison.
        if (!num)
          if (auto d = definite_numeral(doc, parser, k); d && bounds_before_.match_ending(v, toks, k, true)) num = d;
      }
      if (!num) {
        ++k;
        continue;
      }
      Item it = item_of(doc, parser, *num, ordinal);
      k = std::max(it.te, k + 1);
      items.push_back(std::move(it));
    }

    merge_bound_pairs(doc, items);
    // Room for these and for what later extractors add: about as many again built on the
    // figures (counts, ordinals, dates), and names, titles and quotes in proportion to the
    // text (at most about one per 64 bytes of dense news). One allocation instead of a
    // doubling, each moving every fact, when the sheet outgrows a smaller estimate.
    facts.reserve(2 * (facts.size() + items.size()) + v.size() / 64);
    for (const auto& it : items) emplace_fact(facts, [&] { return fact_of(doc, it); });
  }

 private:
  // URLs (with "://" or starting "www."), to their surrounding white space.
  static std::vector<normalize::Range> url_ranges(std::string_view v) {
    std::vector<normalize::Range> out;
    auto add = [&](std::size_t at) {
      std::size_t b = at, e = at;
      while (b > 0 && !is_space(v[b - 1])) --b;
      while (e < v.size() && !is_space(v[e])) ++e;
      if (!out.empty() && b < out.back().end) out.back().end = std::max(out.back().end, e);
      else out.push_back({b, e});
      return e;
    };
    for (std::size_t i = v.find("://"); i != std::string_view::npos; i = v.find("://", i)) i = add(i);
    std::vector<normalize::Range> www;
    for (std::size_t i = v.find("www."); i != std::string_view::npos; i = v.find("www.", i + 4)) {
      if (i == 0 || is_space(v[i - 1])) {
        std::size_t e = i;
        while (e < v.size() && !is_space(v[e])) ++e;
        www.push_back({i, e});
      }
    }
    if (!www.empty()) {
      out.insert(out.end(), www.begin(), www.end());
      std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
    }
    return out;
  }

  // d{1,4} [/-] d{1,2} [/-] d{1,4}, not followed by a further part: returns its end, or 0.
  static std::size_t date_at(std::string_view v, std::size_t b) {
    if (b >= 2 && (v[b - 1] == '/' || v[b - 1] == '-') && is_digit(v[b - 2])) return 0;
    std::size_t i = b;
    auto run = [&](std::size_t lo, std::size_t hi) {
      std::size_t j = i;
      while (j < v.size() && is_digit(v[j])) ++j;
      const std::size_t n = j - i;
      if (n < lo || n > hi) return false;
      i = j;
      return true;
    };
    auto sep = [&]() {
      if (i + 1 < v.size() && (v[i] == '/' || v[i] == '-') && is_digit(v[i + 1])) {
        ++i;
        return true;
      }
      return false;
    };
    if (!run(1, 4) || !sep() || !run(1, 2) || !sep() || !run(1, 4)) return 0;
    if (i + 1 < v.size() && (v[i] == '/' || v[i] == '-' || v[i] == '.') && is_digit(v[i + 1])) return 0;
    return i;
  }
  // d{1,2}:d{2}(:d{2})?: returns its end, or 0.
  static std::size_t time_at(std::string_view v, std::size_t b) {
    std::size_t i = b;
    while (i < v.size() && is_digit(v[i])) ++i;
    if (i - b < 1 || i - b > 2) return 0;
    auto part = [&](std::size_t at) {
      return at + 2 < v.size() && v[at] == ':' && is_digit(v[at + 1]) && is_digit(v[at + 2]) &&
             !(at + 3 < v.size() && is_digit(v[at + 3]));
    };
    if (!part(i)) return 0;
    i += 3;
    if (part(i)) i += 3;
    return i;
  }

  Item plain_item(std::string_view v, std::size_t b, std::size_t e, std::size_t k, Role role) const {
    Item it;
    it.vb = b;
    it.ve = e;
    it.tb = k;
    it.te = k + 1;
    it.role = role;
    const auto s = numerals::scan_digits(v.substr(0, e), b, false);
    if (s.ok && !s.leading_zero) {
      it.lo = it.hi = it.figure = s.value;
    } else {
      it.identifier = true;
    }
    return it;
  }

  std::optional<Numeral> definite_numeral(const Document& doc, const NumeralParser& parser, std::size_t k) const {
    const auto w = doc.token_text(k);
    const std::size_t dp = lex_.definite_prefix(w);
    if (dp == 0) return std::nullopt;
    const auto* r = lex_.find(w.substr(dp));
    if (!r) return std::nullopt;
    for (const auto& x : *r) {
      if (x.cls == numerals::Cls::tens || x.cls == numerals::Cls::hundreds || x.cls == numerals::Cls::frac ||
          x.cls == numerals::Cls::scale) {
        Numeral n;
        n.tb = k;
        n.te = k + 1;
        n.vb = doc.tokens()[k].begin;
        n.ve = doc.tokens()[k].end;
        n.words = true;
        n.value = x.cls == numerals::Cls::frac ? 1 / x.a : x.a;
        n.fraction = x.cls == numerals::Cls::frac;
        return n;
      }
    }
    (void)parser;
    return std::nullopt;
  }

  // The token index where a phrase match ending before token `end` begins, in view bytes.
  static std::size_t begin_of(const std::vector<Token>& toks, const PhraseMatch& m) {
    return toks[m.first].begin;  // with its clitic: "بنحو 1.7 مليون"
  }

  // Whether a change word ("ارتفع") stands within the window before token `k`, in its sentence.
  bool change_before(const Document& doc, std::size_t k) const {
    if (change_.empty()) return false;
    const auto& v = doc.text();
    const auto& toks = doc.tokens();
    const auto& sent = doc.sentences()[doc.sentence_at(toks[k].begin)];
    const std::size_t lo = k > change_window_ ? k - change_window_ : 0;
    for (std::size_t i = k; i-- > lo;) {
      if (toks[i].begin < sent.begin) break;
      if (change_.match_at(v, toks, i, true)) return true;
    }
    return false;
  }

  // Percent sign or words right after view offset `e` / token `tj`: the new end, or 0.
  std::size_t percent_after(const Document& doc, std::size_t e, std::size_t tj) const {
    const auto& v = doc.text();
    std::size_t i = e;
    while (i < v.size() && v[i] == ' ') ++i;
    if (i < v.size() && v[i] == '%') return i + 1;
    if (auto m = percent_.match_at(v, doc.tokens(), tj, false)) return doc.tokens()[m->last - 1].end;
    return 0;
  }

  // The second end of a range after numeral `x`: "و Y" (between), "إلى Y", "- Y".
  std::optional<Numeral> range_end(const Document& doc, const NumeralParser& parser, const Numeral& x,
                                   bool between, bool to_word, bool dash) const {
    const auto& v = doc.text();
    const auto& toks = doc.tokens();
    const std::size_t j = x.te;
    if (j >= toks.size()) return std::nullopt;
    if (between) {
      const auto w = doc.token_text(j);
      const auto& cj = lex_.conj();
      if (w == cj && j + 1 < toks.size()) {
        if (!only_spaces(v, toks[j].end, toks[j + 1].begin)) return std::nullopt;
        return parser.parse(j + 1, false);
      }
      if (w.size() > cj.size() && w.compare(0, cj.size(), cj) == 0 && !toks[j].digits) {
        auto y = parser.parse(j, true);
        if (y && y->vb == toks[j].begin + cj.size()) return y;
      }
      return std::nullopt;
    }
    if (to_word) {
      if (auto m = to_.match_at(v, toks, j, false); m && m->last < toks.size() &&
                                                    only_spaces(v, toks[m->last - 1].end, toks[m->last].begin))
        return parser.parse(m->last, false);
      return std::nullopt;
    }
    if (dash) {
      std::size_t i = x.ve;
      while (i < v.size() && v[i] == ' ') ++i;
      const std::size_t d = dash_at(v, i);
      if (!d) return std::nullopt;
      i += d;
      while (i < v.size() && v[i] == ' ') ++i;
      if (i >= v.size() || !is_digit(v[i])) return std::nullopt;
      const std::size_t tk = doc.token_at_or_after(i);
      if (tk >= toks.size() || toks[tk].begin != i) return std::nullopt;
      auto y = parser.parse(tk, false);
      if (!y) return std::nullopt;
      // A chain (222-2222-2222, 1-2-3) is a code, not a range.
      std::size_t a = y->ve;
      if (a + 1 < v.size() && (dash_at(v, a) || v[a] == '/') && is_digit(v[a + 1])) return std::nullopt;
      return y;
    }
    return std::nullopt;
  }

  static bool only_spaces(std::string_view v, std::size_t a, std::size_t b) {
    for (std::size_t i = a; i < b; ++i)
      if (v[i] != ' ') return false;
    return true;
  }

  static bool year_like(const Numeral& n) {
    return n.digits_only && n.fig.int_digits == 4 && !n.fig.grouped && !n.fig.decimal && n.value >= 1900 &&
           n.value <= 2100;
  }

  // The fact-to-be of a numeral, with everything around it read.
  Item item_of(const Document& doc, const NumeralParser& parser, Numeral num, bool ordinal) const {
    const auto& v = doc.text();
    const auto& toks = doc.tokens();
    Item it;
    it.vb = num.vb;
    it.ve = num.ve;
    it.tb = num.tb;
    it.te = num.te;
    it.scale = num.scale;
    if (ordinal) it.role = kOrdinalRole;

    // Negative: "-5", "سالب خمسة", "ناقص 90".
    std::size_t st = num.tb;  // first token of what precedes-phrases end before
    bool negative = false;
    if (const std::size_t m = minus_before(v, num.vb); m && !num.words) {
      const std::size_t p = num.vb - m;
      if (p == 0 || !(is_digit(v[p - 1]) || is_ascii_letter(v[p - 1]) || (v[p - 1] & 0x80))) {
        negative = true;
        it.vb = p;
      }
    }
    // No phrase of negative_, bounds_before_, equality_, between_, from_ or percent_before_
    // ends before token `e` unless this one test passes (kept for the last `e` asked: the
    // same token is asked up to three times).
    std::size_t pb_at = SIZE_MAX;
    bool pb = false;
    auto phrase_before = [&](std::size_t e) {
      if (e != pb_at) {
        pb_at = e;
        pb = before_marks_.may_end(toks, e);
      }
      return pb;
    };
    if (!negative && st > 0 && !ordinal && phrase_before(st)) {
      if (auto m = negative_.match_ending(v, toks, st, true); m && m->first + 1 == st) {
        negative = true;
        st = m->first;
        it.vb = begin_of(toks, *m);
      }
    }
    if (negative) num.value = -num.value;

    // What precedes: a bound phrase, an equality, a comparison sign, a range opener.
    int before = -1;
    std::size_t q_b = 0, q_e = 0;
    bool between = false, from = false;
    std::size_t range_b = it.vb;
    if (!ordinal && st > 0 && !num.vague && phrase_before(st)) {
      if (auto m = bounds_before_.match_ending(v, toks, st, true)) {
        before = m->payload;
        q_b = begin_of(toks, *m);
        q_e = toks[m->last - 1].end;
        it.before_tok = m->first;
        it.before_clitic = m->clitic;
      } else if (auto m2 = equality_.match_ending(v, toks, st, true)) {
        before = kExact;
        q_b = begin_of(toks, *m2);
        q_e = toks[m2->last - 1].end;
        it.before_tok = m2->first;
        it.before_clitic = m2->clitic;
      } else if (auto m3 = between_.match_ending(v, toks, st, true)) {
        between = true;
        range_b = begin_of(toks, *m3);
      } else if (auto m4 = from_.match_ending(v, toks, st, true); m4 && !change_before(doc, m4->first)) {
        from = true;
        range_b = begin_of(toks, *m4);
      }
    }
    if (before < 0 && !ordinal && !num.vague) {
      // Comparison signs: > 10, >= 30, <= -30, < = 100, ≥, ≤ ("<>" and "=>" are not bounds).
      std::size_t i = it.vb;
      while (i > 0 && v[i - 1] == ' ') --i;
      auto sym = [&](std::size_t at, int& b) -> std::size_t {
        if (at >= 1 && v[at - 1] == '>') { b = kMoreThan; return 1; }
        if (at >= 1 && v[at - 1] == '<') { b = kLessThan; return 1; }
        // U+2265 / U+2264, byte by byte (no strlen and compare call per figure).
        if (at >= 3 && v[at - 3] == '\xE2' && v[at - 2] == '\x89' && v[at - 1] == '\xA5') { b = kAtLeast; return 3; }
        if (at >= 3 && v[at - 3] == '\xE2' && v[at - 2] == '\x89' && v[at - 1] == '\xA4') { b = kAtMost; return 3; }
        return 0;
      };
      int b = -1;
      if (std::size_t n = sym(i, b)) {
        const std::size_t p = i - n;
        // Not after another sign ("<>30", "=>30") nor glued to a figure ("<a0> 29").
        if (!(p >= 1 && (v[p - 1] == '<' || v[p - 1] == '>' || v[p - 1] == '=' || is_digit(v[p - 1])))) {
          before = b;
          q_b = p;
          q_e = i;
        }
      } else if (i >= 1 && v[i - 1] == '=') {
        std::size_t j = i - 1;
        while (j > 0 && v[j - 1] == ' ') --j;
        if (std::size_t n2 = sym(j, b); n2 && b != kAtLeast && b != kAtMost) {
          const std::size_t p = j - n2;
          if (!(p >= 1 && (v[p - 1] == '<' || v[p - 1] == '>' || v[p - 1] == '='))) {
            before = b == kMoreThan ? kAtLeast : kAtMost;
            q_b = p;
            q_e = i;
          }
        }
      }
    }

    // Ranges.
    if (!ordinal && !num.vague && before != kMoreThan && before != kLessThan && before != kAtLeast &&
        before != kAtMost && before != kExact) {
      std::optional<Numeral> y;
      if (between) y = range_end(doc, parser, num, true, false, false);
      else if (from) y = range_end(doc, parser, num, false, true, false);
      else {
        y = range_end(doc, parser, num, false, true, false);
        if (y && change_before(doc, num.tb)) y.reset();
        if (!y && !num.words && !(num.vb >= 1 && (v[num.vb - 1] == '+' || dash_at(v, num.vb - 1) ||
                                                  v[num.vb - 1] == '/')))
          y = range_end(doc, parser, num, false, false, true);
      }
      if (y && !y->vague) {
        double x = num.value;
        if (num.scale == 0 && y->scale > 0 && x < y->value / y->scale) x *= y->scale;  // "بين 10 و20 ألفا"
        const bool years = year_like(num) && year_like(*y);
        const std::size_t after_y = y->te;
        const bool day_range = after_y < toks.size() && months_.match_at(v, toks, after_y, false);
        if (x < y->value && !years && !day_range) {
          it.vb = std::min(range_b, it.vb);
          it.ve = y->ve;
          it.te = y->te;
          it.lo = x;
          it.hi = y->value;
          it.kind = kRange;
          it.bound = before == kAbout ? kAbout : kExact;
          if (before == kAbout) {
            it.qb = q_b;
            it.qe = q_e;
            it.vb = std::min(it.vb, q_b);
          }
          it.scale = std::max(num.scale, y->scale);
          if (const std::size_t pe = percent_after(doc, it.ve, it.te)) {
            it.ve = pe;
            it.te = doc.token_at_or_after(pe);
            it.percent_range = true;
          }
          return it;
        }
      }
    }

    // Percent after, or a percent word before.
    bool percent = false;
    if (const std::size_t pe = percent_after(doc, it.ve, it.te)) {
      percent = true;
      it.ve = pe;
      it.te = doc.token_at_or_after(pe);
    } else if (before < 0 && st > 0 && !num.vague && !ordinal && phrase_before(st)) {
      if (auto m = percent_before_.match_ending(v, toks, st, true)) {
        percent = true;
        it.vb = begin_of(toks, *m);
      }
    }

    // A bound after the figure ("200 أو أكثر", "12 على الأقل"), not when another figure follows it.
    int bound = before >= 0 ? before : kExact;
    if (before >= 0 && q_e) {
      it.qb = q_b;
      it.qe = q_e;
      it.vb = std::min(it.vb, q_b);
      it.before = before;
    }
    if (!ordinal && !num.vague) {
      auto free_after = [&](const PhraseMatch& m) {
        return m.last >= toks.size() || !parser.starts_numeral(m.last) ||
               !only_spaces(v, toks[m.last - 1].end, toks[m.last].begin);
      };
      if (before == kMoreThan || before == kLessThan) {
        if (auto m = or_equal_.match_at(v, toks, it.te, false); m && free_after(*m)) {
          bound = before == kMoreThan ? kAtLeast : kAtMost;
          it.ve = toks[m->last - 1].end;
          it.te = m->last;
        }
      } else if (before < 0 || before == kExact || before == kAbout) {
        if (auto m = bounds_after_.match_at(v, toks, it.te, false); m && free_after(*m)) {
          bound = m->payload;
          it.qb = toks[m->first].begin;
          it.qe = toks[m->last - 1].end;
          it.ve = it.qe;
          it.te = m->last;
          it.before = -1;
        }
      }
    }

    if (num.vague) {
      it.bound = kVague;
      it.lo = num.lo;
      it.hi = num.hi;
      return it;
    }
    it.bound = bound;
    it.figure = num.value;
    if (bound == kMoreThan || bound == kAtLeast) it.lo = num.value;
    else if (bound == kLessThan || bound == kAtMost) it.hi = num.value;
    else it.lo = it.hi = num.value;
    it.kind = percent ? kPercent : num.fraction ? kFraction : kCardinal;

    // Context that makes the figure part of a date.
    if (!ordinal && !percent && num.scale == 0 && !num.fraction && !negative && bound == kExact && !it.qe) {
      const double x = num.value;
      const std::size_t tj = it.te;
      const bool small_int = std::floor(x) == x && x >= 1 && x <= 31;
      if (small_int && (num.words || num.fig.int_digits <= 2) && months_.match_at(v, toks, tj, false)) {
        it.role = kDayRole;
      } else if ((num.digits_only ? (num.fig.int_digits == 4 && !num.fig.grouped && !num.fig.decimal)
                                  : (std::floor(x) == x && x >= 1900 && x <= 2100)) &&
                 (months_.match_ending(v, toks, num.tb, false) || year_words_.match_ending(v, toks, num.tb, true))) {
        it.role = kYearRole;
      }
    }
    return it;
  }

  // "أكبر من 10 وأصغر من 20", "على الأكثر 100 وعلى الأقل 20": two bounded figures joined by
  // the conjunction become one range with its ends stated.
  void merge_bound_pairs(const Document& doc, std::vector<Item>& items) const {
    const auto& v = doc.text();
    const auto& toks = doc.tokens();
    const auto& cj = lex_.conj();
    // In place: a merged pair is written over its first item, so `w` never passes `i`.
    std::size_t w = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i + 1 < items.size()) {
        const Item& a = items[i];
        const Item& b = items[i + 1];
        auto plain = [](const Item& x) {
          return x.kind == kCardinal || x.kind == kFraction;
        };
        const bool pair = a.before >= 0 && b.before >= 0 && plain(a) && plain(b) &&
                          ((lower_bound(a.before) && upper_bound(b.before)) ||
                           (upper_bound(a.before) && lower_bound(b.before)));
        bool joined = false;
        if (pair) {
          const std::size_t q = b.before_tok;
          if (b.before_clitic > 0 && q == a.te && doc.token_text(q).substr(0, cj.size()) == cj &&
              only_spaces(v, toks[q - 1].end, toks[q].begin))
            joined = true;
          else if (b.before_clitic == 0 && q == a.te + 1 && doc.token_text(a.te) == cj &&
                   only_spaces(v, toks[a.te - 1].end, toks[a.te].begin) && only_spaces(v, toks[a.te].end, toks[q].begin))
            joined = true;
        }
        if (joined) {
          const Item& lo = lower_bound(a.before) ? a : b;
          const Item& hi = lower_bound(a.before) ? b : a;
          if (*lo.figure < *hi.figure) {
            Item r;
            r.vb = a.vb;
            r.ve = b.ve;
            r.tb = a.tb;
            r.te = b.te;
            r.lo = lo.figure;
            r.hi = hi.figure;
            r.kind = kRange;
            r.bound = kExact;
            r.lower = lo.bound;
            r.upper = hi.bound;
            r.qb = a.qb;
            r.qe = b.qe;
            items[w++] = r;
            ++i;
            continue;
          }
        }
      }
      if (w != i) items[w] = items[i];
      ++w;
    }
    items.resize(w);
  }

  Fact fact_of(const Document& doc, const Item& it) const {
    Fact f = doc.make_fact(type_, it.vb, it.ve);
    // Copies of objects built once (their nodes linked with no key comparisons), the values
    // then set in place: the members and their order are those put() in key order gives.
    f.value = open_interval_;
    if (it.identifier) {
      members(f.attributes) = plain_attributes_[plain_index(kExact, kCardinal, kIdentifierRole, false)];
      return f;
    }
    auto number_or_null = [](const std::optional<double>& x) { return x ? number_json(*x) : FactJson(nullptr); };
    auto& val = members(f.value);
    val.begin()->second = number_or_null(it.hi);  // "max"
    std::next(val.begin())->second = number_or_null(it.lo);  // "min"
    const bool scaled = it.scale != 0 && it.scale != 1;
    if (it.lower < 0 && !it.percent_range && it.qe <= it.qb && !scaled && it.upper < 0) {
      members(f.attributes) = plain_attributes_[plain_index(it.bound, it.kind, it.role, it.figure.has_value())];
      if (it.figure) std::next(members(f.attributes).begin())->second = number_json(*it.figure);  // "figure"
      return f;
    }
    auto& a = members(f.attributes);  // members in key order: no search, one node each
    put(a, "bound", bound_name(it.bound));
    if (it.figure) put_number(a, "figure", it.figure);
    put(a, "kind", kKindNames[it.kind]);
    if (it.lower >= 0) put(a, "lower", bound_name(it.lower));
    if (it.percent_range) put(a, "percent", true);
    if (it.qe > it.qb) put(a, "qualifier", doc.source_text(it.qb, it.qe));
    put(a, "role", kRoleNames[it.role]);
    if (scaled) put_number(a, "scale", it.scale);
    if (it.upper >= 0) put(a, "upper", bound_name(it.upper));
    return f;
  }

  static std::size_t plain_index(int bound, Kind kind, Role role, bool figure) {
    return ((static_cast<std::size_t>(bound) * kKinds + kind) * kRoles + role) * 2 + (figure ? 1 : 0);
  }
  // The attributes of a figure with nothing but a bound, a kind, a role and maybe a figure
  // (0 here), for every combination, at plain_index().
  static std::vector<FactJson::object_t> plain_attributes() {
    std::vector<FactJson::object_t> out((kVague + 1) * kKinds * kRoles * 2);
    for (int b = kExact; b <= kVague; ++b)
      for (int k = 0; k < kKinds; ++k)
        for (int r = 0; r < kRoles; ++r)
          for (const bool figure : {false, true}) {
            auto& a = out[plain_index(b, static_cast<Kind>(k), static_cast<Role>(r), figure)];
            put(a, "bound", bound_name(b));
            if (figure) put_number(a, "figure", 0.0);
            put(a, "kind", kKindNames[k]);
            put(a, "role", kRoleNames[r]);
          }
    return out;
  }

  const std::string type_ = "number";  // copied per fact (no strlen)
  const FactJson open_interval_ = interval_json(std::nullopt, std::nullopt);  // {"max": null, "min": null}
  const std::vector<FactJson::object_t> plain_attributes_ = plain_attributes();
  NumeralLexicon lex_;
  FilteredPhrases bounds_before_, bounds_after_, or_equal_, equality_, percent_, percent_before_, months_,
      year_words_, negative_, between_, from_, to_, change_;
  // The tokens a phrase before a figure can end at (negative, bound, equality, range opener,
  // percent word): one test before the six lookups.
  PhraseFilter before_marks_;
  std::string definite_;
  std::size_t change_window_ = 8;
};

}  // namespace

std::unique_ptr<Extractor> make_numbers_extractor(const rules::RuleSet& rules) {
  return std::make_unique<NumbersExtractor>(rules);
}

}  // namespace tadqiq::extract
