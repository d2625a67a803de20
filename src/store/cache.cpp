#include "store/cache.h"

#include <sqlite3.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "facts/json_writer.h"

namespace tadqiq::store {

namespace {

struct Stmt {
  sqlite3_stmt* s = nullptr;
  Stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &s, nullptr); }
  ~Stmt() { sqlite3_finalize(s); }
  void text(int i, const std::string& v) { sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
};

}  // namespace

namespace {

std::string digest_of_executable() {
  std::FILE* f = std::fopen("/proc/self/exe", "rb");
  if (!f) return "unknown";
  std::uint64_t h = 0xcbf29ce484222325ULL, size = 0;
  std::vector<unsigned char> buf(1 << 20);
  for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), f)) > 0;) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {  // 8 bytes at a time: a few milliseconds for the binary
      std::uint64_t w;
      std::memcpy(&w, buf.data() + i, 8);
      h = (h ^ w) * 0x100000001b3ULL;
      h ^= h >> 29;
    }
    for (; i < n; ++i) h = (h ^ buf[i]) * 0x100000001b3ULL;
    size += n;
  }
  const bool ok = std::ferror(f) == 0;
  std::fclose(f);
  if (!ok) return "unknown";
  char out[64];
  std::snprintf(out, sizeof out, "%llx-%016llx", static_cast<unsigned long long>(size), static_cast<unsigned long long>(h));
  return out;
}

}  // namespace

std::string binary_fingerprint(const std::string& memo_dir) {
  // A digest of the executable's bytes (not its time stamp): a binary built again from the same
  // sources at the same place, as a CI job does on every run, keeps using the cache it restores.
  // Reading the whole binary takes tens of milliseconds, so the digest is remembered in
  // MEMO_DIR/binary-digest under the file's device, inode, size and modification time.
  struct stat st;
  if (stat("/proc/self/exe", &st) != 0) return "unknown";
  char key[128];
  std::snprintf(key, sizeof key, "%llx:%llx:%llx:%llx.%09ld", static_cast<unsigned long long>(st.st_dev),
                static_cast<unsigned long long>(st.st_ino), static_cast<unsigned long long>(st.st_size),
                static_cast<unsigned long long>(st.st_mtim.tv_sec), st.st_mtim.tv_nsec);
  const std::string memo = memo_dir.empty() ? std::string() : (std::filesystem::path(memo_dir) / "binary-digest").string();
  if (!memo.empty())
    if (std::FILE* f = std::fopen(memo.c_str(), "rb")) {
      char line[256] = {0};
      const std::size_t n = std::fread(line, 1, sizeof line - 1, f);
      std::fclose(f);
      const std::string text(line, n);
      const auto sp = text.find(' ');
      if (sp != std::string::npos && text.compare(0, sp, key) == 0 && text.size() > sp + 1) {
        std::string digest = text.substr(sp + 1);
        while (!digest.empty() && (digest.back() == '\n' || digest.back() == '\r')) digest.pop_back();
        if (!digest.empty()) return digest;
      }
    }
  const std::string digest = digest_of_executable();
  if (!memo.empty() && digest != "unknown") {
    const std::string tmp = memo + ".tmp" + std::to_string(::getpid());
    if (std::FILE* f = std::fopen(tmp.c_str(), "wb")) {  // best effort; written whole, then renamed
      const bool ok = std::fprintf(f, "%s %s\n", key, digest.c_str()) > 0;
      if (std::fclose(f) == 0 && ok) std::rename(tmp.c_str(), memo.c_str());
      else std::remove(tmp.c_str());
    }
  }
  return digest;
}

SheetCache::SheetCache(const std::string& dir, std::string version) : version_(std::move(version)) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    error_ = "cannot create cache folder " + dir + ": " + ec.message();
    return;
  }
  const std::string path = (std::filesystem::path(dir) / "sheets.sqlite").string();
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    fail("cannot open " + path);
    return;
  }
  sqlite3_busy_timeout(db_, 5000);
  const char* schema =
      "PRAGMA journal_mode=WAL;"
      "PRAGMA synchronous=NORMAL;"
      "CREATE TABLE IF NOT EXISTS sheets ("
      "  path TEXT NOT NULL, id TEXT NOT NULL, sha256 TEXT NOT NULL, version TEXT NOT NULL,"
      "  sheet TEXT NOT NULL, PRIMARY KEY (path, id, sha256, version));";
  char* msg = nullptr;
  if (sqlite3_exec(db_, schema, nullptr, nullptr, &msg) != SQLITE_OK) {
    const std::string m = msg ? msg : "unknown error";
    sqlite3_free(msg);
    fail("cannot prepare " + path + ": " + m);
  }
}

SheetCache::~SheetCache() {
  sqlite3_finalize(find_);
  if (db_) sqlite3_close(db_);
}

void SheetCache::fail(const std::string& what) {
  error_ = what + (db_ ? std::string(": ") + sqlite3_errmsg(db_) : std::string());
  sqlite3_finalize(find_);
  find_ = nullptr;
  if (db_) sqlite3_close(db_);
  db_ = nullptr;
}

std::optional<std::string> SheetCache::find_json(const Article& a) {
  if (!db_) return std::nullopt;
  if (!find_ &&
      sqlite3_prepare_v2(db_, "SELECT sheet FROM sheets WHERE path=?1 AND id=?2 AND sha256=?3 AND version=?4", -1,
                         &find_, nullptr) != SQLITE_OK)
    return std::nullopt;
  auto bind = [&](int i, const std::string& v) {
    sqlite3_bind_text(find_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  };
  bind(1, a.path);
  bind(2, a.id);
  bind(3, a.sha256);
  bind(4, version_);
  std::optional<std::string> out;
  if (sqlite3_step(find_) == SQLITE_ROW) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(find_, 0));
    out.emplace(p, static_cast<std::size_t>(sqlite3_column_bytes(find_, 0)));
  }
  sqlite3_reset(find_);
  sqlite3_clear_bindings(find_);
  return out;
}

std::optional<FactSheet> SheetCache::parse(std::string_view json) {
  try {
    // The key covers path, id and bytes: the stored sheet (metadata, suppressions, facts) is
    // exactly what extraction would give.
    return nlohmann::json::parse(json).get<FactSheet>();
  } catch (const std::exception&) {
    return std::nullopt;  // a damaged entry is a miss; it is overwritten by the next store
  }
}

std::optional<FactSheet> SheetCache::find(const Article& a) {
  if (auto text = find_json(a))
    if (auto s = parse(*text)) {
      ++hits_;
      return s;
    }
  ++misses_;
  return std::nullopt;
}

void SheetCache::store(const std::vector<const FactSheet*>& sheets) {
  std::vector<std::string> texts;
  std::vector<Article> keys;  // only the key fields are read
  texts.reserve(sheets.size());
  keys.reserve(sheets.size());
  for (const FactSheet* s : sheets) {
    texts.emplace_back();
    append_sheet_json(texts.back(), *s);
    Article a;
    a.path = s->article.path;
    a.id = s->article.id;
    a.sha256 = s->article.sha256;
    keys.push_back(std::move(a));
  }
  std::vector<Serialized> list;
  list.reserve(sheets.size());
  for (std::size_t i = 0; i < sheets.size(); ++i) list.push_back({&keys[i], &texts[i]});
  store(list);
}

void SheetCache::store(const std::vector<Serialized>& sheets) {
  if (!db_ || sheets.empty()) return;
  sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr);
  {
    Stmt ins(db_, "INSERT OR REPLACE INTO sheets (path, id, sha256, version, sheet) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!ins.s) {
      fail("cannot write the cache");
      return;
    }
    for (const auto& s : sheets) {
      ins.text(1, s.article->path);
      ins.text(2, s.article->id);
      ins.text(3, s.article->sha256);
      ins.text(4, version_);
      ins.text(5, *s.json);
      if (sqlite3_step(ins.s) != SQLITE_DONE) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        fail("cannot write the cache");
        return;
      }
      sqlite3_reset(ins.s);
    }
  }
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) fail("cannot commit the cache");
}

}  // namespace tadqiq::store
