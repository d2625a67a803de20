#include "cli/sheet_lines.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <tuple>

#include <fmt/format.h>

#include "facts/json_writer.h"

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
constexpr std::size_t kChunkPerThread = 64;
}  // namespace

bool write_sheet_lines(const Common& c, const Engine& engine, std::vector<Article>& articles,
                       const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    fmt::print(stderr, "tadqiq: cannot write {}: {}\n", path, std::strerror(errno));
    return false;
  }
  auto cache = open_cache(c, engine);
  const unsigned jobs = c.jobs ? c.jobs : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t chunk = kChunkPerThread * jobs;
  std::size_t hits = 0, extracted = 0;
  std::string text;
  for (std::size_t begin = 0; begin < articles.size(); begin += chunk) {
    const std::size_t n = std::min(chunk, articles.size() - begin);
    std::vector<std::string> json(n);
    std::vector<char> cached(n, 0);
    const bool use_cache = cache && cache->enabled();
    if (use_cache)  // lookups on this thread (SQLite)
      for (std::size_t k = 0; k < n; ++k)
        if (auto hit = cache->find_json(articles[begin + k])) {
          json[k] = std::move(*hit);
          cached[k] = 1;
        }
    parallel_for(n, jobs, [&](std::size_t k) {
      if (!cached[k]) append_sheet_json(json[k], extract::extract_sheet(articles[begin + k], engine.extractors));
    });
    std::vector<store::SheetCache::Serialized> fresh;
    text.clear();
    for (std::size_t k = 0; k < n; ++k) {
      text += json[k];
      text += '\n';
      if (cached[k]) ++hits;
      else fresh.push_back({&articles[begin + k], &json[k]});
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    extracted += fresh.size();
    if (use_cache && !fresh.empty()) {
      cache->store(fresh);
      if (!cache->enabled()) fmt::print(stderr, "tadqiq: warning: cache disabled: {}\n", cache->error());
    }
    for (std::size_t k = 0; k < n; ++k) {  // this chunk is done: free its text
      articles[begin + k].text.clear();
      articles[begin + k].text.shrink_to_fit();
    }
  }
  out.flush();
  if (cache && std::getenv("TADQIQ_CACHE_STATS"))
    fmt::print(stderr, "tadqiq: cache: {} hits, {} extracted\n", hits, extracted);
  if (!out) {
    fmt::print(stderr, "tadqiq: cannot write {}: {}\n", path, std::strerror(errno));
    return false;
  }
  return true;
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
