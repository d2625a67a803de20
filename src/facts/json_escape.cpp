#include "facts/json_escape.h"

#include <cstdint>

#include <unicode/utf8.h>

namespace tadqiq {

namespace {

// Four hex digits at p into v; false when fewer remain or one is not a hex digit.
bool hex4(const char* p, const char* end, unsigned& v) {
  if (end - p < 4) return false;
  v = 0;
  for (int k = 0; k < 4; ++k) {
    const char c = p[k];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
    else return false;
  }
  return true;
}

}  // namespace

const char* decode_json_escape(const char* p, const char* end, std::string& out) {
  if (p == end) return nullptr;
  switch (*p++) {
    case '"': out += '"'; return p;
    case '\\': out += '\\'; return p;
    case '/': out += '/'; return p;
    case 'b': out += '\b'; return p;
    case 'f': out += '\f'; return p;
    case 'n': out += '\n'; return p;
    case 'r': out += '\r'; return p;
    case 't': out += '\t'; return p;
    case 'u': break;
    default: return nullptr;
  }
  unsigned cp = 0;
  if (!hex4(p, end, cp)) return nullptr;
  p += 4;
  if (cp >= 0xDC00 && cp <= 0xDFFF) return nullptr;  // a lone low surrogate
  if (cp >= 0xD800 && cp <= 0xDBFF) {                // a high one: its low one must follow
    unsigned lo = 0;
    if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, end, lo) || lo < 0xDC00 || lo > 0xDFFF)
      return nullptr;
    p += 6;
    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
  }
  char utf8[4];
  std::int32_t len = 0;
  U8_APPEND_UNSAFE(utf8, len, static_cast<UChar32>(cp));
  out.append(utf8, static_cast<std::size_t>(len));
  return p;
}

}  // namespace tadqiq
