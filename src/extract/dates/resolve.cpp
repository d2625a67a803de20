#include "extract/dates/resolve.h"

#include <algorithm>
#include <string_view>

#include "extract/number_value.h"

namespace tadqiq::extract::dates {

namespace {

// The date an until-fact gives (empty when it is not one): a view into the fact.
std::string_view until_end(const Fact& f) {
  if (f.type != "date" || f.view_end <= f.view_begin) return {};
  if (string_member(f.attributes, "role") == "reference") return {};
  if (string_member(f.attributes, "relation") == "until") {
    if (f.value.is_string()) return *f.value.get_ptr<const std::string*>();
    return string_member(f.value, "end");
  }
  // A range with an explicit end ("من 7 أكتوبر حتى الأربعاء").
  if (f.value.is_object() && string_member(f.attributes, "grain") == "day") return string_member(f.value, "end");
  return {};
}

// The same, empty also when it lies after the reference date `ref` (empty when unknown): a
// plan ("حتى الأحد المقبل"), not the day a figure held at. ISO dates compare as strings.
std::string_view until_date(const Fact& f, std::string_view ref) {
  const std::string_view d = until_end(f);
  if (!ref.empty() && d > ref) return {};
  return d;
}

}  // namespace

std::optional<std::string> reference_date(const std::vector<Fact>& facts) {
  for (const auto& f : facts)
    if (f.type == "date" && f.value.is_string() && string_member(f.attributes, "role") == "reference")
      return f.value.get<std::string>();
  return std::nullopt;
}

AsOfIndex::AsOfIndex(const Document& doc, const std::vector<Fact>& facts) : doc_(doc) {
  const std::string ref = reference_date(facts).value_or("");
  for (const auto& f : facts) {
    const std::string_view d = until_date(f, ref);
    if (d.empty()) continue;
    items_.push_back({doc.sentence_at(f.view_begin), f.view_begin, std::string(d),
                      string_member(f.attributes, "relative") == "now"});
  }
  std::sort(items_.begin(), items_.end(), [](const Item& a, const Item& b) {
    return a.sentence != b.sentence ? a.sentence < b.sentence : a.view < b.view;
  });
}

std::optional<std::string> AsOfIndex::as_of_for(std::size_t view_pos) const {
  auto a = find(view_pos);
  if (!a) return std::nullopt;
  return std::move(a->date);
}

std::optional<AsOfIndex::AsOf> AsOfIndex::find(std::size_t view_pos) const {
  if (items_.empty()) return std::nullopt;
  const std::size_t s = doc_.sentence_at(view_pos);
  auto lo = std::lower_bound(items_.begin(), items_.end(), s,
                             [](const Item& a, std::size_t x) { return a.sentence < x; });
  auto hi = std::upper_bound(lo, items_.end(), s,
                             [](std::size_t x, const Item& a) { return x < a.sentence; });
  if (lo == hi) return std::nullopt;
  // The nearest before the figure, else the nearest after it.
  const Item* best = nullptr;
  for (auto it = lo; it != hi; ++it)
    if (it->view <= view_pos) best = &*it;
  if (!best) best = &*lo;
  return AsOf{best->date, best->now};
}

std::optional<std::string> as_of_for(const Document& doc, const std::vector<Fact>& facts,
                                     std::size_t view_pos) {
  const std::size_t s = doc.sentence_at(view_pos);
  const auto& sent = doc.sentences().empty() ? normalize::Range{0, doc.text().size()} : doc.sentences()[s];
  const std::string ref = reference_date(facts).value_or("");
  const Fact* before = nullptr;
  const Fact* after = nullptr;
  for (const auto& f : facts) {
    if (f.type != "date" || f.view_begin < sent.begin || f.view_begin >= sent.end) continue;
    if (until_date(f, ref).empty()) continue;
    if (f.view_begin <= view_pos) {
      if (!before || f.view_begin > before->view_begin) before = &f;
    } else if (!after || f.view_begin < after->view_begin) {
      after = &f;
    }
  }
  if (before) return std::string(until_date(*before, ref));
  if (after) return std::string(until_date(*after, ref));
  return std::nullopt;
}

}  // namespace tadqiq::extract::dates
