// fuzz_sheets — the fact-sheet readers of `tadqiq compare` on one JSON Lines sheet file:
//  1. the streamed reader, compare::compare_jsonl_files (the bytes in a memfd, one thread);
//  2. the in-memory reader as `tadqiq compare` runs it for JSON Lines (cli/compare_cmd.cpp
//     read_sheets: each non-blank line parsed without exceptions, get<FactSheet>() in a try),
//     then compare::compare with a FactErrorSink;
//  3. the grouped reader, compare::compare_grouped, on the bytes as they are (mostly "not a
//     keyed line"), and on the keyed lines (facts/keyed.h) of the sheets the in-memory reader
//     accepted, sorted by bytes as `LC_ALL=C sort` does.
// The checks are compiled once from the source tree's rules/ (TADQIQ_FUZZ_RULES_DIR).
//
// Invariants (see src/compare/compare.h, stream.h, grouped.h, src/facts/keyed.h):
//  * No exception escapes a reader (compare_grouped's std::runtime_error on unsorted input
//    excepted, for the raw bytes only).
//  * Every finding has a non-empty id and at least one evidence entry; every InputError has a
//    non-empty message. The grouped reader's errors name its input and a line (record >= 1).
//  * The FactErrorSink of compare() is given an article and a fact of the caller's sheets.
//  * When the in-memory reader accepted every non-blank line, no check reported an unreadable
//    fact (in either reader) and the streamed reader reported no error: both give the same
//    finding ids (sorted; suppressed or not alike), and one article summary per sheet, in order,
//    with its id and fact count.
//  * The keyed lines of the accepted sheets, sorted by bytes, are read back by compare_grouped
//    without throwing, every line counted (one sheet line per sheet, one fact line per keyed
//    fact), and no error other than a check's unreadable fact.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/compare.h"
#include "compare/grouped.h"
#include "compare/stream.h"
#include "facts/fact.h"
#include "facts/finding.h"
#include "facts/keyed.h"
#include "fuzz_common.h"
#include "rules/rules.h"

#ifndef TADQIQ_FUZZ_RULES_DIR
#error "TADQIQ_FUZZ_RULES_DIR must be defined (see fuzz/CMakeLists.txt)"
#endif

namespace compare = tadqiq::compare;
namespace rules = tadqiq::rules;
using tadqiq::Finding;
using tadqiq::InputError;

namespace {

// Built once per process; a broken rules folder or a failing memfd is a setup error, not a
// finding.
struct Setup {
  rules::RuleSet rules;
  compare::Checks checks;
  int fd = -1;
  std::string path;  // "/proc/self/fd/N"
};

Setup* g_setup = nullptr;

void setup_or_die() {
  std::vector<rules::RuleError> errors;
  auto* s = new Setup{rules::RuleSet::load({TADQIQ_FUZZ_RULES_DIR}, errors), {}, -1, {}};
  if (!errors.empty()) {
    std::fprintf(stderr, "fuzz_sheets: the rules in %s do not load:\n", TADQIQ_FUZZ_RULES_DIR);
    for (const auto& e : errors) std::fprintf(stderr, "  %s\n", e.to_string().c_str());
    std::exit(2);
  }
  try {
    s->checks = compare::make_checks(s->rules);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_sheets: make_checks failed on %s: %s\n", TADQIQ_FUZZ_RULES_DIR, e.what());
    std::exit(2);
  }
  s->fd = memfd_create("fuzz-sheets.jsonl", 0);
  if (s->fd < 0) {
    std::perror("fuzz_sheets: memfd_create");
    std::exit(2);
  }
  s->path = "/proc/self/fd/" + std::to_string(s->fd);
  g_setup = s;
}

// Replaces the memfd's contents with `bytes`.
void write_file(std::string_view bytes) {
  if (::ftruncate(g_setup->fd, 0) != 0) {
    std::perror("fuzz_sheets: ftruncate");
    std::exit(2);
  }
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::pwrite(g_setup->fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
    if (n <= 0) {
      std::perror("fuzz_sheets: pwrite");
      std::exit(2);
    }
    done += static_cast<std::size_t>(n);
  }
}

void check_findings(const std::vector<Finding>& findings) {
  for (const Finding& f : findings) {
    TADQIQ_FUZZ_CHECK(!f.id.empty());
    TADQIQ_FUZZ_CHECK(!f.evidence.empty());
  }
}

void check_errors(const std::vector<InputError>& errors) {
  for (const InputError& e : errors) TADQIQ_FUZZ_CHECK(!e.message.empty());
}

// Each finding's id, marked when it is suppressed, sorted.
std::vector<std::string> sorted_ids(const std::vector<Finding>& findings) {
  std::vector<std::string> ids;
  ids.reserve(findings.size());
  for (const Finding& f : findings) ids.push_back(f.suppressed ? f.id + " (suppressed)" : f.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Set by a check's unreadable fact (the FactErrorSink messages all start so; see compare.cpp).
bool is_check_error(const std::string& m) { return m.rfind("the ", 0) == 0 && m.find(" check cannot read fact ") != std::string::npos; }

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  setup_or_die();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const compare::Checks& checks = g_setup->checks;

  // ---- 1. The streamed reader. ----
  write_file(bytes);
  std::vector<InputError> s_errors;
  std::vector<compare::SheetSummary> s_articles;
  std::vector<Finding> s_findings;
  // A reader of the groups besides the checks, as the HTML report's series: "number" is a type
  // no check reads, so its groups are read for the reader alone.
  std::size_t reader_facts = 0;
  const compare::GroupReader reader{{"quantity", "number"}, [&](const compare::Group& g) { reader_facts += g.facts.size(); }};
  try {
    s_findings = compare::compare_jsonl_files({g_setup->path}, checks, {}, 1, s_errors, s_articles, &reader);
  } catch (const std::exception& e) {
    TADQIQ_FUZZ_CHECK_MSG(!"compare_jsonl_files threw", e.what());
  }
  check_findings(s_findings);
  check_errors(s_errors);
  (void)reader_facts;

  // ---- 2. The in-memory reader, per line as read_sheets() does for JSON Lines. ----
  std::vector<tadqiq::FactSheet> sheets;
  bool all_read = true;
  {
    std::istringstream lines(bytes);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded()) {
        all_read = false;
        continue;
      }
      try {
        sheets.push_back(j.get<tadqiq::FactSheet>());
      } catch (const std::exception&) {
        all_read = false;
      }
    }
  }
  std::vector<Finding> m_findings;
  std::vector<std::string> m_check_errors;
  try {
    m_findings = compare::compare(sheets, checks, {}, [&](const tadqiq::ArticleMeta& a, const tadqiq::Fact& f, const std::string& m) {
      // A pointer into the caller's sheets (the CLI maps it back to the sheet's file and line).
      const auto it = std::find_if(sheets.begin(), sheets.end(), [&](const tadqiq::FactSheet& s) { return &s.article == &a; });
      TADQIQ_FUZZ_CHECK(it != sheets.end());
      TADQIQ_FUZZ_CHECK(!it->facts.empty() && &f >= it->facts.data() && &f < it->facts.data() + it->facts.size());
      m_check_errors.push_back(m);
    });
  } catch (const std::exception& e) {
    TADQIQ_FUZZ_CHECK_MSG(!"compare threw", e.what());
  }
  check_findings(m_findings);
  for (const auto& m : m_check_errors) TADQIQ_FUZZ_CHECK(!m.empty());

  // Documented to give the same findings (stream.h) when both read the same sheets.
  const bool s_check_errors = std::any_of(s_errors.begin(), s_errors.end(), [](const InputError& e) { return is_check_error(e.message); });
  if (all_read && s_errors.empty() && m_check_errors.empty() && !s_check_errors) {
    const auto s_ids = sorted_ids(s_findings);
    const auto m_ids = sorted_ids(m_findings);
    TADQIQ_FUZZ_CHECK(s_ids == m_ids);
    TADQIQ_FUZZ_CHECK(s_articles.size() == sheets.size());
    for (std::size_t i = 0; i < sheets.size(); ++i) {
      TADQIQ_FUZZ_CHECK(s_articles[i].article.id == sheets[i].article.id);
      TADQIQ_FUZZ_CHECK(s_articles[i].facts == sheets[i].facts.size());
    }
  }

  // ---- 3. The grouped reader: the bytes as they are. ----
  auto run_grouped = [&](const std::string& text, bool may_be_unsorted, std::vector<InputError>& errors,
                         compare::GroupedStats& stats) {
    std::istringstream in(text);
    std::vector<Finding> findings;
    try {
      findings = compare::compare_grouped(in, "fuzz.keyed", checks, errors, stats);
    } catch (const std::runtime_error& e) {
      TADQIQ_FUZZ_CHECK_MSG(may_be_unsorted, e.what());
      TADQIQ_FUZZ_CHECK(std::string_view(e.what()).find("not sorted") != std::string_view::npos);
      return;
    } catch (const std::exception& e) {
      TADQIQ_FUZZ_CHECK_MSG(!"compare_grouped threw", e.what());
    }
    check_findings(findings);
    check_errors(errors);
    for (const InputError& e : errors) {
      TADQIQ_FUZZ_CHECK(e.file == "fuzz.keyed");
      TADQIQ_FUZZ_CHECK(e.record >= 1 && e.record <= stats.lines);
    }
  };
  {
    std::vector<InputError> errors;
    compare::GroupedStats stats;
    run_grouped(bytes, true, errors, stats);
  }

  // ... and the keyed lines of the sheets read, sorted as by `LC_ALL=C sort`.
  if (!sheets.empty()) {
    std::vector<std::string> keyed;
    std::size_t keyed_facts = 0;
    for (const auto& s : sheets) {
      keyed.push_back(tadqiq::keyed_sheet_line(s));
      for (const auto& f : s.facts)
        if (!f.key.empty()) {
          keyed.push_back(tadqiq::keyed_fact_line(s.article, f));
          ++keyed_facts;
        }
    }
    std::sort(keyed.begin(), keyed.end());
    std::string text;
    for (const auto& l : keyed) (text += l) += '\n';
    std::vector<InputError> errors;
    compare::GroupedStats stats;
    run_grouped(text, false, errors, stats);
    TADQIQ_FUZZ_CHECK(stats.lines == keyed.size());
    TADQIQ_FUZZ_CHECK(stats.sheets == sheets.size());
    TADQIQ_FUZZ_CHECK(stats.facts == keyed_facts);
    for (const InputError& e : errors) TADQIQ_FUZZ_CHECK_MSG(is_check_error(e.message), e.message.c_str());
  }
  return 0;
}
