// tadqiq/compare/interval.h — the interval a figure stands for, and how intervals relate.
//
// A fact value {"min": x, "max": y} with a bound: exact → [x, x]; more_than → (x, ∞);
// at_least → [x, ∞); less_than → (-∞, y); at_most → (-∞, y]; about → [x(1-t), x(1+t)].
#pragma once

#include <string>

#include "facts/fact.h"

namespace tadqiq::compare {

struct Interval {
  double lo = 0, hi = 0;
  bool lo_open = false, hi_open = false;  // open ends (also used for ±∞)
  bool valid = false;
};

Interval interval_of(const Fact& f, double about_tolerance);
// No number lies in both.
bool disjoint(const Interval& a, const Interval& b);
// Every number of a is below every number of b.
bool below(const Interval& a, const Interval& b);
// The smallest interval holding both.
Interval hull_of(const Interval& a, const Interval& b);
// "27,708", "more than 33,000", "about 1,700,000", "between 10 and 20".
std::string describe(const Fact& f);
std::string format_number(double v);

}  // namespace tadqiq::compare
