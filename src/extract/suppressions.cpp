#include "extract/suppressions.h"

#include <re2/re2.h>

#include "normalize/normalize.h"

namespace tadqiq::extract {

std::vector<Suppression> find_suppressions(const Article& a) {
  std::vector<Suppression> out;
  const std::string& t = a.text;
  if (t.find("tadqiq-ignore", a.body_begin) == std::string::npos) return out;  // the common case
  static const RE2 re("<!--[ \\t]*tadqiq-ignore(-file)?((?:[ \\t]+[a-z_]+)*)[ \\t]*-->");
  const normalize::LineIndex lines(t);
  re2::StringPiece input(t.data() + a.body_begin, t.size() - a.body_begin);
  re2::StringPiece file_flag, kinds;
  while (RE2::FindAndConsume(&input, re, &file_flag, &kinds)) {
    Suppression s;
    const std::size_t end = static_cast<std::size_t>(input.data() - t.data());
    s.directive_line = lines.line_col(end - 1).first;
    std::string k(kinds.data(), kinds.size());
    for (std::size_t i = 0; i < k.size();) {
      const std::size_t b = k.find_first_not_of(" \t", i);
      if (b == std::string::npos) break;
      const std::size_t e = k.find_first_of(" \t", b);
      s.kinds.push_back(k.substr(b, e == std::string::npos ? std::string::npos : e - b));
      i = e == std::string::npos ? k.size() : e;
    }
    if (file_flag.empty()) {
      // From the directive to the next non-blank line after it (the paragraph it precedes).
      std::size_t p = t.find('\n', end);
      s.first_line = s.directive_line;
      s.last_line = s.directive_line;
      while (p != std::string::npos && p + 1 < t.size()) {
        const std::size_t q = t.find('\n', p + 1);
        const std::string_view line(t.data() + p + 1, (q == std::string::npos ? t.size() : q) - p - 1);
        ++s.last_line;
        if (line.find_first_not_of(" \t\r") != std::string_view::npos) break;
        p = q;
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace tadqiq::extract
