#include "compare/stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cerrno>
#include <cstring>
#include <set>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "facts/json_escape.h"

namespace tadqiq::compare {
namespace {

using sv = std::string_view;
constexpr std::size_t npos = sv::npos;

// ---- A light JSON scanner: finds extents, reads a few strings, builds no tree. ----------

std::size_t ws(sv s, std::size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) ++i;
  return i;
}

// s[i] == '"': the position after the closing quote, or npos. (memchr for the quote, then
// an even number of backslashes before it.)
std::size_t skip_string(sv s, std::size_t i) {
  const char* p = s.data();
  const std::size_t n = s.size();
  const std::size_t first = ++i;
  while (i < n) {
    const void* q = std::memchr(p + i, '"', n - i);
    if (!q) return npos;
    const std::size_t j = static_cast<std::size_t>(static_cast<const char*>(q) - p);
    std::size_t b = 0;
    while (j - b > first && p[j - b - 1] == '\\') ++b;
    if (b % 2 == 0) return j + 1;
    i = j + 1;
  }
  return npos;
}

// The position after the value at i (after blanks), or npos. Not a validator: what pass 2
// needs is parsed (and checked) by nlohmann::json then.
std::size_t skip_value(sv s, std::size_t i) {
  i = ws(s, i);
  if (i >= s.size()) return npos;
  const char c = s[i];
  if (c == '"') return skip_string(s, i);
  if (c == '{' || c == '[') {
    int depth = 0;
    while (i < s.size()) {
      const char d = s[i];
      if (d == '"') {
        i = skip_string(s, i);
        if (i == npos) return npos;
        continue;
      }
      if (d == '{' || d == '[') ++depth;
      else if ((d == '}' || d == ']') && --depth == 0) return i + 1;
      ++i;
    }
    return npos;
  }
  const std::size_t start = i;
  while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\t' &&
         s[i] != '\r' && s[i] != '\n')
    ++i;
  return i == start ? npos : i;
}

// Reads the string at i (unescaped) into `out`; the position after it, or npos.
std::size_t read_string(sv s, std::size_t i, std::string& out) {
  if (i >= s.size() || s[i] != '"') return npos;
  const std::size_t end = skip_string(s, i);
  if (end == npos) return npos;
  const sv raw = s.substr(i + 1, end - i - 2);
  if (raw.find('\\') == npos) {
    out.assign(raw);
    return end;
  }
  out.clear();
  out.reserve(raw.size());
  const char* p = raw.data();
  const char* const e = raw.data() + raw.size();
  while (p != e) {
    const char* bs = static_cast<const char*>(std::memchr(p, '\\', static_cast<std::size_t>(e - p)));
    if (!bs) bs = e;
    out.append(p, static_cast<std::size_t>(bs - p));
    if (bs == e) break;
    p = decode_json_escape(bs + 1, e, out);
    if (!p) return npos;
  }
  return end;
}

// As above, into a SharedString: without escapes straight from the line, without a copy in
// between.
std::size_t read_string(sv s, std::size_t i, SharedString& out) {
  if (i < s.size() && s[i] == '"') {
    const std::size_t end = skip_string(s, i);
    if (end == npos) return npos;
    const sv raw = s.substr(i + 1, end - i - 2);
    if (raw.find('\\') == npos) {
      out = raw;
      return end;
    }
  }
  std::string text;
  const std::size_t end = read_string(s, i, text);
  out = text;
  return end;
}

// Calls fn(key, value_position) for each member of the object at i; fn returns the position
// after the value. Returns the position after the object, or npos.
template <class Fn>
std::size_t members(sv s, std::size_t i, Fn&& fn) {
  i = ws(s, i);
  if (i >= s.size() || s[i] != '{') return npos;
  i = ws(s, i + 1);
  if (i < s.size() && s[i] == '}') return i + 1;
  std::string key;
  for (;;) {
    i = read_string(s, ws(s, i), key);
    if (i == npos) return npos;
    i = ws(s, i);
    if (i >= s.size() || s[i] != ':') return npos;
    i = fn(static_cast<const std::string&>(key), ws(s, i + 1));
    if (i == npos) return npos;
    i = ws(s, i);
    if (i >= s.size()) return npos;
    if (s[i] == ',') {
      ++i;
      continue;
    }
    return s[i] == '}' ? i + 1 : npos;
  }
}

// A non-negative integer at i into `out`; the position after it, or npos.
template <class Int>
std::size_t read_uint(sv s, std::size_t i, Int& out) {
  const std::size_t e = skip_value(s, i);
  if (e == npos) return npos;
  const auto r = std::from_chars(s.data() + i, s.data() + e, out);
  return r.ec == std::errc() && r.ptr == s.data() + e ? e : npos;
}

// A fact object, as from_json(Fact) reads it, without building its tree: only `value` and
// `attributes` (small, type-specific) go through nlohmann::json. False when the object is
// not in the expected shape: the caller then parses it with nlohmann (which says why).
bool parse_fact(sv s, Fact& f) {
  bool id = false, type = false, span = false, line = false, end_line = false, end_column = false;
  bool value = false, attributes = false;
  f.key.clear();
  f.text.clear();
  f.sentence.clear();
  f.as_of.reset();
  const std::size_t end = members(s, 0, [&](const std::string& k, std::size_t v) -> std::size_t {
    if (k == "id") return id = true, read_string(s, v, f.id);
    if (k == "type") return type = true, read_string(s, v, f.type);
    if (k == "key") return read_string(s, v, f.key);
    if (k == "text") return read_string(s, v, f.text);
    if (k == "sentence") return read_string(s, v, f.sentence);
    if (k == "as_of") {
      if (v < s.size() && s[v] == '"') {
        std::string d;
        const std::size_t e = read_string(s, v, d);
        f.as_of = std::move(d);
        return e;
      }
      f.as_of.reset();
      return skip_value(s, v);
    }
    if (k == "value" || k == "attributes") {
      const std::size_t e = skip_value(s, v);
      if (e == npos) return npos;
      auto j = FactJson::parse(s.substr(v, e - v), nullptr, false);
      if (j.is_discarded()) return npos;
      (k == "value" ? value : attributes) = true;
      (k == "value" ? f.value : f.attributes) = std::move(j);
      return e;
    }
    if (k == "span") {
      span = true;
      line = end_line = end_column = false;
      unsigned seen = 0;  // start, end, line, column: one bit each
      const std::size_t e = members(s, v, [&](const std::string& sk, std::size_t sv_) -> std::size_t {
        if (sk == "start") return seen |= 1, read_uint(s, sv_, f.span.start);
        if (sk == "end") return seen |= 2, read_uint(s, sv_, f.span.end);
        if (sk == "line") return seen |= 4, line = true, read_uint(s, sv_, f.span.line);
        if (sk == "column") return seen |= 8, read_uint(s, sv_, f.span.column);
        if (sk == "end_line") return end_line = true, read_uint(s, sv_, f.span.end_line);
        if (sk == "end_column") return end_column = true, read_uint(s, sv_, f.span.end_column);
        return skip_value(s, sv_);
      });
      return e == npos || seen != 15 ? npos : e;
    }
    return skip_value(s, v);
  });
  if (end == npos || !id || !type || !span || !line) return false;
  if (!end_line) f.span.end_line = f.span.line;
  if (!end_column) f.span.end_column = f.span.column;
  if (!value) f.value = FactJson();
  if (!attributes || !f.attributes.is_object()) {
    if (attributes) return false;
    f.attributes = FactJson::object();
  }
  return true;
}

Fact fact_of(sv s) {
  Fact f;
  if (!parse_fact(s, f)) f = nlohmann::json::parse(s).get<Fact>();
  return f;
}

// The fact types each built-in per-article check reads; a check not listed gets every fact.
// (Only facts of these types are parsed in pass 1.)
const std::unordered_map<sv, std::vector<sv>>& sheet_check_types() {
  static const std::unordered_map<sv, std::vector<sv>> m = {
      {"name_spelling", {"name"}},
      {"date_consistency", {"date", "duration"}},
  };
  return m;
}

struct ScannedFact {
  std::string type, key;
  std::size_t begin = 0, end = 0;  // in the line
};

struct ScannedLine {
  bool blank = false;
  std::string error;  // empty when the line is a fact sheet
  ArticleMeta article;
  std::size_t facts = 0;
  std::vector<ScannedFact> keyed;
  std::vector<Finding> findings;  // of the per-article checks
  std::vector<std::pair<std::size_t, std::string>> fact_errors;  // (fact's start in the line, message)
  bool focus = true;              // the article is in Options::focus (or there is none)
};

struct Context {
  const Checks* checks = nullptr;
  const Options* opts = nullptr;
  std::unordered_set<std::string> across_types;  // fact types a per-key check (or the reader) reads
  bool run_sheet_checks = false;
  bool sheet_all_types = false;
  std::unordered_set<std::string> sheet_types;
};

void scan_line(const Context& cx, sv line, ScannedLine& r) {
  if (ws(line, 0) == line.size()) {
    r.blank = true;
    return;
  }
  std::string schema;
  sv article;
  bool have_facts = false;
  FactSheet sheet;
  std::vector<std::size_t> sheet_begin;  // where each of sheet.facts starts in the line
  const auto& focus = cx.opts->focus;
  const std::size_t end = members(line, 0, [&](const std::string& k, std::size_t v) -> std::size_t {
    if (k == "schema") return read_string(line, v, schema);
    if (k == "article") {
      const std::size_t e = skip_value(line, v);
      if (e != npos) {
        article = line.substr(v, e - v);
        // Read now, so that the facts of an article outside the focus are not parsed for the
        // per-article checks (a sheet whose facts come first is parsed, then decided below).
        nlohmann::json::parse(article).get_to(r.article);
        r.focus = !focus || focus->count(r.article.id) > 0;
      }
      return e;
    }
    if (k != "facts") return skip_value(line, v);
    // A repeated member replaces the earlier one, as nlohmann::json (the in-memory reader) reads it.
    have_facts = true;
    r.facts = 0;
    r.keyed.clear();
    sheet.facts.clear();
    sheet_begin.clear();
    std::size_t i = ws(line, v);
    if (i >= line.size() || line[i] != '[') return npos;
    i = ws(line, i + 1);
    if (i < line.size() && line[i] == ']') return i + 1;
    for (;;) {
      const std::size_t begin = i;
      std::string type, key;
      const std::size_t e = members(line, i, [&](const std::string& fk, std::size_t fv) -> std::size_t {
        if (fk == "type") return read_string(line, fv, type);
        if (fk == "key" && fv < line.size() && line[fv] == '"') return read_string(line, fv, key);
        return skip_value(line, fv);
      });
      if (e == npos) return npos;
      ++r.facts;
      if (cx.run_sheet_checks && r.focus && (cx.sheet_all_types || cx.sheet_types.count(type))) {
        sheet.facts.push_back(fact_of(line.substr(begin, e - begin)));
        sheet_begin.push_back(begin);
      }
      if (!key.empty() && cx.across_types.count(type) &&
          (cx.opts->shard_count <= 1 || shard_of(type, key, cx.opts->shard_count) == cx.opts->shard_index))
        r.keyed.push_back({std::move(type), std::move(key), begin, e});
      i = ws(line, e);
      if (i < line.size() && line[i] == ',') {
        i = ws(line, i + 1);
        continue;
      }
      return i < line.size() && line[i] == ']' ? i + 1 : npos;
    }
  });
  if (end == npos || ws(line, end) != line.size()) {
    r.error = "not valid JSON";
    return;
  }
  if (schema != kFactSheetSchema) {
    r.error = "not a fact sheet: not a " + std::string(kFactSheetSchema) + " fact sheet (schema: \"" + schema + "\")";
    return;
  }
  if (article.empty() || !have_facts) {
    r.error = std::string("not a fact sheet: no ") + (article.empty() ? "article" : "facts");
    return;
  }
  r.focus = !focus || focus->count(r.article.id) > 0;
  if (cx.run_sheet_checks && r.focus) {
    sheet.article = r.article;
    check_sheet(sheet, *cx.checks, r.findings, [&](const ArticleMeta&, const Fact& f, const std::string& m) {
      r.fact_errors.emplace_back(sheet_begin[static_cast<std::size_t>(&f - sheet.facts.data())], m);
    });
  }
}

struct FactLoc {
  std::uint32_t group;
  std::uint32_t article;
  std::uint64_t offset;  // in the file
  std::uint32_t length;
  std::uint16_t file;
};

bool read_all(int fd, std::string& buf, std::size_t want) {
  const std::size_t old = buf.size();
  buf.resize(old + want);
  std::size_t got = 0;
  while (got < want) {
    const ssize_t n = ::read(fd, buf.data() + old + got, want - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  buf.resize(old + got);
  return true;
}

bool pread_all(int fd, char* out, std::size_t len, std::uint64_t off) {
  std::size_t got = 0;
  while (got < len) {
    const ssize_t n = ::pread(fd, out + got, len - got, static_cast<off_t>(off + got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  return true;
}

// Runs fn(i) for i in [0, n) on up to `threads` threads, in contiguous ranges.
template <class Fn>
void parallel_ranges(std::size_t n, unsigned threads, Fn&& fn) {
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(1, n / 64))));
  if (threads == 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (std::size_t i = n * t / threads; i < n * (t + 1) / threads; ++i) fn(i);
    });
  for (auto& th : pool) th.join();
}

}  // namespace

bool is_jsonl_sheet_file(const std::string& path) {
  if (path == "-") return false;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return false;
  std::string buf;
  bool ok = false;
  // The first non-blank line (up to 64 MB) must be one whole JSON object.
  for (std::size_t limit = 0; limit < (64u << 20); limit += 1u << 20) {
    const std::size_t before = buf.size();
    if (!read_all(fd, buf, 1u << 20)) break;
    const bool eof = buf.size() == before;
    const std::size_t first = ws(buf, 0);
    if (first == buf.size()) {
      if (eof) break;
      continue;
    }
    const std::size_t nl = buf.find('\n', first);
    if (nl == npos && !eof) continue;
    const sv line = sv(buf).substr(first, (nl == npos ? buf.size() : nl) - first);
    ok = !line.empty() && line[0] == '{' && !nlohmann::json::parse(line, nullptr, false).is_discarded();
    break;
  }
  ::close(fd);
  return ok;
}

std::vector<Finding> compare_jsonl_files(const std::vector<std::string>& paths, const Checks& checks,
                                         const Options& opts, unsigned threads,
                                         std::vector<InputError>& errors,
                                         std::vector<SheetSummary>& articles,
                                         const GroupReader* reader) {
  Context cx;
  cx.checks = &checks;
  cx.opts = &opts;
  for (const auto& c : checks.across) cx.across_types.insert(std::string(c->fact_type()));
  if (reader)
    for (const auto& t : reader->types) cx.across_types.insert(t);
  cx.run_sheet_checks = opts.shard_index == 0 && !checks.within.empty();
  for (const auto& c : checks.within) {
    const auto it = sheet_check_types().find(c->name());
    if (it == sheet_check_types().end()) cx.sheet_all_types = true;
    else
      for (sv t : it->second) cx.sheet_types.insert(std::string(t));
  }
  threads = std::max(1u, threads);

  std::vector<Finding> out;
  std::vector<FactLoc> locs;
  std::unordered_map<std::string, std::uint32_t> group_ids;
  std::vector<std::pair<std::string, std::string>> groups;  // (type, key) per group id
  std::vector<int> fds(paths.size(), -1);
  std::vector<char> in_focus;  // per article read: in Options::focus (all when there is none)

  // ---- Pass 1: scan every line. ----
  constexpr std::size_t kChunk = 16u << 20;
  for (std::size_t fi = 0; fi < paths.size(); ++fi) {
    const std::string& path = paths[fi];
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) {
      errors.push_back({path, std::nullopt, 0, "cannot open fact sheet file"});
      continue;
    }
    fds[fi] = fd;
    // Reads of up to kChunk bytes; a smaller file gets a buffer of its size (a 16 MB buffer
    // per small file made comparing many small files slow).
    struct stat st {};
    const std::size_t chunk = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
                                  ? std::clamp<std::size_t>(static_cast<std::size_t>(st.st_size) + 1, 4096, kChunk)
                                  : kChunk;
    std::string buf;
    std::uint64_t base = 0;     // file offset of buf[0]
    std::size_t line_no = 0;
    bool eof = false;
    std::vector<std::pair<std::size_t, std::size_t>> spans;  // line begin, end in buf
    std::vector<ScannedLine> scanned;
    while (!eof) {
      const std::size_t before = buf.size();
      if (!read_all(fd, buf, chunk)) {
        errors.push_back({path, base + before, 0, std::string("read error: ") + std::strerror(errno)});
        break;
      }
      eof = buf.size() == before;
      std::size_t upto = eof ? buf.size() : buf.rfind('\n');
      if (upto == npos) continue;  // a line longer than the buffer so far: read on
      if (!eof) ++upto;            // keep the newline with its line
      spans.clear();
      for (std::size_t i = 0; i < upto;) {
        std::size_t nl = buf.find('\n', i);
        if (nl == npos || nl >= upto) nl = upto;
        spans.emplace_back(i, nl);
        i = nl + 1;
      }
      scanned.assign(spans.size(), ScannedLine{});
      const sv view(buf);
      parallel_ranges(spans.size(), threads, [&](std::size_t k) {
        try {
          scan_line(cx, view.substr(spans[k].first, spans[k].second - spans[k].first), scanned[k]);
        } catch (const std::exception& e) {
          scanned[k] = ScannedLine{};
          scanned[k].error = std::string("not a fact sheet: ") + e.what();
        }
      });
      for (std::size_t k = 0; k < spans.size(); ++k) {
        ++line_no;
        ScannedLine& r = scanned[k];
        if (r.blank) continue;
        if (!r.error.empty()) {
          errors.push_back({path, base + spans[k].first, line_no, std::move(r.error)});
          continue;
        }
        const auto art = static_cast<std::uint32_t>(articles.size());
        for (auto& f : r.keyed) {
          std::string gk = f.type;
          gk += '\x1f';
          gk += f.key;
          auto [it, added] = group_ids.try_emplace(std::move(gk), static_cast<std::uint32_t>(groups.size()));
          if (added) groups.emplace_back(std::move(f.type), std::move(f.key));
          locs.push_back({it->second, art, base + spans[k].first + f.begin,
                          static_cast<std::uint32_t>(f.end - f.begin), static_cast<std::uint16_t>(fi)});
        }
        for (auto& f : r.findings) out.push_back(std::move(f));
        for (auto& [at, m] : r.fact_errors) errors.push_back({path, base + spans[k].first + at, line_no, std::move(m)});
        articles.push_back({std::move(r.article), r.facts});
        in_focus.push_back(r.focus ? 1 : 0);
      }
      buf.erase(0, upto);
      base += upto;
    }
  }
  group_ids = {};

  // ---- Pass 2: the join, group by group in key order. ----
  // Facts grouped by a stable counting sort on the group id (input order within a group).
  std::vector<std::size_t> start(groups.size() + 1, 0);
  for (const auto& l : locs) ++start[l.group + 1];
  for (std::size_t g = 0; g < groups.size(); ++g) start[g + 1] += start[g];
  std::vector<FactLoc> sorted(locs.size());
  {
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (const auto& l : locs) sorted[next[l.group]++] = l;
  }
  locs = {};
  std::vector<std::uint32_t> order(groups.size());
  for (std::uint32_t g = 0; g < order.size(); ++g) order[g] = g;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return groups[a] < groups[b]; });

  // Contiguous ranges of groups with about the same number of facts per thread.
  const unsigned t_count = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, order.size())));
  std::vector<std::size_t> cut(t_count + 1, order.size());
  cut[0] = 0;
  {
    std::size_t acc = 0, t = 1;
    for (std::size_t i = 0; i < order.size() && t < t_count; ++i) {
      acc += start[order[i] + 1] - start[order[i]];
      if (acc * t_count >= sorted.size() * t) cut[t++] = i + 1;
    }
  }
  std::vector<std::vector<Finding>> outs(t_count);
  std::vector<std::vector<InputError>> errs(t_count);
  auto work = [&](unsigned t) {
    std::string buf;
    std::vector<Fact> facts;
    for (std::size_t i = cut[t]; i < cut[t + 1]; ++i) {
      const std::uint32_t g = order[i];
      // With a focus (--changed, --against) only findings with evidence from a focus article
      // are kept: a group without one is not read at all.
      if (opts.focus && std::none_of(sorted.begin() + static_cast<std::ptrdiff_t>(start[g]),
                                     sorted.begin() + static_cast<std::ptrdiff_t>(start[g + 1]),
                                     [&](const FactLoc& l) { return in_focus[l.article] != 0; }))
        continue;
      facts.clear();
      facts.reserve(start[g + 1] - start[g]);
      std::vector<const ArticleMeta*> owners;
      std::vector<const FactLoc*> where;  // per fact read
      for (std::size_t k = start[g]; k < start[g + 1]; ++k) {
        const FactLoc& l = sorted[k];
        buf.resize(l.length);
        if (!pread_all(fds[l.file], buf.data(), l.length, l.offset)) {
          errs[t].push_back({paths[l.file], l.offset, 0, "cannot read the fact back"});
          continue;
        }
        try {
          facts.push_back(fact_of(buf));
          owners.push_back(&articles[l.article].article);
          where.push_back(&l);
        } catch (const std::exception& e) {
          errs[t].push_back({paths[l.file], l.offset, 0, std::string("not a fact: ") + e.what()});
        }
      }
      Group grp{groups[g].first, groups[g].second, {}};
      grp.facts.reserve(facts.size());
      for (std::size_t k = 0; k < facts.size(); ++k) grp.facts.push_back({owners[k], &facts[k]});
      check_group(grp, checks, outs[t], [&](const ArticleMeta&, const Fact& f, const std::string& m) {
        const FactLoc& l = *where[static_cast<std::size_t>(&f - facts.data())];
        errs[t].push_back({paths[l.file], l.offset, 0, m});
      });
      if (reader && reader->fn) reader->fn(grp);
    }
  };
  if (t_count == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < t_count; ++t) pool.emplace_back(work, t);
    for (auto& th : pool) th.join();
  }
  // Pass 2 knows a fact's byte offset, not its line: the lines of its errors are counted in
  // one read of each file concerned, in offset order.
  std::vector<InputError*> unlined;
  for (auto& es : errs)
    for (auto& e : es)
      if (e.offset && !e.record) unlined.push_back(&e);
  std::sort(unlined.begin(), unlined.end(), [](const InputError* a, const InputError* b) {
    return std::tie(a->file, *a->offset) < std::tie(b->file, *b->offset);
  });
  for (std::size_t i = 0; i < unlined.size();) {
    const std::size_t fi = static_cast<std::size_t>(std::find(paths.begin(), paths.end(), unlined[i]->file) - paths.begin());
    std::size_t j = i;
    while (j < unlined.size() && unlined[j]->file == unlined[i]->file) ++j;
    if (fi < fds.size() && fds[fi] >= 0) {
      std::string chunk(1u << 20, '\0');
      std::uint64_t at = 0;
      std::size_t line = 1;
      for (std::size_t k = i; k < j; ++k) {
        const std::uint64_t target = *unlined[k]->offset;
        while (at < target) {
          const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), target - at));
          const ssize_t got = ::pread(fds[fi], chunk.data(), want, static_cast<off_t>(at));
          if (got <= 0) break;
          line += static_cast<std::size_t>(std::count(chunk.data(), chunk.data() + got, '\n'));
          at += static_cast<std::uint64_t>(got);
        }
        if (at == target) unlined[k]->record = line;
      }
    }
    i = j;
  }
  for (int fd : fds)
    if (fd >= 0) ::close(fd);
  for (unsigned t = 0; t < t_count; ++t) {
    for (auto& f : outs[t]) out.push_back(std::move(f));
    for (auto& e : errs[t]) errors.push_back(std::move(e));
  }
  keep_focus(out, opts.focus);
  finalize(out);
  return out;
}

}  // namespace tadqiq::compare
