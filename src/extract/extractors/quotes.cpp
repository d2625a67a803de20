// The quotes extractor: quoted words with their speakers. See docs/extractors/quotes.md.
//
// 1. Quoted spans, paragraph by paragraph (a paragraph is a line). The view maps every quote
//    character to '"' or '\''; the original character decides its family (ASCII double,
//    curly double, guillemets, ASCII single, curly single, angle single) and whether it is an
//    opening glyph. Marks pair within a family, with the text around them telling an opener
//    (a word follows) from a closer (a word precedes, none follows). Other families may nest
//    inside. An opening glyph that meets an open quote of its family with a word after it and
//    none before it starts a new quote ("‘…. ‘…"): the open one ends there, unterminated. A
//    quote still open at the end of the paragraph ends there (attributes.note "unterminated").
// 2. Speech frames in document order (rules/speech.yaml): speech verbs, their participles
//    and relays. A verb's speaker is the name, title, organisation or anonymous source right
//    after it, else a name right before it ("أن بلينكن قال"), else after a pronoun ("لكنه
//    قال") the last person named in the sentence, else the previous speaker (continuation:
//    "وأضاف"). A participle ("مؤكداً") takes the speaker of its sentence. A title with no name
//    ("وزير الخارجية الأميركي") is resolved to the office holder on the article date from the
//    knowledge base. A relay ("بحسب", "وفقاً لـ") governs its sentence when it opens it, or the
//    quote right before it.
// 3. Each quote takes the speaker of the frame that governs it: the last verb or participle
//    before it in its sentence (a relay right after it is kept as `via`), else a relay right
//    after it, else a verb right after it ("…"، قال), else a headline colon ("بلينكن: …"),
//    else — for a paragraph that is only a quote — the speaker of the previous paragraph.
//    Otherwise the speaker is unknown (null): never guessed from distance alone.
// 4. A quote of fewer than statement_min_words words with no frame, or preceded by a term
//    head ("حركة", "مدير", "لـ"), is a term (a scare-quoted name or word), not a statement.
#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "extract/extractors/extractors.h"
#include "extract/number_value.h"
#include "extract/people/people.h"
#include "extract/rules_util.h"
#include "facts/quote_text.h"

namespace tadqiq::extract {
namespace {

using people::FrameHit;
using people::FrameKind;
using people::Knowledge;
using people::NameHit;

enum Family { kAsciiDouble, kCurlyDouble, kGuillemet, kAsciiSingle, kCurlySingle, kAngleSingle, kNone };

Family family_of(UChar32 c) {
  switch (c) {
    case 0x22: case 0xFF02: return kAsciiDouble;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x2036:
    case 0x301D: case 0x301E: case 0x301F: return kCurlyDouble;
    case 0xAB: case 0xBB: return kGuillemet;
    case 0x27: return kAsciiSingle;
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: return kCurlySingle;
    case 0x2039: case 0x203A: return kAngleSingle;
    default: return kNone;  // primes (U+2032, U+2035) are not quotes
  }
}

bool opening_glyph(UChar32 c) {
  return c == 0x201C || c == 0x201E || c == 0xAB || c == 0x2018 || c == 0x201A || c == 0x2039 || c == 0x301D;
}

bool word_char(UChar32 c) {
  return c >= 0 && (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK));
}
bool ascii_letter(UChar32 c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// The first byte at or after p that is a line break or a quote mark of the view ('"', '\''),
// else v.size(). Sixteen bytes at a time with SSE2, else eight (SWAR): most of a text is
// neither.
std::size_t next_mark(std::string_view v, std::size_t p) {
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n'), dq = _mm_set1_epi8('"'), sq = _mm_set1_epi8('\'');
  for (; p + 16 <= v.size(); p += 16) {
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(v.data() + p));
    const unsigned m = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, nl), _mm_cmpeq_epi8(w, dq)), _mm_cmpeq_epi8(w, sq))));
    if (m) return p + static_cast<std::size_t>(__builtin_ctz(m));
  }
#else
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  auto has = [](std::uint64_t w, unsigned char c) {  // some byte of w is c
    const std::uint64_t x = w ^ (kOnes * c);
    return (x - kOnes) & ~x & kHighs;
  };
  for (; p + 8 <= v.size(); p += 8) {
    std::uint64_t w;
    std::memcpy(&w, v.data() + p, 8);
    if (has(w, '\n') | has(w, '"') | has(w, '\'')) break;
  }
#endif
  while (p < v.size() && v[p] != '\n' && v[p] != '"' && v[p] != '\'') ++p;
  return p;
}

// Ids the names extractor gave to each folded spelling: views into its facts, which stay put
// while the quotes extractor reads them.
using Ids = std::unordered_map<std::string_view, std::string_view>;

struct Speaker {
  std::string display;  // knowledge-base display form, else as written
  std::string id;       // "" when unknown
  std::string text;     // as written
  std::string kind;     // person | organisation | anonymous
  bool resolved_by_office = false;
};

struct Frame {
  FrameHit hit;
  std::size_t sentence = 0;
  std::size_t line = 0;
  std::optional<Speaker> speaker;
  std::optional<Speaker> via;  // who relays the speaker ("نقل موقع إكسيوس عن …")
  std::string attribution;     // how the speaker was found
};

struct Quote {
  std::size_t open = 0;       // view offset of the opening mark
  std::size_t close = 0;      // view offset of the closing mark (npos when unterminated)
  std::size_t inner_b = 0, inner_e = 0;
  UChar32 open_cp = 0, close_cp = 0;
  bool nested = false;
  std::size_t line = 0;
};

// The frames of an article and how far their speakers are resolved. Resolving the frames in
// document order gives a verb without a subject the speaker of the last frame before it
// (continuation), and lets a participle read the frames before it in its sentence. Here a frame
// is resolved when something reads it (a quote, a later frame), with what it reads resolved
// first: the same speakers, without resolving the frames nothing reads (most of them).
struct FrameWalk {
  std::vector<Frame> frames;
  std::vector<char> done;              // resolved as in document order
  std::vector<std::ptrdiff_t> before;  // per k: the last frame before k with a speaker (-1 none, -2 unknown)
};

// Articles with more frames resolve them in order: resolving on demand recurses once per
// frame it reaches back over.
constexpr std::size_t kMaxOnDemandFrames = 256;

const std::optional<Speaker>& no_speaker() {
  static const std::optional<Speaker> none;
  return none;
}

class QuotesExtractor final : public Extractor {
 public:
  explicit QuotesExtractor(const rules::RuleSet& rs) : kb_(rs), clitics_(clitics(rs)) {
    const auto& fn = kb_.frame_names();
    for (std::size_t k = 0; k < fn.size() && quote_from_ < 0; ++k)
      if (std::string_view(fn[k]) == std::string_view("quote_from")) quote_from_ = static_cast<int>(k);
    quote_text::sort_clitics(clitics_);
    if (const auto sp = rs.doc("speech.yaml"); sp && sp["quote_text"]) {
      const auto qt = sp["quote_text"];
      if (qt["min_words"]) qt_min_words_ = static_cast<int>(number_of(rs, "speech.yaml", qt["min_words"]));
      if (qt["difference"]) qt_difference_ = number_of(rs, "speech.yaml", qt["difference"]);
    }
  }
  std::string_view name() const override { return "quotes"; }

  void extract(const Document& doc, std::vector<Fact>& facts) const override {
    const std::string& v = doc.text();
    std::vector<std::size_t> line_starts{0};
    for (std::size_t p = v.find('\n'); p != std::string::npos; p = v.find('\n', p + 1)) line_starts.push_back(p + 1);
    std::vector<Quote> quotes;
    find_quotes(doc, line_starts, quotes);
    if (quotes.empty()) return;

    Ids ids;
    for (const auto& f : facts)
      if (f.type == "name") ids.emplace(string_member(f.attributes, "folded"), string_member(f.value, "id"));

    // Frames outside top-level quotes, in order, up to the last place a quote looks at: the end
    // of its line and the word after its closing mark (make_quote).
    const auto& toks = doc.tokens();
    std::size_t reach = 0;
    for (const auto& q : quotes) {
      reach = std::max(reach, q.line + 1 < line_starts.size() ? line_starts[q.line + 1] : v.size());
      if (q.close != std::string::npos) {
        const std::size_t t = doc.token_at_or_after(q.close + 1);
        if (t < toks.size()) reach = std::max<std::size_t>(reach, toks[t].begin);
      }
    }
    std::vector<Frame> frames;
    frames.reserve(16);  // a Frame is large: fewer moves as the vector grows
    std::size_t q = 0;
    // Only the tokens where a frame may start (start_mask, listed once per document).
    for (std::size_t i = kb_.next_start(doc, 0, Knowledge::kStartsFrame); i < toks.size() && toks[i].begin <= reach;
         i = kb_.next_start(doc, i + 1, Knowledge::kStartsFrame)) {
      while (q < quotes.size() && (quotes[q].nested || quotes[q].inner_e <= toks[i].begin)) ++q;
      if (q < quotes.size() && toks[i].begin >= quotes[q].inner_b && toks[i].begin < quotes[q].inner_e) continue;
      if (auto f = kb_.frame_at(doc, i)) {
        Frame fr;
        fr.hit = *f;
        fr.sentence = doc.sentence_at(toks[i].begin);
        fr.line = line_of(line_starts, toks[i].begin);
        frames.push_back(std::move(fr));
        i = f->last - 1;
      }
    }

    // Walk frames and quotes in order.
    FrameWalk w;
    w.done.assign(frames.size(), 0);
    w.before.assign(frames.size() + 1, -2);
    w.before[0] = -1;
    w.frames = std::move(frames);
    const bool on_demand = w.frames.size() <= kMaxOnDemandFrames;
    std::size_t fi = 0;
    std::vector<Fact> out;
    const Quote* prev_q = nullptr;
    for (const auto& q : quotes) {
      while (fi < w.frames.size() && toks[w.frames[fi].hit.first].begin < q.open) {
        if (!on_demand) {
          ensure(doc, w, fi, ids);
          w.before[fi + 1] = w.frames[fi].speaker ? static_cast<std::ptrdiff_t>(fi) : w.before[fi];
        }
        ++fi;
      }
      // The speaker so far: that of the last frame with one.
      const std::ptrdiff_t li = last_before(doc, w, fi, ids);
      const std::optional<Speaker>& last = li >= 0 ? w.frames[li].speaker : no_speaker();
      const std::size_t last_line = li >= 0 ? w.frames[li].line : SIZE_MAX;
      out.push_back(make_quote(doc, q, w, fi, last, last_line, line_starts, ids));
      // A quote that follows another in its paragraph with no words between continues it.
      if (prev_q && !q.nested && prev_q->line == q.line && out.size() >= 2 &&
          out.back().attributes["speaker"].is_null() && !out[out.size() - 2].attributes["speaker"].is_null() &&
          out.back().attributes["kind"] == "statement") {
        const std::size_t from = prev_q->close != std::string::npos ? prev_q->close + 1 : prev_q->inner_e;
        const std::size_t t = doc.token_at_or_after(from);
        if (t >= toks.size() || toks[t].begin >= q.open) {
          const Fact& p = out[out.size() - 2];
          for (const char* k : {"speaker", "speaker_id", "speaker_text", "speaker_kind", "frame"})
            if (p.attributes.contains(k)) out.back().attributes[k] = p.attributes[k];
          out.back().attributes["attribution"] = "previous_quote";
          out.back().key = p.key;
        }
      }
      if (!q.nested) prev_q = &q;
    }
    int quote_no = 0;
    for (const auto& f : facts) quote_no += f.type == "quote";
    // Content keys: each statement of a known speaker again as a quote_text fact under each of
    // its content keys (facts/quote_text.h), so that the same words given to two speakers
    // meet in one group. `attributes.quote` is the id the quote fact will get. The keys of
    // every quote first, so that facts grows once.
    std::vector<std::vector<std::string>> keys_of(out.size());
    std::size_t n_copies = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
      const auto& a = out[i].attributes;
      const auto sid = a.find("speaker_id");
      if (out[i].key.empty() || sid == a.end() || !sid->is_string() || a.value("words", 0) < qt_min_words_)
        continue;
      std::size_t n_stems = 0;
      auto keys =
          quote_text::content_keys_of(string_member(out[i].value, "normalized"), clitics_, qt_difference_, n_stems);
      if (static_cast<int>(n_stems) < qt_min_words_) continue;
      n_copies += keys.size();
      keys_of[i] = std::move(keys);
    }
    facts.reserve(facts.size() + out.size() + n_copies);
    const std::size_t first = facts.size();
    for (auto& f : out) facts.push_back(std::move(f));
    for (std::size_t i = 0; i < keys_of.size(); ++i) {
      ++quote_no;
      const auto& keys = keys_of[i];
      if (keys.empty()) continue;
      const auto& a = facts[first + i].attributes;
      // A copy with the attributes the comparison reads instead of its own (facts has room: src
      // stays put).
      const Fact& src = facts[first + i];
      Fact c;
      c.id = src.id;
      c.type = "quote_text";
      c.value = src.value;
      c.span = src.span;
      c.text = src.text;
      c.sentence = src.sentence;
      c.as_of = src.as_of;
      c.view_begin = src.view_begin;
      c.view_end = src.view_end;
      // In key order, each member appended at the end of the map.
      auto& kept = members(c.attributes);
      const auto& from = a.get_ref<const FactJson::object_t&>();
      auto keep = [&](const char* k) {
        if (const auto it = from.find(k); it != from.end()) put(kept, k, it->second);
      };
      keep("attribution");
      put(kept, "content_keys", keys);
      keep("kind");
      put(kept, "quote", "quote-" + std::to_string(quote_no));
      for (const char* k : {"speaker", "speaker_id", "speaker_kind", "speaker_text", "via_id", "words"}) keep(k);
      for (std::size_t k = 0; k < keys.size(); ++k) {
        c.key = "quote_text/" + keys[k];
        if (k + 1 < keys.size()) facts.push_back(c);
        else facts.push_back(std::move(c));
      }
    }
  }

 private:
  static std::size_t line_of(const std::vector<std::size_t>& starts, std::size_t pos) {
    return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), pos) - starts.begin()) - 1;
  }

  // The original code point behind view byte p (a quote mark).
  static UChar32 original_at(const Document& doc, std::size_t p) {
    const std::string& src = doc.article().text;
    std::int32_t i = static_cast<std::int32_t>(doc.view().source_of(p));
    UChar32 c;
    U8_NEXT(src.data(), i, static_cast<std::int32_t>(src.size()), c);
    return c;
  }

  void find_quotes(const Document& doc, const std::vector<std::size_t>& line_starts, std::vector<Quote>& out) const {
    const std::string& v = doc.text();
    struct Open {
      std::size_t pos;
      UChar32 cp;
      Family fam;
      bool nested;
    };
    std::vector<Open> stack;
    std::size_t line = 0;
    auto close = [&](const Open& o, std::size_t at, UChar32 cp, bool terminated) {
      Quote q;
      q.open = o.pos;
      q.open_cp = o.cp;
      q.close = terminated ? at : std::string::npos;
      q.close_cp = terminated ? cp : 0;
      q.nested = o.nested;
      q.line = line;
      std::size_t b = o.pos + 1, e = at;
      while (b < e && (v[b] == ' ' || v[b] == '\n')) ++b;
      while (e > b && (v[e - 1] == ' ' || v[e - 1] == '\n')) --e;
      q.inner_b = b;
      q.inner_e = e;
      const std::size_t t = doc.token_at_or_after(b);
      if (t < doc.tokens().size() && doc.tokens()[t].begin < e) out.push_back(q);
    };
    auto end_line = [&](std::size_t at) {
      while (!stack.empty()) {
        close(stack.back(), at, 0, false);
        stack.pop_back();
      }
    };
    for (std::size_t p = next_mark(v, 0); p < v.size(); p = next_mark(v, p + 1)) {
      const char ch = v[p];
      if (ch == '\n') {
        end_line(p);
        ++line;
        continue;
      }
      if (ch != '"' && ch != '\'') continue;
      const UChar32 cp = original_at(doc, p);
      const Family fam = family_of(cp);
      if (fam == kNone) continue;
      UChar32 prev = -1, next = -1;
      if (p > line_starts[line]) {
        std::int32_t j = static_cast<std::int32_t>(p);
        U8_PREV(v.data(), 0, j, prev);
      }
      if (p + 1 < v.size()) {
        std::int32_t j = static_cast<std::int32_t>(p + 1);
        U8_NEXT(v.data(), j, static_cast<std::int32_t>(v.size()), next);
      }
      // An apostrophe inside a Latin word ("don't") is not a quote.
      if ((fam == kAsciiSingle || cp == 0x2019) && ascii_letter(prev) && ascii_letter(next)) continue;
      const bool ctx_open = word_char(next);
      const bool ctx_close = !word_char(next) && prev >= 0 && prev != ' ';
      int idx = -1;
      for (int k = static_cast<int>(stack.size()) - 1; k >= 0; --k)
        if (stack[k].fam == fam) {
          idx = k;
          break;
        }
      if (idx >= 0) {
        const bool restart = opening_glyph(cp) && ctx_open && fam != kAsciiDouble && fam != kAsciiSingle &&
                             (prev < 0 || prev == ' ');
        while (static_cast<int>(stack.size()) > idx + 1) {
          close(stack.back(), p, 0, false);
          stack.pop_back();
        }
        close(stack.back(), p, cp, !restart);
        stack.pop_back();
        if (restart) stack.push_back({p, cp, fam, !stack.empty()});
      } else {
        if (ctx_close && !ctx_open) continue;  // a closing mark with nothing open
        stack.push_back({p, cp, fam, !stack.empty()});
      }
    }
    end_line(v.size());
    std::sort(out.begin(), out.end(), [](const Quote& a, const Quote& b) { return a.open < b.open; });
  }

  Speaker speaker_of(const Document& doc, const NameHit& h, const Ids& ids) const {
    const auto& toks = doc.tokens();
    Speaker s;
    s.text = doc.source_text(toks[h.first].begin + h.clitic, toks[h.last - 1].end);
    if (h.entity >= 0) {
      const auto& e = kb_.entities()[h.entity];
      s.display = e.display;
      s.id = e.id;
      s.kind = e.organisation ? "organisation" : "person";
    } else {
      s.display = s.text;
      const auto folded = kb_.folded_of(doc, h);
      if (auto it = ids.find(folded); it != ids.end()) s.id = std::string(it->second);
      else s.id = kb_.id_of(doc, h);
      s.kind = "person";
    }
    return s;
  }

  // The speaker named at token j (after a verb or relay).
  // `relay`: after a relay the speaker may carry a preposition ("للبيت الأبيض"); after a verb
  // a name with a preposition is who was spoken to ("وقال لنتنياهو").
  std::optional<Speaker> subject_at(const Document& doc, std::size_t j,
                                    const Ids& ids,
                                    bool relay = false) const {
    const auto& toks = doc.tokens();
    const std::size_t n = toks.size();
    if (j >= n || Knowledge::hard_break(doc, j)) return std::nullopt;
    // A title starts only where start_mask says so; a listed name too (else only by key).
    const int mask = kb_.start_mask(doc, j);
    if (auto t = (mask & Knowledge::kStartsTitle) ? kb_.title_at(doc, j) : std::nullopt;
        t && (relay || t->clitic == 0)) {
      std::size_t k = t->last;
      int country = t->country;
      for (int round = 0; round < 3; ++round) {
        std::size_t k2 = kb_.skip_honorifics(doc, k);
        if (k2 >= n || Knowledge::hard_break(doc, k2)) break;
        auto t2 = kb_.title_at(doc, k2);
        if (!t2 || t2->clitic) break;
        if (country < 0) country = t2->country;
        k = t2->last;
      }
      const std::size_t after = kb_.skip_honorifics(doc, k);
      if (after < n && !Knowledge::hard_break(doc, after))
        if (auto p = kb_.person_at(doc, after)) {
          Speaker s = speaker_of(doc, *p, ids);
          s.text = doc.source_text(toks[j].begin + t->clitic, toks[p->last - 1].end);
          return s;
        }
      Speaker s;
      s.text = doc.source_text(toks[j].begin + t->clitic, toks[t->last - 1].end);
      const int e = kb_.holder(t->office, country, doc.article().date);
      if (t->n_modifiers == 0 && e >= 0) {
        s.display = kb_.entities()[e].display;
        s.id = kb_.entities()[e].id;
        s.kind = "person";
        s.resolved_by_office = true;
      } else {
        s.display = s.text;
        s.kind = "anonymous";
      }
      return s;
    }
    if (auto h = (mask & Knowledge::kStartsEntity) ? kb_.entity_at(doc, j) : kb_.key_name_at(doc, j)) {
      if (h->clitic && !relay) return std::nullopt;
      return speaker_of(doc, *h, ids);
    }
    if (kb_.anonymous_at(doc, j)) {
      // "بيان صادر عن البيت الأبيض": the body it comes from speaks.
      for (std::size_t k = j + 1; k < n && k <= j + 3; ++k) {
        if (Knowledge::hard_break(doc, k)) break;
        if (auto ib = kb_.issued_by_at(doc, k)) {
          if (auto h = kb_.entity_at(doc, ib->last)) {
            Speaker s = speaker_of(doc, *h, ids);
            s.text = doc.source_text(toks[j].begin, toks[h->last - 1].end);
            return s;
          }
          break;
        }
      }
      std::size_t e = j + 1;
      while (e < n && e < j + 3 && !Knowledge::hard_break(doc, e) && !toks[e].digits &&
             !kb_.is_stop(doc.token_text(e)) && !kb_.complementizer_at(doc, e) && !kb_.frame_at(doc, e) &&
             !kb_.is_clitic(doc.token_text(e)))
        ++e;
      Speaker s;
      s.text = doc.source_text(toks[j].begin, toks[e - 1].end);
      s.display = s.text;
      s.kind = "anonymous";
      return s;
    }
    if (auto h = kb_.pattern_name_at(doc, j, true)) return speaker_of(doc, *h, ids);
    return std::nullopt;
  }

  // Knowledge::entity_at, without the lookup of listed names where none starts.
  std::optional<NameHit> entity_at(const Document& doc, std::size_t j) const {
    if (j >= doc.tokens().size()) return std::nullopt;
    return (kb_.start_mask(doc, j) & Knowledge::kStartsEntity) ? kb_.entity_at(doc, j) : kb_.key_name_at(doc, j);
  }

  // The last person named in [from, to) tokens.
  std::optional<NameHit> last_person(const Document& doc, std::size_t from, std::size_t to, bool first) const {
    std::optional<NameHit> best;
    constexpr int kBits = Knowledge::kStartsEntity | Knowledge::kStartsTitle;
    int mask = 0;
    for (std::size_t k = kb_.next_start(doc, from, kBits, &mask); k < to; k = kb_.next_start(doc, k + 1, kBits, &mask)) {
      auto h = (mask & Knowledge::kStartsEntity) ? kb_.entity_at(doc, k) : std::nullopt;
      if (!h) {
        // A person after a title ("المتحدث باسم وزارة الخارجية ماثيو ميللر").
        if (auto t = kb_.title_at(doc, k)) {
          const std::size_t a = kb_.skip_honorifics(doc, t->last);
          if (a < to && !Knowledge::hard_break(doc, a)) h = kb_.person_at(doc, a);
          if (!h) {
            k = t->last - 1;
            continue;
          }
        }
      }
      if (!h || h->last > to) continue;
      if (h->entity < 0 || !kb_.entities()[h->entity].organisation) {
        best = h;
        if (first) return best;
      }
      k = h->last - 1;
    }
    return best;
  }

  // Frame fi resolved in document order (see FrameWalk): in `ensure`, or for the frame right
  // after a quote in make_quote.
  void ensure(const Document& doc, FrameWalk& w, std::size_t k, const Ids& ids) const {
    if (w.done[k]) return;
    resolve(
        doc, w.frames, k,
        [&]() -> const std::optional<Speaker>& {
          const std::ptrdiff_t i = last_before(doc, w, k, ids);
          return i >= 0 ? w.frames[i].speaker : no_speaker();
        },
        [&](std::size_t j) -> const Frame& {
          ensure(doc, w, j, ids);
          return w.frames[j];
        },
        ids);
    w.done[k] = 1;
  }

  // The last frame before frame k with a speaker once resolved (-1: none).
  std::ptrdiff_t last_before(const Document& doc, FrameWalk& w, std::size_t k, const Ids& ids) const {
    if (w.before[k] != -2) return w.before[k];
    ensure(doc, w, k - 1, ids);
    const std::ptrdiff_t r =
        w.frames[k - 1].speaker ? static_cast<std::ptrdiff_t>(k - 1) : last_before(doc, w, k - 1, ids);
    w.before[k] = r;
    return r;
  }

  // Resolves frame fi. `last()`: the speaker so far (continuation), asked only when nothing
  // else gives one; `earlier(k)`: frame k < fi as resolved by then.
  template <class Last, class Earlier>
  void resolve(const Document& doc, std::vector<Frame>& frames, std::size_t fi, Last&& last, Earlier&& earlier,
               const Ids& ids) const {
    Frame& f = frames[fi];
    const auto& toks = doc.tokens();
    const auto& sent = doc.sentences()[f.sentence];
    const std::size_t s_first = doc.token_at_or_after(sent.begin);
    if (f.hit.kind == FrameKind::relay || f.hit.kind == FrameKind::quoting) {
      std::size_t j = f.hit.last;
      if (j < toks.size() && kb_.is_clitic(doc.token_text(j)) && !Knowledge::hard_break(doc, j + 1)) ++j;
      if ((f.speaker = subject_at(doc, j, ids, true))) f.attribution = "relay";
      return;
    }
    if (f.hit.kind == FrameKind::participle) {
      // The speaker of the sentence: an earlier frame's, else its first person.
      for (std::size_t k = fi; k-- > 0;) {
        if (frames[k].sentence != f.sentence) break;
        const Frame& e = earlier(k);
        if (e.speaker && e.hit.kind != FrameKind::relay && e.hit.kind != FrameKind::quoting) {
          f.speaker = e.speaker;
          f.attribution = "participle";
          return;
        }
      }
      if (auto h = last_person(doc, s_first, f.hit.first, true)) {
        f.speaker = speaker_of(doc, *h, ids);
        f.attribution = "participle";
      }
      return;
    }
    if (f.hit.verb == quote_from_) {
      // "نقل موقع إكسيوس عن المصادر": the source after the marker speaks; the subject relays.
      for (std::size_t k = f.hit.last; k < toks.size() && k < f.hit.last + 6; ++k) {
        if (k > f.hit.last && Knowledge::hard_break(doc, k) && !Knowledge::comma_break(doc, k)) break;
        if (kb_.source_marker_at(doc, k)) {
          if ((f.speaker = subject_at(doc, k + 1, ids, true))) {
            f.attribution = "relay";
            f.via = subject_at(doc, f.hit.last, ids);
          }
          return;
        }
      }
    }
    if ((f.speaker = subject_at(doc, f.hit.last, ids))) {
      f.attribution = f.speaker->resolved_by_office ? "office_holder" : "frame";
      return;
    }
    // A name right before the verb ("أن بلينكن قال", "تدخل بلينكن وقال").
    if (f.hit.first > s_first && !Knowledge::hard_break(doc, f.hit.first)) {
      const std::size_t lo = f.hit.first > 5 ? f.hit.first - 5 : 0;
      for (std::size_t s = std::max(lo, s_first); s < f.hit.first; ++s)
        if (auto h = entity_at(doc, s); h && h->last == f.hit.first) {
          f.speaker = speaker_of(doc, *h, ids);
          f.attribution = "frame";
          return;
        }
      // "لكنه قال": the last person named before, in the sentence.
      if (kb_.pronoun_subject_at(doc, f.hit.first - 1)) {
        if (auto h = last_person(doc, s_first, f.hit.first - 1, false)) {
          f.speaker = speaker_of(doc, *h, ids);
          f.attribution = "pronoun";
          return;
        }
      }
    }
    if (const std::optional<Speaker>& l = last(); l) {
      f.speaker = l;
      f.attribution = "continuation";
    }
  }

  Fact make_quote(const Document& doc, const Quote& q, FrameWalk& w, std::size_t fi,
                  const std::optional<Speaker>& last, std::size_t last_line,
                  const std::vector<std::size_t>& line_starts,
                  const Ids& ids) const {
    const auto& toks = doc.tokens();
    const std::string& v = doc.text();
    const std::size_t qs = doc.sentence_at(q.inner_b);
    const std::size_t q_tok = doc.token_at_or_after(q.inner_b);
    const std::size_t end_tok = doc.token_at_or_after(q.inner_e);
    const int words = static_cast<int>(end_tok - q_tok);
    const auto& sent = doc.sentences()[qs];
    const std::size_t s_first = doc.token_at_or_after(sent.begin);

    std::vector<Frame>& frames = w.frames;
    // The governing frame before the quote in its sentence.
    const Frame* gov = nullptr;
    for (std::size_t k = fi; k-- > 0;) {
      const Frame& f = frames[k];
      if (f.sentence != qs) break;
      const bool relay = f.hit.kind == FrameKind::relay || f.hit.kind == FrameKind::quoting;
      if (relay && f.hit.first != s_first) continue;  // a relay inside the sentence governs what precedes it
      ensure(doc, w, k, ids);
      gov = &f;
      break;
    }
    // Frames right after the quote: a relay (kept as `via` or the speaker), or a verb.
    const Frame* after = nullptr;  // frames do not move while a quote is made
    std::string_view after_frame;
    bool after_relay = false;
    if (q.close != std::string::npos) {
      const std::size_t t = doc.token_at_or_after(q.close + 1);
      if (t < toks.size() && doc.sentence_at(toks[t].begin) == qs) {
        const std::string_view gap = std::string_view(v).substr(q.close + 1, toks[t].begin - q.close - 1);
        bool ok = gap.find_first_of(".;:!?\n") == std::string_view::npos;
        if (ok)
          if (auto f = kb_.frame_at(doc, t)) {
            for (std::size_t k = fi; k < frames.size(); ++k)
              if (frames[k].hit.first == t) {
                // Resolved with the speaker so far. For the first frame after the quote (nearly
                // always the one) that is its resolution in document order: resolved once.
                // Otherwise resolved again in document order when read.
                if (k == fi)
                  ensure(doc, w, k, ids);
                else
                  resolve(
                      doc, frames, k, [&]() -> const std::optional<Speaker>& { return last; },
                      [&](std::size_t j) -> const Frame& {
                        if (j < fi) ensure(doc, w, j, ids);
                        return frames[j];
                      },
                      ids);
                after = &frames[k];
                after_frame = kb_.frame_names()[f->verb];
                after_relay = f->kind == FrameKind::relay || f->kind == FrameKind::quoting;
                break;
              }
          }
      }
    }

    // The speaker: a frame's (read in place), the headline's, or the previous paragraph's.
    const Speaker* speaker = nullptr;
    std::optional<Speaker> headline;
    std::string_view attribution, frame;
    bool direct = false;
    if (gov) {
      if (gov->speaker) speaker = &*gov->speaker;
      attribution = gov->attribution;
      frame = kb_.frame_names()[gov->hit.verb];
      // Directly framed: the verb, its subject or a complementizer right before, or a colon.
      const std::size_t before = q_tok;
      const std::string_view gap =
          before > 0 ? std::string_view(v).substr(toks[before - 1].end, q.open - toks[before - 1].end) : "";
      direct = gap.find(':') != std::string_view::npos || (before > 0 && gov->hit.last == before) ||
               (before > 0 && kb_.complementizer_at(doc, before - 1));
    } else if (after && after->speaker) {
      speaker = &*after->speaker;
      attribution = after->attribution;
      frame = after_frame;
      direct = !after_relay;
    } else {
      // A headline frame: "بلينكن: …".
      const std::size_t lt = doc.token_at_or_after(line_starts[q.line]);
      if (lt < q_tok) {
        if (auto h = kb_.entity_at(doc, lt); h && h->last <= q_tok && h->last < toks.size()) {
          const std::string_view gap = std::string_view(v).substr(toks[h->last - 1].end, toks[h->last].begin - toks[h->last - 1].end);
          if (gap.find(':') != std::string_view::npos) {
            headline = speaker_of(doc, *h, ids);
            speaker = &*headline;
            attribution = "headline";
            frame = "colon";
            direct = true;
          }
        }
      }
      // A paragraph that is only a quote continues the speaker of the paragraph before it.
      if (!speaker && last && line_starts[q.line] == q.open) {
        bool has_frame = false;
        for (std::size_t k = fi; k < frames.size() && frames[k].line == q.line; ++k) has_frame = true;
        std::size_t prev = q.line;
        while (prev > 0) {
          --prev;
          const std::size_t b = line_starts[prev], e = line_starts[prev + 1] - 1;
          if (v.find_first_not_of(' ', b) < e) break;
        }
        if (!has_frame && prev != q.line && last_line == prev) {
          speaker = &*last;
          attribution = "previous_paragraph";
        }
      }
    }
    const Speaker* via = nullptr;
    if (gov && gov->via) via = &*gov->via;
    if (gov && after_relay && after && after->speaker) via = &*after->speaker;

    const bool term_head = kb_.term_head_ending(doc, q_tok);
    const bool statement = !q.nested && (words >= kb_.statement_min_words()
                                             ? true
                                             : (speaker && !term_head && (direct || words >= 2)));
    // Span: the quote with its marks.
    const std::size_t span_e = q.close != std::string::npos ? q.close + 1 : q.inner_e;
    Fact f = doc.make_fact("quote", q.open, span_e);
    std::string inner = doc.source_text(q.inner_b, q.inner_e);
    std::string normalized;
    if (end_tok > q_tok) normalized.reserve(toks[end_tok - 1].end - toks[q_tok].begin);
    for (std::size_t k = q_tok; k < end_tok; ++k) {
      if (!normalized.empty()) normalized.push_back(' ');
      normalized.append(doc.token_text(k));
    }
    auto& value = members(f.value);  // in key order, each member appended at the end
    put(value, "normalized", std::move(normalized));
    put(value, "text", std::move(inner));
    // The marks as written (UTF-8), in one string: the opening one, then the closing one if any.
    std::string delimiter;
    for (const UChar32 c : {q.open_cp, q.close_cp}) {
      if (c <= 0) continue;
      char buf[4];
      std::int32_t j = 0;
      UBool err = false;
      U8_APPEND(buf, j, 4, c, err);
      if (!err) delimiter.append(buf, static_cast<std::size_t>(j));
    }
    // The attributes in key order, each appended at the end of the map (no search).
    if (statement) f.key = "quote/" + (speaker && !speaker->id.empty() ? speaker->id : std::string("unknown"));
    const bool said = statement && speaker;
    auto& a = members(f.attributes);
    if (said) put(a, "attribution", std::string(attribution));
    put(a, "delimiter", std::move(delimiter));
    if (said) put(a, "frame", std::string(frame));
    put(a, "kind", statement ? "statement" : "term");
    if (q.nested) put(a, "nested", true);
    if (q.close == std::string::npos) put(a, "note", "unterminated");
    put(a, "speaker", said ? FactJson(speaker->display) : FactJson(nullptr));
    put(a, "speaker_id", said && !speaker->id.empty() ? FactJson(speaker->id) : FactJson(nullptr));
    if (said) {
      put(a, "speaker_kind", speaker->kind);
      put(a, "speaker_text", speaker->text);
    }
    if (statement && via) {
      put(a, "via", via->display);
      if (!via->id.empty()) put(a, "via_id", via->id);
    }
    put(a, "words", words);
    return f;
  }

  Knowledge kb_;
  std::vector<std::string> clitics_;
  int qt_min_words_ = 6;
  double qt_difference_ = 0.1;
  int quote_from_ = -1;  // the frame "quote_from" (frame_names), -1 when the rules have none
};

}  // namespace

std::unique_ptr<Extractor> make_quotes_extractor(const rules::RuleSet& rules) {
  return std::make_unique<QuotesExtractor>(rules);
}

}  // namespace tadqiq::extract
