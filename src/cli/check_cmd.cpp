#include "cli/commands.h"

namespace tadqiq::cli {

int cmd_check(const Common& c, const CheckArgs& a) {
  Engine engine;
  if (!build_engine(c, true, true, engine)) return kExitUsage;
  compare::Options co;
  if (!parse_shard(a.report.shard, co)) return kExitUsage;
  ingest::Options io;
  io.encoding = c.encoding;
  auto loaded = ingest::load(a.paths, io);
  if (!a.against.empty()) {
    // Pre-publication: the drafts (PATH...) against an archive; only findings involving a draft.
    for (const auto& art : loaded.articles) co.focus.insert(art.id);
    auto archive = ingest::load(a.against, io);
    for (auto& art : archive.articles)
      if (!co.focus.count(art.id)) loaded.articles.push_back(std::move(art));
    for (auto& e : archive.errors) loaded.errors.push_back(std::move(e));
  }
  if (!report_inputs(loaded)) return kExitUsage;
  const auto sheets = extract_all(c, engine, loaded.articles);
  report::Report r;
  r.findings = compare::compare(sheets, engine.checks, co);
  for (const auto& s : sheets) r.articles.push_back({s.article, s.facts.size()});
  r.errors = std::move(loaded.errors);
  return emit_report(c, a.report, r);
}

}  // namespace tadqiq::cli
