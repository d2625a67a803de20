// bench_conformance — scores `tadqiq extract` against the Microsoft Recognizers-Text Arabic
// number specifications. See docs/conformance.md; run through bench/conformance.sh.
//
//   bench_conformance TADQIQ SPECS_DIR DISPUTED_YAML WORK_DIR [--quiet]
//
// For each spec file (NumberModel, OrdinalModel*, PercentModel, NumberRangeModel) every case's
// Input becomes one JSONL article (id = the case index); the articles go through
// `TADQIQ extract --format jsonl`, the same path a user takes (no extractor is linked here).
// A case passes when the set of expected results equals the set of results found: each
// expected result is matched to a distinct fact of the model's kind with the same value and an
// overlapping span (spec Start/End are UTF-16 code-unit indices into Input, End inclusive; fact
// spans are byte offsets into the record text), and no fact of that kind is left over. Cases
// listed in DISPUTED_YAML are reported but not scored.
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

enum class Model { number, ordinal, ordinal_suppress, percent, range };

std::optional<Model> model_of(const std::string& file) {
  if (file == "NumberModel.json") return Model::number;
  if (file == "OrdinalModel.json") return Model::ordinal;
  if (file == "OrdinalModelSuppressExtendedTypes.json") return Model::ordinal_suppress;
  if (file == "PercentModel.json") return Model::percent;
  if (file == "NumberRangeModel.json") return Model::range;
  return std::nullopt;
}

// A resolved value: a number, a relative ordinal ("end-1"), or an interval.
struct Value {
  enum Kind { number, relative, interval } kind = number;
  double x = 0;
  std::string rel;
  std::optional<double> lo, hi;
  bool lo_open = false, hi_open = false;
  std::string show() const {
    auto num = [](double v) { return fmt::format("{}", v); };
    if (kind == number) return num(x);
    if (kind == relative) return rel;
    return fmt::format("{}{},{}{}", !lo || lo_open ? "(" : "[", lo ? num(*lo) : "", hi ? num(*hi) : "",
                       !hi || hi_open ? ")" : "]");
  }
};

bool close(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::max(std::fabs(a), std::fabs(b))) ||
         std::fabs(a - b) <= 1e-12;
}

bool same(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == Value::number) return close(a.x, b.x);
  if (a.kind == Value::relative) return a.rel == b.rel;
  auto end = [](const std::optional<double>& x, const std::optional<double>& y) {
    return x.has_value() == y.has_value() && (!x || close(*x, *y));
  };
  return end(a.lo, b.lo) && end(a.hi, b.hi) && (!a.lo || a.lo_open == b.lo_open) && (!a.hi || a.hi_open == b.hi_open);
}

std::optional<double> to_double(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str()) return std::nullopt;
  return v;
}

// The expected value of a spec result.
std::optional<Value> expected_value(Model m, const json& r) {
  const json res = r.value("Resolution", json::object());
  const std::string v = res.value("value", std::string());
  Value out;
  if (m == Model::range) {
    // "(20,35]", "[3965,)", "(,100]"
    if (v.size() < 3) return std::nullopt;
    out.kind = Value::interval;
    out.lo_open = v.front() == '(';
    out.hi_open = v.back() == ')';
    const auto comma = v.find(',');
    if (comma == std::string::npos) return std::nullopt;
    out.lo = to_double(v.substr(1, comma - 1));
    out.hi = to_double(v.substr(comma + 1, v.size() - comma - 2));
    return out;
  }
  if ((m == Model::ordinal || m == Model::ordinal_suppress) && r.value("TypeName", "") == "ordinal.relative") {
    out.kind = Value::relative;
    out.rel = v;
    return out;
  }
  std::string s = v;
  if (!s.empty() && s.back() == '%') s.pop_back();
  auto x = to_double(s);
  if (!x) return std::nullopt;
  out.x = *x;
  return out;
}

// UTF-16 index of each byte offset of a UTF-8 string (size + 1 entries).
std::vector<int> utf16_index(const std::string& s) {
  std::vector<int> idx(s.size() + 1, 0);
  int u = 0;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    for (std::size_t k = 0; k < len && i + k < s.size(); ++k) idx[i + k] = u;
    u += len == 4 ? 2 : 1;
    i += len;
    if (i <= s.size()) idx[std::min(i, s.size())] = u;
  }
  return idx;
}

std::u16string to_u16(const std::string& s) {
  std::u16string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    std::size_t len;
    if (c < 0x80) { cp = c; len = 1; }
    else if (c < 0xE0) { cp = c & 0x1F; len = 2; }
    else if (c < 0xF0) { cp = c & 0x0F; len = 3; }
    else { cp = c & 0x07; len = 4; }
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
    i += len;
  }
  return out;
}

struct Result {
  Value value;
  int b = -1, e = -1;  // UTF-16 [b, e); b < 0: span unknown (match by value only)
  std::string text;
};

bool overlap(const Result& a, const Result& b) {
  if (a.b < 0 || b.b < 0) return true;
  return std::max(a.b, b.b) < std::min(a.e, b.e);
}

double num(const json& j) { return j.get<double>(); }

// What a fact contributes to a model (nothing, one or two results).
std::vector<Value> values_of(Model m, const json& f) {
  std::vector<Value> out;
  if (f.value("type", "") != "number") return out;
  const json a = f.value("attributes", json::object());
  const json v = f.value("value", json::object());
  const std::string kind = a.value("kind", "cardinal");
  const std::string bound = a.value("bound", "exact");
  const bool has_lo = v.contains("min") && v["min"].is_number();
  const bool has_hi = v.contains("max") && v["max"].is_number();
  if (!has_lo && !has_hi && !a.contains("relative")) return out;  // identifiers
  auto figure = [&]() -> std::optional<double> {
    if (a.contains("figure") && a["figure"].is_number()) return num(a["figure"]);
    if (has_lo) return num(v["min"]);
    if (has_hi) return num(v["max"]);
    return std::nullopt;
  };
  switch (m) {
    case Model::number: {
      if (kind == "ordinal" || bound == "vague") return out;
      if (kind == "range") {
        if (has_lo) out.push_back({Value::number, num(v["min"])});
        if (has_hi) out.push_back({Value::number, num(v["max"])});
        return out;
      }
      if (auto x = figure()) out.push_back({Value::number, *x});
      return out;
    }
    case Model::percent:
      if (kind == "percent")
        if (auto x = figure()) out.push_back({Value::number, *x});
      return out;
    case Model::ordinal:
    case Model::ordinal_suppress: {
      if (kind != "ordinal") return out;
      if (a.contains("relative") && a["relative"].is_object()) {
        // Relative ordinals (ordinals extractor): {"to": "end", "offset": -1} is "end-1".
        if (m == Model::ordinal_suppress) return out;
        const long long off = a["relative"].value("offset", 0LL);
        Value r;
        r.kind = Value::relative;
        r.rel = a["relative"].value("to", std::string()) + (off < 0 ? "-" : "+") + std::to_string(std::llabs(off));
        out.push_back(r);
        return out;
      }
      if (auto x = figure()) out.push_back({Value::number, *x});
      return out;
    }
    case Model::range: {
      if (kind == "ordinal") return out;
      Value r;
      r.kind = Value::interval;
      if (kind == "range") {
        if (!has_lo || !has_hi) return out;
        r.lo = num(v["min"]);
        r.hi = num(v["max"]);
        if (a.contains("lower") || a.contains("upper")) {
          r.lo_open = a.value("lower", "at_least") == "more_than";
          r.hi_open = a.value("upper", "at_most") == "less_than";
        } else {
          // Unqualified ranges ("بين 20 و30", "من ألف إلى ألفين", "1000-5000"): tadqiq reads them
          // as closed; Recognizers-Text writes them [a, b). The translation is by convention.
          r.lo_open = false;
          r.hi_open = true;
        }
        out.push_back(r);
        return out;
      }
      const auto x = figure();
      if (!x) return out;
      if (bound == "more_than" || bound == "at_least") {
        r.lo = *x;
        r.lo_open = bound == "more_than";
      } else if (bound == "less_than" || bound == "at_most") {
        r.hi = *x;
        r.hi_open = bound == "less_than";
      } else if (bound == "exact" && a.contains("qualifier")) {
        r.lo = r.hi = *x;  // "يساوي 20"
      } else {
        return out;
      }
      out.push_back(r);
      return out;
    }
  }
  return out;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out.push_back(c);
  }
  return out + "'";
}

struct Disputed {
  std::map<std::pair<std::string, int>, std::string> cases;
};

Disputed load_disputed(const std::string& path) {
  Disputed d;
  if (path.empty() || !fs::exists(path)) return d;
  const YAML::Node root = YAML::LoadFile(path);
  for (const auto& f : root["disputed"]) {
    const std::string file = f["file"].as<std::string>();
    for (const auto& c : f["cases"]) d.cases[{file, c["case"].as<int>()}] = c["reason"].as<std::string>("");
  }
  return d;
}

std::string show(const std::vector<Result>& rs) {
  if (rs.empty()) return "(nothing)";
  std::string out;
  for (const auto& r : rs) {
    if (!out.empty()) out += "; ";
    out += fmt::format("{} @{}-{} \"{}\"", r.value.show(), r.b, r.e, r.text);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: bench_conformance TADQIQ SPECS_DIR DISPUTED_YAML WORK_DIR [--quiet]\n";
    return 2;
  }
  const std::string tadqiq = argv[1];
  const fs::path specs = argv[2];
  const std::string disputed_path = argv[3];
  const fs::path work = argv[4];
  const bool quiet = argc > 5 && std::string(argv[5]) == "--quiet";
  fs::create_directories(work);
  const Disputed disputed = load_disputed(disputed_path);

  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(specs))
    if (e.path().extension() == ".json" && model_of(e.path().filename().string())) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cerr << "bench_conformance: no spec files in " << specs << "\n";
    return 2;
  }

  struct Row {
    std::string file;
    int total = 0, passed = 0, disputed = 0, disputed_passed = 0;
  };
  std::vector<Row> rows;
  for (const auto& path : files) {
    const std::string file = path.filename().string();
    const Model model = *model_of(file);
    std::ifstream in(path);
    json cases = json::parse(in);

    // One JSONL article per case.
    const fs::path jsonl = work / (path.stem().string() + ".jsonl");
    const fs::path out = work / (path.stem().string() + ".sheets.jsonl");
    {
      std::ofstream o(jsonl);
      for (std::size_t i = 0; i < cases.size(); ++i)
        o << json{{"id", std::to_string(i)}, {"text", cases[i].value("Input", std::string())}}.dump() << "\n";
    }
    const std::string cmd = shell_quote(tadqiq) + " extract --format jsonl " + shell_quote(jsonl.string()) +
                            " -o " + shell_quote(out.string()) + " 2>" + shell_quote((work / "stderr.txt").string());
    const int rc = std::system(cmd.c_str());
    if (rc == -1 || !WIFEXITED(rc) || (WEXITSTATUS(rc) != 0 && WEXITSTATUS(rc) != 1)) {
      std::cerr << "bench_conformance: `" << cmd << "` failed (" << rc << ")\n";
      return 2;
    }
    std::map<std::string, json> sheets;
    {
      std::ifstream s(out);
      std::string line;
      while (std::getline(s, line)) {
        if (line.empty()) continue;
        json sh = json::parse(line);
        sheets[sh["article"].value("id", std::string())] = sh;
      }
    }

    Row row;
    row.file = file;
    if (!quiet) std::cout << "== " << file << "\n";
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const json& c = cases[i];
      const std::string input = c.value("Input", std::string());
      const auto u16 = to_u16(input);
      std::vector<Result> expected, found;
      bool bad_spec = false;
      for (const auto& r : c.value("Results", json::array())) {
        auto v = expected_value(model, r);
        if (!v) {
          bad_spec = true;
          continue;
        }
        Result e;
        e.value = *v;
        e.text = r.value("Text", std::string());
        const int start = r.value("Start", -1);
        const int end = r.contains("End") ? r["End"].get<int>() : start + r.value("Length", 0) - 1;
        const std::u16string t16 = to_u16(e.text);
        if (start >= 0 && end >= start) {
          e.b = start;
          e.e = end + 1;
        }
        if (!t16.empty() && (start < 0 || static_cast<std::size_t>(start) > u16.size() || u16.compare(start, t16.size(), t16) != 0)) {
          // The spec's Start does not point at its Text (a known quirk): use the occurrence of
          // Text nearest to Start, when there is one.
          long best = -1;
          for (auto pos = u16.find(t16); pos != std::u16string::npos; pos = u16.find(t16, pos + 1))
            if (best < 0 || std::labs(static_cast<long>(pos) - start) < std::labs(best - start)) best = static_cast<long>(pos);
          if (best >= 0) {
            e.b = static_cast<int>(best);
            e.e = static_cast<int>(best + t16.size());
          }
        }
        expected.push_back(e);
      }
      const auto idx = utf16_index(input);
      if (auto it = sheets.find(std::to_string(i)); it != sheets.end()) {
        for (const auto& f : it->second["facts"]) {
          for (const auto& v : values_of(model, f)) {
            Result r;
            r.value = v;
            const std::size_t sb = std::min<std::size_t>(f["span"]["start"].get<std::size_t>(), input.size());
            const std::size_t se = std::min<std::size_t>(f["span"]["end"].get<std::size_t>(), input.size());
            r.b = idx[sb];
            r.e = idx[se];
            r.text = f.value("text", std::string());
            found.push_back(r);
          }
        }
      }
      // Greedy matching (value and overlapping span), every fact used once.
      std::vector<bool> used(found.size(), false);
      bool pass = !bad_spec;
      for (const auto& e : expected) {
        bool hit = false;
        for (std::size_t k = 0; k < found.size() && !hit; ++k)
          if (!used[k] && same(e.value, found[k].value) && overlap(e, found[k])) used[k] = hit = true;
        pass &= hit;
      }
      pass &= std::all_of(used.begin(), used.end(), [](bool b) { return b; });

      ++row.total;
      const auto d = disputed.cases.find({file, static_cast<int>(i)});
      if (d != disputed.cases.end()) {
        ++row.disputed;
        row.disputed_passed += pass;
      } else {
        row.passed += pass;
      }
      if (!pass && !quiet) {
        const std::string ns = c.value("NotSupported", std::string());
        std::cout << fmt::format("{} #{}{}{}: {}\n", d != disputed.cases.end() ? "DISPUTED" : "FAIL", i,
                                 ns.empty() ? "" : " [NotSupported: " + ns + "]",
                                 bad_spec ? " [unreadable expectation]" : "", input);
        std::cout << "    expected: " << show(expected) << "\n";
        std::cout << "    got:      " << show(found) << "\n";
        if (d != disputed.cases.end()) std::cout << "    disputed: " << d->second << "\n";
      }
    }
    rows.push_back(row);
  }

  std::cout << "\n| file | cases | passed | disputed | rate (all cases) | rate (undisputed) |\n";
  std::cout << "|---|---|---|---|---|---|\n";
  for (const auto& r : rows) {
    const int all_pass = r.passed + r.disputed_passed;
    const int scored = r.total - r.disputed;
    std::cout << fmt::format("| {} | {} | {} | {} | {:.1f}% | {:.1f}% ({}/{}) |\n", r.file, r.total, all_pass,
                             r.disputed, 100.0 * all_pass / std::max(1, r.total),
                             100.0 * r.passed / std::max(1, scored), r.passed, scored);
  }
  return 0;
}
