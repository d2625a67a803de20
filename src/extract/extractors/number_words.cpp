// Numerals in digits and in words. See number_words.h and docs/extractors/numbers.md.
#include "extract/extractors/number_words.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "extract/rules_util.h"
#include "normalize/normalize.h"

namespace tadqiq::extract::numerals {

namespace {

constexpr const char* kDoc = "numbers.yaml";
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kCap = 1e18;  // larger numerals stop before the word that would exceed it

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A run of ASCII digits at v[i]; returns its length.
std::size_t digit_run(std::string_view v, std::size_t i) {
  std::size_t j = i;
  while (j < v.size() && is_digit(v[j])) ++j;
  return j - i;
}

// The Arabic comma U+060C (D8 8C) at v[i].
bool arabic_comma(std::string_view v, std::size_t i) {
  return i + 1 < v.size() && v[i] == '\xD8' && v[i + 1] == '\x8C';
}

bool is_year_like(const Numeral& n) {
  return n.digits_only && n.fig.int_digits == 4 && !n.fig.grouped && !n.fig.decimal && n.value >= 1900 &&
         n.value <= 2100;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Lexicon

NumeralLexicon::NumeralLexicon(const rules::RuleSet& rs) : months_(extract::clitics(rs)), tail_ok_(extract::clitics(rs)) {
  const auto doc = require_doc(rs, kDoc);
  if (const auto cal = rs.doc("calendar.yaml"); cal && cal["months"] && cal["months"].IsMap())
    for (const auto& kv : cal["months"]) add_phrases(rs, "calendar.yaml", kv.second, 0, months_);
  if (const auto ba = doc["bounds_after"]; ba && ba.IsMap())
    for (const auto& kv : ba) add_phrases(rs, kDoc, kv.second, 0, tail_ok_);
  add_phrases(rs, kDoc, doc["or_equal_after"], 0, tail_ok_);
  add_phrases(rs, kDoc, doc["percent"], 0, tail_ok_);
  conj_ = normalize::fold(doc["conjunction"] ? doc["conjunction"].as<std::string>() : "");
  const auto words = doc["words"];
  auto list = [&](const YAML::Node& node, Cls cls, double scale_by = 1) {
    if (!node) return;
    if (!node.IsSequence()) throw rules::RuleShapeError(rs.error_at(kDoc, node, "expected a list of {value, forms}"));
    for (const auto& e : node) add(rs, kDoc, e["forms"], {cls, number_of(rs, kDoc, e["value"]) * scale_by});
  };
  if (words) {
    list(words["units"], Cls::unit);
    list(words["tens"], Cls::tens);
    list(words["hundreds"], Cls::hundreds);
    add(rs, kDoc, words["teen_one"], {Cls::teen_one, 1});
    add(rs, kDoc, words["teen_ten"], {Cls::teen_ten, 10});
    for (const auto& w : rules::strings_of(rs, kDoc, words["not_after"])) not_after_.emplace(normalize::fold(w), 0);
  }
  if (const auto m = doc["multipliers"]) {
    for (const auto& e : m) {
      const double s = number_of(rs, kDoc, e["value"]);
      add(rs, kDoc, e["forms"], {Cls::scale, s});
      add(rs, kDoc, e["dual"], {Cls::scale_dual, s});
    }
  }
  if (const auto fr = doc["fractions"]) {
    for (const auto& e : fr) {
      const double d = number_of(rs, kDoc, e["denominator"]);
      if (d <= 0) throw rules::RuleShapeError(rs.error_at(kDoc, e["denominator"], "denominator must be positive"));
      add(rs, kDoc, e["singular"], {Cls::frac, d});
      add(rs, kDoc, e["dual"], {Cls::frac_dual, d});
      add(rs, kDoc, e["plural"], {Cls::frac_plural, d});
    }
  }
  if (const auto va = doc["vague"]) {
    for (const auto& e : va) {
      Reading r{Cls::vague, number_of(rs, kDoc, e["min"]), number_of(rs, kDoc, e["max"])};
      r.alone = !e["alone"] || e["alone"].as<bool>(true);
      add(rs, kDoc, e["forms"], r);
    }
  }
  if (const auto ra = doc["ratio"]) {
    add(rs, kDoc, ra["over"], {Cls::ratio_over});
    add(rs, kDoc, ra["of"], {Cls::ratio_of});
    add(rs, kDoc, ra["in"], {Cls::ratio_in});
    add(rs, kDoc, ra["part"], {Cls::part});
    add(rs, kDoc, ra["parts"], {Cls::parts});
  }
  add(rs, kDoc, doc["decimal_point"], {Cls::point});
  for (auto& [w, rd] : words_) {
    std::stable_sort(rd.begin(), rd.end(), [](const Reading& a, const Reading& b) { return a.cls < b.cls; });
    const std::uint32_t b = ending_bit(w.size() >= 6 ? std::string_view(w).substr(w.size() - 6) : std::string_view(w));
    ending_filter_[b >> 6] |= std::uint64_t{1} << (b & 63);
  }

  std::string def;
  if (const auto ar = rs.doc("arabic.yaml"); ar && ar["definite_article"])
    def = normalize::fold(ar["definite_article"].as<std::string>());
  for (const auto& c : extract::clitics(rs)) {
    const auto f = normalize::fold(c);
    if (f.empty()) continue;
    if (!def.empty() && f.find(def) != std::string::npos) continue;
    clitics_.push_back(f);
  }
  for (const auto& p : rules::strings_of(rs, kDoc, doc["definite_prefixes"])) definite_.push_back(normalize::fold(p));
  if (definite_.empty() && !def.empty()) definite_.push_back(def);
  auto longest_first = [](const std::string& a, const std::string& b) { return a.size() > b.size(); };
  std::sort(clitics_.begin(), clitics_.end(), longest_first);
  std::sort(definite_.begin(), definite_.end(), longest_first);
  // Only words with a reading a numeral can start with (a ratio word, the decimal point or a
  // plural fraction never comes first; see parse_at) or a definite number word can be.
  auto starts = [](const std::vector<Reading>& rd) {
    for (const auto& r : rd)
      switch (r.cls) {
        case Cls::unit: case Cls::teen_one: case Cls::tens: case Cls::hundreds: case Cls::scale:
        case Cls::scale_dual: case Cls::frac: case Cls::frac_dual: case Cls::vague: case Cls::part:
          return true;
        default:
          break;
      }
    return false;
  };
  std::string form;
  if (!conj_.empty()) continues_.add(std::string_view(conj_));
  for (const auto& [w, rd] : words_) {
    continues_.add(std::string_view(w));
    if (!conj_.empty()) continues_.add(std::string_view(form.assign(conj_).append(w)));
  }
  std::vector<std::uint64_t> start_hashes;
  for (const auto& [w, rd] : words_) {
    if (!starts(rd)) continue;
    start_hashes.push_back(token_hash(w));
    for (const auto* prefixes : {&clitics_, &definite_})
      for (const auto& p : *prefixes) start_hashes.push_back(token_hash(form.assign(p).append(w)));
  }
  for (const std::uint64_t h : start_hashes) starts_.add(h);
  start_bits_ = TokenBitmap(start_hashes);
}

void NumeralLexicon::add(const rules::RuleSet& rs, const char* doc, const YAML::Node& forms, Reading r) {
  if (!forms) return;
  for (const auto& w : rules::strings_of(rs, doc, forms)) {
    auto f = normalize::fold(w);
    if (f.empty() || f.find(' ') != std::string::npos) continue;  // one word per form
    auto& v = words_[f];
    bool dup = false;
    for (const auto& x : v) dup |= x.cls == r.cls && x.a == r.a;
    if (!dup) v.push_back(r);
  }
}

const std::vector<Reading>* NumeralLexicon::find_slow(std::string_view word) const {
  auto it = words_.find(word);
  return it == words_.end() ? nullptr : &it->second;
}

bool NumeralLexicon::has(std::string_view word, Cls c) const {
  if (const auto* r = find(word))
    for (const auto& x : *r)
      if (x.cls == c) return true;
  return false;
}

std::size_t NumeralLexicon::definite_prefix(std::string_view w) const {
  for (const auto& d : definite_)
    if (w.size() >= d.size() + 4 && w.compare(0, d.size(), d) == 0) return d.size();
  return 0;
}

bool NumeralLexicon::not_after(std::string_view w) const { return not_after_.find(w) != not_after_.end(); }

// ---------------------------------------------------------------------------------------------
// Digits

DigitScan scan_digits(std::string_view v, std::size_t b, bool space_groups) {
  DigitScan s;
  s.b = b;
  std::size_t i = b;
  // The digits read and at most one '.' (after "0." or 64 characters at most), for from_chars;
  // no allocation.
  char clean[72];
  std::size_t n = 0;
  bool point = false;
  int sig = 0;  // significant digits
  auto take = [&](std::size_t from, std::size_t len) {
    for (std::size_t k = from; k < from + len; ++k) {
      if (sig > 0 || v[k] != '0') ++sig;
      if (n < 64) clean[n++] = v[k];
    }
  };
  auto put_point = [&] {
    clean[n++] = '.';
    point = true;
  };
  bool leading_dot = false;
  if (i < v.size() && v[i] == '.') {  // ".08"
    leading_dot = true;
    ++i;
  }
  const std::size_t r0 = digit_run(v, i);
  if (r0 == 0) {
    s.e = b;
    return s;
  }
  if (!leading_dot) {
    // A run of digits that no separator, exponent, power, fraction or mixed number follows (a
    // space only before a digit can start a group or a mixed number): what the reading below
    // gives, without copying the digits.
    const std::size_t j = i + r0;
    const char c = j < v.size() ? v[j] : '\0';
    if (!(c == ',' || c == '.' || c == 'e' || c == '^' || c == '/' || c == '\xD8' ||
          (c == ' ' && j + 1 < v.size() && is_digit(v[j + 1])))) {
      s.int_digits = static_cast<int>(r0);
      s.leading_zero = r0 >= 2 && v[i] == '0' && v.substr(i, r0).find_first_not_of('0') != std::string_view::npos;
      std::size_t z = 0;  // leading zeros: not significant
      while (z < r0 && v[i + z] == '0') ++z;
      s.ok = r0 - z <= 15;
      s.e = j;
      if (s.ok) {
        std::uint64_t x = 0;
        for (std::size_t k = i; k < i + std::min<std::size_t>(r0, 64); ++k) x = x * 10 + static_cast<std::uint64_t>(v[k] - '0');
        s.value = static_cast<double>(x);
      }
      return s;
    }
  }
  if (leading_dot) {
    clean[n++] = '0';
    put_point();
    take(i, r0);
    i += r0;
    s.decimal = true;
  } else {
    s.int_digits = static_cast<int>(r0);
    s.leading_zero = r0 >= 2 && v[i] == '0' && v.substr(i, r0).find_first_not_of('0') != std::string_view::npos;
    take(i, r0);
    i += r0;
    char group = 0;  // ',', ' ', 'a' (Arabic comma), '.'
    // Grouping and decimals.
    while (i < v.size() && !s.decimal) {
      const char c = v[i];
      if (c == ',' && i + 1 < v.size() && is_digit(v[i + 1])) {
        const std::size_t L = digit_run(v, i + 1);
        if (L == 3 && (group == 0 || group == ',') && r0 <= 3 && !(r0 == 1 && v[b] == '0') && !s.leading_zero) {
          group = ',';
          take(i + 1, 3);
          i += 4;
          continue;
        }
        if (group != ',' && (L != 3 || group != 0)) {  // "4,8", "9,2321312", "12،220,13"
          put_point();
          take(i + 1, L);
          i += 1 + L;
          s.decimal = true;
          break;
        }
        break;
      }
      if (arabic_comma(v, i) && i + 2 < v.size() && is_digit(v[i + 2])) {
        const std::size_t L = digit_run(v, i + 2);
        if (L == 3 && (group == 0 || group == 'a') && r0 <= 3) {
          group = 'a';
          take(i + 2, 3);
          i += 5;
          continue;
        }
        break;
      }
      if (c == ' ' && space_groups && i + 1 < v.size() && is_digit(v[i + 1]) && (group == 0 || group == ' ') &&
          r0 <= 3 && !s.leading_zero) {
        const std::size_t L = digit_run(v, i + 1);
        if (L == 3) {
          group = ' ';
          take(i + 1, 3);
          i += 4;
          continue;
        }
        break;
      }
      if (c == '.' && i + 1 < v.size() && is_digit(v[i + 1])) {
        const std::size_t L = digit_run(v, i + 1);
        // Three or more dot-separated parts: an address or a version, not one figure.
        std::size_t j = i + 1 + L;
        if (group == 0 && j + 1 < v.size() && v[j] == '.' && is_digit(v[j + 1])) {
          s.dotted = true;
          while (j + 1 < v.size() && v[j] == '.' && is_digit(v[j + 1])) j += 1 + digit_run(v, j + 1);
          s.e = j;
          return s;
        }
        put_point();
        take(i + 1, L);
        i += 1 + L;
        s.decimal = true;
        break;
      }
      break;
    }
    s.grouped = group != 0;
  }
  double value = 0;
  if (!point) {
    // An integer of at most 15 significant digits is exact in a double: summed directly, as
    // from_chars would read it.
    s.ok = sig <= 15;
    if (s.ok) {
      std::uint64_t x = 0;
      for (std::size_t k = 0; k < n; ++k) x = x * 10 + static_cast<std::uint64_t>(clean[k] - '0');
      value = static_cast<double>(x);
    }
  } else {
    auto [p, ec] = std::from_chars(clean, clean + n, value);
    s.ok = ec == std::errc() && std::isfinite(value) && sig <= 15;
  }
  if (!s.ok) {
    // Keep reading the digit run so that a long figure is one identifier.
    s.e = i;
    return s;
  }
  // Exponent: 1e10, 12.32e+14, -12e-1.
  if (i + 1 < v.size() && v[i] == 'e') {
    std::size_t j = i + 1;
    int sign = 1;
    if (v[j] == '+' || v[j] == '-') sign = v[j++] == '-' ? -1 : 1;
    const std::size_t L = digit_run(v, j);
    if (L > 0 && L <= 3) {
      int ex = 0;
      std::from_chars(v.data() + j, v.data() + j + L, ex);
      const double r = value * std::pow(10.0, sign * ex);
      if (std::isfinite(r)) {
        value = r;
        i = j + L;
        s.exponent = true;
      }
    }
  } else if (i + 1 < v.size() && v[i] == '^') {
    // Power: 1.1^23, 2.5^-1, ١,١^+٢٣.
    std::size_t j = i + 1;
    int sign = 1;
    while (j < v.size() && (v[j] == '+' || v[j] == '-')) {
      if (v[j] == '-') sign = -sign;
      ++j;
    }
    if (j < v.size() && is_digit(v[j])) {
      const DigitScan ex = scan_digits(v, j, false);
      if (ex.ok && !ex.exponent && std::fabs(ex.value) <= 1000) {
        const double r = std::pow(value, sign * ex.value);
        if (std::isfinite(r)) {
          value = r;
          i = ex.e;
          s.exponent = true;
        }
      }
    }
  } else if (i + 1 < v.size() && v[i] == '/' && !s.grouped && !s.decimal && is_digit(v[i + 1])) {
    // A fraction a/b (a < b <= 100), not part of a date (a second '/' or '-').
    const std::size_t L = digit_run(v, i + 1);
    const std::size_t j = i + 1 + L;
    const bool more = j + 1 < v.size() && (v[j] == '/' || v[j] == '-') && is_digit(v[j + 1]);
    double den = 0;
    std::from_chars(v.data() + i + 1, v.data() + j, den);
    if (!more && L <= 3 && den > value && den <= 100 && v[i + 1] != '0') {
      value /= den;
      i = j;
      s.slash = true;
    }
  } else if (i + 3 < v.size() && v[i] == ' ' && !s.grouped && !s.decimal && r0 <= 3 && is_digit(v[i + 1])) {
    // A mixed number "2 1/4".
    const std::size_t a = digit_run(v, i + 1);
    const std::size_t j = i + 1 + a;
    if (a <= 2 && j + 1 < v.size() && v[j] == '/' && is_digit(v[j + 1])) {
      const DigitScan f = scan_digits(v, i + 1, false);
      if (f.ok && f.slash) {
        value += f.value;
        i = f.e;
        s.slash = true;
      }
    }
  }
  s.value = value;
  s.e = i;
  return s;
}

// ---------------------------------------------------------------------------------------------
// Parser

struct NumeralParser::Elem {
  std::size_t tb = 0, te = 0;  // tokens of the element (tb is the conjunction when separate)
  std::size_t w = 0;           // token of the word or digits
  std::size_t vb = 0, ve = 0;  // view range of the word or digits (after a clitic)
  bool conj = false;
  bool digits = false;
  DigitScan fig;
  const std::vector<Reading>* r = nullptr;
  std::string_view word;
};

enum class Last : std::uint8_t { none, unit, teen, tens, hund, scale, digits, frac };

struct NumeralParser::Acc {
  double total = 0, group = 0;
  double last_scale = kInf, first_scale = 0;
  double split = -1;  // the whole part before the last joined group ("مائتان وثلاثة جزء من مائة")
  double unit_val = 0;
  bool u = false, t = false, h = false, teen = false, d = false;
  bool teen_pending = false;
  bool closed = false;
  bool fraction = false;
  bool words = false;
  int elems = 0;
  Last last = Last::none;
  double value() const { return total + group; }
  bool valid() const {
    return last != Last::none && !teen_pending && (group == 0 || group < last_scale) && std::isfinite(value()) &&
           std::fabs(value()) <= kCap;
  }
  void new_group() { u = t = h = teen = d = false; }
  bool complete() const {
    return last == Last::unit || last == Last::teen || last == Last::tens || last == Last::hund ||
           last == Last::digits || last == Last::scale;
  }
};

bool NumeralParser::spaces_between(std::size_t a, std::size_t b) const {
  const auto& toks = doc_.tokens();
  const std::string& v = doc_.text();
  for (std::size_t i = toks[a].end; i < toks[b].begin; ++i)
    if (v[i] != ' ') return false;
  return true;
}

bool NumeralParser::elem_at(std::size_t k, bool first, bool clitic, Elem& out, const DigitScan* fig) const {
  const auto& toks = doc_.tokens();
  const std::string& v = doc_.text();
  if (k >= toks.size()) return false;
  out = Elem{};
  out.tb = k;
  auto digits_elem = [&](std::size_t w) {
    out.w = w;
    out.digits = true;
    out.fig = fig && w == k ? *fig : scan_digits(v, toks[w].begin, true);
    out.vb = toks[w].begin;
    out.ve = out.fig.e;
    // The token at or after the figure's end: a step or two on from its first token.
    std::size_t te = w;
    while (te < toks.size() && toks[te].begin < out.fig.e) ++te;
    out.te = te;
    return out.fig.ok && !out.fig.dotted && !out.fig.leading_zero;
  };
  if (toks[k].digits) return digits_elem(k);
  // After the first element only a number word, the conjunction or the two glued can follow:
  // one filter check settles most tokens (the same answer as the lookups below).
  if (!first && !lex_.may_continue(toks[k])) return false;
  const std::string_view tok = doc_.token_text(k);
  // One filter check settles the token and every clitic-stripped form of it (those keep at
  // least four bytes).
  const bool maybe = lex_.may_hold_word(tok);
  auto word_elem = [&](std::size_t w, std::size_t skip) -> bool {
    const std::string_view s = doc_.token_text(w).substr(skip);
    const auto* r = lex_.find(s);
    if (!r) return false;
    out.w = w;
    out.r = r;
    out.word = s;
    out.vb = toks[w].begin + skip;
    out.ve = toks[w].end;
    out.te = w + 1;
    return true;
  };
  if (maybe && word_elem(k, 0)) return true;
  const std::string& cj = lex_.conj();
  if (!first && !cj.empty()) {
    if (tok == cj && k + 1 < toks.size() && spaces_between(k, k + 1)) {
      out.conj = true;
      if (toks[k + 1].digits) return digits_elem(k + 1);
      return word_elem(k + 1, 0);
    }
    if (maybe && tok.size() >= cj.size() + 4 && tok.compare(0, cj.size(), cj) == 0 && word_elem(k, cj.size())) {
      out.conj = true;
      return true;
    }
    return false;
  }
  if (first && clitic && maybe)
    for (const auto& c : lex_.clitics())
      if (tok.size() >= c.size() + 4 && tok.compare(0, c.size(), c) == 0 && word_elem(k, c.size())) return true;
  return false;
}

bool NumeralParser::part_of_definite(std::size_t k) const {
  const auto& toks = doc_.tokens();
  std::size_t j = k;
  while (j < toks.size() && j < k + 3 && !toks[j].digits && spaces_between(j - 1, j) &&
         lex_.has(doc_.token_text(j), Cls::frac))
    ++j;
  if (j == k || j >= toks.size() || toks[j].digits || !spaces_between(j - 1, j)) return false;
  const std::string_view w = doc_.token_text(j);
  const std::size_t dp = lex_.definite_prefix(w);
  if (const auto* r = dp ? lex_.find(w.substr(dp)) : nullptr)
    for (const auto& y : *r)
      if (y.cls == Cls::tens || y.cls == Cls::hundreds || y.cls == Cls::scale) return true;
  return false;
}

bool NumeralParser::starts_numeral(std::size_t k) const {
  Elem e;
  if (!elem_at(k, true, false, e)) {
    if (!elem_at(k, false, false, e)) return false;
  }
  if (e.digits) return true;
  for (const auto& r : *e.r)
    if (r.cls <= Cls::vague) return true;
  return false;
}

std::optional<Numeral> NumeralParser::parse(std::size_t k, bool clitic, const DigitScan* fig) const {
  if (fig && k < doc_.tokens().size() && doc_.tokens()[k].digits) {
    std::optional<Numeral> lone;
    if (lone_figure(k, *fig, lone)) return lone;
  }
  return parse_at(k, clitic, 0, fig);
}

bool NumeralParser::lone_figure(std::size_t k, const DigitScan& fig, std::optional<Numeral>& out) const {
  // parse_at's steps for a first element in digits (elem_at, the first pass of its loop), up
  // to where the next element would be read.
  if (!fig.ok || fig.dotted || fig.leading_zero) {
    out.reset();  // no first element
    return true;
  }
  if (!std::isfinite(fig.value) || std::fabs(fig.value) > kCap) {
    out.reset();  // the first element is refused
    return true;
  }
  const auto& toks = doc_.tokens();
  std::size_t te = k;
  while (te < toks.size() && toks[te].begin < fig.e) ++te;
  // The next element: none when there is no token, or one that is no digits and cannot continue
  // a numeral (elem_at refuses it); else the full reading decides.
  if (te < toks.size() && (toks[te].digits || lex_.may_continue(toks[te]))) return false;
  Numeral& n = out.emplace();
  n.tb = k;
  n.te = te;
  n.vb = toks[k].begin;
  n.ve = fig.e;
  n.value = fig.value;
  n.fraction = fig.slash;
  n.digits_only = true;
  n.fig = fig;
  return true;
}

std::optional<Numeral> NumeralParser::parse_at(std::size_t k, bool clitic, int depth, const DigitScan* fig) const {
  const auto& toks = doc_.tokens();
  const std::string& v = doc_.text();
  Elem e;
  if (!elem_at(k, true, clitic, e, fig)) return std::nullopt;

  Numeral out;
  out.tb = k;
  out.vb = e.vb;
  if (e.digits) out.fig = e.fig;

  // A second numeral after a ratio word or the decimal point: at token `at`, spaces before it.
  auto operand = [&](std::size_t at) -> std::optional<Numeral> {
    if (depth > 1 || at >= toks.size() || !spaces_between(at - 1, at)) return std::nullopt;
    auto y = parse_at(at, false, depth + 1);
    if (!y || y->vague) return std::nullopt;
    return y;
  };
  // "في"/"من" ratios must not eat a date, a time, a year or a figure with its counted noun.
  auto ratio_ok = [&](const Numeral& y, Cls c) {
    if (y.value == 0) return false;
    if (c == Cls::ratio_over) return true;
    if (is_year_like(y)) return false;
    if (y.ve < v.size() && (v[y.ve] == ':' || v[y.ve] == '/' || v[y.ve] == '-')) return false;
    const std::size_t nx = y.te;
    if (nx < toks.size() && spaces_between(nx - 1, nx) && !toks[nx].digits) {
      if (lex_.months().match_at(v, toks, nx, false)) return false;
      if (c == Cls::ratio_in && !lex_.tail_ok().match_at(v, toks, nx, true)) return false;
    }
    return true;
  };

  if (!e.digits) {
    // Vague plurals ("عشرات الآلاف", "بضعة آلاف", "آلاف") and "جزء من مئة".
    for (const auto& r : *e.r) {
      if (r.cls == Cls::vague) {
        bool has_scale = false;
        for (const auto& x : *e.r) has_scale |= x.cls == Cls::scale;
        double lo = r.a, hi = r.b;
        std::size_t te = e.te, ve = e.ve;
        const std::size_t n = e.te;
        if (n < toks.size() && spaces_between(n - 1, n) && !toks[n].digits) {
          // The scale word as written, else without its article ("آلاف" folds to what looks
          // like the article and "اف", so the whole word is tried first).
          const std::string_view w = doc_.token_text(n);
          for (const std::size_t dp : {std::size_t{0}, lex_.definite_prefix(w)}) {
            const auto* rr = lex_.find(w.substr(dp));
            if (!rr || te != e.te) continue;
            for (const auto& x : *rr)
              if (x.cls == Cls::scale) {
                lo *= x.a;
                hi *= x.a;
                te = n + 1;
                ve = toks[n].end;
                break;
              }
          }
        }
        if (te == e.te && !r.alone) return std::nullopt;
        if (te == e.te && has_scale && k > 0) {
          // "3 آلاف" is read from the figure; a plural scale after a number word is not vague.
        }
        out.vague = true;
        out.words = true;
        out.lo = lo;
        out.hi = hi;
        out.value = lo;
        out.te = te;
        out.ve = ve;
        return out;
      }
      if (r.cls == Cls::part && depth == 0) {
        Elem of;
        if (elem_at(e.te, true, false, of) && !of.digits && spaces_between(e.te - 1, of.tb) &&
            lex_.has(of.word, Cls::ratio_of)) {
          if (auto y = operand(of.te); y && y->value != 0) {
            out.value = 1 / y->value;
            out.fraction = out.words = true;
            out.te = y->te;
            out.ve = y->ve;
            return out;
          }
        }
        return std::nullopt;
      }
    }
  }

  Acc a;
  std::optional<Numeral> best;
  bool first = true;
  std::size_t prev_end_tok = k;
  std::size_t only_word_unit1 = 0;  // a lone "واحد" (pronoun after "أي"/"كل")
  while (true) {
    if (!first && !elem_at(prev_end_tok, false, false, e)) break;
    if (!first && !spaces_between(prev_end_tok - 1, e.tb)) break;
    if (!first && e.digits && !e.conj && toks[e.tb].begin == toks[prev_end_tok - 1].end) break;
    Acc n = a;
    bool ok = false;
    std::size_t end_tok = e.te, end_view = e.ve;
    if (e.digits) {
      const double x = e.fig.value;
      if (first) {
        n.group = x;
        n.d = true;
        n.last = Last::digits;
        n.fraction = e.fig.slash;
        ok = true;
      } else if (e.conj && n.group == 0 && n.last == Last::scale && x < n.last_scale && x > 0 &&
                 !e.fig.decimal && !e.fig.slash) {
        n.group = x;
        n.d = true;
        n.last = Last::digits;
        n.split = n.total;
        ok = true;
      } else if (e.conj && n.h && !n.u && !n.t && !n.teen && !n.d && x < 100 && x > 0 && std::floor(x) == x) {
        n.split = n.total + n.group;
        n.group += x;
        n.d = true;
        n.last = Last::digits;
        ok = true;
      } else if (!e.conj && n.group == 0 && n.last == Last::scale && x < n.last_scale && x > 0) {
        n.group = x;
        n.d = true;
        n.last = Last::digits;
        ok = true;
      }
    } else {
      // The order readings are tried in; a first word that is a unit and a fraction ("خمس") is
      // a fraction unless a number word or an indefinite word follows it.
      bool frac_first = false;
      if (first) {
        bool unit = false, frac = false;
        for (const auto& r : *e.r) {
          unit |= r.cls == Cls::unit;
          frac |= r.cls == Cls::frac;
        }
        if (unit && frac) {
          frac_first = true;
          const std::size_t nx = e.te;
          if (nx < toks.size() && spaces_between(nx - 1, nx)) {
            Elem f;
            if (elem_at(nx, false, false, f)) {
              // "خمس خمس العشرون": parts of parts of a definite number stay fractions.
              frac_first = part_of_definite(nx);
            } else if (!toks[nx].digits && lex_.definite_prefix(doc_.token_text(nx)) == 0) {
              frac_first = false;
            }
          }
        }
      }
      for (int pass = 0; pass < 2 && !ok; ++pass) {
        for (const auto& r : *e.r) {
          if (ok) break;
          const bool is_frac = r.cls == Cls::frac;
          if (frac_first && (pass == 0) != is_frac) continue;
          if (!frac_first && pass == 1) break;
          n = a;
          n.words = true;
          const double x = r.a;
          switch (r.cls) {
            case Cls::unit:
              if (first) {
                if (x == 0) {
                  n.closed = true;
                  n.last = Last::unit;
                  ok = true;
                  break;
                }
                n.group = x;
                n.u = true;
                n.unit_val = x;
                n.last = Last::unit;
                ok = true;
                if (x == 1) only_word_unit1 = 1;
                break;
              }
              if (x == 0) break;
              if (e.conj && n.complete() && !n.teen_pending) {
                // "وثلاثة أرباع", "عشرون وثلاثة أخماس": a unit and a plural fraction are one
                // fraction term, added to what precedes.
                Elem f;
                if (elem_at(e.te, true, false, f) && !f.digits && spaces_between(e.te - 1, f.tb) &&
                    lex_.has(f.word, Cls::frac_plural)) {
                  double den = 0;
                  for (const auto& y : *f.r)
                    if (y.cls == Cls::frac_plural) den = y.a;
                  if (n.group == 0 && n.last == Last::scale) {
                    n.total += x / den * n.last_scale;
                  } else {
                    n.group += x / den;
                    n.fraction = true;
                  }
                  n.last = Last::frac;
                  n.closed = true;
                  end_tok = f.te;
                  end_view = f.ve;
                  ok = true;
                  break;
                }
              }
              if (e.conj && !n.u && !n.t && !n.teen && !n.d && (n.h || (n.group == 0 && n.last == Last::scale))) {
                n.split = n.total + n.group;
                n.group += x;
                n.u = true;
                n.unit_val = x;
                n.last = Last::unit;
                ok = true;
              } else if (!e.conj && n.group == 0 && n.last == Last::scale && x < n.last_scale) {
                n.group = x;
                n.u = true;
                n.unit_val = x;
                n.last = Last::unit;
                ok = true;
              }
              break;
            case Cls::teen_one:
              if (first || (e.conj && n.h && !n.u && !n.t && !n.teen && !n.d) ||
                  (n.group == 0 && n.last == Last::scale)) {
                if (!first && e.conj) n.split = n.total + n.group;
                n.group += 1;
                n.u = true;
                n.unit_val = 1;
                n.teen_pending = true;
                n.last = Last::unit;
                ok = true;
              }
              break;
            case Cls::teen_ten:
              if (!first && !e.conj && n.last == Last::unit && n.u && !n.t && !n.teen && n.unit_val >= 1 &&
                  n.unit_val <= 9) {
                n.group += 10;
                n.teen = true;
                n.teen_pending = false;
                n.last = Last::teen;
                ok = true;
              }
              break;
            case Cls::tens:
              if (first) {
                n.group = x;
                n.t = true;
                n.last = Last::tens;
                ok = true;
              } else if (e.conj && !n.t && !n.teen && !n.d &&
                         ((n.last == Last::unit && n.u) || (n.h && !n.u) || (n.group == 0 && n.last == Last::scale))) {
                // The "one" of eleven also makes 21, 31 …: "إحدى وعشرون", "أحد وثلاثين".
                if (!n.u) n.split = n.total + n.group;
                n.group += x;
                n.t = true;
                n.teen_pending = false;
                n.last = Last::tens;
                ok = true;
              } else if (!e.conj && n.group == 0 && n.last == Last::scale && x < n.last_scale) {
                n.group = x;
                n.t = true;
                n.last = Last::tens;
                ok = true;
              }
              break;
            case Cls::hundreds:
              if (first) {
                n.group = x;
                n.h = true;
                n.last = Last::hund;
                ok = true;
              } else if (x == 100 && !e.conj && !n.h && n.group > 0 && !n.teen_pending &&
                         (n.u || n.t || n.teen || n.d)) {
                n.group *= 100;  // "ثلاث مائة", "322 مائة", "خمسة وتسعون مائة"
                n.new_group();
                n.h = true;
                n.last = Last::hund;
                ok = true;
              } else if (n.group == 0 && n.last == Last::scale && x < n.last_scale) {
                if (e.conj) n.split = n.total;
                n.group = x;
                n.h = true;
                n.last = Last::hund;
                ok = true;
              }
              break;
            case Cls::scale:
              if (first) {
                n.total = x;
                n.last_scale = n.first_scale = x;
                n.last = Last::scale;
                ok = true;
              } else if (!e.conj && n.group > 0 && !n.teen_pending && n.last != Last::scale &&
                         (x < n.last_scale || n.total == 0)) {
                if (x < n.last_scale) n.total += n.group * x;
                else n.total = n.group * x;
                n.group = 0;
                n.new_group();
                n.last_scale = x;
                if (n.first_scale == 0) n.first_scale = x;
                n.split = -1;
                n.fraction = false;
                n.last = Last::scale;
                ok = true;
              } else if (!e.conj && n.group == 0 && n.last == Last::scale && x > n.last_scale) {
                n.total *= x;  // "ألف مليون", "مائة ألف تريليون"
                n.last_scale = x;
                ok = true;
              } else if (e.conj && n.group == 0 && n.last == Last::scale && x < n.last_scale) {
                n.total += x;  // "مليون وألف"
                n.last_scale = x;
                ok = true;
              }
              break;
            case Cls::scale_dual:
              if (first) {
                n.total = 2 * x;
                n.last_scale = n.first_scale = x;
                n.last = Last::scale;
                ok = true;
              } else if (e.conj && n.group == 0 && n.last == Last::scale && x < n.last_scale) {
                n.total += 2 * x;
                n.last_scale = x;
                ok = true;
              } else if (e.conj && n.h && !n.u && !n.t && !n.d && 2 * x < 100) {
                n.group += 2 * x;  // "ثلاث مائة ودزينتين"
                n.u = true;
                n.last = Last::unit;
                ok = true;
              }
              break;
            case Cls::frac:
            case Cls::frac_dual: {
              const double f = (r.cls == Cls::frac ? 1 : 2) / x;
              if (first) {
                n.group = f;
                n.fraction = true;
                n.last = Last::frac;
                ok = true;
                // "خمس العشرون": a part of a definite number word is that part of it;
                // "خمس خمس العشرون": a part of a part of it.
                std::size_t nx = e.te;
                double of = f;
                while (r.cls == Cls::frac && nx + 1 < toks.size() && !toks[nx].digits && spaces_between(nx - 1, nx) &&
                       lex_.has(doc_.token_text(nx), Cls::frac) && nx < e.te + 4) {
                  for (const auto& y : *lex_.find(doc_.token_text(nx)))
                    if (y.cls == Cls::frac) of /= y.a;
                  ++nx;
                }
                if (r.cls == Cls::frac && nx < toks.size() && !toks[nx].digits && spaces_between(nx - 1, nx)) {
                  const std::string_view w = doc_.token_text(nx);
                  const std::size_t dp = lex_.definite_prefix(w);
                  if (const auto* rr = dp ? lex_.find(w.substr(dp)) : nullptr) {
                    for (const auto& y : *rr) {
                      if (y.cls == Cls::tens || y.cls == Cls::hundreds || y.cls == Cls::scale) {
                        n.group = of * y.a;
                        n.closed = true;
                        end_tok = nx + 1;
                        end_view = toks[nx].end;
                        break;
                      }
                    }
                  }
                }
              } else if (e.conj && n.complete() && !n.teen_pending && n.value() > 0) {
                if (n.group == 0 && n.last == Last::scale) {
                  n.total += f * n.last_scale;  // "مليون ونصف" = 1,500,000
                } else {
                  n.group += f;
                  n.fraction = true;
                }
                n.last = Last::frac;
                n.closed = true;
                ok = true;
              } else if (!e.conj && r.cls == Cls::frac && n.complete() && n.last != Last::scale &&
                         !n.teen_pending) {
                n.group = n.value() * f;  // "ثلاث وعشرون خمس" = 23/5
                n.total = 0;
                n.last_scale = kInf;
                n.fraction = true;
                n.last = Last::frac;
                n.closed = true;
                ok = true;
              }
              break;
            }
            case Cls::frac_plural:
              if (!first && !e.conj && n.complete() && n.last != Last::scale && !n.teen_pending) {
                n.group = n.value() / x;  // "ثلاثة أرباع", "مئة وثلاثون أخماس"
                n.total = 0;
                n.last_scale = kInf;
                n.fraction = true;
                n.last = Last::frac;
                n.closed = true;
                ok = true;
              }
              break;
            case Cls::point:
              if (!first && !e.conj && a.valid() && n.last != Last::frac && depth == 0) {
                if (auto y = operand(e.te); y && y->value >= 0) {
                  double add = y->value;
                  if (!y->fraction) {
                    double p = 1;
                    while (p <= add && p < 1e15) p *= 10;
                    add /= p;
                  }
                  n.group = n.value() + add;
                  n.total = 0;
                  n.last_scale = kInf;
                  n.last = Last::frac;
                  n.closed = true;
                  end_tok = y->te;
                  end_view = y->ve;
                  ok = true;
                }
              }
              break;
            case Cls::ratio_over:
            case Cls::ratio_of:
            case Cls::ratio_in:
              if (!first && !e.conj && a.valid() && n.last != Last::frac) {
                if (auto y = operand(e.te); y && ratio_ok(*y, r.cls)) {
                  n.group = n.value() / y->value;
                  n.total = 0;
                  n.last_scale = kInf;
                  n.fraction = true;
                  n.last = Last::frac;
                  n.closed = true;
                  end_tok = y->te;
                  end_view = y->ve;
                  ok = true;
                }
              }
              break;
            case Cls::part:
            case Cls::parts:
              if (!first && !e.conj && a.valid() && n.last != Last::frac && depth == 0) {
                Elem of;
                if (elem_at(e.te, true, false, of) && !of.digits && spaces_between(e.te - 1, of.tb) &&
                    lex_.has(of.word, Cls::ratio_of)) {
                  if (auto y = operand(of.te); y && y->value != 0) {
                    const double whole = r.cls == Cls::part && n.split >= 0 ? n.split : 0;
                    n.group = whole + (n.value() - whole) / y->value;
                    n.total = 0;
                    n.last_scale = kInf;
                    n.fraction = true;
                    n.last = Last::frac;
                    n.closed = true;
                    end_tok = y->te;
                    end_view = y->ve;
                    ok = true;
                  }
                }
              }
              break;
            case Cls::vague:
              break;
          }
        }
      }
    }
    if (!ok) break;
    if (!std::isfinite(n.value()) || std::fabs(n.total) > kCap || std::fabs(n.group) > kCap) break;
    a = n;
    ++a.elems;
    first = false;
    prev_end_tok = end_tok;
    if (a.valid()) {
      Numeral& r = best.emplace(out);  // built in place: one copy
      r.te = end_tok;
      r.ve = end_view;
      r.value = a.value();
      r.scale = a.first_scale;
      r.fraction = a.fraction;
      r.words = a.words;
      r.digits_only = !a.words && a.elems == 1;
    }
    if (a.closed || end_tok >= toks.size()) break;
  }
  if (best && only_word_unit1 && best->te == k + 1 && k > 0 && spaces_between(k - 1, k) &&
      lex_.not_after(doc_.token_text(k - 1)))
    return std::nullopt;
  return best;
}

}  // namespace tadqiq::extract::numerals
