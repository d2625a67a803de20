// Unit tests for the normalization stage (matching view, offset map, lines, sentences,
// paragraphs).
#include <doctest/doctest.h>

#include <initializer_list>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/normalize.h"

using tadqiq::normalize::fold;
using tadqiq::normalize::LineIndex;
using tadqiq::normalize::make_view;
using tadqiq::normalize::paragraphs;
using tadqiq::normalize::Range;
using tadqiq::normalize::sentences;
using tadqiq::normalize::View;

namespace {

std::string utf8(char32_t c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

View view_of(std::string_view s) { return make_view(s, 0, s.size()); }

std::string source_text(std::string_view src, Range r) {
  return std::string(src.substr(r.begin, r.end - r.begin));
}

bool is_boundary(std::string_view s, std::size_t i) {
  return i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

std::vector<std::string> texts(std::string_view src, const std::vector<Range>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(source_text(src, r));
  return out;
}

// Checks everything the offset map guarantees for the view of src[begin, end).
void check_map(std::string_view src, std::size_t begin, std::size_t end) {
  const View v = make_view(src, begin, end);
  const std::string& t = v.text();
  const std::size_t n = t.size();
  INFO("view: " << t);

  // The view is what fold() gives for the same bytes.
  CHECK(fold(src.substr(begin, end - begin)) == t);

  // source_of: within range, on code point boundaries, monotone, size -> end.
  REQUIRE(v.source_of(n) == end);
  for (std::size_t i = 0; i <= n; ++i) {
    const std::size_t s = v.source_of(i);
    REQUIRE(s >= begin);
    REQUIRE(s <= end);
    REQUIRE(is_boundary(src, s));
    if (i > 0) REQUIRE(v.source_of(i - 1) <= s);
  }

  // View code point boundaries.
  std::vector<std::size_t> cps;
  for (std::size_t i = 0; i <= n; ++i)
    if (is_boundary(t, i)) cps.push_back(i);

  // Unit of view byte k: the source range it came from. Bytes of one unit are contiguous.
  auto unit = [&](std::size_t k) { return v.to_source(k, k + 1); };
  auto unit_first = [&](std::size_t k) {
    const Range u = unit(k);
    while (k > 0 && unit(k - 1).begin == u.begin) --k;
    return k;
  };
  auto unit_last = [&](std::size_t k) {  // one past the last byte of k's unit
    const Range u = unit(k);
    ++k;
    while (k < n && unit(k).begin == u.begin) ++k;
    return k;
  };
  for (std::size_t k = 0; k < n; ++k) {
    const Range u = unit(k);
    REQUIRE(u.begin < u.end);  // a view byte always comes from some source bytes
    if (k > 0) {
      const Range p = unit(k - 1);
      // Units are either the same or disjoint and in order.
      REQUIRE((p.begin == u.begin ? p.end == u.end : p.end <= u.begin));
    }
  }

  for (std::size_t bi = 0; bi < cps.size(); ++bi) {
    for (std::size_t ei = bi; ei < cps.size(); ++ei) {
      const std::size_t b = cps[bi], e = cps[ei];
      const Range r = v.to_source(b, e);
      REQUIRE(begin <= r.begin);
      REQUIRE(r.begin <= r.end);
      REQUIRE(r.end <= end);
      REQUIRE(is_boundary(src, r.begin));
      REQUIRE(is_boundary(src, r.end));
      if (b == e) {
        REQUIRE(r.begin == v.source_of(b));
        REQUIRE(r.end == r.begin);
        continue;
      }
      // Monotone: begin depends only on b, end only on e, both non-decreasing.
      REQUIRE(r.begin == v.source_of(b));
      if (ei > bi + 1) {
        const Range shorter = v.to_source(b, cps[ei - 1]);
        REQUIRE(shorter.end <= r.end);
      }
      // Slicing: the source range reproduces exactly the view bytes of the units it
      // covers (which contain view[b, e)), with the same units.
      const std::size_t b2 = unit_first(b), e2 = unit_last(e - 1);
      REQUIRE(b2 <= b);
      REQUIRE(e2 >= e);
      const View sub = make_view(src, r.begin, r.end);
      REQUIRE(sub.text() == t.substr(b2, e2 - b2));
      const Range whole = sub.to_source(0, sub.text().size());
      REQUIRE(whole.begin == r.begin);
      REQUIRE(whole.end == r.end);
      for (std::size_t k = 0; k < sub.text().size(); ++k) {
        REQUIRE(sub.source_of(k) == v.source_of(b2 + k));
        REQUIRE(sub.to_source(k, k + 1).end == v.to_source(b2 + k, b2 + k + 1).end);
      }
    }
  }
}

}  // namespace

TEST_CASE("letter folds") {
  CHECK(fold("أ") == "ا");
  CHECK(fold("إ") == "ا");
  CHECK(fold("آ") == "ا");
  CHECK(fold("ٱ") == "ا");
  CHECK(fold("ى") == "ي");
  CHECK(fold("ة") == "ه");
  CHECK(fold("ؤ") == "و");
  CHECK(fold("ئ") == "ي");
  CHECK(fold("ی") == "ي");  // U+06CC Farsi yeh
  CHECK(fold("ک") == "ك");  // U+06A9 keheh
  CHECK(fold("ABC xyZ") == "abc xyz");
  CHECK(fold("ＡＢＣ") == "abc");  // fullwidth: NFKC then lower case
  // Decomposed hamza/madda forms compose under NFKC first, then fold.
  CHECK(fold("ا\u0654") == "ا");
  CHECK(fold("ا\u0653") == "ا");
  CHECK(fold("و\u0654") == "و");
  CHECK(fold("ي\u0654") == "ي");
  CHECK(fold("مكتبة الإسكندرية في مصر") == "مكتبه الاسكندريه في مصر");
  CHECK(fold("مستشفى") == "مستشفي");
  // Untouched letters.
  CHECK(fold("ء") == "ء");
  CHECK(fold("ه") == "ه");
  CHECK(fold("É") == "É");  // only ASCII is lower-cased
}

TEST_CASE("digits of every script become ASCII") {
  CHECK(fold("١٢٣") == "123");
  CHECK(fold("۱۲۳") == "123");
  CHECK(fold("１２３") == "123");
  CHECK(fold("٠١٢٣٤٥٦٧٨٩") == "0123456789");
  CHECK(fold("۰۱۲۳۴۵۶۷۸۹") == "0123456789");
  CHECK(fold("०१२") == "012");  // Devanagari
  CHECK(fold("০১২") == "012");  // Bengali
  CHECK(fold("𝟏𝟐") == "12");  // mathematical bold digits (NFKC)
  CHECK(fold("\U000104A1\U000104A2") == "12");  // Osmanya digits (Nd, supplementary)
}

TEST_CASE("number separators and percent") {
  CHECK(fold("٢٧٬٧٠٨") == "27,708");
  CHECK(fold("٣٫٥") == "3.5");
  CHECK(fold("٥٠٪") == "50%");
  CHECK(fold("١٬٢٣٤٫٥٦") == "1,234.56");
  // Arabic comma, semicolon and question mark stay as they are.
  CHECK(fold("،؛؟") == "،؛؟");
  CHECK(fold("١، ٢؛ ٣؟") == "1، 2؛ 3؟");
}

TEST_CASE("bidi and zero-width controls are removed") {
  for (char32_t c : std::initializer_list<char32_t>{0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C,
                     0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF, 0x2060, 0x00AD}) {
    CAPTURE(static_cast<unsigned>(c));
    CHECK(fold("a" + utf8(c) + "b") == "ab");
  }
}

TEST_CASE("bidi control inside a number maps back to the original bytes") {
  const std::string src = "27\u200F,708";
  const View v = view_of(src);
  CHECK(v.text() == "27,708");
  const Range r = v.to_source(0, v.text().size());
  CHECK(r.begin == 0);
  CHECK(r.end == src.size());
  CHECK(source_text(src, r) == src);

  const std::string doc = "قتل \u202B٢٧\u200F٬٧٠٨\u202C شخصا";
  const View dv = view_of(doc);
  CHECK(dv.text() == "قتل 27,708 شخصا");
  const std::size_t b = dv.text().find("27,708");
  REQUIRE(b != std::string::npos);
  const Range nr = dv.to_source(b, b + 6);
  // The embedding controls at the edges are not part of the number; the RLM inside is.
  CHECK(source_text(doc, nr) == "٢٧\u200F٬٧٠٨");
}

TEST_CASE("quotes") {
  for (const char* q : {"“", "”", "«", "»", "„", "‟", "″", "〝", "〞", "＂"}) {
    CAPTURE(q);
    CHECK(fold(q) == "\"");
  }
  for (const char* q : {"‘", "’", "‚", "‛", "′"}) {
    CAPTURE(q);
    CHECK(fold(q) == "'");
  }
  CHECK(fold("قال «نعم»") == "قال \"نعم\"");
}

TEST_CASE("whitespace") {
  CHECK(fold("a\u00A0b\u202Fc\u2009d\u3000e") == "a b c d e");
  CHECK(fold("a\tb") == "a b");
  CHECK(fold("a\nb") == "a\nb");
  CHECK(fold("a\r\nb") == "a\nb");
  CHECK(fold("a\rb") == "a\nb");  // a lone CR is a line break, not glue
  CHECK(fold("a\u2028b") == "a\nb");
  const std::string src = "x\r\ny";
  const View v = view_of(src);
  REQUIRE(v.text() == "x\ny");
  // The '\n' maps to the LF; the CR before it is removed (at the edge, not included).
  CHECK(v.to_source(1, 2).begin == 2);
  CHECK(v.to_source(1, 2).end == 3);
  CHECK(v.to_source(0, 3).begin == 0);
  CHECK(v.to_source(0, 3).end == 4);
}

TEST_CASE("tashkeel and tatweel removal with exact offsets") {
  const std::string src = "مُحَمَّدٌ";  // م ُ ح َ م َ ّ د ٌ
  const View v = view_of(src);
  CHECK(v.text() == "محمد");
  // The first letter maps to its own two bytes; the whole view maps to the first letter
  // through the last letter (the trailing tanween is at the edge and is not included).
  CHECK(v.to_source(0, 2).begin == 0);
  CHECK(v.to_source(0, 2).end == 2);
  const Range all = v.to_source(0, v.text().size());
  CHECK(all.begin == 0);
  CHECK(source_text(src, all) == "مُحَمَّد");
  // "حم" in the view: marks between the letters are included, marks after "م" are not.
  const Range mid = v.to_source(2, 6);
  CHECK(source_text(src, mid) == "حَم");

  const std::string tw = "كتـــاب";
  const View tv = view_of(tw);
  CHECK(tv.text() == "كتاب");
  CHECK(source_text(tw, tv.to_source(2, 6)) == "تـــا");
  CHECK(source_text(tw, tv.to_source(2, 4)) == "ت");
  CHECK(source_text(tw, tv.to_source(4, 6)) == "ا");

  // Tanween after alef: alef is not NFKC-inert (it composes with hamza), but ICU leaves the
  // pair unchanged, so each keeps its own range.
  const std::string ad = "أيضاً";
  const View av = view_of(ad);
  CHECK(av.text() == "ايضا");
  CHECK(source_text(ad, av.to_source(0, av.text().size())) == "أيضا");

  // A decomposed hamza is one unit with its alef.
  const std::string dh = "ا\u0654ب";
  const View dv = view_of(dh);
  CHECK(dv.text() == "اب");
  CHECK(source_text(dh, dv.to_source(0, 2)) == "ا\u0654");

  CHECK(fold("بِسْمِ ٱللَّٰهِ") == "بسم الله");
  CHECK(fold("ذٰلِكَ") == "ذلك");            // superscript alef
  CHECK(fold("عَلَيْهِ ۖ وَ") == "عليه  و");  // Quranic pause mark U+06D6
  CHECK(fold("ﷺ\u0610") == "صلي الله عليه وسلم");  // U+0610 honorific sign
}

TEST_CASE("presentation forms") {
  CHECK(fold("\uFEFB") == "لا");
  CHECK(fold("\uFEF5") == "لا");  // lam with madda alef, folded
  CHECK(fold("ﻣﺤﻤﺪ") == "محمد");
  CHECK(fold("\uFDF2") == "الله");
  CHECK(fold("\uFE8D\uFEDF\uFEE4\uFEAE\uFE83\uFE93") == "المراه");
  // Isolated vowel signs are SPACE + mark under NFKC; they vanish instead.
  CHECK(fold("ب\uFE76ت") == "بت");
  CHECK(fold("ب\uFC60ت") == "بت");  // shadda with fatha isolated form

  const std::string src = "قال \uFEFB شيء";
  const View v = view_of(src);
  CHECK(v.text() == "قال لا شيء");
  const std::size_t b = v.text().find("لا");
  // Both letters come from the one ligature; any part of them maps to its three bytes.
  CHECK(source_text(src, v.to_source(b, b + 2)) == "\uFEFB");
  CHECK(source_text(src, v.to_source(b + 2, b + 4)) == "\uFEFB");
  CHECK(source_text(src, v.to_source(b, b + 4)) == "\uFEFB");
}

TEST_CASE("make_view on a sub-range gives offsets into the full source") {
  const std::string src = "---\ntitle: x\n---\nقُتِلَ ٢٧ شخصاً\u200F";
  const std::size_t begin = src.find("قُ");
  const View v = make_view(src, begin, src.size());
  CHECK(v.text() == "قتل 27 شخصا");
  CHECK(v.source_of(0) == begin);
  CHECK(v.source_of(v.text().size()) == src.size());
  const std::size_t d = v.text().find("27");
  CHECK(source_text(src, v.to_source(d, d + 2)) == "٢٧");
  check_map(src, begin, src.size());
  // A range ending inside the text.
  const std::size_t end = src.find(" شخص");
  const View w = make_view(src, begin, end);
  CHECK(w.text() == "قتل 27");
  CHECK(w.source_of(w.text().size()) == end);
}

TEST_CASE("empty views") {
  const View e0 = view_of("");
  CHECK(e0.text().empty());
  CHECK(e0.source_of(0) == 0);
  CHECK(e0.to_source(0, 0).begin == 0);
  const std::string src = "abc\u200Fdef";
  const View e1 = make_view(src, 3, 6);  // only the RLM
  CHECK(e1.text().empty());
  CHECK(e1.source_of(0) == 6);
  CHECK(e1.to_source(0, 0).begin == 6);
  const View dflt;
  CHECK(dflt.source_of(0) == 0);
  CHECK(fold("") == "");
}

TEST_CASE("offset map properties on fixed strings") {
  const std::string num = "27\u200F,708";
  check_map(num, 0, num.size());
  const std::string voweled = "مُحَمَّدٌ ذهبَ إلى المدرسةِ";
  check_map(voweled, 0, voweled.size());
  const std::string mixed = "«ﻻ» e\u0301\u0300 \u1100\u1161\u11A8 \uFDFA \r\n١٬٢";
  check_map(mixed, 0, mixed.size());
  check_map(mixed, 2, mixed.size() - 2);
}

TEST_CASE("offset map properties on random strings") {
  // Pools of code points that stress every path of make_view.
  std::vector<char32_t> pool;
  auto add_range = [&](char32_t a, char32_t b) {
    for (char32_t c = a; c <= b; ++c) pool.push_back(c);
  };
  add_range(0x0621, 0x063A);  // Arabic letters
  add_range(0x0641, 0x064A);
  add_range(0x0621, 0x062A);  // (weight letters, incl. hamza forms, more)
  for (char32_t c : std::initializer_list<char32_t>{0x0671, 0x06CC, 0x06A9, 0x0629, 0x0649, 0x06D5, 0x06C1, 0x06D2, 0x0627,
                     0x0627, 0x0648, 0x064A})
    pool.push_back(c);
  add_range(0x064B, 0x0655);  // tashkeel, hamza above/below, madda
  for (char32_t c : std::initializer_list<char32_t>{0x0670, 0x0640, 0x0610, 0x06D6, 0x06DD, 0x06E5, 0x06ED}) pool.push_back(c);
  add_range(0x0660, 0x066C);  // Arabic-Indic digits and separators
  add_range(0x06F0, 0x06F9);
  add_range(0xFF10, 0xFF19);
  add_range('0', '9');
  for (char32_t c : std::initializer_list<char32_t>{0x060C, 0x061B, 0x061F, 0x06D4, '.', ',', '%', '-', '(', ')'})
    pool.push_back(c);
  for (char32_t c : std::initializer_list<char32_t>{0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C,
                     0x202E, 0x2066, 0x2069, 0xFEFF, 0x2060, 0x00AD, '\r', '\n', '\r', '\n'})
    pool.push_back(c);
  for (char32_t c : std::initializer_list<char32_t>{' ', ' ', ' ', 0x00A0, 0x202F, 0x2009, 0x3000, '\t', 0x2028})
    pool.push_back(c);
  for (char32_t c : std::initializer_list<char32_t>{0x201C, 0x201D, 0x00AB, 0x00BB, 0x201E, 0x201F, 0x2033, 0x301D, 0x301E,
                     0xFF02, 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, '"', '\''})
    pool.push_back(c);
  add_range('A', 'Z');
  add_range('a', 'z');
  for (char32_t c : std::initializer_list<char32_t>{0x0301, 0x0300, 0x0327, 0x0323, 0x1100, 0x1161, 0x11A8, 0xAC00, 0x2026,
                     0x2460, 0x00B2, 0xFB01, 0x00C5, 0x212B, 0x1E9B})
    pool.push_back(c);  // Latin combining marks, Hangul jamo/syllable, compatibility forms
  for (char32_t c : std::initializer_list<char32_t>{0x1F600, 0x1F44D, 0x1F3FD, 0xFE0F, 0x1D7CE, 0x1EE00, 0x104A1})
    pool.push_back(c);  // emoji, modifiers, VS16, math digit, Arabic math letter, Nd
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<char32_t> pf1(0xFB50, 0xFDFF), pf2(0xFE70, 0xFEFC);
  std::uniform_int_distribution<int> len_d(0, 24), pick(0, 99);
  std::uniform_int_distribution<std::size_t> pool_d(0, pool.size() - 1);

  for (int iter = 0; iter < 1500; ++iter) {
    std::string s;
    const int len = len_d(rng);
    for (int k = 0; k < len; ++k) {
      const int p = pick(rng);
      char32_t c;
      if (p < 8) c = pf1(rng);
      else if (p < 16) c = pf2(rng);
      else c = pool[pool_d(rng)];
      s += utf8(c);
    }
    CAPTURE(s);
    check_map(s, 0, s.size());
    // A sub-range starting and ending on code point boundaries.
    std::size_t b = s.size() / 3, e = s.size() - s.size() / 4;
    while (b < s.size() && !is_boundary(s, b)) ++b;
    while (e < s.size() && !is_boundary(s, e)) ++e;
    if (b <= e) check_map(s, b, e);
  }
}

TEST_CASE("fold is idempotent on Arabic text") {
  std::mt19937 rng(7);
  std::vector<std::string> pieces = {"أ", "إ", "آ", "ا", "\u0654", "\u0655", "\u0653", "َ",
                                     "ً", "ّ", "ـ", "ة", "ى", "ؤ", "ئ", "و", "ي", "ل",
                                     "\uFEFB", "\uFE76", "\u200F", "١", "٬", "٫", " ", "«",
                                     "\u06C1", "\u06D5", "\u06D2", "ه", "ﷺ"};
  std::uniform_int_distribution<std::size_t> d(0, pieces.size() - 1);
  for (int iter = 0; iter < 2000; ++iter) {
    std::string s;
    for (int k = 0; k < 12; ++k) s += pieces[d(rng)];
    CAPTURE(s);
    const std::string f = fold(s);
    CHECK(fold(f) == f);
  }
}

TEST_CASE("LineIndex") {
  const std::string t = "أول\r\nثاني\nx\ry";
  const LineIndex li(t);
  CHECK(li.line_col(0) == std::pair{1, 1});
  CHECK(li.line_col(2) == std::pair{1, 2});  // second Arabic letter
  CHECK(li.line_col(6) == std::pair{1, 4});  // the CR
  CHECK(li.line_col(7) == std::pair{1, 5});  // the LF of CRLF still belongs to line 1
  CHECK(li.line_col(8) == std::pair{2, 1});
  const std::size_t x = t.find('x');
  CHECK(li.line_col(x - 1) == std::pair{2, 5});  // the LF after "ثاني"
  CHECK(li.line_col(x) == std::pair{3, 1});
  CHECK(li.line_col(x + 2) == std::pair{4, 1});  // after a lone CR
  CHECK(li.line_col(t.size()) == std::pair{4, 2});
  CHECK(li.line_col(t.size() + 10) == std::pair{4, 2});  // clamped

  const std::string e = "";
  CHECK(LineIndex(e).line_col(0) == std::pair{1, 1});
  const std::string nl = "a\n";
  CHECK(LineIndex(nl).line_col(2) == std::pair{2, 1});
  const std::string emoji = "\U0001F600x";
  CHECK(LineIndex(emoji).line_col(4) == std::pair{1, 2});
}

TEST_CASE("sentences") {
  const std::string s1 = "جملة أولى. جملة ثانية؟ جملة ثالثة!";
  CHECK(texts(s1, sentences(s1, 0, s1.size())) ==
        std::vector<std::string>{"جملة أولى.", "جملة ثانية؟", "جملة ثالثة!"});

  // No final punctuation, then a newline.
  const std::string s2 = "عنوان بلا نقطة\nقال الوزير إن ٢٧ شخصا قتلوا. وأضاف أن العدد قد يرتفع";
  CHECK(texts(s2, sentences(s2, 0, s2.size())) ==
        std::vector<std::string>{"عنوان بلا نقطة", "قال الوزير إن ٢٧ شخصا قتلوا.",
                                 "وأضاف أن العدد قد يرتفع"});

  // No space after the terminator.
  const std::string s3 = "جملة أولى.جملة ثانية؟جملة ثالثة";
  CHECK(texts(s3, sentences(s3, 0, s3.size())) ==
        std::vector<std::string>{"جملة أولى.", "جملة ثانية؟", "جملة ثالثة"});

  // Arabic full stop U+06D4, decimals, "؟!" and a closing quote after the question mark.
  const std::string s4 = "بلغ المعدل 3.5 بالمئة۔ هل هذا صحيح؟! قال: «هل هذا صحيح؟» ثم غادر.";
  CHECK(texts(s4, sentences(s4, 0, s4.size())) ==
        std::vector<std::string>{"بلغ المعدل 3.5 بالمئة۔", "هل هذا صحيح؟!",
                                 "قال: «هل هذا صحيح؟»", "ثم غادر."});

  // Abbreviations "د." and "أ.د." do not end a sentence; "بغداد." does.
  const std::string s5 = "قال د. محمد إن الوضع مستقر. وصل أ.د. علي إلى بغداد. ثم عاد";
  CHECK(texts(s5, sentences(s5, 0, s5.size())) ==
        std::vector<std::string>{"قال د. محمد إن الوضع مستقر.", "وصل أ.د. علي إلى بغداد.",
                                 "ثم عاد"});

  // CRLF, blank lines, whitespace and bidi controls at the edges, sub-range offsets.
  const std::string s6 = "---\nid: 1\n---\r\n  \u200Fالأولى.  \r\n\r\n\t الثانية \r\n";
  const std::size_t begin = s6.find("\r\n") + 2;
  const auto r6 = sentences(s6, begin, s6.size());
  CHECK(texts(s6, r6) == std::vector<std::string>{"الأولى.", "الثانية"});
  REQUIRE(r6.size() == 2);
  CHECK(r6[0].begin == s6.find("الأولى"));

  CHECK(sentences(s6, 3, 3).empty());
  const std::string blank = " \n\u00A0\r\n";
  CHECK(sentences(blank, 0, blank.size()).empty());
}

TEST_CASE("sentence boundaries: asking ICU only near sentence ends gives every boundary") {
  using tadqiq::normalize::detail::icu_sentence_breaks;
  // Letters of every case and script class, digits, terminators (ATerm, STerm, Arabic and CJK),
  // closing punctuation, spaces, paragraph separators, continuation punctuation, combining
  // marks and format controls, and a supplementary character.
  const std::vector<std::string> pool = {
      "\u0628", "\u0627", "a", "B", "3", ".", "!", "?", "\u061F", "\u06D4", " ", "  ", "\t", "\n", "\r", "\r\n",
      "\u2029", "\u2028", "\u0085", ")", "\"", "'", "\u00AB", "\u00BB", ",", "\u060C", ":", ";", "-",
      "\u0301", "\u064E", "\u200F", "\u00AD", "\u2026", "\u3002", "\uFF0E", "\uFF61", "\U0001F600",
      "\u0640", "\u00A0", "\u2019", "\u201D", "\U00011047" /* BRAHMI DANDA: a supplementary STerm */,
      "\xD8" /* a lead byte alone */, "\x9F" /* a continuation byte alone */};
  std::mt19937 rng(20261207);
  for (int round = 0; round < 20000; ++round) {
    std::string t;
    const int len = static_cast<int>(rng() % 40);
    for (int k = 0; k < len; ++k) t += pool[rng() % pool.size()];
    const auto fast = icu_sentence_breaks(t, true);
    const auto all = icu_sentence_breaks(t, false);
    if (fast != all) {
      std::string hex, fb, ab;
      for (const char c : t) hex += std::to_string(static_cast<unsigned char>(c)) + " ";
      for (auto x : fast) fb += std::to_string(x) + " ";
      for (auto x : all) ab += std::to_string(x) + " ";
      INFO("text: " << hex << " fast: " << fb << " all: " << ab);
      CHECK(fast == all);
      break;
    }
  }
  // Long runs of terminators, separators and closing marks (many boundaries inside one window;
  // each window's boundaries are all taken at once, which keeps such runs linear in time).
  for (const std::string unit : {"?\n", "\n", "? )", " \u2029", ".\u00BB ", "\u061F!"}) {
    std::string t = "\u0628\u0627 3.";
    for (int k = 0; k < 3000; ++k) t += unit;
    t += "\u0628";
    CHECK(icu_sentence_breaks(t, true) == icu_sentence_breaks(t, false));
  }
  CHECK(icu_sentence_breaks("", true).empty());
  CHECK(icu_sentence_breaks("\u0628. \u0627", true) == std::vector<std::size_t>{4, 6});
  // Ill-formed UTF-8 is iterated the plain way.
  const std::string bad = "\u0628. \xFF\u0627. a";
  CHECK(icu_sentence_breaks(bad, true) == icu_sentence_breaks(bad, false));
}

TEST_CASE("paragraphs") {
  const std::string t = "  فقرة أولى.  \n\n\u200F\n فقرة ثانية، وفيها جملتان. نعم\r\nثالثة\rرابعة";
  CHECK(texts(t, paragraphs(t, 0, t.size())) ==
        std::vector<std::string>{"فقرة أولى.", "فقرة ثانية، وفيها جملتان. نعم", "ثالثة",
                                 "رابعة"});
  const std::size_t b = t.find("فقرة ثانية");
  const auto ps = paragraphs(t, b, t.size());
  REQUIRE(ps.size() == 3);
  CHECK(ps[0].begin == b);
  CHECK(paragraphs(t, 0, 0).empty());
}
