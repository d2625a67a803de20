#include "cli/sheet_lines.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <tuple>

#include <fmt/format.h>

#include "facts/json_writer.h"
#include "facts/keyed.h"

namespace tadqiq::cli {

std::optional<TempFile> TempFile::make(std::string_view stem) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string name = (dir / std::string(stem)).string() + "-XXXXXX";
  const int fd = ::mkstemp(name.data());
  if (fd < 0) {
    fmt::print(stderr, "tadqiq: cannot create a temporary file in {}: {}\n", dir.string(), std::strerror(errno));
    return std::nullopt;
  }
  ::close(fd);
  return TempFile(std::move(name));
}

TempFile::~TempFile() {
  if (!path_.empty()) ::unlink(path_.c_str());
}

namespace {

// Articles are extracted and written in chunks: memory stays bounded by the chunk (not the
// corpus), and serialization runs on the worker threads with the extraction.
constexpr std::size_t kChunkPerThread = 64;

// Frees the members of a JSON object or array, leaving it empty. nlohmann's destructor
// first moves every member onto a heap-allocated stack (which bounds recursion on deep
// trees); a fact's value and attributes are small, shallow trees, and clearing their
// container frees the same members without that detour (a nested member still goes through
// its own destructor).
void clear_members(FactJson& j) {
  if (j.is_object()) j.get_ref<FactJson::object_t&>().clear();
  else if (j.is_array()) j.get_ref<FactJson::array_t&>().clear();
}

// Frees what a sheet holds, cheaper than its destructor would (see clear_members).
void release(FactSheet& sheet) {
  for (Fact& f : sheet.facts) {
    clear_members(f.value);
    clear_members(f.attributes);
  }
  sheet.facts.clear();
}

}  // namespace

bool write_sheets(const Common& c, const Engine& engine, std::vector<Article>& articles, std::ostream& out,
                  SheetFormat format) {
  auto cache = open_cache(c, engine);
  const bool keyed = format == SheetFormat::keyed;
  const bool array = format == SheetFormat::json_array;
  const unsigned jobs = c.jobs ? c.jobs : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t chunk = kChunkPerThread * jobs;
  std::size_t hits = 0, extracted = 0;
  // Per slot of a chunk: the sheet's JSON and (keyed output) its lines. The buffers are
  // reused from chunk to chunk, so their memory is not given back and faulted in again.
  std::vector<JsonBuffer> sheet_json(std::min(chunk, articles.size()));
  std::vector<std::string> text(sheet_json.size());
  // One job without the cache writes each sheet before it starts the next (see emit below):
  // all sheets go through one buffer, which stays in cache, instead of one per slot.
  const bool one_buffer = jobs == 1 && !(cache && cache->enabled());
  if (one_buffer) sheet_json.resize(std::min<std::size_t>(1, sheet_json.size()));
  const auto json_of = [&](std::size_t k) -> JsonBuffer& { return sheet_json[one_buffer ? 0 : k]; };
  // The JSON of the sheets extracted in a chunk, as the cache stores it (cache on only).
  std::vector<std::string> fresh_json;
  if (array) out << "[\n";
  for (std::size_t begin = 0; begin < articles.size(); begin += chunk) {
    const std::size_t n = std::min(chunk, articles.size() - begin);
    // A cache hit is the sheet exactly as append_sheet_json wrote it (same writer, same key):
    // JSON and JSONL output copy it as it is; keyed output parses it.
    std::vector<std::optional<std::string>> stored(n);
    const bool storing = cache && cache->enabled();
    if (storing)  // lookups on this thread (SQLite)
      for (std::size_t k = 0; k < n; ++k) stored[k] = cache->find_json(articles[begin + k]);
    std::vector<char> cached(n, 0);
    // Sheet k, written out. Sheets are written in order as soon as they and all before them
    // are ready (on the thread that finished the last of them, under `out_mu`), so that a
    // sheet's JSON goes out while it is still in the cache rather than after the whole chunk.
    std::mutex out_mu;
    std::size_t unwritten = 0;  // the first sheet of the chunk not written yet
    std::vector<char> ready(n, 0);
    const auto emit = [&](std::size_t k) {
      // One write per sheet, straight from its buffer.
      const std::string_view json = stored[k] && !keyed ? std::string_view(*stored[k]) : json_of(k).view();
      if (keyed) {
        out.write(text[k].data(), static_cast<std::streamsize>(text[k].size()));
      } else if (array) {
        if (begin + k) out.write(",\n", 2);
        out.write(json.data(), static_cast<std::streamsize>(json.size()));
      } else {
        out.write(json.data(), static_cast<std::streamsize>(json.size()));
        out.put('\n');
      }
    };
    parallel_for(n, jobs, [&](std::size_t k) {
      const Article& art = articles[begin + k];
      json_of(k).clear();
      text[k].clear();
      if (stored[k] && !keyed) {  // written from stored[k]
        cached[k] = 1;
      } else {
        std::optional<FactSheet> hit;
        if (stored[k]) hit = store::SheetCache::parse(*stored[k]);  // damaged: extracted again
        cached[k] = hit.has_value();
        FactSheet sheet = hit ? std::move(*hit) : extract::extract_sheet(art, engine.extractors);
        if (!keyed || (!cached[k] && storing)) append_sheet_json(json_of(k), sheet);
        if (keyed) {
          text[k] = keyed_sheet_line(sheet) + '\n';
          for (const auto& f : sheet.facts)
            if (!f.key.empty()) text[k] += keyed_fact_line(sheet.article, f) + '\n';
        }
        release(sheet);
      }
      std::lock_guard<std::mutex> lock(out_mu);
      ready[k] = 1;
      for (; unwritten < n && ready[unwritten]; ++unwritten) emit(unwritten);
    });
    fresh_json.clear();
    if (storing) fresh_json.reserve(n);  // the Serialized pointers below must stay valid
    std::vector<store::SheetCache::Serialized> fresh;
    for (std::size_t k = 0; k < n; ++k) {
      if (cached[k]) {
        ++hits;
      } else {
        ++extracted;
        if (storing) fresh.push_back({&articles[begin + k], &fresh_json.emplace_back(sheet_json[k].view())});
      }
    }
    if (storing && !fresh.empty()) {
      cache->store(fresh);
      if (!cache->enabled()) fmt::print(stderr, "tadqiq: warning: cache disabled: {}\n", cache->error());
    }
    for (std::size_t k = 0; k < n; ++k) {  // this chunk is done: free its text
      articles[begin + k].text.clear();
      articles[begin + k].text.shrink_to_fit();
    }
  }
  if (array) out << "\n]\n";
  out.flush();
  if (cache && std::getenv("TADQIQ_CACHE_STATS"))
    fmt::print(stderr, "tadqiq: cache: {} hits, {} extracted\n", hits, extracted);
  return static_cast<bool>(out);
}

SeriesCollector::SeriesCollector(double about_tolerance) : tolerance_(about_tolerance) {
  for (auto t : report::kSeriesTypes) reader_.types.emplace_back(t);
  reader_.fn = [this](const compare::Group& g) {
    std::vector<report::SeriesFact> facts;
    facts.reserve(g.facts.size());
    for (const auto& r : g.facts) facts.push_back({r.article, r.fact});
    if (auto s = report::series_of(g.type, g.key, facts, tolerance_)) {
      std::lock_guard<std::mutex> lock(mu_);
      series_.push_back(std::move(*s));
    }
  };
}

std::vector<report::Series> SeriesCollector::take() {
  std::sort(series_.begin(), series_.end(), [](const report::Series& a, const report::Series& b) {
    return std::tie(a.type, a.key) < std::tie(b.type, b.key);
  });
  return std::move(series_);
}

}  // namespace tadqiq::cli
