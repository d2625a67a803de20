#include "extract/number_value.h"

#include <cmath>
#include <cstdint>

namespace tadqiq::extract {

FactJson number_json(double v) {
  // Below 2^53 in magnitude, v is integral exactly when truncating it changes nothing (no call
  // to floor).
  if (std::isfinite(v) && std::fabs(v) < 9007199254740992.0) {
    const auto i = static_cast<std::int64_t>(v);
    if (static_cast<double>(i) == v) return i;
  }
  if (!std::isfinite(v)) return nullptr;
  return v;
}

void put_number(FactJson::object_t& o, std::string_view key, std::optional<double> v) {
  // number_json's result is a number or null: moved into the node, nothing allocated.
  put(o, key, v ? number_json(*v) : FactJson(nullptr));
}

FactJson interval_json(std::optional<double> lo, std::optional<double> hi) {
  FactJson j(FactJson::value_t::object);
  auto& o = *j.get_ptr<FactJson::object_t*>();
  o.reserve(2);
  put_number(o, "max", hi);  // "max" sorts before "min"
  put_number(o, "min", lo);
  return j;
}

}  // namespace tadqiq::extract
