#include "facts/keyed.h"

namespace tadqiq {

namespace {

// Control characters become spaces: a key byte below TAB would sort a line before the lines
// of a shorter key it starts with, out of key order.
std::string clean_key(std::string key) {
  for (char& c : key)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return key;
}

std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string keyed_fact_line(const ArticleMeta& article, const Fact& fact) {
  return clean_key(fact.type + ":" + fact.key) + '\t' +
         dump(nlohmann::json{{"article", article}, {"fact", fact}});
}

std::string keyed_sheet_line(const FactSheet& sheet) {
  return clean_key(std::string(kSheetKeyPrefix) + sheet.article.id) + '\t' + dump(nlohmann::json(sheet));
}

bool split_keyed_line(std::string_view line, std::string_view& key, std::string_view& json) {
  const auto tab = line.find('\t');
  if (tab == std::string_view::npos) return false;
  key = line.substr(0, tab);
  json = line.substr(tab + 1);
  return true;
}

}  // namespace tadqiq
