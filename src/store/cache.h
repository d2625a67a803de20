// tadqiq/store/cache.h — the fact-sheet cache (SQLite), so that a re-run over a large article
// repository re-extracts only what changed.
//
// Contract:
//  * An entry is keyed by (path, id, sha256 of the article's input bytes, cache version). The
//    cache version is the tool version plus the rules version (a hash of every rules file), so
//    a new binary or changed rules never serve stale sheets.
//  * A cache that cannot be opened or written is reported once (warning) and then bypassed:
//    the run never fails because of the cache.
//  * Not thread-safe: look up and store from one thread (extraction itself runs in parallel
//    between the two).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "facts/fact.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tadqiq::store {

// Size and a digest of the bytes of the running executable (/proc/self/exe), so that a binary
// with other code never reads sheets another build wrote, while the same build (rebuilt in a CI
// job from the same sources) keeps its cache. "unknown" when it cannot be read. The digest is
// remembered in MEMO_DIR (the cache folder; none when empty) under the file's identity and time.
std::string binary_fingerprint(const std::string& memo_dir = {});

class SheetCache {
 public:
  // Opens (creating) DIR/sheets.sqlite. On failure the cache is disabled and `error()` says why.
  SheetCache(const std::string& dir, std::string version);
  ~SheetCache();
  SheetCache(const SheetCache&) = delete;
  SheetCache& operator=(const SheetCache&) = delete;

  bool enabled() const { return db_ != nullptr; }
  const std::string& error() const { return error_; }

  std::optional<FactSheet> find(const Article& a);
  // The stored sheet of an article as compact JSON (a hit), or nullopt (a miss): lookups stay on
  // one thread while parse() runs on many.
  std::optional<std::string> find_json(const Article& a);
  // A stored sheet; nullopt when the entry is damaged (count it as a miss).
  static std::optional<FactSheet> parse(std::string_view json);
  // Stores sheets in one transaction.
  void store(const std::vector<const FactSheet*>& sheets);
  // Stores already serialized sheets (compact tadqiq.factsheet/1 JSON) in one transaction.
  struct Serialized {
    const Article* article;
    const std::string* json;
  };
  void store(const std::vector<Serialized>& sheets);

  std::size_t hits() const { return hits_; }
  std::size_t misses() const { return misses_; }

 private:
  void fail(const std::string& what);
  sqlite3* db_ = nullptr;
  sqlite3_stmt* find_ = nullptr;  // the lookup, prepared once
  std::string version_;
  std::string error_;
  std::size_t hits_ = 0, misses_ = 0;
};

}  // namespace tadqiq::store
