// fuzz_extract — the whole extraction path for one Markdown input: ingest::decode,
// ingest::parse_markdown, then extract::extract_sheet with every built-in extractor compiled
// once from the source tree's rules/ (TADQIQ_FUZZ_RULES_DIR).
//
// Invariants (see src/extract/extractor.h, src/facts/fact.h, src/facts/article.h):
//  * Nothing throws.
//  * Document: its view sentences and tokens are in order, non-overlapping, within the view;
//    sentence_at() answers an index of an existing sentence; token_at_or_after(i) is
//    non-decreasing and names the first token starting at or after i (or the end);
//    source_range(b, e) lies in [body_begin, text.size()] on code point boundaries.
//  * Every fact's span: byte_base <= start <= end <= byte_base + text.size(), both on code
//    point boundaries of the text, and text.substr(start - byte_base, end - start) is exactly
//    fact.text.
//  * line/column of the span are 1-based and equal LineIndex(text).line_col(start -
//    byte_base); (end_line, end_column) is not before (line, column).
//  * Fact ids are unique within the sheet and of the form "<type>-<n>".
//  * Fact values and attributes, the article meta and the whole fact sheet (to_json) serialize
//    as JSON; sentence and key are valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extractor.h"
#include "facts/article.h"
#include "facts/fact.h"
#include "facts/finding.h"
#include "fuzz_common.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"
#include "rules/rules.h"

#ifndef TADQIQ_FUZZ_RULES_DIR
#error "TADQIQ_FUZZ_RULES_DIR must be defined (see fuzz/CMakeLists.txt)"
#endif

namespace ingest = tadqiq::ingest;
namespace extract = tadqiq::extract;
namespace rules = tadqiq::rules;
using tadqiq::fuzz::is_boundary;

namespace {

// Built once per process; a broken rules folder is a setup error, not a finding.
struct Setup {
  rules::RuleSet rules;
  std::vector<std::unique_ptr<extract::Extractor>> extractors;
};

Setup* g_setup = nullptr;

void setup_or_die() {
  std::vector<rules::RuleError> errors;
  auto* s = new Setup{rules::RuleSet::load({TADQIQ_FUZZ_RULES_DIR}, errors), {}};
  if (!errors.empty()) {
    std::fprintf(stderr, "fuzz_extract: the rules in %s do not load:\n", TADQIQ_FUZZ_RULES_DIR);
    for (const auto& e : errors) std::fprintf(stderr, "  %s\n", e.to_string().c_str());
    std::exit(2);
  }
  try {
    s->extractors = extract::make_extractors(s->rules);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_extract: make_extractors failed on %s: %s\n",
                 TADQIQ_FUZZ_RULES_DIR, e.what());
    std::exit(2);
  }
  g_setup = s;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  setup_or_die();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  tadqiq::InputError err;
  ingest::Options opts;
  auto d = ingest::decode(bytes, "fuzz.md", opts, err);
  if (!d) return 0;

  tadqiq::Article a;
  a.path = "fuzz.md";
  a.id = a.path;
  a.format = "markdown";
  a.encoding = d->encoding;
  a.byte_base = d->byte_base;
  a.text = std::move(d->text);
  a.sha256 = ingest::sha256_hex(bytes);
  if (!ingest::parse_markdown(a, err)) return 0;

  {
    std::string why;
    TADQIQ_FUZZ_CHECK_MSG(tadqiq::fuzz::json_dumps(a.meta, &why), why.c_str());
  }

  // The Document the extractors see.
  {
    const extract::Document doc(a);
    const std::size_t n = doc.text().size();
    const auto& ss = doc.sentences();
    std::size_t prev_end = 0;
    for (const auto& r : ss) {
      TADQIQ_FUZZ_CHECK(r.begin <= r.end && r.end <= n);
      TADQIQ_FUZZ_CHECK(r.begin >= prev_end);
      prev_end = r.end;
    }
    if (!ss.empty()) {
      for (std::size_t i = 0; i <= n; i += 1 + n / 64) TADQIQ_FUZZ_CHECK(doc.sentence_at(i) < ss.size());
    }

    const auto& toks = doc.tokens();
    std::size_t tok_end = 0;
    for (const auto& t : toks) {
      TADQIQ_FUZZ_CHECK(t.begin < t.end && t.end <= n);
      TADQIQ_FUZZ_CHECK(t.begin >= tok_end);
      tok_end = t.end;
    }
    std::size_t prev_tok = 0;
    for (std::size_t i = 0; i <= n; i += 1 + n / 64) {
      const std::size_t k = doc.token_at_or_after(i);
      TADQIQ_FUZZ_CHECK(k <= toks.size() && k >= prev_tok);
      TADQIQ_FUZZ_CHECK(k == toks.size() || toks[k].begin >= i);
      prev_tok = k;
    }

    // Source ranges of view ranges stay inside the body, on code point boundaries.
    tadqiq::fuzz::Rng rng(bytes);
    for (int k = 0; k < 16; ++k) {
      std::size_t b = rng.upto(n);
      std::size_t e = rng.upto(n);
      if (b > e) std::swap(b, e);
      const auto r = doc.source_range(b, e);
      TADQIQ_FUZZ_CHECK(a.body_begin <= r.begin && r.begin <= r.end && r.end <= a.text.size());
      TADQIQ_FUZZ_CHECK(is_boundary(a.text, r.begin) && is_boundary(a.text, r.end));
    }
  }

  const tadqiq::FactSheet sheet = extract::extract_sheet(a, g_setup->extractors);

  const tadqiq::normalize::LineIndex lines(a.text);
  const std::size_t limit = a.byte_base + a.text.size();
  std::set<std::string> ids;
  for (const tadqiq::Fact& f : sheet.facts) {
    const tadqiq::Span& sp = f.span;
    TADQIQ_FUZZ_CHECK(sp.start <= sp.end);
    TADQIQ_FUZZ_CHECK(sp.end <= limit);
    TADQIQ_FUZZ_CHECK(sp.start >= a.byte_base);
    const std::size_t b = sp.start - a.byte_base;
    const std::size_t e = sp.end - a.byte_base;
    TADQIQ_FUZZ_CHECK(is_boundary(a.text, b));
    TADQIQ_FUZZ_CHECK(is_boundary(a.text, e));
    TADQIQ_FUZZ_CHECK(a.text.compare(b, e - b, f.text) == 0);

    const auto [line, col] = lines.line_col(b);
    TADQIQ_FUZZ_CHECK(sp.line >= 1 && sp.column >= 1);
    TADQIQ_FUZZ_CHECK(sp.line == line && sp.column == col);
    TADQIQ_FUZZ_CHECK(sp.end_line > sp.line ||
                      (sp.end_line == sp.line && sp.end_column >= sp.column));

    TADQIQ_FUZZ_CHECK(!f.type.empty());
    TADQIQ_FUZZ_CHECK(std::string_view(f.id).starts_with(f.type + "-"));
    TADQIQ_FUZZ_CHECK(ids.insert(f.id).second);

    std::string why;
    TADQIQ_FUZZ_CHECK_MSG(tadqiq::fuzz::json_dumps(f.value, &why), why.c_str());
    TADQIQ_FUZZ_CHECK_MSG(tadqiq::fuzz::json_dumps(f.attributes, &why), why.c_str());
    TADQIQ_FUZZ_CHECK(tadqiq::fuzz::valid_utf8(f.sentence));
    TADQIQ_FUZZ_CHECK(tadqiq::fuzz::valid_utf8(f.key));
  }

  // The fact sheet as `tadqiq extract`/`check --format json` write it.
  {
    const nlohmann::json j = sheet;
    std::string why;
    TADQIQ_FUZZ_CHECK_MSG(tadqiq::fuzz::json_dumps(j, &why), why.c_str());
  }
  return 0;
}
