// fuzz_jsonl — ingest::decode, then every line through ingest::parse_jsonl_record.
//
// Invariants (see src/ingest/ingest.h, src/facts/article.h):
//  * Neither call throws.
//  * On success: the article's text (the record's `text` field) and the copied-out fields are
//    valid UTF-8 (the normalizer is never given anything else), body_begin is 0, and `meta`
//    is a JSON object that serializes.
//  * On failure the message is not empty.
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
  auto d = ingest::decode(bytes, "fuzz.jsonl", opts, err);
  if (!d) return 0;

  const std::string_view text = d->text;
  std::size_t record = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(pos, nl - pos);
    ++record;
    pos = nl + 1;
    if (line.empty() && nl == text.size()) break;  // nothing after the last newline

    tadqiq::Article a;
    a.path = "fuzz.jsonl";
    a.format = "jsonl";
    a.encoding = d->encoding;
    a.record = record;
    a.id = a.path + "#" + std::to_string(record);

    tadqiq::InputError rerr;
    rerr.file = a.path;
    rerr.record = record;
    if (ingest::parse_jsonl_record(line, a, rerr)) {
      TADQIQ_FUZZ_CHECK(valid_utf8(a.text));
      TADQIQ_FUZZ_CHECK(a.body_begin == 0);
      TADQIQ_FUZZ_CHECK(valid_utf8(a.id));
      TADQIQ_FUZZ_CHECK(valid_utf8(a.title));
      TADQIQ_FUZZ_CHECK(valid_utf8(a.date));
      TADQIQ_FUZZ_CHECK(valid_utf8(a.source));
      TADQIQ_FUZZ_CHECK(valid_utf8(a.url));
      TADQIQ_FUZZ_CHECK(a.meta.is_object());
      std::string why;
      TADQIQ_FUZZ_CHECK_MSG(tadqiq::fuzz::json_dumps(a.meta, &why), why.c_str());
    } else {
      TADQIQ_FUZZ_CHECK(!rerr.message.empty());
    }
  }
  return 0;
}
