// The numbers extractor: figures written in digits. See docs/extractors/numbers.md.
//
// Recognises digit figures in the view (every digit script is ASCII there), with grouping
// (33,000 / 1 234 567), decimals (1.7), scale words (27 ألفاً, 1.7 مليون), compounds joined by
// the conjunction (27 ألفاً و708), percent signs and words, and bound phrases before or after
// (أكثر من, نحو, على الأقل). Every figure becomes a fact of type "number"; its `role` says
// whether it is a plain figure or part of something else (a date, a year, an identifier).
// Deciding what a figure counts is the quantities extractor's job.
#include <charconv>
#include <cmath>
#include <string>

#include <re2/re2.h>

#include "extract/extractors/extractors.h"
#include "extract/number_value.h"
#include "extract/rules_util.h"

namespace tadqiq::extract {
namespace {

constexpr const char* kDoc = "numbers.yaml";
constexpr const char* kCalendar = "calendar.yaml";

enum Bound { kExact, kMoreThan, kAtLeast, kLessThan, kAtMost, kAbout };
const char* bound_name(int b) {
  static const char* names[] = {"exact", "more_than", "at_least", "less_than", "at_most", "about"};
  return names[b];
}
int bound_of(const std::string& name) {
  for (int b = kExact; b <= kAbout; ++b)
    if (name == bound_name(b)) return b;
  return -1;
}

// Digits with their separators, parsed to a double. Returns false when the figure has more
// significant digits than a double holds exactly (an identifier, not a quantity).
bool parse_digits(std::string_view s, double& out) {
  std::string clean;
  clean.reserve(s.size());
  int digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      clean.push_back(c);
      ++digits;
    } else if (c == '.') {
      clean.push_back(c);
    }
  }
  if (digits == 0 || digits > 15) return false;
  auto [p, ec] = std::from_chars(clean.data(), clean.data() + clean.size(), out);
  return ec == std::errc() && std::isfinite(out);
}

bool is_ascii_letter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

class NumbersExtractor final : public Extractor {
 public:
  explicit NumbersExtractor(const rules::RuleSet& rs)
      : re_("(\\d{1,4}[/-]\\d{1,2}[/-]\\d{1,4})|(\\d{1,2}:\\d{2}(?::\\d{2})?)|"
            "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d{1,3}(?: \\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)"),
        multipliers_(clitics(rs)),
        bounds_before_(clitics(rs)),
        bounds_after_(clitics(rs)),
        percent_(clitics(rs)),
        months_(clitics(rs)),
        year_words_(clitics(rs)),
        clitic_set_(clitics(rs)) {
    const auto doc = require_doc(rs, kDoc);
    for (const auto& m : doc["multipliers"]) {
      scales_.push_back(number_of(rs, kDoc, m["value"]));
      add_phrases(rs, kDoc, m["forms"], static_cast<int>(scales_.size() - 1), multipliers_);
    }
    conj_ = normalize::fold(doc["conjunction"] ? doc["conjunction"].as<std::string>() : "");
    auto bounds = [&](const YAML::Node& node, PhraseSet& set) {
      if (!node) return;
      if (!node.IsMap()) throw rules::RuleShapeError(rs.error_at(kDoc, node, "expected a mapping of bound: [phrases]"));
      for (const auto& kv : node) {
        const int b = bound_of(kv.first.as<std::string>());
        if (b < 0)
          throw rules::RuleShapeError(rs.error_at(kDoc, kv.first,
              "unknown bound (expected more_than, at_least, less_than, at_most or about)"));
        add_phrases(rs, kDoc, kv.second, b, set);
      }
    };
    bounds(doc["bounds_before"], bounds_before_);
    bounds(doc["bounds_after"], bounds_after_);
    for (const auto& p : rules::strings_of(rs, kDoc, doc["percent"])) {
      if (p == "%") continue;  // the sign is handled as a character
      percent_.add(p, 0);
    }
    if (const auto cal = rs.doc(kCalendar)) {
      if (cal["months"] && cal["months"].IsMap())
        for (const auto& kv : cal["months"]) add_phrases(rs, kCalendar, kv.second, kv.first.as<int>(), months_);
      add_phrases(rs, kCalendar, cal["year_words"], 0, year_words_);
    }
    for (auto& c : clitic_set_) c = normalize::fold(c);
    if (const auto ar = rs.doc("arabic.yaml"); ar && ar["definite_article"])
      definite_ = normalize::fold(ar["definite_article"].as<std::string>());
    if (!re_.ok()) throw std::logic_error("numbers: bad pattern: " + re_.error());
  }

  std::string_view name() const override { return "numbers"; }

  void extract(const Document& doc, std::vector<Fact>& facts) const override {
    const std::string& v = doc.text();
    const auto& toks = doc.tokens();
    re2::StringPiece input(v);
    re2::StringPiece date, time, num;
    while (RE2::FindAndConsume(&input, re_, &date, &time, &num)) {
      if (!num.data()) continue;  // dates and times belong to the dates extractor
      std::size_t b = static_cast<std::size_t>(num.data() - v.data());
      std::size_t e = b + num.size();
      std::string role = "figure";

      // What is glued to the left of the digits.
      std::size_t ti = doc.token_at_or_after(b);
      if (b > 0 && v[b - 1] != ' ' && v[b - 1] != '\n') {
        if (is_ascii_letter(v[b - 1]) || (v[b - 1] == '-' && b > 1 && is_ascii_letter(v[b - 2]))) {
          role = "identifier";  // F16, A-320
        } else if (ti > 0 && toks[ti - 1].end == b) {
          const auto glued = doc.token_text(ti - 1);
          if (glued == definite_) role = "ordinal";  // الـ284
          else if (std::find(clitic_set_.begin(), clitic_set_.end(), glued) == clitic_set_.end())
            role = "identifier";
        }
      }

      double value = 0;
      if (!parse_digits(num, value)) role = "identifier";
      // Phone numbers, codes: a leading zero, or a long ungrouped run of digits.
      const std::string_view digits(num.data(), num.size());
      const bool grouped = digits.find_first_of(", .") != std::string_view::npos;
      if ((digits.size() >= 2 && digits[0] == '0' && digits[1] != '.') || (!grouped && digits.size() >= 9))
        role = "identifier";
      std::size_t tj = doc.token_at_or_after(e);  // first token after the digits
      double scale = 1;
      if (role == "figure") {
        if (auto m = multipliers_.match_at(v, toks, tj, false)) {
          scale = scales_[m->payload];
          value *= scale;
          e = toks[m->last - 1].end;
          tj = m->last;
          // 27 ألفاً و708: a smaller part joined by the conjunction.
          if (tj + 1 < toks.size() && doc.token_text(tj) == conj_ && toks[tj + 1].digits &&
              toks[tj + 1].begin == toks[tj].end) {
            double part = 0;
            if (parse_digits(doc.token_text(tj + 1), part)) {
              double part_scale = 1;
              std::size_t next = tj + 2;
              if (auto m2 = multipliers_.match_at(v, toks, tj + 2, false);
                  m2 && scales_[m2->payload] < scale) {
                part_scale = scales_[m2->payload];
                next = m2->last;
              }
              if (part * part_scale < scale) {
                value += part * part_scale;
                e = toks[next - 1].end;
                tj = next;
              }
            }
          }
        }
      }

      // Percent sign or words.
      std::string kind = "cardinal";
      {
        std::size_t k = e;
        while (k < v.size() && v[k] == ' ') ++k;
        if (k < v.size() && v[k] == '%') {
          kind = "percent";
          e = k + 1;
          tj = doc.token_at_or_after(e);
        } else if (auto m = percent_.match_at(v, toks, tj, false)) {
          kind = "percent";
          e = toks[m->last - 1].end;
          tj = m->last;
        }
      }

      // Context that makes the figure part of a date.
      if (role == "figure" && scale == 1 && kind == "cardinal") {
        const bool four = num.size() == 4;
        if (months_.match_at(v, toks, tj, false) && value >= 1 && value <= 31 && num.size() <= 2) {
          role = "day";
        } else if (four && (months_.match_ending(v, toks, ti, false) ||
                            year_words_.match_ending(v, toks, ti, true))) {
          role = "year";
        }
      }

      // Bounds before the figure.
      int bound = kExact;
      std::size_t start = b;
      if (role == "figure") {
        if (auto m = bounds_before_.match_ending(v, toks, ti, true)) {
          bound = m->payload;
          start = toks[m->first].begin;
        } else if (auto m2 = bounds_after_.match_at(v, toks, tj, false)) {
          bound = m2->payload;
          e = toks[m2->last - 1].end;
        }
      }

      Fact f = doc.make_fact("number", start, e);
      std::optional<double> lo = value, hi = value;
      if (bound == kMoreThan || bound == kAtLeast) hi.reset();
      if (bound == kLessThan || bound == kAtMost) lo.reset();
      if (role == "identifier") f.value = interval_json(std::nullopt, std::nullopt);
      else f.value = interval_json(lo, hi);
      f.attributes = {{"bound", bound_name(bound)}, {"kind", kind}, {"role", role}};
      if (scale != 1) f.attributes["scale"] = number_json(scale);
      if (role != "identifier") f.attributes["figure"] = number_json(value);
      facts.push_back(std::move(f));
      // Scale words, compounds and percent words may extend past the match: go on after them.
      if (e > static_cast<std::size_t>(input.data() - v.data()))
        input = re2::StringPiece(v.data() + e, v.size() - e);
    }
  }

 private:
  RE2 re_;
  PhraseSet multipliers_, bounds_before_, bounds_after_, percent_, months_, year_words_;
  std::vector<double> scales_;
  std::vector<std::string> clitic_set_;
  std::string conj_;
  std::string definite_;
};

}  // namespace

std::unique_ptr<Extractor> make_numbers_extractor(const rules::RuleSet& rules) {
  return std::make_unique<NumbersExtractor>(rules);
}

}  // namespace tadqiq::extract
