#include "extract/lexicon.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "normalize/normalize.h"

namespace tadqiq::extract {

namespace {

enum class Cls : std::uint8_t { sep, letter, digit };

inline Cls classify_cp(UChar32 cp) {
  if (cp < 0) return Cls::sep;
  if (cp < 0x80) {
    if (cp >= '0' && cp <= '9') return Cls::digit;
    if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return Cls::letter;
    return Cls::sep;
  }
  const auto mask = U_GET_GC_MASK(cp);
  if (mask & (U_GC_L_MASK | U_GC_M_MASK)) return Cls::letter;
  return Cls::sep;  // non-ASCII digits never reach the view
}

// The index in the pair table of a code point's first byte c and the byte d after it (0 after
// the last byte): the two bytes as one native 16-bit load reads them.
constexpr unsigned pair_index(unsigned c, unsigned d) {
  return std::endian::native == std::endian::little ? c | d << 8 : c << 8 | d;
}

// The class and byte length of the code point that starts with each pair of bytes (64 KB, of
// which a text touches the rows of its lead bytes): for an ASCII first byte, whatever follows,
// and for a well-formed two-byte sequence (every code point below U+0800: Arabic). Entries are
// length << 2 | class, from ICU once; 0 sends every other pair (three- and four-byte sequences,
// ill-formed bytes) to classify_long(), so one load classifies and steps over a code point.
struct ClassTable {
  std::array<std::uint8_t, 0x10000> pair{};
  ClassTable() {
    for (unsigned c = 0; c < 0x80; ++c) {
      const auto e = static_cast<std::uint8_t>(1u << 2 | static_cast<unsigned>(classify_cp(static_cast<UChar32>(c))));
      for (unsigned d = 0; d < 0x100; ++d) pair[pair_index(c, d)] = e;
    }
    for (unsigned c = 0xC2; c <= 0xDF; ++c)
      for (unsigned d = 0x80; d < 0xC0; ++d) {
        const auto cp = static_cast<UChar32>((c & 0x1F) << 6 | (d & 0x3F));
        pair[pair_index(c, d)] = static_cast<std::uint8_t>(2u << 2 | static_cast<unsigned>(classify_cp(cp)));
      }
  }
};

const ClassTable& class_table() {
  static const ClassTable t;
  return t;
}

// The pair-table entry (never 0) of a code point of three or four bytes (or of ill-formed
// bytes) at i, kept out of line.
[[gnu::noinline]] unsigned classify_long(std::string_view s, std::size_t i) {
  UChar32 cp;
  std::int32_t j = static_cast<std::int32_t>(i);
  U8_NEXT(s.data(), j, static_cast<std::int32_t>(s.size()), cp);
  return static_cast<unsigned>(j - static_cast<std::int32_t>(i)) << 2 | static_cast<unsigned>(classify_cp(cp));
}

}  // namespace

namespace {

// token_hash(), inlined into tokenize().
[[gnu::always_inline]] inline std::uint64_t hash_bytes(const char* p, std::size_t size) {
  // Eight bytes at a time, multiply-xorshift mixing.
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (size * 0xC2B2AE3D27D4EB4Full);
  std::size_t n = size;
  while (n >= 8) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    h = (h ^ x) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
    p += 8;
    n -= 8;
  }
  // The last n < 8 bytes, byte k at bits 8k (little-endian loads): read as the top bytes of
  // the eight that end the string when it has eight, else as two overlapping halves.
  std::uint64_t x = 0;
  if (n) {
    if (size >= 8) {
      std::memcpy(&x, p + n - 8, 8);
      x >>= 8 * (8 - n);
    } else if (n >= 4) {
      std::uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      x = lo | (static_cast<std::uint64_t>(hi) << (8 * (n - 4)));
    } else {
      for (std::size_t k = 0; k < n; ++k) x |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])) << (8 * k);
    }
  }
  h = (h ^ x) * 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 29;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 32;
  return h | 1;
}

}  // namespace

std::uint64_t token_hash(std::string_view s) { return hash_bytes(s.data(), s.size()); }

std::vector<Token> tokenize(std::string_view view) {
  const ClassTable& T = class_table();
  std::vector<Token> out;
  out.reserve(view.size() / 6);
  const auto* const u = reinterpret_cast<const unsigned char*>(view.data());
  const std::size_t n = view.size();
  const auto push = [&](std::size_t b, std::size_t end, unsigned cls) {
    out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(end), cls == static_cast<unsigned>(Cls::digit),
                   hash_bytes(view.data() + b, end - b)});
  };
  // One pass, one probe of the pair table per code point of one or two bytes: the current
  // run of class `cur` began at b, and a token ends where the class changes (separators make
  // no token).
  unsigned cur = static_cast<unsigned>(Cls::sep);
  std::size_t b = 0;
  std::size_t i = 0;
  // The code point at i given its pair-table entry.
  const auto step = [&](unsigned e) __attribute__((always_inline)) {
    if (e == 0) [[unlikely]]
      e = classify_long(view, i);
    if ((e & 3) != cur) {
      if (cur != static_cast<unsigned>(Cls::sep)) push(b, i, cur);
      cur = e & 3;
      b = i;
    }
    i += e >> 2;
  };
  while (i + 1 < n) {
    std::uint16_t w;
    std::memcpy(&w, u + i, 2);
    step(T.pair[w]);
  }
  if (i < n) step(T.pair[pair_index(u[i], 0)]);  // the last byte
  if (cur != static_cast<unsigned>(Cls::sep)) push(b, n, cur);
  return out;
}

// ---- HashFilter ------------------------------------------------------------------------------

void HashFilter::add(std::uint64_t h) {
  keys_.push_back(h);
  if (keys_.size() * 16 > words_.size() * 64) {
    words_.assign(next_pow2(keys_.size() * 16 / 64 + 1), 0);
    mask_ = words_.size() - 1;
    for (const std::uint64_t k : keys_) set(k);
  } else {
    set(h);
  }
}

// ---- PhraseSet -------------------------------------------------------------------------------

PhraseSet::PhraseSet(std::vector<std::string> clitics) {
  // The extractors build dozens of sets from the same clitics: the last list's folded form is
  // kept per thread.
  struct Last {
    std::vector<std::string> raw, folded;
    std::vector<std::array<unsigned char, 2>> starts;
  };
  thread_local Last last;
  if (!last.raw.empty() && clitics == last.raw) {
    clitics_ = last.folded;
    clitic_starts_ = last.starts;
    return;
  }
  for (auto& c : clitics) {
    auto f = normalize::fold(c);
    if (!f.empty() && std::find(clitics_.begin(), clitics_.end(), f) == clitics_.end())
      clitics_.push_back(std::move(f));
  }
  std::stable_sort(clitics_.begin(), clitics_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const auto& c : clitics_) {
    if (c.size() < 2) continue;
    const std::array<unsigned char, 2> b{static_cast<unsigned char>(c[0]), static_cast<unsigned char>(c[1])};
    if (std::find(clitic_starts_.begin(), clitic_starts_.end(), b) == clitic_starts_.end())
      clitic_starts_.push_back(b);
  }
  last = {std::move(clitics), clitics_, clitic_starts_};
}

bool PhraseSet::clitic_applies(const std::string& c, std::string_view first) const {
  // The token would be c + first: six bytes or more, and the clitic leaves four bytes or more.
  if (first.size() < 4 || c.size() + first.size() < 6) return false;
  // Its first two bytes must start a clitic of two bytes or more: those of a clitic of two
  // bytes or more always do (clitic_starts_ lists them).
  if (c.size() >= 2) return true;
  const std::array<unsigned char, 2> b{static_cast<unsigned char>(c[0]), static_cast<unsigned char>(first[0])};
  return std::find(clitic_starts_.begin(), clitic_starts_.end(), b) != clitic_starts_.end();
}

const PhraseSet::Slot* PhraseSet::slot_of(std::uint64_t h) const {
  if (slots_.empty()) return nullptr;
  for (std::size_t k = (h >> 1) & slot_mask_;; k = (k + 1) & slot_mask_) {
    const Slot& s = slots_[k];
    if (s.head.group == kNone) return nullptr;
    if (s.hash == h) return &s;
  }
}

template <class Fn>
void PhraseSet::for_each_form(const std::string& first, Fn&& fn) const {
  fn(std::uint32_t{0}, std::string_view(first));
  std::string w;
  for (const auto& c : clitics_)
    if (clitic_applies(c, first)) {
      w.assign(c).append(first);
      fn(static_cast<std::uint32_t>(c.size()), std::string_view(w));
    }
}

void PhraseSet::set_single(std::uint32_t group, std::string_view written, bool single, int payload) {
  const std::uint64_t h = token_hash(written);
  std::size_t k = (h >> 1) & slot_mask_;
  while (slots_[k].hash != h) k = (k + 1) & slot_mask_;  // the form is indexed
  for (Written* w = &slots_[k].head; w; w = w->next == kNone ? nullptr : &written_[w->next])
    if (w->group == group) {
      w->single = single;
      w->payload = payload;
    }
}

void PhraseSet::index(std::uint32_t group, std::uint32_t clitic, std::string_view written, bool single,
                      int payload) {
  const std::uint64_t h = token_hash(written);
  if ((used_slots_ + 1) * 2 > slots_.size()) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(16, old.size() * 2), Slot{});
    slot_mask_ = slots_.size() - 1;
    starts_.reset(slots_.size() / 2);  // the table is at most half full
    for (const Slot& s : old)
      if (s.head.group != kNone) {
        std::size_t k = (s.hash >> 1) & slot_mask_;
        while (slots_[k].head.group != kNone) k = (k + 1) & slot_mask_;
        slots_[k] = s;
        starts_.insert(s.hash);
      }
  }
  std::size_t k = (h >> 1) & slot_mask_;  // bit 0 of a token hash is always set
  while (slots_[k].head.group != kNone && slots_[k].hash != h) k = (k + 1) & slot_mask_;
  Slot& s = slots_[k];
  Written w;
  w.group = group;
  w.clitic = clitic;
  w.single = single;
  w.off = static_cast<std::uint32_t>(pool_.size());
  w.len = static_cast<std::uint32_t>(written.size());
  w.payload = payload;
  pool_.append(written);
  if (s.head.group == kNone) {
    s.hash = h;
    s.head = w;
    ++used_slots_;
    starts_.insert(h);
    return;
  }
  // Keep the chain in lookup order: bare forms first, then longest clitic first. The chain is
  // rebuilt (construction only; chains hold a handful of forms).
  std::vector<Written> chain{s.head};
  for (std::uint32_t id = s.head.next; id != kNone; id = written_[id].next) chain.push_back(written_[id]);
  auto before = [&](const Written& x) { return x.clitic != 0 && (clitic == 0 || x.clitic < clitic); };
  auto pos = std::find_if(chain.begin(), chain.end(), before);
  chain.insert(pos, w);
  // chain[1..n) go to the end of written_, in order, each linked to the next.
  const std::size_t n = chain.size();  // two or more
  const auto base = static_cast<std::uint32_t>(written_.size());
  for (std::size_t c = 1; c < n; ++c) {
    Written x = chain[c];
    x.next = c + 1 < n ? base + static_cast<std::uint32_t>(c) : kNone;  // chain[c] is at base + c - 1
    written_.push_back(x);
  }
  s.head = chain[0];
  s.head.next = base;
}

void PhraseSet::add(std::string_view phrase, int payload) {
  const std::string f = normalize::fold(phrase);
  const auto toks = tokenize(f);
  if (toks.empty()) return;
  const std::string first = f.substr(toks[0].begin, toks[0].end - toks[0].begin);
  Entry e{payload, static_cast<std::uint32_t>(rest_.size()), static_cast<std::uint32_t>(toks.size() - 1),
          toks.size() > 1 ? toks[1].hash : 0};
  for (std::size_t k = 1; k < toks.size(); ++k) {
    rest_.push_back({toks[k].hash, static_cast<std::uint32_t>(pool_.size()), toks[k].end - toks[k].begin});
    pool_.append(f, toks[k].begin, toks[k].end - toks[k].begin);
  }
  max_len_ = std::max(max_len_, toks.size());
  ends_.add(toks.back().hash);
  auto [it, fresh] = group_of_.try_emplace(first, static_cast<std::uint32_t>(groups_.size()));
  const std::uint32_t g = it->second;
  if (fresh) groups_.emplace_back();
  // Keep entries longest first so the first full match is the longest.
  auto& v = groups_[g];
  auto single = [&] { return v.size() == 1 && v[0].rest_len == 0; };
  const bool was_single = !fresh && single();
  auto pos = std::find_if(v.begin(), v.end(), [&](const Entry& x) { return x.rest_len < e.rest_len; });
  v.insert(pos, e);
  if (fresh) {
    for_each_form(first, [&](std::uint32_t clitic, std::string_view w) { index(g, clitic, w, single(), e.payload); });
  } else if (was_single) {  // no longer a single one-token phrase
    for_each_form(first, [&](std::uint32_t, std::string_view w) { set_single(g, w, false, 0); });
  }
}

std::optional<PhraseMatch> PhraseSet::find(std::string_view view, const std::vector<Token>& toks,
                                           std::size_t i, bool allow_clitic, bool clitic_only,
                                           std::size_t required_last) const {
  const Token& t = toks[i];
  const Slot* s = slot_of(t.hash);
  if (!s) return std::nullopt;
  const char* tok = view.data() + t.begin;
  const std::size_t len = t.end - t.begin;
  const char* pool = pool_.data();
  for (const Written* wp = &s->head; wp; wp = wp->next == kNone ? nullptr : &written_[wp->next]) {
    const Written& w = *wp;
    if (w.clitic) {
      if (!allow_clitic || t.digits) break;  // the rest of the chain has clitics too
    } else if (clitic_only) {
      continue;
    }
    if (w.len != len) continue;
    if (w.single) {  // one phrase of one token: no entries to read
      if (required_last && required_last != i + 1) continue;
      if (std::memcmp(pool + w.off, tok, len) != 0) continue;  // another token with the same hash
      return PhraseMatch{w.payload, i, i + 1, w.clitic};
    }
    // Hashes and lengths first; bytes only for a phrase that matches by them (the first
    // token's bytes once per written form).
    bool first_checked = false;
    for (const Entry& e : groups_[w.group]) {
      const std::size_t last = i + 1 + e.rest_len;
      if (last > toks.size()) continue;
      if (required_last && last != required_last) continue;
      if (e.rest_len && toks[i + 1].hash != e.rest0_hash) continue;
      bool ok = true;
      for (std::uint32_t k = 1; k < e.rest_len && ok; ++k) {
        const Token& u = toks[i + 1 + k];
        const Word& r = rest_[e.rest_begin + k];
        ok = u.hash == r.hash;
      }
      if (!ok) continue;
      if (!first_checked) {
        if (std::memcmp(pool + w.off, tok, len) != 0) break;  // another token with the same hash
        first_checked = true;
      }
      for (std::uint32_t k = 0; k < e.rest_len && ok; ++k) {
        const Token& u = toks[i + 1 + k];
        const Word& r = rest_[e.rest_begin + k];
        ok = u.end - u.begin == r.len && std::memcmp(view.data() + u.begin, pool + r.off, r.len) == 0;
      }
      if (ok) return PhraseMatch{e.payload, i, last, w.clitic};
    }
  }
  return std::nullopt;
}

std::optional<PhraseMatch> PhraseSet::match_ending(std::string_view view,
                                                   const std::vector<Token>& toks, std::size_t end,
                                                   bool allow_clitic) const {
  if (groups_.empty() || end == 0 || end > toks.size()) return std::nullopt;
  if (!ends_.test(toks[end - 1].hash)) {
    // Only a single-token phrase behind a clitic can end here.
    if (!allow_clitic || !starts_.test(toks[end - 1].hash)) return std::nullopt;
    return find(view, toks, end - 1, true, true, end);
  }
  // Try the longest phrases first: start as far back as the longest phrase allows.
  const std::size_t lo = end > max_len_ ? end - max_len_ : 0;
  for (std::size_t i = lo; i < end; ++i) {
    if (!starts_.test(toks[i].hash)) continue;
    if (auto m = find(view, toks, i, allow_clitic, false, end)) return m;
  }
  return std::nullopt;
}

}  // namespace tadqiq::extract
