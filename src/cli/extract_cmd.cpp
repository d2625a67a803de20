#include <fmt/format.h>

#include "cli/commands.h"
#include "facts/keyed.h"

namespace tadqiq::cli {

int cmd_extract(const Common& c, const ExtractArgs& a) {
  Engine engine;
  if (!build_engine(c, true, false, engine)) return kExitUsage;
  const ingest::Options io = input_options(c);
  auto loaded = ingest::load(a.paths, io);
  if (!report_inputs(loaded)) return kExitUsage;
  const auto sheets = extract_all(c, engine, loaded.articles);

  std::ofstream file;
  std::ostream* out = open_output(c.output, file);
  if (!out) return kExitUsage;
  const auto handler = nlohmann::json::error_handler_t::replace;
  if (a.emit == "keyed") {
    for (const auto& s : sheets) {
      *out << keyed_sheet_line(s) << '\n';
      for (const auto& f : s.facts)
        if (!f.key.empty()) *out << keyed_fact_line(s.article, f) << '\n';
    }
  } else if (c.format == "jsonl") {
    for (const auto& s : sheets) *out << nlohmann::json(s).dump(-1, ' ', false, handler) << '\n';
  } else {
    *out << nlohmann::json(sheets).dump(2, ' ', false, handler) << '\n';
  }
  out->flush();
  if (!*out) {
    fmt::print(stderr, "tadqiq: cannot write {}\n", c.output.empty() ? "standard output" : c.output);
    return kExitUsage;
  }
  return kExitClean;
}

}  // namespace tadqiq::cli
