#include "extract/number_value.h"

#include <cmath>
#include <cstdint>

namespace tadqiq::extract {

nlohmann::json number_json(double v) {
  if (std::isfinite(v) && std::fabs(v) < 9007199254740992.0 && std::floor(v) == v)
    return static_cast<std::int64_t>(v);
  if (!std::isfinite(v)) return nullptr;
  return v;
}

nlohmann::json interval_json(std::optional<double> lo, std::optional<double> hi) {
  nlohmann::json j(nlohmann::json::value_t::object);
  auto& o = *j.get_ptr<nlohmann::json::object_t*>();
  put(o, "max", hi ? number_json(*hi) : nlohmann::json(nullptr));  // "max" sorts before "min"
  put(o, "min", lo ? number_json(*lo) : nlohmann::json(nullptr));
  return j;
}

}  // namespace tadqiq::extract
