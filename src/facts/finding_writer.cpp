// append_finding_json (declared in json_writer.h): a finding written directly, byte for
// byte as nlohmann::json(f).dump() writes it, for JSONL reports.
#include "facts/json_writer.h"

namespace tadqiq {

using json_detail::append_int;
using json_detail::key;

void append_finding_json(std::string& out, const Finding& f) {
  // Keys in nlohmann's (sorted) order; see to_json(Finding) and to_json(Evidence).
  out.push_back('{');
  key(out, "check");
  append_json_string(out, f.check);
  out.push_back(',');
  key(out, "class");
  append_json_string(out, f.cls);
  out.push_back(',');
  key(out, "evidence");
  out.push_back('[');
  for (std::size_t i = 0; i < f.evidence.size(); ++i) {
    const Evidence& e = f.evidence[i];
    if (i) out.push_back(',');
    out.push_back('{');
    key(out, "article");
    append_json_string(out, e.article);
    out.push_back(',');
    key(out, "as_of");
    if (e.as_of) append_json_string(out, *e.as_of);
    else out += "null";
    out.push_back(',');
    key(out, "column");
    append_int(out, e.column);
    out.push_back(',');
    key(out, "end_column");
    append_int(out, e.end_column);
    out.push_back(',');
    key(out, "end_line");
    append_int(out, e.end_line);
    out.push_back(',');
    key(out, "fact");
    append_json_string(out, e.fact);
    out.push_back(',');
    key(out, "file");
    append_json_string(out, e.file);
    out.push_back(',');
    key(out, "line");
    append_int(out, e.line);
    out.push_back(',');
    key(out, "sentence");
    append_json_string(out, e.sentence);
    out.push_back(',');
    key(out, "text");
    append_json_string(out, e.text);
    out.push_back(',');
    key(out, "value");
    out += e.value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out.push_back('}');
  }
  out += "],";
  key(out, "id");
  append_json_string(out, f.id);
  out.push_back(',');
  key(out, "key");
  append_json_string(out, f.key);
  out.push_back(',');
  key(out, "kind");
  append_json_string(out, f.kind);
  out.push_back(',');
  key(out, "message");
  append_json_string(out, f.message);
  out.push_back(',');
  key(out, "severity");
  append_json_string(out, to_string(f.severity));
  out.push_back(',');
  key(out, "suppressed");
  out += f.suppressed ? "true" : "false";
  if (f.suppressed) {
    out.push_back(',');
    key(out, "suppressed_by");
    append_json_string(out, f.suppressed_by);
  }
  out.push_back('}');
}

}  // namespace tadqiq
