#include <cerrno>
#include <cstring>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/git.h"
#include "cli/sheet_lines.h"
#include "compare/check_config.h"
#include "compare/stream.h"
#include "store/baseline.h"

namespace tadqiq::cli {

namespace {

// Extracts and compares as `check` does; fills the report. Returns an exit code on failure.
std::optional<int> run_check(const Common& c, const CheckArgs& a, report::Report& r) {
  Engine engine;
  if (!build_engine(c, true, true, engine)) return kExitUsage;
  compare::Options co;
  if (!parse_shard(a.report.shard, co)) return kExitUsage;
  const std::vector<std::string>& paths = a.paths.empty() ? c.config.include : a.paths;
  if (paths.empty()) {
    fmt::print(stderr, "tadqiq: no PATH given and no `include` in tadqiq.yaml\n");
    return kExitUsage;
  }
  const ingest::Options io = input_options(c);
  auto loaded = ingest::load(paths, io);
  if (!a.against.empty()) {
    // Pre-publication: the drafts (PATH...) against an archive; only findings involving a draft.
    co.focus.emplace();
    for (const auto& art : loaded.articles) co.focus->insert(art.id);
    r.drafts.assign(co.focus->begin(), co.focus->end());
    auto archive = ingest::load(a.against, io);
    for (auto& art : archive.articles)
      if (!co.focus->count(art.id)) loaded.articles.push_back(std::move(art));
    for (auto& e : archive.errors) loaded.errors.push_back(std::move(e));
  }
  if (!a.changed.empty()) {
    // The articles changed since REV, checked against the whole corpus.
    std::string error;
    const auto changed = changed_files(a.changed, error);
    if (!changed) {
      fmt::print(stderr, "tadqiq: --changed {}: {}\n", a.changed, error);
      return kExitUsage;
    }
    std::set<std::string> ids;
    std::error_code ec;
    for (const auto& art : loaded.articles)
      if (changed->count(std::filesystem::weakly_canonical(art.path, ec).string())) ids.insert(art.id);
    if (co.focus) {  // with --against too: the changed drafts only
      std::set<std::string> both;
      for (const auto& id : ids)
        if (co.focus->count(id)) both.insert(id);
      ids.swap(both);
    }
    co.focus = std::move(ids);
  }
  if (co.focus) r.focus.assign(co.focus->begin(), co.focus->end());
  if (!report_inputs(loaded)) return kExitUsage;
  r.errors = std::move(loaded.errors);
  // The sheets go to a temporary JSON Lines file and are compared in two passes (see
  // compare/stream.h): memory stays linear in the facts with a small constant, and with a
  // focus only the key groups of the focus articles are read back.
  auto tmp = TempFile::make("tadqiq-sheets");
  if (!tmp) return kExitUsage;
  {
    std::ofstream sheets(tmp->path(), std::ios::binary | std::ios::trunc);
    if (!sheets || !write_sheets(c, engine, loaded.articles, sheets, SheetFormat::jsonl)) {
      fmt::print(stderr, "tadqiq: cannot write {}: {}\n", tmp->path(), std::strerror(errno));
      return kExitUsage;
    }
  }
  std::vector<compare::SheetSummary> articles;
  std::vector<InputError> errors;
  const unsigned threads = c.jobs ? c.jobs : std::max(1u, std::thread::hardware_concurrency());
  // The HTML report draws dated series of figures: they are read from the groups as they pass.
  SeriesCollector series(compare::check_number(engine.rules, "quantity", "about_tolerance", 0.1));
  r.findings = compare::compare_jsonl_files({tmp->path()}, engine.checks, co, threads, errors, articles,
                                            c.format == "html" ? series.reader() : nullptr);
  if (!errors.empty()) {  // the file was written just now: a damaged cache entry, or a bug
    for (const auto& e : errors)
      fmt::print(stderr, "tadqiq: a fact sheet could not be read back (line {}: {}); try --no-cache\n", e.record,
                 e.message);
    return kExitUsage;
  }
  r.articles.reserve(articles.size());
  for (auto& s : articles) r.articles.push_back({std::move(s.article), s.facts});
  r.series = series.take();
  return std::nullopt;
}

}  // namespace

int cmd_check(const Common& c, const CheckArgs& a) {
  report::Report r;
  if (auto rc = run_check(c, a, r)) return *rc;
  if (!apply_baseline(a.report, r)) return kExitUsage;
  return emit_report(c, a.report, r);
}

int cmd_baseline(const Common& c, const CheckArgs& a) {
  report::Report r;
  if (auto rc = run_check(c, a, r)) return *rc;
  const std::string path = !c.output.empty()       ? c.output
                           : c.config.baseline ? *c.config.baseline
                                               : std::string(".tadqiq-baseline.json");
  std::string error;
  if (!store::write_baseline(path, r.findings, error)) {
    fmt::print(stderr, "tadqiq: cannot write {}: {}\n", path, error);
    return kExitUsage;
  }
  std::size_t kept = 0;
  for (const auto& f : r.findings) kept += f.suppressed ? 0 : 1;
  fmt::print(stderr, "tadqiq: baseline {}: {} findings recorded\n", path, kept);
  return kExitClean;
}

int cmd_init(bool force) {
  std::error_code ec;
  if (!force && std::filesystem::exists("tadqiq.yaml", ec)) {
    fmt::print(stderr, "tadqiq: tadqiq.yaml already exists (use --force to overwrite)\n");
    return kExitUsage;
  }
  std::ofstream out("tadqiq.yaml", std::ios::binary);
  out << starter_config();
  out.flush();
  if (!out) {
    fmt::print(stderr, "tadqiq: cannot write tadqiq.yaml\n");
    return kExitUsage;
  }
  fmt::print("wrote tadqiq.yaml\n");
  return kExitClean;
}

}  // namespace tadqiq::cli
