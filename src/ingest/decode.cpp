// tadqiq/ingest/decode.cpp — raw bytes → UTF-8 text: BOM sniffing, strict UTF-8 validation,
// ICU transcoding of UTF-16 and of forced (--encoding) charsets.
//
// Every error offset is an offset into the raw input bytes, so that a user can find the
// problem with a hex editor whatever the encoding.
#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include <fmt/format.h>
#include <unicode/localpointer.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>

#include "ingest/internal.h"

namespace tadqiq::ingest {
namespace {

using internal::first_invalid_utf8;
using internal::only_white_space;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

// The charset suggested when nothing better is known: the legacy Arabic Windows code page,
// the usual culprit for Arabic news text that is not UTF-8.
constexpr std::string_view kDefaultHint = "windows-1256";

// ICU's charset detector only gets this much of the input: it is a hint, not a verdict.
constexpr std::size_t kDetectBytes = 64 * 1024;
// ICU confidences run 0..100; below this the guess is too weak to repeat to the user.
constexpr int32_t kDetectConfidence = 50;

// The charset ICU's detector confidently sees in `bytes`, or "" when it has no confident
// guess.
std::string detect_charset(std::string_view bytes) {
  UErrorCode ec = U_ZERO_ERROR;
  icu::LocalUCharsetDetectorPointer det(ucsdet_open(&ec));
  if (U_FAILURE(ec)) return {};
  ucsdet_setText(det.getAlias(), bytes.data(),
                 static_cast<int32_t>(std::min(bytes.size(), kDetectBytes)), &ec);
  const UCharsetMatch* match = ucsdet_detect(det.getAlias(), &ec);
  if (U_FAILURE(ec) || match == nullptr) return {};
  const int32_t confidence = ucsdet_getConfidence(match, &ec);
  const char* name = ucsdet_getName(match, &ec);
  if (U_FAILURE(ec) || name == nullptr || confidence < kDetectConfidence) return {};
  return name;
}

// What to suggest for input that is not UTF-8: always the Arabic legacy code page, and also
// the charset ICU's detector sees when it is confident of another one.
std::string legacy_encoding_hint(std::string_view bytes) {
  const std::string charset = detect_charset(bytes);
  if (charset == kDefaultHint)
    return fmt::format("looks like {}: try --encoding {}", charset, charset);
  if (charset.empty() || charset == "UTF-8") return fmt::format("try --encoding {}", kDefaultHint);
  return fmt::format("looks like {}: try --encoding {} or --encoding {}", charset, charset,
                     kDefaultHint);
}

std::optional<Decoded> fail(InputError& err, std::optional<std::size_t> offset,
                            std::string message) {
  err.offset = offset;
  err.message = std::move(message);
  return std::nullopt;
}

// "empty file" when the decoded text holds nothing to check; nullopt otherwise.
std::optional<std::string> emptiness(std::string_view text) {
  if (text.empty()) return std::string("empty file");
  if (only_white_space(text)) return std::string("empty file (only white space)");
  return std::nullopt;
}

// False (with `err` filled) when valid UTF-8 `body` is empty (or white space); else true.
bool ok_unless_empty(std::string_view body, InputError& err) {
  if (auto empty = emptiness(body)) {
    fail(err, std::nullopt, std::move(*empty));
    return false;
  }
  return true;
}

// Checks UTF-8 input whose first `bom` bytes (0 or 3) are a byte-order mark: false (with
// `err` filled) when it is binary, not valid UTF-8 or empty.
bool check_utf8(std::string_view bytes, std::size_t bom, InputError& err) {
  const std::string_view body = bytes.substr(bom);
  // One pass for the usual case, text without NUL that is valid UTF-8; otherwise a NUL
  // anywhere makes it binary, before the first invalid byte is reported.
  if (!first_invalid_utf8(body, /*nul_invalid=*/true)) return ok_unless_empty(body, err);
  if (const void* nul = std::memchr(body.data(), '\0', body.size())) {
    const std::size_t at =
        bom + static_cast<std::size_t>(static_cast<const char*>(nul) - body.data());
    std::string message = fmt::format("binary file (NUL byte at offset {})", at);
    const std::string charset = detect_charset(bytes);
    if (charset.starts_with("UTF-16") || charset.starts_with("UTF-32"))
      message += fmt::format("; looks like {} without a byte-order mark: try --encoding {}",
                             charset, charset);
    fail(err, at, std::move(message));
    return false;
  }
  if (const auto bad = first_invalid_utf8(body)) {
    const std::size_t at = bom + *bad;
    fail(err, at, fmt::format("not valid UTF-8 at byte {} ({})", at, legacy_encoding_hint(bytes)));
    return false;
  }
  return ok_unless_empty(body, err);
}

// Validates UTF-8 input; `bom` bytes (0 or 3) at the start are dropped.
std::optional<Decoded> decode_utf8(std::string_view bytes, std::size_t bom, InputError& err) {
  if (!check_utf8(bytes, bom, err)) return std::nullopt;
  return Decoded{std::string(bytes.substr(bom)), "UTF-8", bom};
}

// Appends UTF-16 `units` to `out` as UTF-8. ICU converters only produce well-formed UTF-16;
// an unpaired surrogate would become U+FFFD so that `out` stays valid UTF-8 regardless.
void append_utf8(std::string& out, const UChar* units, std::size_t n) {
  std::size_t i = 0;
  while (i < n) {
    UChar32 c;
    U16_NEXT(units, i, n, c);
    if (U_IS_SURROGATE(c)) c = 0xFFFD;
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
}

// "0xC3 0x28": bytes for an error message.
std::string hex_bytes(const char* bytes, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i)
    s += fmt::format("{}0x{:02X}", i ? " " : "", static_cast<unsigned char>(bytes[i]));
  return s;
}

// Converts bytes[skip, end) with `cnv` (an ICU converter for `encoding`) to UTF-8, stopping
// at the first byte sequence that is illegal or unmappable. `drop_bom`: a leading U+FEFF in
// the result is a byte-order mark, not text, and is dropped.
std::optional<Decoded> transcode(std::string_view bytes, std::size_t skip, UConverter* cnv,
                                 const std::string& encoding, bool drop_bom, InputError& err) {
  UErrorCode ec = U_ZERO_ERROR;
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &ec);
  if (U_FAILURE(ec))
    return fail(err, std::nullopt,
                fmt::format("cannot use encoding {}: {}", encoding, u_errorName(ec)));

  const char* const begin = bytes.data();
  const char* const end = begin + bytes.size();
  const char* src = begin + skip;
  std::string out;
  out.reserve(bytes.size() - skip);

  // Converted in chunks; `offsets[i]` is the source index of units[i] relative to where the
  // chunk's source started. A lead surrogate ending a chunk is carried to the next one so
  // that surrogate pairs are never split across append_utf8 calls.
  constexpr std::size_t kChunk = 16 * 1024;
  std::array<UChar, kChunk> units;
  std::array<int32_t, kChunk> offsets;
  std::size_t carried = 0;
  for (;;) {
    const char* const chunk_src = src;
    UChar* target = units.data() + carried;
    ec = U_ZERO_ERROR;
    ucnv_toUnicode(cnv, &target, units.data() + kChunk, &src, end, offsets.data() + carried,
                   /*flush=*/true, &ec);
    const auto produced = static_cast<std::size_t>(target - units.data());
    for (std::size_t i = carried; i < produced; ++i) {
      if (units[i] == 0) {
        const std::size_t at = static_cast<std::size_t>(chunk_src - begin) +
                               static_cast<std::size_t>(std::max(offsets[i], 0));
        return fail(err, at, fmt::format("binary file (NUL character at offset {})", at));
      }
    }
    const bool more = ec == U_BUFFER_OVERFLOW_ERROR;
    std::size_t complete = produced;
    if (more && complete > 0 && U16_IS_LEAD(units[complete - 1])) --complete;
    append_utf8(out, units.data(), complete);
    carried = produced - complete;
    if (carried) units[0] = units[complete];
    if (more) continue;
    if (U_FAILURE(ec)) {
      // The stop callback leaves `src` after the offending bytes and keeps them for
      // ucnv_getInvalidChars.
      char bad[32];
      int8_t bad_len = sizeof bad;
      UErrorCode ec2 = U_ZERO_ERROR;
      ucnv_getInvalidChars(cnv, bad, &bad_len, &ec2);
      if (U_FAILURE(ec2)) bad_len = 0;
      const std::size_t at =
          static_cast<std::size_t>(src - begin) - static_cast<std::size_t>(bad_len);
      const std::string seq = hex_bytes(bad, static_cast<std::size_t>(bad_len));
      if (ec == U_TRUNCATED_CHAR_FOUND)
        return fail(
            err, at,
            fmt::format("not valid {} at byte {} (incomplete character {} at the end of the file)",
                        encoding, at, seq));
      if (ec == U_INVALID_CHAR_FOUND || ec == U_ILLEGAL_CHAR_FOUND)
        return fail(err, at,
                    fmt::format("not valid {} at byte {} (byte sequence {})", encoding, at, seq));
      return fail(err, at,
                  fmt::format("cannot decode {} at byte {}: {}", encoding, at, u_errorName(ec)));
    }
    break;
  }

  if (drop_bom && std::string_view(out).starts_with(kUtf8Bom)) out.erase(0, kUtf8Bom.size());
  if (auto empty = emptiness(out)) return fail(err, std::nullopt, std::move(*empty));
  return Decoded{std::move(out), encoding, 0};
}

icu::LocalUConverterPointer open_converter(const std::string& name, UErrorCode& ec) {
  return icu::LocalUConverterPointer(ucnv_open(name.c_str(), &ec));
}

std::string unknown_encoding(const std::string& name) {
  return fmt::format(
      "unknown encoding \"{}\": not a converter name ICU knows (examples: windows-1256, "
      "ISO-8859-6, UTF-16LE)",
      name);
}

}  // namespace

namespace internal {

InPlace decode_in_place(std::string_view bytes, std::string_view name, const Options& opts,
                        std::size_t& bom, InputError& err) {
  // Only automatic detection of UTF-8 keeps the bytes; the other paths convert or copy.
  if (!opts.encoding.empty() || bytes.empty() || bytes.starts_with(kUtf16LeBom) ||
      bytes.starts_with(kUtf16BeBom))
    return InPlace::convert;
  err = InputError{};
  err.file = std::string(name);
  bom = bytes.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0;
  return check_utf8(bytes, bom, err) ? InPlace::utf8 : InPlace::invalid;
}

std::optional<Decoded> decode_owned(std::string bytes, std::string_view name, const Options& opts,
                                    InputError& err) {
  std::size_t bom = 0;
  switch (decode_in_place(bytes, name, opts, bom, err)) {
    case InPlace::convert: return decode(bytes, name, opts, err);
    case InPlace::invalid: return std::nullopt;
    case InPlace::utf8: break;
  }
  bytes.erase(0, bom);
  return Decoded{std::move(bytes), "UTF-8", bom};
}

std::optional<std::string> encoding_problem(const std::string& encoding) {
  if (encoding.empty()) return std::nullopt;
  UErrorCode ec = U_ZERO_ERROR;
  const auto cnv = open_converter(encoding, ec);
  if (U_FAILURE(ec)) return unknown_encoding(encoding);
  return std::nullopt;
}

}  // namespace internal

std::optional<Decoded> decode(std::string_view bytes, std::string_view name, const Options& opts,
                              InputError& err) {
  err = InputError{};
  err.file = std::string(name);
  if (bytes.empty()) return fail(err, std::nullopt, "empty file");

  if (!opts.encoding.empty()) {
    UErrorCode ec = U_ZERO_ERROR;
    auto cnv = open_converter(opts.encoding, ec);
    if (U_FAILURE(ec)) return fail(err, std::nullopt, unknown_encoding(opts.encoding));
    // A forced UTF-8 takes the validating path, which keeps offsets exact (byte_base).
    const char* canonical = ucnv_getName(cnv.getAlias(), &ec);
    if (U_SUCCESS(ec) && std::strcmp(canonical, "UTF-8") == 0)
      return decode_utf8(bytes, bytes.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0, err);
    return transcode(bytes, 0, cnv.getAlias(), opts.encoding, /*drop_bom=*/true, err);
  }

  if (bytes.starts_with(kUtf8Bom)) return decode_utf8(bytes, kUtf8Bom.size(), err);
  for (const auto& [bom, encoding] :
       {std::pair{kUtf16LeBom, "UTF-16LE"}, std::pair{kUtf16BeBom, "UTF-16BE"}}) {
    if (!bytes.starts_with(bom)) continue;
    UErrorCode ec = U_ZERO_ERROR;
    auto cnv = open_converter(encoding, ec);
    if (U_FAILURE(ec))
      return fail(err, std::nullopt,
                  fmt::format("cannot open the {} converter: {}", encoding, u_errorName(ec)));
    return transcode(bytes, bom.size(), cnv.getAlias(), encoding, /*drop_bom=*/false, err);
  }
  return decode_utf8(bytes, 0, err);
}

}  // namespace tadqiq::ingest
