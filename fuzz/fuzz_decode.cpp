// fuzz_decode — ingest::decode on arbitrary bytes, with automatic detection and with a forced
// legacy converter (windows-1256).
//
// Invariants (see src/ingest/ingest.h, src/facts/article.h):
//  * decode never throws.
//  * On success: the text is valid UTF-8, `encoding` is set and byte_base <= input size.
//  * Automatic detection that answers "UTF-8": the text is the input minus the dropped BOM
//    (byte_base 0 or 3), so that text offsets + byte_base are offsets into the file.
//  * On failure: err.file is the name passed in, the message is not empty and the byte
//    offset, when given, lies within the input.
//  * sha256_hex gives 64 hex digits.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "facts/finding.h"
#include "fuzz_common.h"
#include "ingest/ingest.h"

namespace {

using tadqiq::InputError;
namespace ingest = tadqiq::ingest;

void check_one(std::string_view bytes, const ingest::Options& opts, bool automatic) {
  static const std::string kName = "fuzz.txt";
  InputError err;
  auto d = ingest::decode(bytes, kName, opts, err);
  if (d) {
    TADQIQ_FUZZ_CHECK(tadqiq::fuzz::valid_utf8(d->text));
    TADQIQ_FUZZ_CHECK(!d->encoding.empty());
    TADQIQ_FUZZ_CHECK(d->byte_base <= bytes.size());
    if (automatic && d->encoding == "UTF-8") {
      TADQIQ_FUZZ_CHECK(d->byte_base == 0 || d->byte_base == 3);
      TADQIQ_FUZZ_CHECK(d->text == bytes.substr(d->byte_base));
      TADQIQ_FUZZ_CHECK(d->text.find('\0') == std::string::npos);
    }
  } else {
    TADQIQ_FUZZ_CHECK(err.file == kName);
    TADQIQ_FUZZ_CHECK(!err.message.empty());
    if (err.offset) TADQIQ_FUZZ_CHECK(*err.offset <= bytes.size());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  ingest::Options automatic;
  check_one(bytes, automatic, true);

  ingest::Options cp1256;
  cp1256.encoding = "windows-1256";
  check_one(bytes, cp1256, false);

  const std::string h = ingest::sha256_hex(bytes);
  TADQIQ_FUZZ_CHECK(h.size() == 64);
  for (char c : h) TADQIQ_FUZZ_CHECK((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
                                    (c >= 'A' && c <= 'F'));
  return 0;
}
