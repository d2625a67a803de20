#include "extract/dates/resolve.h"

#include <algorithm>

namespace tadqiq::extract::dates {

namespace {

// The date an until-fact gives ("" when it is not one).
std::string until_end(const Fact& f) {
  if (f.type != "date" || f.view_end <= f.view_begin) return "";
  if (f.attributes.value("role", "") == "reference") return "";
  const std::string rel = f.attributes.value("relation", "");
  if (rel == "until" && f.value.is_string()) return f.value.get<std::string>();
  if (rel == "until" && f.value.is_object() && f.value.contains("end") && f.value["end"].is_string())
    return f.value["end"].get<std::string>();
  // A range with an explicit end ("من 7 أكتوبر حتى الأربعاء").
  if (f.value.is_object() && f.attributes.value("grain", "") == "day" && f.value.contains("end") &&
      f.value["end"].is_string())
    return f.value["end"].get<std::string>();
  return "";
}

// The same, "" also when it lies after the reference date `ref` ("" when unknown): a plan
// ("حتى الأحد المقبل"), not the day a figure held at. ISO dates compare as strings.
std::string until_date(const Fact& f, const std::string& ref) {
  std::string d = until_end(f);
  if (!ref.empty() && d > ref) return "";
  return d;
}

}  // namespace

std::optional<std::string> reference_date(const std::vector<Fact>& facts) {
  for (const auto& f : facts)
    if (f.type == "date" && f.value.is_string() && f.attributes.value("role", "") == "reference")
      return f.value.get<std::string>();
  return std::nullopt;
}

AsOfIndex::AsOfIndex(const Document& doc, const std::vector<Fact>& facts) : doc_(doc) {
  const std::string ref = reference_date(facts).value_or("");
  for (const auto& f : facts) {
    std::string d = until_date(f, ref);
    if (d.empty()) continue;
    items_.push_back({doc.sentence_at(f.view_begin), f.view_begin, std::move(d),
                      f.attributes.value("relative", "") == "now"});
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
  if (before) return until_date(*before, ref);
  if (after) return until_date(*after, ref);
  return std::nullopt;
}

}  // namespace tadqiq::extract::dates
