// tadqiq/extract/number_value.h — numeric values as they go into facts, JSON objects built
// member by member, and facts built in place at the end of a sheet.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "facts/fact.h"
#include "facts/fact_json.h"

namespace tadqiq::extract {

// A figure as JSON: an integer when integral and exactly representable, else a double.
FactJson number_json(double v);

// {"min": lo, "max": hi}, with null for an open side.
FactJson interval_json(std::optional<double> lo, std::optional<double> hi);

// The members of `j`, which becomes an empty object first when it is not an object.
inline FactJson::object_t& members(FactJson& j) {
  if (!j.is_object()) j = FactJson::object();
  return *j.get_ptr<FactJson::object_t*>();
}

// Adds member `key` (kept when already there, like emplace). Members added in key order are
// appended after one comparison (the end is the insertion hint); any order gives the same
// object.
template <typename V>
inline void put(FactJson::object_t& o, std::string_view key, V&& value) {
  o.emplace_hint(o.end(), std::piecewise_construct, std::forward_as_tuple(key),
                 std::forward_as_tuple(std::forward<V>(value)));
}

// Adds member `key` (as put) holding number_json(*v), or null when `v` is empty.
void put_number(FactJson::object_t& o, std::string_view key, std::optional<double> v);

// The string member `key` of object `j`, or "" when there is none or it is not a string.
inline std::string_view string_member(const FactJson& j, std::string_view key) {
  if (!j.is_object()) return {};
  const auto& o = *j.get_ptr<const FactJson::object_t*>();
  const auto it = o.find(key);
  if (it == o.end() || !it->second.is_string()) return {};
  return *it->second.get_ptr<const FactJson::string_t*>();
}

// Sets the string member `key` of object `j` to `value`, reusing the member's string when it
// already holds one.
inline void set_string(FactJson& j, std::string_view key, std::string_view value) {
  auto& o = members(j);
  const auto it = o.find(key);
  if (it != o.end() && it->second.is_string()) it->second.get_ptr<FactJson::string_t*>()->assign(value);
  else if (it != o.end()) it->second = std::string(value);
  else put(o, key, std::string(value));
}

// Appends the fact make() returns to `facts` and returns it. make() runs inside emplace_back,
// and its result (a prvalue, or the named Fact it returns) initializes the new element
// directly: no Fact is moved and no moved-from Fact destroyed, as push_back(make()) would.
// (g++ elides through the conversion; a compiler that does not moves the fact once.) make()
// may read elements of `facts`: when they are reallocated, the new element is built before
// the old ones move.
template <class Make>
Fact& emplace_fact(std::vector<Fact>& facts, Make&& make) {
  struct Built {
    Make& make;
    operator Fact() const { return make(); }  // NOLINT: converts implicitly on purpose
  };
  return facts.emplace_back(Built{make});
}

}  // namespace tadqiq::extract
