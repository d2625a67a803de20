#include "compare/interval.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace tadqiq::compare {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

bool number_at(const FactJson& v, const char* key, double& out) {
  auto it = v.find(key);
  if (it == v.end() || !it->is_number()) return false;
  out = it->get<double>();
  return std::isfinite(out);
}
}  // namespace

Interval interval_of(const Fact& f, double tol) {
  Interval iv;
  if (!f.value.is_object()) return iv;
  double lo = 0, hi = 0;
  const bool has_lo = number_at(f.value, "min", lo);
  const bool has_hi = number_at(f.value, "max", hi);
  if (!has_lo && !has_hi) return iv;
  const std::string bound = f.attributes.value("bound", "exact");
  iv.valid = true;
  iv.lo = has_lo ? lo : -kInf;
  iv.hi = has_hi ? hi : kInf;
  iv.lo_open = !has_lo || bound == "more_than";
  iv.hi_open = !has_hi || bound == "less_than";
  if (bound == "about" || bound == "vague") {
    if (has_lo) iv.lo = lo - std::fabs(lo) * tol;
    if (has_hi) iv.hi = hi + std::fabs(hi) * tol;
  }
  if (iv.lo > iv.hi) iv.valid = false;
  return iv;
}

bool below(const Interval& a, const Interval& b) {
  return a.hi < b.lo || (a.hi == b.lo && (a.hi_open || b.lo_open));
}

bool disjoint(const Interval& a, const Interval& b) { return below(a, b) || below(b, a); }

Interval hull_of(const Interval& a, const Interval& b) {
  Interval r;
  r.valid = a.valid && b.valid;
  r.lo = std::min(a.lo, b.lo);
  r.lo_open = a.lo == b.lo ? (a.lo_open && b.lo_open) : (a.lo < b.lo ? a.lo_open : b.lo_open);
  r.hi = std::max(a.hi, b.hi);
  r.hi_open = a.hi == b.hi ? (a.hi_open && b.hi_open) : (a.hi > b.hi ? a.hi_open : b.hi_open);
  return r;
}

std::string format_number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) {
    std::string digits = fmt::format("{}", static_cast<long long>(std::fabs(v)));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
      out.push_back(digits[i]);
    }
    return v < 0 ? "-" + out : out;
  }
  return fmt::format("{}", v);
}

std::string describe(const Fact& f) {
  double lo = 0, hi = 0;
  const bool has_lo = number_at(f.value, "min", lo);
  const bool has_hi = number_at(f.value, "max", hi);
  const std::string bound = f.attributes.value("bound", "exact");
  const std::string x = has_lo ? format_number(lo) : has_hi ? format_number(hi) : "?";
  if (bound == "more_than") return "more than " + x;
  if (bound == "at_least") return "at least " + x;
  if (bound == "less_than") return "less than " + format_number(has_hi ? hi : lo);
  if (bound == "at_most") return "at most " + format_number(has_hi ? hi : lo);
  if (bound == "about") return "about " + x;
  if (has_lo && has_hi && lo != hi) return "between " + format_number(lo) + " and " + format_number(hi);
  return x;
}

}  // namespace tadqiq::compare
