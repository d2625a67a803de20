#include <fmt/color.h>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "report/report.h"

namespace tadqiq::report {

namespace {

fmt::text_style severity_style(Severity s) {
  switch (s) {
    case Severity::error: return fmt::fg(fmt::terminal_color::bright_red) | fmt::emphasis::bold;
    case Severity::warning: return fmt::fg(fmt::terminal_color::bright_magenta) | fmt::emphasis::bold;
    case Severity::info: return fmt::fg(fmt::terminal_color::bright_cyan) | fmt::emphasis::bold;
  }
  return {};
}

std::string styled(bool color, const fmt::text_style& st, const std::string& s) {
  return color ? fmt::format(st, "{}", s) : s;
}

std::string location(const Evidence& e) { return fmt::format("{}:{}:{}", e.file, e.line, e.column); }

}  // namespace

void write_text(const Report& r, std::ostream& out, bool color) {
  const auto bold = fmt::emphasis::bold;
  for (const auto& f : r.findings) {
    if (f.suppressed) continue;
    const std::string where = f.evidence.empty() ? std::string("<no location>") : location(f.evidence.front());
    fmt::print(out, "{}: {}: {} {}\n", styled(color, bold, where),
               styled(color, severity_style(f.severity), to_string(f.severity)), f.message,
               styled(color, fmt::fg(fmt::terminal_color::bright_black), "[" + f.kind + "/" + f.cls + "]"));
    for (const auto& e : f.evidence) {
      fmt::print(out, "    {}: {}", styled(color, bold, location(e)), e.text);
      if (e.as_of) fmt::print(out, " (as of {})", *e.as_of);
      fmt::print(out, "\n");
      if (!e.sentence.empty()) fmt::print(out, "        {}\n", e.sentence);
    }
  }
  for (const auto& e : r.errors) {
    const std::string where = e.offset ? fmt::format("{}: byte {}", e.file, *e.offset) : e.file;
    fmt::print(out, "{}: {}: {}\n", styled(color, bold, where),
               styled(color, severity_style(Severity::error), "input error"), e.message);
  }
  const auto s = summary_json(r);
  std::string extra;
  if (const auto n = s["suppressed"].get<std::size_t>()) extra += fmt::format("; {} suppressed", n);
  if (r.baselined) extra += fmt::format("; {} in the baseline", r.baselined);
  if (!r.errors.empty()) extra += fmt::format("; {} unreadable inputs", r.errors.size());
  fmt::print(out, "{} articles, {} facts: {} errors, {} warnings, {} info{}\n",
             s["articles"].get<std::size_t>(), s["facts"].get<std::size_t>(),
             s["by_severity"]["error"].get<std::size_t>(), s["by_severity"]["warning"].get<std::size_t>(),
             s["by_severity"]["info"].get<std::size_t>(), extra);
}

}  // namespace tadqiq::report
