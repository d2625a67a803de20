// tadqiq/facts/fact_json.h — FactJson, the JSON type of a fact's value and attributes.
//
// nlohmann::json's API and output (dump() gives the same bytes as for a nlohmann::json holding
// the same members), with objects kept as a sorted vector of members (sorted_map.h): one
// allocation per object instead of a node per member, cheaper to build, read, write and free.
// It converts to and from nlohmann::json (a deep copy) where a plain nlohmann::json is needed.
#pragma once

#include <nlohmann/json.hpp>

#include "facts/sorted_map.h"

namespace tadqiq {

using FactJson = nlohmann::basic_json<SortedVectorMap>;

}  // namespace tadqiq
