#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/sheet_lines.h"

namespace tadqiq::cli {

int cmd_extract(const Common& c, const ExtractArgs& a) {
  Engine engine;
  if (!build_engine(c, true, false, engine)) return kExitUsage;
  const ingest::Options io = input_options(c);
  auto loaded = ingest::load(a.paths, io);
  if (!report_inputs(loaded)) return kExitUsage;

  std::ofstream file;
  std::ostream* out = open_output(c.output, file);
  if (!out) return kExitUsage;
  const SheetFormat format = a.emit == "keyed"       ? SheetFormat::keyed
                             : c.format == "jsonl" ? SheetFormat::jsonl
                                                   : SheetFormat::json_array;
  write_sheets(c, engine, loaded.articles, *out, format);
  if (!*out) {
    fmt::print(stderr, "tadqiq: cannot write {}\n", c.output.empty() ? "standard output" : c.output);
    return kExitUsage;
  }
  return kExitClean;
}

}  // namespace tadqiq::cli
