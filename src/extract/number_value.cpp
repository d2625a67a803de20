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
  return {{"min", lo ? number_json(*lo) : nlohmann::json(nullptr)},
          {"max", hi ? number_json(*hi) : nlohmann::json(nullptr)}};
}

}  // namespace tadqiq::extract
