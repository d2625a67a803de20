// tadqiq/extract/extractors/number_words.h — numerals in digits and in words, for the numbers
// extractor. See docs/extractors/numbers.md ("The numeral grammar").
//
// Contract:
//  * NumeralLexicon is compiled once from numbers.yaml (and arabic.yaml clitics) and is then
//    immutable and thread-safe. Lookups never allocate.
//  * scan_digits() reads one figure written in digits (grouping, decimals, exponent) at a view
//    offset; linear in the bytes it reads, never overflows (more than 15 significant digits is
//    not a value: `ok` is false).
//  * NumeralParser::parse() reads the longest numeral starting at a token: digits, number
//    words, scale words with accumulation, fractions, ratios and the decimal point in words.
//    It reads a bounded number of tokens (a numeral has at most a few dozen elements: the
//    grammar only accepts descending magnitudes), and values are capped at 1e18, so a text
//    of "ألف ألف ألف …" costs linear time and never gives inf.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/extractor.h"
#include "extract/phrase_filter.h"
#include "extract/lexicon.h"
#include "rules/rules.h"

namespace tadqiq::extract::numerals {

// What a word can be. The order is the order readings are tried in.
enum class Cls : std::uint8_t {
  unit,          // 0–10
  teen_one,      // the "one" of eleven
  teen_ten,      // the "ten" of 11–19
  tens,          // 20–90
  hundreds,      // 100–900
  scale,         // a scale word that takes a count (ألف, آلاف, مليون)
  scale_dual,    // twice the scale, alone (ألفين)
  frac,          // one part (نصف)
  frac_dual,     // two parts (ثلثان)
  frac_plural,   // parts after a count (أرباع)
  vague,         // an interval (عشرات) — `alone` false: only before a scale word
  point,         // the decimal point in words
  ratio_over,    // على
  ratio_of,      // من
  ratio_in,      // في
  part,          // جزء
  parts,         // أجزاء
};

struct Reading {
  Cls cls;
  double a = 0;  // value, or denominator for fractions, or the low end for vague
  double b = 0;  // the high end for vague
  bool alone = true;
};

class NumeralLexicon {
 public:
  explicit NumeralLexicon(const rules::RuleSet& rs);

  // Readings of a folded word (nullptr when it is no number word).
  const std::vector<Reading>* find(std::string_view word) const {
    return may_be_word(word) ? find_slow(word) : nullptr;
  }
  // A cheap filter on a word's ending (its last six bytes; a shorter word whole): false when
  // `word` is surely no number word.
  bool may_be_word(std::string_view word) const {
    return word.size() >= 6 ? bit(ending_bit(word.substr(word.size() - 6))) : bit(ending_bit(word));
  }
  // Whether token `t` (not digits) may start a numeral or be a definite number word: false
  // when it is no number word that can come first, bare, behind a clitic or behind a definite
  // prefix.
  bool may_start(const Token& t) const { return start_bits_.test(t.hash) && starts_.test(t.hash); }
  // Whether token `t` (not digits) may continue a numeral after its first element: false when
  // it is surely no number word, not the conjunction and no number word behind the conjunction.
  bool may_continue(const Token& t) const { return continues_.test(t.hash); }
  // The same as may_be_word for `tok` and every suffix of it of four bytes or more (its
  // clitic-stripped forms) at once: false when none of them is a number word.
  bool may_hold_word(std::string_view tok) const {
    const std::size_t n = tok.size();
    if (n < 4) return bit(ending_bit(tok));
    if (n >= 6 && bit(ending_bit(tok.substr(n - 6)))) return true;
    return bit(ending_bit(tok.substr(n - 4))) || (n >= 5 && bit(ending_bit(tok.substr(n - 5))));
  }
  bool has(std::string_view word, Cls c) const;
  const std::string& conj() const { return conj_; }
  // Clitic prefixes a first word may carry (arabic.yaml minus definite ones), longest first.
  const std::vector<std::string>& clitics() const { return clitics_; }
  // Definite prefixes ("ال", "وال", "بال", …), longest first.
  const std::vector<std::string>& definite() const { return definite_; }
  // Length of the definite prefix `w` starts with (0 when none; leaves at least two letters).
  std::size_t definite_prefix(std::string_view w) const;
  bool not_after(std::string_view w) const;
  // Month names (calendar.yaml): a ratio never takes a day of a date.
  const PhraseSet& months() const { return months_; }
  // What may follow the second number of a "في" ratio: bound and percent words ("2 في 5 أو أكثر").
  const PhraseSet& tail_ok() const { return tail_ok_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  void add(const rules::RuleSet& rs, const char* doc, const YAML::Node& forms, Reading r);
  const std::vector<Reading>* find_slow(std::string_view word) const;
  // Filter bit of an ending of at most six bytes (its bytes and its length).
  static std::uint32_t ending_bit(std::string_view e) {
    std::uint64_t k = e.size();
    for (const char c : e) k = (k << 8) | static_cast<unsigned char>(c);
    return static_cast<std::uint32_t>((k * 0x9E3779B97F4A7C15ull) >> (64 - 14));
  }
  bool bit(std::uint32_t b) const { return (ending_filter_[b >> 6] >> (b & 63)) & 1; }
  std::uint64_t ending_filter_[(1 << 14) / 64] = {};  // endings of the words' readings
  TokenFilter starts_;  // the words, bare and behind each clitic and definite prefix
  TokenBitmap start_bits_;  // the same hashes: the cheaper first test
  TokenFilter continues_;  // every word, bare and behind the conjunction, and the conjunction
  std::unordered_map<std::string, std::vector<Reading>, Hash, std::equal_to<>> words_;
  std::unordered_map<std::string, int, Hash, std::equal_to<>> not_after_;
  std::string conj_;
  std::vector<std::string> clitics_, definite_;
  PhraseSet months_, tail_ok_;
};

// A figure written in digits at a view offset.
struct DigitScan {
  std::size_t b = 0, e = 0;  // view range read
  double value = 0;
  bool ok = false;            // a value (at most 15 significant digits, finite)
  bool leading_zero = false;  // "0599…" (not "0", "0.5" or "0000")
  bool grouped = false;       // thousands separators
  bool decimal = false;       // a decimal part
  bool exponent = false;      // 1e10, 1.1^23
  bool slash = false;         // a/b or N a/b
  bool dotted = false;        // three or more dot-separated parts (192.168.1.2): not one figure
  int int_digits = 0;         // digits before any separator
};

// Reads the figure at v[b] (a digit, or '.' before a digit). `space_groups`: "1 234 567".
DigitScan scan_digits(std::string_view v, std::size_t b, bool space_groups);

// A numeral read by the parser.
struct Numeral {
  std::size_t tb = 0, te = 0;  // tokens [tb, te)
  std::size_t vb = 0, ve = 0;  // view range (vb after a clitic of the first word)
  double value = 0;
  double lo = 0, hi = 0;       // vague: the interval
  double scale = 0;            // the (first) scale word's value, 0 when none
  bool vague = false;
  bool fraction = false;       // a fraction or ratio not scaled to a count
  bool words = false;          // any word element
  bool digits_only = false;    // one digit figure with nothing else
  DigitScan fig;               // when it starts with digits
};

class NumeralParser {
 public:
  NumeralParser(const NumeralLexicon& lex, const Document& doc) : lex_(lex), doc_(doc) {}
  // The longest numeral starting at token `k`. `clitic`: the first word may carry a clitic.
  // `fig`: when token `k` is digits, the figure there as scan_digits(view, its begin, true)
  // gives it, when the caller has read it already (it is not read again).
  std::optional<Numeral> parse(std::size_t k, bool clitic = true, const DigitScan* fig = nullptr) const;
  // Whether token `k` (optionally after the conjunction) starts a numeral.
  bool starts_numeral(std::size_t k) const;

 private:
  struct Elem;
  struct Acc;
  std::optional<Numeral> parse_at(std::size_t k, bool clitic, int depth, const DigitScan* fig = nullptr) const;
  // parse_at(k, ·, 0, &fig) for a figure in digits at token k when nothing can follow it (or it
  // is no numeral): sets `out` and returns true; false when the full reading must decide.
  bool lone_figure(std::size_t k, const DigitScan& fig, std::optional<Numeral>& out) const;
  bool elem_at(std::size_t k, bool first, bool clitic, Elem& out, const DigitScan* fig = nullptr) const;
  bool spaces_between(std::size_t a, std::size_t b) const;  // tokens a < b adjacent, spaces only
  // Token `k` starts one or more fraction words before a definite number word ("خمس العشرون").
  bool part_of_definite(std::size_t k) const;
  const NumeralLexicon& lex_;
  const Document& doc_;
};

}  // namespace tadqiq::extract::numerals
