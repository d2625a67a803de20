// fuzz_frontmatter — ingest::decode, then ingest::parse_markdown (YAML front matter) on what
// decoded.
//
// Invariants (see src/ingest/ingest.h, src/facts/article.h):
//  * Neither call throws.
//  * parse_markdown leaves `text` as it was (the text still holds the front matter).
//  * body_begin <= text.size(), on a code point boundary, and at the start of a line (right
//    after a '\n') or at the end of the text.
//  * A text that does not start with "---" has no front matter: success, body_begin == 0.
//  * On success the copied-out fields are valid UTF-8 and `meta` is a JSON object that
//    serializes (the fact sheet writer dumps it).
//  * On failure: err.file is a.path, the message is not empty, the offset (when given) lies
//    within byte_base + text.size().
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "facts/article.h"
#include "facts/finding.h"
#include "fuzz_common.h"
#include "ingest/ingest.h"

namespace ingest = tadqiq::ingest;
using tadqiq::fuzz::valid_utf8;

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
  a.text = d->text;

  tadqiq::InputError perr;
  const bool ok = ingest::parse_markdown(a, perr);

  TADQIQ_FUZZ_CHECK(a.text == d->text);
  TADQIQ_FUZZ_CHECK(a.body_begin <= a.text.size());
  TADQIQ_FUZZ_CHECK(tadqiq::fuzz::is_boundary(a.text, a.body_begin));
  TADQIQ_FUZZ_CHECK(a.body_begin == 0 || a.body_begin == a.text.size() ||
                    a.text[a.body_begin - 1] == '\n');
  if (!std::string_view(a.text).starts_with("---")) {
    TADQIQ_FUZZ_CHECK(ok);
    TADQIQ_FUZZ_CHECK(a.body_begin == 0);
  }

  if (ok) {
    TADQIQ_FUZZ_CHECK(valid_utf8(a.id));
    TADQIQ_FUZZ_CHECK(valid_utf8(a.title));
    TADQIQ_FUZZ_CHECK(valid_utf8(a.date));
    TADQIQ_FUZZ_CHECK(valid_utf8(a.source));
    TADQIQ_FUZZ_CHECK(valid_utf8(a.url));
    TADQIQ_FUZZ_CHECK(a.meta.is_object());
    std::string why;
    TADQIQ_FUZZ_CHECK_MSG(tadqiq::fuzz::json_dumps(a.meta, &why), why.c_str());
  } else {
    TADQIQ_FUZZ_CHECK(perr.file == a.path);
    TADQIQ_FUZZ_CHECK(!perr.message.empty());
    if (perr.offset) TADQIQ_FUZZ_CHECK(*perr.offset <= a.byte_base + a.text.size());
  }
  return 0;
}
