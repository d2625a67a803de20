// tadqiq/facts/json_escape.h — decoding one JSON string escape, shared by the readers that
// skip nlohmann's parser on their fast paths (ingest's JSONL records, compare's sheet scanner).
#pragma once

#include <string>

namespace tadqiq {

// Decodes the escape whose backslash ends just before `p` (p points at the letter after '\'):
// \" \\ \/ \b \f \n \r \t, or \uXXXX (a high surrogate must be followed by \uXXXX with a low
// one). Appends the character to `out` as UTF-8 and returns the position after the escape, or
// nullptr when it is not a valid escape (bad letter, bad hex digits, a lone surrogate, the
// end of input). Never reads at or past `end`.
const char* decode_json_escape(const char* p, const char* end, std::string& out);

}  // namespace tadqiq
