// tadqiq/extract/number_value.h — numeric values as they go into facts.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

namespace tadqiq::extract {

// A figure as JSON: an integer when integral and exactly representable, else a double.
nlohmann::json number_json(double v);

// {"min": lo, "max": hi}, with null for an open side.
nlohmann::json interval_json(std::optional<double> lo, std::optional<double> hi);

}  // namespace tadqiq::extract
