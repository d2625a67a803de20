#include "cli/common.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "store/baseline.h"
#include "store/cache.h"

namespace tadqiq::cli {

bool build_engine(const Common& c, bool with_extractors, bool with_checks, Engine& engine) {
  auto builtin = rules::builtin_rules_dir(c.argv0);
  if (!builtin) {
    fmt::print(stderr, "tadqiq: built-in rules folder not found (set TADQIQ_RULES_DIR)\n");
    return false;
  }
  // Built-in rules, the config's folders, the config's check overrides, then --rules folders.
  std::vector<rules::RuleError> errors;
  engine.rules = rules::RuleSet::load({*builtin}, errors);
  for (const auto& d : c.config.rules) engine.rules.add_dir(d, errors);
  // A default YAML::Node is defined (null): only a `checks` mapping from the config counts, or
  // an empty override would mask the checks.yaml of the config's rules folders.
  if (c.config.checks.IsMap()) {
    YAML::Node doc;
    doc["checks"] = c.config.checks;
    engine.rules.add_doc("checks.yaml", doc, c.config.file.string(), errors);
  }
  for (const auto& d : c.rules_dirs) engine.rules.add_dir(d, errors);
  for (const auto& e : errors) fmt::print(stderr, "tadqiq: rules: {}\n", e.to_string());
  if (!errors.empty()) return false;
  try {
    if (with_extractors) engine.extractors = extract::make_extractors(engine.rules);
    if (with_checks) engine.checks = compare::make_checks(engine.rules);
  } catch (const rules::RuleShapeError& e) {
    fmt::print(stderr, "tadqiq: rules: {}\n", e.what());
    return false;
  }
  return true;
}

ingest::Options input_options(const Common& c) {
  ingest::Options io;
  io.encoding = c.encoding;
  io.stdin_format = c.stdin_format;
  if (!c.config.exclude.empty()) io.exclude = [&cfg = c.config](const std::string& p) { return cfg.excluded(p); };
  return io;
}

bool apply_baseline(const ReportArgs& a, report::Report& r) {
  if (a.baseline.empty()) return true;
  std::string error;
  const auto ids = store::read_baseline(a.baseline, error);
  if (!ids) {
    fmt::print(stderr, "tadqiq: baseline {}: {}\n", a.baseline, error);
    return false;
  }
  r.baselined = store::apply_baseline(r.findings, *ids);
  return true;
}

void print_input_errors(const std::vector<InputError>& errors) {
  for (const auto& e : errors) {
    if (e.record) fmt::print(stderr, "tadqiq: {}:{}: {}\n", e.file, e.record, e.message);
    else if (e.offset) fmt::print(stderr, "tadqiq: {}: byte {}: {}\n", e.file, *e.offset, e.message);
    else fmt::print(stderr, "tadqiq: {}: {}\n", e.file, e.message);
  }
}

bool report_inputs(const ingest::Result& loaded) {
  print_input_errors(loaded.errors);
  if (!loaded.articles.empty()) return true;
  fmt::print(stderr, "tadqiq: no readable article\n");
  return false;
}

void parallel_for(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& fn) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(1, n)));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k; (k = next.fetch_add(1)) < n;) fn(k);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

std::unique_ptr<store::SheetCache> open_cache(const Common& c, const Engine& engine) {
  if (c.no_cache) return nullptr;
  const std::string dir = c.cache_dir.empty() ? ".tadqiq-cache" : c.cache_dir;
  auto cache = std::make_unique<store::SheetCache>(
      dir, std::string(TADQIQ_VERSION) + "/" + store::binary_fingerprint(dir) + "/" + engine.rules.version());
  if (!cache->enabled()) fmt::print(stderr, "tadqiq: warning: cache disabled: {}\n", cache->error());
  return cache;
}

std::ostream* open_output(const std::string& path, std::ofstream& file) {
  if (path.empty() || path == "-") return &std::cout;
  file.open(path, std::ios::binary);
  if (!file) {
    fmt::print(stderr, "tadqiq: cannot write {}: {}\n", path, std::strerror(errno));
    return nullptr;
  }
  return &file;
}

bool parse_shard(const std::string& spec, compare::Options& opts) {
  if (spec.empty()) return true;
  unsigned i = 0, n = 0;
  char extra = 0;
  if (std::sscanf(spec.c_str(), "%u/%u%c", &i, &n, &extra) != 2 || n == 0 || i >= n) {
    fmt::print(stderr, "tadqiq: --shard expects I/N with 0 <= I < N (got \"{}\")\n", spec);
    return false;
  }
  opts.shard_index = i;
  opts.shard_count = n;
  return true;
}

namespace {
bool use_color(const std::string& mode, bool to_stdout) {
  if (mode == "always") return true;
  if (mode == "never" || !to_stdout) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return isatty(fileno(stdout)) != 0;
}

// The HTML report's interface strings: `strings` of i18n/en.yaml in the rules in force, then
// of i18n/LANG.yaml over them. False (after printing why) when the rules or strings are bad.
bool html_options(const Common& c, const std::string& lang, report::HtmlOptions& o) {
  Engine engine;
  if (!build_engine(c, false, false, engine)) return false;
  o.lang = lang;
  for (const std::string& l : {std::string("en"), lang}) {
    const std::string name = "i18n/" + l + ".yaml";
    const YAML::Node doc = engine.rules.doc(name);
    if (!doc || !doc.IsMap() || !doc["strings"]) continue;
    const YAML::Node strings = doc["strings"];
    bool ok = strings.IsMap();
    if (ok)
      for (const auto& kv : strings) ok = ok && kv.first.IsScalar() && kv.second.IsScalar();
    if (!ok) {
      fmt::print(stderr, "tadqiq: rules: {}\n",
                 engine.rules.error_at(name, strings, "`strings` must map names to text").to_string());
      return false;
    }
    for (const auto& kv : strings) o.strings[kv.first.as<std::string>()] = kv.second.as<std::string>();
  }
  return true;
}
}  // namespace

int emit_report(const Common& c, const ReportArgs& a, const report::Report& r) {
  report::HtmlOptions html;
  if (c.format == "html" && !html_options(c, a.lang, html)) return kExitUsage;
  std::ofstream file;
  std::ostream* out = open_output(c.output, file);
  if (!out) return kExitUsage;
  if (c.format == "json") report::write_json(r, *out);
  else if (c.format == "jsonl") report::write_jsonl(r, *out);
  else if (c.format == "html") report::write_html(r, *out, html);
  else if (c.format == "sarif") report::write_sarif(r, *out);
  else if (c.format == "github") report::write_github(r, *out);
  else report::write_text(r, *out, use_color(a.color, out == &std::cout));
  out->flush();
  if (!*out) {
    fmt::print(stderr, "tadqiq: cannot write {}\n", c.output.empty() ? "standard output" : c.output);
    return kExitUsage;
  }
  if (a.fail_on == "never") return kExitClean;
  const Severity threshold = severity_from_string(a.fail_on).value_or(Severity::error);
  for (const auto& f : r.findings)
    if (!f.suppressed && f.severity >= threshold) return kExitFindings;
  return kExitClean;
}

}  // namespace tadqiq::cli
