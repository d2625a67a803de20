// tadqiq/extract/number_value.h — numeric values as they go into facts, and JSON objects built
// member by member.
#pragma once

#include <optional>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace tadqiq::extract {

// A figure as JSON: an integer when integral and exactly representable, else a double.
nlohmann::json number_json(double v);

// {"min": lo, "max": hi}, with null for an open side.
nlohmann::json interval_json(std::optional<double> lo, std::optional<double> hi);

// The members of `j`, which becomes an empty object first when it is not an object.
inline nlohmann::json::object_t& members(nlohmann::json& j) {
  if (!j.is_object()) j = nlohmann::json::object();
  return *j.get_ptr<nlohmann::json::object_t*>();
}

// Adds member `key` (kept when already there, like emplace). Members added in key order cost
// one node and no search (the end is the insertion hint); any order gives the same object.
template <typename V>
inline void put(nlohmann::json::object_t& o, std::string_view key, V&& value) {
  o.emplace_hint(o.end(), std::piecewise_construct, std::forward_as_tuple(key),
                 std::forward_as_tuple(std::forward<V>(value)));
}

// Adds member `key` (as put) holding number_json(*v), or null when `v` is empty.
void put_number(nlohmann::json::object_t& o, std::string_view key, std::optional<double> v);

// The string member `key` of object `j`, or "" when there is none or it is not a string.
inline std::string_view string_member(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return {};
  const auto& o = *j.get_ptr<const nlohmann::json::object_t*>();
  const auto it = o.find(key);
  if (it == o.end() || !it->second.is_string()) return {};
  return *it->second.get_ptr<const nlohmann::json::string_t*>();
}

// Sets the string member `key` of object `j` to `value`, reusing the member's string when it
// already holds one.
inline void set_string(nlohmann::json& j, std::string_view key, std::string_view value) {
  auto& o = members(j);
  const auto it = o.find(key);
  if (it != o.end() && it->second.is_string()) it->second.get_ptr<nlohmann::json::string_t*>()->assign(value);
  else if (it != o.end()) it->second = std::string(value);
  else put(o, key, std::string(value));
}

}  // namespace tadqiq::extract
