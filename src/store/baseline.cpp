#include "store/baseline.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace tadqiq::store {

inline constexpr const char* kBaselineSchema = "tadqiq.baseline/1";

bool write_baseline(const std::string& path, const std::vector<Finding>& findings, std::string& error) {
  std::vector<const Finding*> kept;
  for (const auto& f : findings)
    if (!f.suppressed) kept.push_back(&f);
  std::sort(kept.begin(), kept.end(), [](const Finding* a, const Finding* b) { return a->id < b->id; });
  nlohmann::json list = nlohmann::json::array();
  for (const Finding* f : kept)
    list.push_back({{"id", f->id}, {"kind", f->kind}, {"class", f->cls}, {"key", f->key}, {"message", f->message}});
  std::ofstream out(path, std::ios::binary);
  if (!out) {
    error = std::strerror(errno);
    return false;
  }
  out << nlohmann::json{{"schema", kBaselineSchema}, {"findings", list}}.dump(2, ' ', false,
                                                                               nlohmann::json::error_handler_t::replace)
      << '\n';
  out.flush();
  if (!out) {
    error = "write failed";
    return false;
  }
  return true;
}

std::optional<std::set<std::string>> read_baseline(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  const auto j = nlohmann::json::parse(buf.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("schema", "") != kBaselineSchema || !j.contains("findings") ||
      !j["findings"].is_array()) {
    error = std::string("not a ") + kBaselineSchema + " file";
    return std::nullopt;
  }
  std::set<std::string> ids;
  for (const auto& f : j["findings"])
    if (f.is_object() && f.contains("id") && f["id"].is_string()) ids.insert(f["id"].get<std::string>());
  return ids;
}

std::size_t apply_baseline(std::vector<Finding>& findings, const std::set<std::string>& ids) {
  const auto before = findings.size();
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [&](const Finding& f) { return ids.count(f.id) > 0; }),
                 findings.end());
  return before - findings.size();
}

}  // namespace tadqiq::store
