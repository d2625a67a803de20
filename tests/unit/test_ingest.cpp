// Unit tests for the ingest stage (src/ingest/ingest.h): decoding, Markdown front matter,
// JSONL records, path expansion and load().
//
// Bad inputs are generated at run time in a temporary directory. The tests run as root, so
// unreadable files are made with nonexistent paths, paths through a regular file and
// symbolic-link loops rather than with permissions.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "ingest/ingest.h"

namespace fs = std::filesystem;
using tadqiq::Article;
using tadqiq::InputError;
using namespace tadqiq::ingest;
using namespace std::string_literals;

namespace {

// A fresh directory under the system temporary directory, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "tadqiq-ingest-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `bytes` to `rel` (creating parent directories) and returns the full path.
  std::string write(const std::string& rel, std::string_view bytes) const {
    const fs::path p = path_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(out.good());
    return p.string();
  }
  std::string operator/(const std::string& rel) const { return (path_ / rel).string(); }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

const std::string kBom = "\xEF\xBB\xBF";  // the UTF-8 byte-order mark

// Bytes from hex pairs; spaces are ignored: hex("FF FE 61 00").
std::string hex(std::string_view pairs) {
  std::string out;
  std::string digits;
  for (char c : pairs) {
    if (c == ' ') continue;
    digits += c;
    if (digits.size() == 2) {
      out += static_cast<char>(std::stoi(digits, nullptr, 16));
      digits.clear();
    }
  }
  return out;
}

std::optional<Decoded> decode_bytes(std::string_view bytes, InputError& err,
                                    const std::string& encoding = "") {
  Options opts;
  opts.encoding = encoding;
  return decode(bytes, "in.txt", opts, err);
}

Article markdown(std::string text, std::size_t byte_base = 0) {
  Article a;
  a.path = "doc.md";
  a.id = a.path;
  a.format = "markdown";
  a.text = std::move(text);
  a.byte_base = byte_base;
  return a;
}

Article record(std::size_t line = 1) {
  Article a;
  a.path = "feed.jsonl";
  a.format = "jsonl";
  a.record = line;
  a.id = "feed.jsonl#" + std::to_string(line);
  return a;
}

std::vector<std::string> ids(const Result& r) {
  std::vector<std::string> out;
  for (const auto& a : r.articles) out.push_back(a.id);
  return out;
}

bool contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

// Runs load({"-"...}) with standard input redirected from a file holding `bytes`.
Result load_with_stdin(const TempDir& dir, std::string_view bytes,
                       const std::vector<std::string>& paths, const Options& opts = {}) {
  const std::string file = dir.write("stdin.bin", bytes);
  const int saved = ::dup(STDIN_FILENO);
  const int fd = ::open(file.c_str(), O_RDONLY);
  REQUIRE(saved >= 0);
  REQUIRE(fd >= 0);
  REQUIRE(::dup2(fd, STDIN_FILENO) == STDIN_FILENO);
  ::close(fd);
  Result r = load(paths, opts);
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  return r;
}

}  // namespace

// ---------------------------------------------------------------------------------------
TEST_SUITE("sha256") {
  TEST_CASE("FIPS 180-4 example vectors") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1'000'000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }

  TEST_CASE("padding boundaries (one or two final blocks)") {
    const std::pair<std::size_t, const char*> vectors[] = {
        {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
        {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
        {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
        {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
        {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"}};
    for (const auto& v : vectors) {
      CAPTURE(v.first);
      CHECK(sha256_hex(std::string(v.first, 'a')) == v.second);
    }
  }

  TEST_CASE("two at a time, of any lengths, as one at a time") {
    std::string bytes;
    for (int i = 0; i < 400; ++i) bytes += static_cast<char>((i * 131 + 7) % 256);
    for (std::size_t n : {0, 1, 55, 56, 64, 65, 127, 128, 129, 200, 400})
      for (std::size_t m : {0, 3, 64, 100, 128, 191, 399}) {
        CAPTURE(n);
        CAPTURE(m);
        const std::string_view a(bytes.data(), n), b(bytes.data() + (400 - m), m);
        std::string ha, hb;
        sha256_hex_pair(a, b, ha, hb);
        CHECK(ha == sha256_hex(a));
        CHECK(hb == sha256_hex(b));
      }
  }
}

// ---------------------------------------------------------------------------------------
TEST_SUITE("format_of") {
  TEST_CASE("by extension, ASCII case-insensitive") {
    CHECK(format_of("a/b.md") == "markdown");
    CHECK(format_of("b.markdown") == "markdown");
    CHECK(format_of("B.MD") == "markdown");
    CHECK(format_of("feed.jsonl") == "jsonl");
    CHECK(format_of("a.txt") == "text");
    CHECK(format_of("notes.csv") == "text");
    CHECK(format_of("README") == "text");
    CHECK(format_of("dir.md/file") == "text");
    CHECK(format_of(".md") == "text");  // a hidden file, not an extension
  }
}

// ---------------------------------------------------------------------------------------
TEST_SUITE("decode") {
  TEST_CASE("UTF-8 without and with BOM") {
    InputError err;
    auto d = decode_bytes("خبر عاجل", err);
    REQUIRE(d);
    CHECK(d->text == "خبر عاجل");
    CHECK(d->encoding == "UTF-8");
    CHECK(d->byte_base == 0);

    d = decode_bytes(kBom + "خبر", err);
    REQUIRE(d);
    CHECK(d->text == "خبر");
    CHECK(d->encoding == "UTF-8");
    CHECK(d->byte_base == 3);
  }

  TEST_CASE("UTF-16LE and UTF-16BE with BOM") {
    InputError err;
    // "اb😀": U+0627, 'b', U+1F600 (a surrogate pair).
    auto le = decode_bytes(hex("FF FE  27 06  62 00  3D D8 00 DE"), err);
    REQUIRE(le);
    CHECK(le->text == "اb😀");
    CHECK(le->encoding == "UTF-16LE");
    CHECK(le->byte_base == 0);

    auto be = decode_bytes(hex("FE FF  06 27  00 62  D8 3D DE 00"), err);
    REQUIRE(be);
    CHECK(be->text == "اb😀");
    CHECK(be->encoding == "UTF-16BE");
  }

  TEST_CASE("long UTF-16 input crosses the converter's chunks intact") {
    // 40,000 code units: surrogate pairs fall on both parities of every chunk boundary.
    std::string bytes = hex("FF FE");
    std::string expected;
    for (int i = 0; i < 10'000; ++i) {
      bytes += hex("27 06  3D D8 00 DE  61 00");
      expected += "ا😀a";
    }
    InputError err;
    auto d = decode_bytes(bytes, err);
    REQUIRE(d);
    CHECK(d->text == expected);
  }

  TEST_CASE("broken UTF-16: odd length and unpaired surrogate, offsets in the file") {
    InputError err;
    CHECK_FALSE(decode_bytes(hex("FF FE  61 00  62"), err));
    CHECK(err.offset == 4u);
    CHECK(err.message ==
          "not valid UTF-16LE at byte 4 (incomplete character 0x62 at the end of the file)");

    CHECK_FALSE(decode_bytes(hex("FF FE  61 00  00 DC  62 00"), err));  // a lone trail surrogate
    CHECK(err.offset == 4u);
    CHECK(err.message == "not valid UTF-16LE at byte 4 (byte sequence 0x00 0xDC)");
  }

  TEST_CASE("invalid UTF-8: first bad byte and an --encoding hint") {
    InputError err;
    CHECK_FALSE(decode_bytes("abc\xC7\xE1", err));
    CHECK(err.file == "in.txt");
    CHECK(err.offset == 3u);
    CHECK(contains(err.message, "not valid UTF-8 at byte 3"));
    CHECK(contains(err.message, "--encoding windows-1256"));

    // With a BOM the offset still counts from the start of the file.
    CHECK_FALSE(decode_bytes(kBom + "ab\xFF", err));
    CHECK(err.offset == 5u);

    // Enough windows-1256 Arabic for ICU's detector to be confident.
    std::string cp1256;
    for (int i = 0; i < 20; ++i)
      cp1256 += "\xC7\xE1\xD1\xC6\xED\xD3 \xC7\xE1\xDA\xD1\xC7\xDE\xED \xED\xE1\xCA\xDE\xED "
                "\xC8\xC7\xE1\xE6\xD2\xED\xD1 \xDD\xED \xC8\xDB\xCF\xC7\xCF. ";
    CHECK_FALSE(decode_bytes(cp1256, err));
    CHECK(err.offset == 0u);
    CHECK(contains(err.message, "looks like windows-1256: try --encoding windows-1256"));
  }

  TEST_CASE("strict UTF-8: overlongs, surrogates, above U+10FFFF, truncation") {
    const std::pair<std::string, std::size_t> cases[] = {
        {"ok \xC0\xAF", 3},              // overlong '/'
        {"ok \xE0\x80\xAF", 3},          // overlong, 3 bytes
        {"ok \xF0\x80\x80\xAF", 3},      // overlong, 4 bytes
        {"ok \xED\xA0\x80", 3},          // U+D800
        {"ok \xF4\x90\x80\x80", 3},      // U+110000
        {"ok \xF5\x80\x80\x80", 3},      // lead byte F5
        {"ok \x80", 3},                  // continuation without lead
        {"ok \xE2\x82", 3},              // truncated at the end
        {"ok \xE2\x82x", 3},             // truncated inside
        {"0123456789\xD8\xA7\xD9", 12},  // after a valid 2-byte sequence
    };
    for (const auto& c : cases) {
      CAPTURE(c.first);
      InputError err;
      CHECK_FALSE(decode_bytes(c.first, err));
      CHECK(err.offset == c.second);
    }
    InputError err;
    CHECK(decode_bytes("\xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF \xEF\xBF\xBD", err));  // max and U+FFFD
  }

  TEST_CASE("forced encoding: windows-1256") {
    InputError err;
    auto d = decode_bytes("\xC7\xE1\xCE\xC8\xD1 25", err, "windows-1256");
    REQUIRE(d);
    CHECK(d->text == "الخبر 25");
    CHECK(d->encoding == "windows-1256");
    CHECK(d->byte_base == 0);
  }

  TEST_CASE("forced encoding: unknown name, invalid sequence, forced UTF-8") {
    InputError err;
    CHECK_FALSE(decode_bytes("abc", err, "no-such-charset"));
    CHECK(contains(err.message, "unknown encoding \"no-such-charset\""));
    CHECK_FALSE(err.offset);

    CHECK_FALSE(decode_bytes(hex("61 62 80 63"), err, "US-ASCII"));
    CHECK(err.offset == 2u);
    CHECK(err.message == "not valid US-ASCII at byte 2 (byte sequence 0x80)");

    // A forced UTF-8 keeps the strict validator and the BOM convention.
    auto d = decode_bytes(kBom + "abc", err, "utf8");
    REQUIRE(d);
    CHECK(d->text == "abc");
    CHECK(d->byte_base == 3);
    CHECK_FALSE(decode_bytes("ab\xC0\xAF", err, "utf8"));
    CHECK(err.offset == 2u);

    // A converter's own BOM is dropped.
    d = decode_bytes(hex("FF FE  61 00"), err, "UTF-16LE");
    REQUIRE(d);
    CHECK(d->text == "a");
  }

  TEST_CASE("empty input: no bytes, only a BOM, only white space") {
    for (const std::string& bytes : {""s, kBom, hex("FF FE"), " \n\t\r\n"s, kBom + " \n",
                                     "\xC2\xA0\n"s /* NBSP */}) {
      CAPTURE(bytes);
      InputError err;
      CHECK_FALSE(decode_bytes(bytes, err));
      CHECK(err.message.starts_with("empty file"));
      CHECK_FALSE(err.offset);
    }
  }

  TEST_CASE("NUL bytes: binary file") {
    InputError err;
    CHECK_FALSE(decode_bytes("ab\0cd"s, err));
    CHECK(err.message == "binary file (NUL byte at offset 2)");
    CHECK(err.offset == 2u);

    CHECK_FALSE(decode_bytes(kBom + "a\0"s, err));
    CHECK(err.offset == 4u);

    // A NUL wins over invalid UTF-8 before it, in a 16-byte window or past one.
    for (const std::string& lead : {""s, std::string(40, 'a')}) {
      CHECK_FALSE(decode_bytes(lead + "x\xC3(yy\0z"s, err));
      CHECK(err.message.starts_with("binary file"));
      CHECK(err.offset == lead.size() + 5);
    }

    // UTF-16 without a BOM looks binary; ICU's detector names it in the hint.
    std::string u16;
    for (char c : "plain text in UTF-16 without a byte-order mark"s) u16 += {c, '\0'};
    CHECK_FALSE(decode_bytes(u16, err));
    CHECK(err.offset == 1u);
    CHECK(contains(err.message, "try --encoding UTF-16LE"));

    // A NUL character in transcoded input: offset of its code unit in the file.
    CHECK_FALSE(decode_bytes(hex("FF FE  61 00  00 00"), err));
    CHECK(err.offset == 4u);
    CHECK(err.message == "binary file (NUL character at offset 4)");
  }
}

// ---------------------------------------------------------------------------------------
TEST_SUITE("parse_markdown") {
  TEST_CASE("front matter: all fields, unknown keys kept as JSON") {
    const std::string text =
        "---\n"
        "title: \"انفجار في الميناء\"\n"
        "date: 2024-01-05\n"
        "source: وكالة الأنباء\n"
        "url: https://example.com/a\n"
        "id: article-7\n"
        "tags: [اقتصاد, ميناء]\n"
        "author: {name: سارة, staff: true}\n"
        "count: 12\n"
        "ratio: 0.5\n"
        "zip: 01234\n"
        "quoted: \"12\"\n"
        "answer: yes\n"
        "nothing:\n"
        "big: 123456789012345678901234567890\n"
        "huge: 1e400\n"
        "---\n"
        "النص هنا.\n";
    Article a = markdown(text);
    InputError err;
    REQUIRE(parse_markdown(a, err));
    CHECK(a.title == "انفجار في الميناء");
    CHECK(a.date == "2024-01-05");
    CHECK(a.source == "وكالة الأنباء");
    CHECK(a.url == "https://example.com/a");
    CHECK(a.id == "article-7");
    CHECK(a.text == text);  // the front matter stays in the text
    CHECK(a.text.substr(a.body_begin) == "النص هنا.\n");

    const auto& m = a.meta;
    CHECK(m["title"] == "انفجار في الميناء");
    CHECK(m["date"] == "2024-01-05");  // YAML dates stay strings
    CHECK(m["tags"] == nlohmann::json::array({"اقتصاد", "ميناء"}));
    CHECK(m["author"]["name"] == "سارة");
    CHECK(m["author"]["staff"] == true);
    CHECK(m["count"] == 12);
    CHECK(m["ratio"] == 0.5);
    CHECK(m["zip"] == "01234");   // not a JSON number: leading zero kept
    CHECK(m["quoted"] == "12");   // quoted scalars are strings
    CHECK(m["answer"] == "yes");  // YAML 1.2: no yes/no booleans
    CHECK(m["nothing"].is_null());
    CHECK(m["big"] == "123456789012345678901234567890");  // would not fit: kept as written
    CHECK(m["huge"] == "1e400");
  }

  TEST_CASE("no front matter: all body, fields untouched") {
    Article a = markdown("# عنوان\n\n---\nنص\n");
    InputError err;
    REQUIRE(parse_markdown(a, err));
    CHECK(a.body_begin == 0);
    CHECK(a.id == "doc.md");
    CHECK(a.title.empty());
    CHECK(a.meta == nlohmann::json::object());
  }

  TEST_CASE("closers, CRLF and edge placements") {
    InputError err;
    Article dots = markdown("---\ntitle: t\n...\nbody");
    REQUIRE(parse_markdown(dots, err));
    CHECK(dots.title == "t");
    CHECK(dots.text.substr(dots.body_begin) == "body");

    Article crlf = markdown("---  \r\ntitle: t\r\n---\r\nbody\r\n");
    REQUIRE(parse_markdown(crlf, err));
    CHECK(crlf.title == "t");
    CHECK(crlf.text.substr(crlf.body_begin) == "body\r\n");

    Article at_end = markdown("---\ntitle: t\n---");
    REQUIRE(parse_markdown(at_end, err));
    CHECK(at_end.body_begin == at_end.text.size());

    Article empty_fm = markdown("---\n---\nbody");
    REQUIRE(parse_markdown(empty_fm, err));
    CHECK(empty_fm.meta == nlohmann::json::object());
    CHECK(empty_fm.id == "doc.md");
    CHECK(empty_fm.body_begin == 8);
  }

  TEST_CASE("truncated front matter: offset of the opening line") {
    Article a = markdown("---\ntitle: t\nbody without closer\n", 3);
    InputError err;
    CHECK_FALSE(parse_markdown(a, err));
    CHECK(err.file == "doc.md");
    CHECK(err.offset == 3u);  // byte_base + 0
    CHECK(contains(err.message, "front matter not closed"));
    CHECK(a.body_begin == 0);  // left as it was
  }

  TEST_CASE("invalid YAML: offset from the parser's mark") {
    // libyaml reports "mapping values are not allowed" at the second ':' of line 3.
    const std::string text = "---\ntitle: ok\nعنوان: a: b\n---\nbody\n";
    Article a = markdown(text, 3);
    InputError err;
    CHECK_FALSE(parse_markdown(a, err));
    const std::size_t expected = text.find("a: b") + 1;
    CHECK(err.offset == 3 + expected);
    CHECK(contains(err.message, "invalid YAML in front matter: mapping values are not allowed"));
    CHECK(contains(err.message, "(line 3, column 9)"));  // columns count code points

    Article flow = markdown("---\ntitle: [a, b\n---\n");
    CHECK_FALSE(parse_markdown(flow, err));
    REQUIRE(err.offset);
    CHECK(*err.offset <= flow.text.size());
    CHECK(contains(err.message, "invalid YAML in front matter"));

    // A quoted scalar must be closed before the front matter ends.
    Article open_quote = markdown("---\ntitle: 'unterminated\n---\nbody\n");
    CHECK_FALSE(parse_markdown(open_quote, err));
    CHECK(contains(err.message, "invalid YAML in front matter"));
    CHECK(contains(err.message, "quoted scalar"));

    // A line that is neither a key nor a continuation.
    Article stray = markdown("---\ntitle: x\nurl@ http://a.b/c\n---\nbody\n");
    CHECK_FALSE(parse_markdown(stray, err));
    CHECK(err.offset == std::string("---\ntitle: x\n").size() + std::string("url@ http://a.b/c\n").size());
    CHECK(contains(err.message, "could not find expected ':'"));
  }

  TEST_CASE("block scalars, aliased fields, tags") {
    InputError err;
    Article a = markdown(
        "---\n"
        "title: &t عنوان\n"
        "id: *t\n"
        "keep: >+\n  fold\n\n"
        "strip: |-\n  line one\n  line two\n"
        "tagged: !!str 12\n"
        "custom: !mine 12\n"
        "---\nbody\n");
    REQUIRE(parse_markdown(a, err));
    CHECK(a.title == "عنوان");
    CHECK(a.id == "عنوان");  // a field given by an alias takes the anchored scalar
    CHECK(a.meta["keep"] == "fold\n\n");  // keep chomping keeps the trailing blank line
    CHECK(a.meta["strip"] == "line one\nline two");
    CHECK(a.meta["tagged"] == "12");  // explicitly tagged scalars are strings
    CHECK(a.meta["custom"] == "12");
  }

  TEST_CASE("front matter that is not a mapping") {
    InputError err;
    Article seq = markdown("---\n- a\n- b\n---\nbody\n");
    CHECK_FALSE(parse_markdown(seq, err));
    CHECK(err.offset == 4u);
    CHECK(contains(err.message, "not a YAML mapping"));

    Article scalar = markdown("---\njust words\n---\nbody\n");
    CHECK_FALSE(parse_markdown(scalar, err));
    CHECK(contains(err.message, "not a YAML mapping"));
  }

  TEST_CASE("bad values: list title, duplicate key, bad escape, non-string key") {
    InputError err;
    Article list_title = markdown("---\ntitle: [a, b]\n---\n");
    CHECK_FALSE(parse_markdown(list_title, err));
    CHECK(contains(err.message, "\"title\" must be a single value"));
    CHECK(err.offset == 11u);

    Article dup = markdown("---\ntitle: a\ntitle: b\n---\n");
    CHECK_FALSE(parse_markdown(dup, err));
    CHECK(contains(err.message, "duplicate front matter key \"title\""));
    CHECK(err.offset == 13u);

    Article surrogate = markdown("---\ntitle: \"\\uD800\"\n---\n");
    CHECK_FALSE(parse_markdown(surrogate, err));
    CHECK(contains(err.message, "invalid YAML"));

    Article complex_key = markdown("---\n[a, b]: c\n---\n");
    CHECK_FALSE(parse_markdown(complex_key, err));
    CHECK(contains(err.message, "keys must be strings"));
  }

  TEST_CASE("alias expansion limits: cycles and billion laughs") {
    InputError err;
    // An alias inside its own anchor refers to a node not yet complete: no cycle can form.
    Article cycle = markdown("---\na: &x [*x]\n---\n");
    CHECK_FALSE(parse_markdown(cycle, err));
    CHECK(contains(err.message, "anchor is not defined"));

    std::string deep = "---\na: ";
    for (int i = 0; i < 70; ++i) deep += "[";
    for (int i = 0; i < 70; ++i) deep += "]";
    deep += "\n---\n";
    Article nested = markdown(deep);
    CHECK_FALSE(parse_markdown(nested, err));
    CHECK(contains(err.message, "nested deeper than"));

    // Depth through aliases counts the aliased subtree's own depth.
    std::string via = "---\nd: &d ";
    for (int i = 0; i < 40; ++i) via += "[";
    for (int i = 0; i < 40; ++i) via += "]";
    via += "\ne:";
    for (int i = 0; i < 30; ++i) via += " [";
    via += "*d";
    for (int i = 0; i < 30; ++i) via += "]";
    via += "\n---\n";
    Article through = markdown(via);
    CHECK_FALSE(parse_markdown(through, err));
    CHECK(contains(err.message, "nested deeper than"));

    std::string laughs = "---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 9; ++i)
      laughs += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + [&] {
        std::string s;
        for (int k = 0; k < 10; ++k) s += (k ? ", *a" : "*a") + std::to_string(i - 1);
        return s;
      }() + "]\n";
    laughs += "---\n";
    Article bomb = markdown(laughs);
    CHECK_FALSE(parse_markdown(bomb, err));
    CHECK(contains(err.message, "more than"));

    // Ordinary aliases are fine.
    Article shared = markdown("---\nbase: &b {city: غزة}\ncopy: *b\n---\n");
    REQUIRE(parse_markdown(shared, err));
    CHECK(shared.meta["copy"]["city"] == "غزة");
  }
}

// ---------------------------------------------------------------------------------------
TEST_SUITE("parse_jsonl_record") {
  TEST_CASE("all fields; unknown ones kept in meta") {
    Article a = record(4);
    InputError err;
    REQUIRE(parse_jsonl_record(R"({"id":"r1","title":"عنوان","date":"2024-02-01",)"
                               R"("source":"وكالة","url":"u","text":"نص الخبر",)"
                               R"("lang":"ar","tags":["a"]})",
                               a, err));
    CHECK(a.id == "r1");
    CHECK(a.title == "عنوان");
    CHECK(a.date == "2024-02-01");
    CHECK(a.source == "وكالة");
    CHECK(a.url == "u");
    CHECK(a.text == "نص الخبر");
    CHECK(a.body_begin == 0);
    CHECK(a.byte_base == 0);
    CHECK(a.meta == nlohmann::json{{"lang", "ar"}, {"tags", {"a"}}});
  }

  TEST_CASE("defaults: id kept when absent, null fields empty, numeric id as text") {
    Article a = record(2);
    InputError err;
    REQUIRE(parse_jsonl_record(R"({"text":"نص","title":null})", a, err));
    CHECK(a.id == "feed.jsonl#2");
    CHECK(a.title.empty());

    Article b = record();
    REQUIRE(parse_jsonl_record(R"({"id":42,"text":"x"})", b, err));
    CHECK(b.id == "42");
  }

  TEST_CASE("escapes, numbers and nested values read as nlohmann reads them") {
    Article a = record(3);
    InputError err;
    REQUIRE(parse_jsonl_record(
        " {\"te\\u0078t\":\"\\\"q\\\" a\\nb\\t\\u00e9\\ud83d\\ude00 \\/\\\\\", \"id\":-7,"
        "\"url\":null,\"n\":-0,\"m\":123456789012345678,\"t\":true,"
        "\"nest\":{\"a\":[1,{\"b\":\"]\"}],\"c\":null},\"date\":\"2024\"}\r",
        a, err));
    CHECK(a.text == "\"q\" a\nb\t\xC3\xA9\xF0\x9F\x98\x80 /\\");
    CHECK(a.id == "-7");
    CHECK(a.url.empty());
    CHECK(a.date == "2024");
    CHECK(a.meta.dump() ==
          nlohmann::json::parse(R"({"n":-0,"m":123456789012345678,"t":true,)"
                                R"("nest":{"a":[1,{"b":"]"}],"c":null}})")
              .dump());
    CHECK(a.meta["n"].is_number_integer());
    CHECK(a.meta["m"].is_number_unsigned());

    Article c = record(5);  // numbers beyond small integers
    REQUIRE(parse_jsonl_record(R"({"text":"x","id":1.5,"big":18446744073709551615,"f":1e2})", c, err));
    CHECK(c.id == "1.5");
    CHECK(c.meta.dump() == R"({"big":18446744073709551615,"f":100.0})");

    Article b = record(4);  // a duplicate key: the last one wins, as in nlohmann
    REQUIRE(parse_jsonl_record(R"({"text":"x","k":1,"k":2})", b, err));
    CHECK(b.meta == nlohmann::json{{"k", 2}});
  }

  TEST_CASE("bad records") {
    const std::pair<std::string, std::string> cases[] = {
        {R"({"title":"t"})", "missing required field \"text\""},
        {R"({"text":5})", "field \"text\" must be a string (got number)"},
        {R"({"text":"  "})", "field \"text\" is empty"},
        {R"({"text":"a\u0000b"})", "NUL character"},
        {R"({"text":"x","title":{"a":1}})", "field \"title\" must be a string (got object)"},
        {R"(["text"])", "record is not a JSON object (got array)"},
        {R"({"text": "x",})", "invalid JSON (at byte 13 of the line)"},
        {R"({"text":"\ud800"})", "invalid JSON"},
        {"", "invalid JSON"},
        {R"({"text":"x","n":1e400})", "invalid JSON: number overflow parsing '1e400'"},
        {std::string(100, '[') + std::string(100, ']'), "nested deeper than 64 levels"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.first);
      Article a = record(9);
      InputError err;
      CHECK_FALSE(parse_jsonl_record(c.first, a, err));
      CHECK(contains(err.message, c.second));
      CHECK(err.file == "feed.jsonl");
      CHECK(err.record == 9);
      CHECK(a.text.empty());
      CHECK(a.id == "feed.jsonl#9");
    }
  }
}

// ---------------------------------------------------------------------------------------
TEST_SUITE("load") {
  TEST_CASE("a JSONL path that is a FIFO is opened once: what its writer wrote is read") {
    // A writer that writes and closes after the first open would lose its bytes to a second
    // open (and that open would wait forever for another writer).
    TempDir dir;
    const std::string fifo = dir / "feed.jsonl";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const std::string record = R"({"id":"p","text":"من الأنبوب"})" "\n";
    std::thread writer([&] {
      const int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);  // waits for the reader
      if (fd < 0) return;
      const ssize_t w = ::write(fd, record.data(), record.size());
      (void)w;
      ::close(fd);
    });
    const Result r = load({fifo}, {});
    writer.join();
    CHECK(r.errors.empty());
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].id == "p");
    CHECK(r.articles[0].text == "من الأنبوب");
  }

  TEST_CASE("JSONL file: good records around bad ones, blank lines skipped") {
    TempDir dir;
    const std::string lines[] = {
        R"({"id":"a","text":"الأول"})",
        "",
        R"({"text":"الثاني"})",
        R"({"text": oops})",
        "   ",
        R"({"id":"d","text":"الرابع"})",
        R"({"title":"no text"})",
    };
    std::string bytes;
    for (const auto& l : lines) bytes += l + "\r\n";
    const std::string path = dir.write("feed.jsonl", bytes);

    const Result r = load({path}, {});
    CHECK(ids(r) == std::vector<std::string>{"a", path + "#3", "d"});
    REQUIRE(r.articles.size() == 3);
    const Article& second = r.articles[1];
    CHECK(second.record == 3);
    CHECK(second.format == "jsonl");
    CHECK(second.path == path);
    CHECK(second.text == "الثاني");
    CHECK(second.sha256 == sha256_hex(lines[2]));  // the line's bytes, without "\r\n"
    CHECK(r.articles[0].sha256 == sha256_hex(lines[0]));

    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[0].file == path);
    CHECK(r.errors[0].record == 4);
    CHECK(r.errors[0].offset == bytes.find("{\"text\": oops"));
    CHECK(contains(r.errors[0].message, "invalid JSON"));
    CHECK(r.errors[1].record == 7);
    CHECK(r.errors[1].offset == bytes.find("{\"title\""));
    CHECK(contains(r.errors[1].message, "missing required field \"text\""));
  }

  TEST_CASE("JSONL with a UTF-8 BOM: line offsets count the BOM") {
    TempDir dir;
    const std::string path = dir.write("b.jsonl", kBom + "{\"text\":\"x\"}\nbad\n");
    const Result r = load({path}, {});
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].byte_base == 0);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].offset == 3u + 13u);
    CHECK(r.errors[0].record == 2);
  }

  TEST_CASE("Markdown and text files") {
    TempDir dir;
    const std::string md_bytes = kBom + "---\ntitle: عنوان\n---\nالنص\n";
    const std::string md = dir.write("a.md", md_bytes);
    const std::string txt = dir.write("b.txt", "---\ntitle: not front matter\n");
    const Result r = load({md, txt}, {});
    REQUIRE(r.errors.empty());
    REQUIRE(r.articles.size() == 2);

    const Article& a = r.articles[0];
    CHECK(a.id == md);
    CHECK(a.path == md);
    CHECK(a.format == "markdown");
    CHECK(a.title == "عنوان");
    CHECK(a.byte_base == 3);
    CHECK(a.text == md_bytes.substr(3));
    CHECK(a.text.substr(a.body_begin) == "النص\n");
    CHECK(a.sha256 == sha256_hex(md_bytes));  // of the raw file, BOM included

    const Article& b = r.articles[1];
    CHECK(b.format == "text");
    CHECK(b.title.empty());
    CHECK(b.body_begin == 0);
    CHECK(b.record == 0);
  }

  TEST_CASE("errors carry file offsets; the other inputs still load") {
    TempDir dir;
    const std::string good = dir.write("good.txt", "نص");
    const std::string bad_md = dir.write("bad.md", kBom + "---\ntitle: x\n");
    const std::string bad_utf8 = dir.write("latin.txt", "caf\xE9");
    const std::string binary = dir.write("bin.txt", "ab\0c"s);
    const std::string empty = dir.write("empty.md", "");
    const Result r = load({bad_md, good, bad_utf8, binary, empty}, {});
    CHECK(ids(r) == std::vector<std::string>{good});
    REQUIRE(r.errors.size() == 4);
    CHECK(r.errors[0].file == bad_md);
    CHECK(r.errors[0].offset == 3u);
    CHECK(r.errors[1].file == bad_utf8);
    CHECK(contains(r.errors[1].message, "not valid UTF-8 at byte 3"));
    CHECK(r.errors[2].message == "binary file (NUL byte at offset 2)");
    CHECK(r.errors[3].message == "empty file");
  }

  TEST_CASE("unreadable paths are reported with the OS reason") {
    TempDir dir;
    const std::string a = dir.write("a.txt", "أ");
    const std::string b = dir.write("b.txt", "ب");
    const std::string missing = dir / "missing.md";
    const std::string through_file = a + "/x.md";
    const std::string loop = dir / "loop.md";
    fs::create_symlink("loop.md", loop);
    const Result r = load({a, missing, through_file, loop, b}, {});
    CHECK(ids(r) == std::vector<std::string>{a, b});
    REQUIRE(r.errors.size() == 3);
    CHECK(r.errors[0].file == missing);
    CHECK(r.errors[0].message == "cannot read: No such file or directory");
    CHECK(r.errors[1].file == through_file);
    CHECK(r.errors[1].message == "cannot read: Not a directory");
    CHECK(r.errors[2].file == loop);
    CHECK(r.errors[2].message == "cannot read: Too many levels of symbolic links");
  }

  TEST_CASE("directories: recursive, sorted by name, non-article files skipped") {
    TempDir dir;
    const std::string root = dir / "corpus";
    dir.write("corpus/b.md", "---\nid: B\n---\nب\n");
    dir.write("corpus/a.txt", "أ");
    dir.write("corpus/Upper.MD", "U");
    dir.write("corpus/sub/c.markdown", "ج");
    dir.write("corpus/sub-x.txt", "خ");
    dir.write("corpus/z.jsonl", "{\"text\":\"ز\"}\n{\"text\":\"ز\"}\n");
    dir.write("corpus/notes.csv", "a,b");
    dir.write("corpus/image.png", "\x89PNG\0"s);
    dir.write("corpus/.hidden.md", "h");
    dir.write("corpus/.git/x.md", "g");
    fs::create_directories(root + "/empty-dir");
    fs::create_symlink("..", root + "/sub/up");        // a loop back to corpus
    fs::create_symlink("nowhere", root + "/gone.md");  // dangling: reported, not skipped

    const Result r = load({root + "/"}, {});
    CHECK(ids(r) == std::vector<std::string>{root + "/Upper.MD", root + "/a.txt", "B",
                                             root + "/sub/c.markdown", root + "/sub-x.txt",
                                             root + "/z.jsonl#1", root + "/z.jsonl#2"});
    REQUIRE(r.errors.size() == 2);  // in walk order: the loop while listing, then the reads
    CHECK(r.errors[0].file == root + "/sub/up");
    CHECK(contains(r.errors[0].message, "loop"));
    CHECK(r.errors[1].file == root + "/gone.md");
    CHECK(r.errors[1].message == "cannot read: No such file or directory");
    CHECK(r.articles[0].format == "markdown");

    // Named explicitly, any file is read (as text unless .md/.markdown/.jsonl).
    const Result csv = load({root + "/notes.csv"}, {});
    REQUIRE(csv.articles.size() == 1);
    CHECK(csv.articles[0].format == "text");
  }

  TEST_CASE("output is deterministic: paths in order given, same result every run") {
    TempDir dir;
    for (const char* name : {"d/3.txt", "d/1.txt", "d/2.md", "d/10.txt"}) dir.write(name, "نص");
    const std::string single = dir.write("single.txt", "نص");
    const Result first = load({single, dir / "d", single}, {});
    const Result second = load({single, dir / "d", single}, {});
    const std::string d = dir / "d";
    CHECK(ids(first) == std::vector<std::string>{single, d + "/1.txt", d + "/10.txt", d + "/2.md",
                                                 d + "/3.txt", single});
    CHECK(ids(first) == ids(second));
  }

  TEST_CASE("forced windows-1256 through load") {
    TempDir dir;
    const std::string path = dir.write("old.txt", "\xC7\xE1\xCE\xC8\xD1");
    Options opts;
    opts.encoding = "windows-1256";
    const Result r = load({path}, opts);
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].text == "الخبر");
    CHECK(r.articles[0].encoding == "windows-1256");
    CHECK(r.articles[0].sha256 == sha256_hex("\xC7\xE1\xCE\xC8\xD1"));

    opts.encoding = "klingon";
    const Result bad = load({path, dir.str()}, opts);
    CHECK(bad.articles.empty());
    REQUIRE(bad.errors.size() == 2);  // one per path, not one per file
    CHECK(contains(bad.errors[0].message, "unknown encoding \"klingon\""));
  }

  TEST_CASE("standard input: Markdown when it opens with front matter, else text") {
    TempDir dir;
    Options opts;
    opts.stdin_name = "<stdin>";

    Result md = load_with_stdin(dir, "---\ntitle: من الإدخال\n---\nنص\n", {"-"}, opts);
    REQUIRE(md.articles.size() == 1);
    CHECK(md.articles[0].format == "markdown");
    CHECK(md.articles[0].title == "من الإدخال");
    CHECK(md.articles[0].path == "-");
    CHECK(md.articles[0].id == "<stdin>");

    Result txt = load_with_stdin(dir, "title: x\n---\n", {"-", "-"}, opts);
    REQUIRE(txt.articles.size() == 1);
    CHECK(txt.articles[0].format == "text");
    REQUIRE(txt.errors.size() == 1);
    CHECK(txt.errors[0].file == "<stdin>");
    CHECK(contains(txt.errors[0].message, "more than once"));

    Result bad = load_with_stdin(dir, "---\n[\n---\n", {"-"}, opts);
    REQUIRE(bad.errors.size() == 1);
    CHECK(bad.errors[0].file == "<stdin>");
  }

  TEST_CASE("a 50 MB single line loads") {
    TempDir dir;
    std::string line;
    line.reserve(50u << 20);
    while (line.size() < (50u << 20)) line += "قال المتحدث إن 1,250 شخصا نزحوا. ";
    const std::string path = dir.write("huge.txt", line);
    const Result r = load({path}, {});
    REQUIRE(r.errors.empty());
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].text.size() == line.size());
    CHECK(r.articles[0].text == line);
  }

  TEST_CASE("a long single JSONL line loads") {
    // nlohmann::json parses about 7 MB/s unoptimized: the full 50 MB only in optimized
    // builds (as `make test` uses), so that the test stays within about a second in Debug.
#ifdef NDEBUG
    constexpr std::size_t kSize = 50u << 20;
#else
    constexpr std::size_t kSize = 4u << 20;
#endif
    TempDir dir;
    std::string text;
    text.reserve(kSize);
    while (text.size() < kSize) text += "قال المتحدث إن 1,250 شخصا نزحوا. ";
    const std::string path = dir.write("huge.jsonl", "{\"text\":\"" + text + "\"}\n");
    const Result r = load({path}, {});
    REQUIRE(r.errors.empty());
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].text == text);
    CHECK(r.articles[0].record == 1);
  }
}
