#include <thread>

#include <fmt/format.h>

#include "cli/commands.h"
#include "facts/json_writer.h"
#include "facts/keyed.h"

namespace tadqiq::cli {

namespace {

// Articles are extracted and written in chunks: memory stays bounded by the chunk (not the
// corpus), and serialization runs on the worker threads with the extraction.
constexpr std::size_t kChunkPerThread = 64;

}  // namespace

int cmd_extract(const Common& c, const ExtractArgs& a) {
  Engine engine;
  if (!build_engine(c, true, false, engine)) return kExitUsage;
  const ingest::Options io = input_options(c);
  auto loaded = ingest::load(a.paths, io);
  if (!report_inputs(loaded)) return kExitUsage;

  std::ofstream file;
  std::ostream* out = open_output(c.output, file);
  if (!out) return kExitUsage;
  auto cache = open_cache(c, engine);
  const bool keyed = a.emit == "keyed";
  const bool array = !keyed && c.format != "jsonl";

  auto& articles = loaded.articles;
  const unsigned jobs = c.jobs ? c.jobs : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t chunk = kChunkPerThread * jobs;
  std::size_t hits = 0, extracted = 0;
  // Per slot of a chunk: the sheet's JSON and (keyed output) its lines. The strings are
  // reused from chunk to chunk, so their memory is not given back and faulted in again.
  std::vector<std::string> sheet_json(std::min(chunk, articles.size())), text(sheet_json.size());
  if (array) *out << "[\n";
  for (std::size_t begin = 0; begin < articles.size(); begin += chunk) {
    const std::size_t n = std::min(chunk, articles.size() - begin);
    // A cache hit is the sheet exactly as append_sheet_json wrote it (same writer, same key):
    // JSON and JSONL output copy it as it is; keyed output parses it.
    std::vector<std::optional<std::string>> stored(n);
    if (cache && cache->enabled())
      for (std::size_t k = 0; k < n; ++k) stored[k] = cache->find_json(articles[begin + k]);
    std::vector<char> cached(n, 0);
    parallel_for(n, jobs, [&](std::size_t k) {
      const Article& art = articles[begin + k];
      sheet_json[k].clear();
      text[k].clear();
      if (stored[k] && !keyed) {
        sheet_json[k] = std::move(*stored[k]);
        cached[k] = 1;
        return;
      }
      std::optional<FactSheet> hit;
      if (stored[k]) hit = store::SheetCache::parse(*stored[k]);  // damaged: extracted again
      cached[k] = hit.has_value();
      const FactSheet sheet = hit ? std::move(*hit) : extract::extract_sheet(art, engine.extractors);
      if (!cached[k] || !keyed) append_sheet_json(sheet_json[k], sheet);
      if (keyed) {
        text[k] = keyed_sheet_line(sheet) + '\n';
        for (const auto& f : sheet.facts)
          if (!f.key.empty()) text[k] += keyed_fact_line(sheet.article, f) + '\n';
      }
    });
    std::vector<store::SheetCache::Serialized> fresh;
    for (std::size_t k = 0; k < n; ++k) {
      // One write per sheet, straight from its buffer.
      if (keyed) {
        out->write(text[k].data(), static_cast<std::streamsize>(text[k].size()));
      } else if (array) {
        if (begin + k) out->write(",\n", 2);
        out->write(sheet_json[k].data(), static_cast<std::streamsize>(sheet_json[k].size()));
      } else {
        out->write(sheet_json[k].data(), static_cast<std::streamsize>(sheet_json[k].size()));
        out->put('\n');
      }
      if (cached[k]) ++hits;
      else fresh.push_back({&articles[begin + k], &sheet_json[k]});
    }
    extracted += fresh.size();
    if (cache && cache->enabled()) cache->store(fresh);
    for (std::size_t k = 0; k < n; ++k) {  // this chunk is done: free its text
      articles[begin + k].text.clear();
      articles[begin + k].text.shrink_to_fit();
    }
  }
  if (array) *out << "\n]\n";
  out->flush();
  if (cache && std::getenv("TADQIQ_CACHE_STATS"))
    fmt::print(stderr, "tadqiq: cache: {} hits, {} extracted\n", hits, extracted);
  if (!*out) {
    fmt::print(stderr, "tadqiq: cannot write {}\n", c.output.empty() ? "standard output" : c.output);
    return kExitUsage;
  }
  return kExitClean;
}

}  // namespace tadqiq::cli
