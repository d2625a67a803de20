// tadqiq/extract/dates/resolve.h — the date facts of an article, for other extractors.
//
// The dates extractor (docs/extractors/dates.md) appends facts of type "date" and "duration";
// extractors registered after it can ask, through these functions, what date a figure holds
// at. Only facts of the article being extracted are meaningful here (they carry view ranges).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "extract/extractor.h"

namespace tadqiq::extract::dates {

// The article's reference date: the value of the date fact with attributes.role "reference"
// (front matter date, dateline, or the latest full date of the text); nullopt when unknown.
std::optional<std::string> reference_date(const std::vector<Fact>& facts);

// The date a figure at view offset `view_pos` holds at, when its sentence says so:
//  * a date introduced by an until word ("حتى الأربعاء" → that Wednesday; "حتى الآن" → the
//    reference date), the nearest one before the figure, else the nearest after it;
//  * the end of a range in the sentence ("منذ … حتى …", "من … إلى …").
// A date after the reference date ("حتى الأحد المقبل": a plan) says nothing about when a
// figure held and is skipped. nullopt when the sentence has no such date. Costs O(number of facts); for many queries
// over one article use AsOfIndex.
std::optional<std::string> as_of_for(const Document& doc, const std::vector<Fact>& facts,
                                     std::size_t view_pos);

// The same, indexed once per article: O(log n) per query. Build it after the dates extractor
// ran; it copies what it needs, so facts may be appended (and reallocated) while it is used.
// The Document must outlive it.
class AsOfIndex {
 public:
  // What the sentence says: the date, and whether it was "now" ("حتى الآن": the reference
  // date) rather than a date of its own.
  struct AsOf {
    std::string date;
    bool now = false;
  };

  AsOfIndex(const Document& doc, const std::vector<Fact>& facts);
  std::optional<std::string> as_of_for(std::size_t view_pos) const;
  std::optional<AsOf> find(std::size_t view_pos) const;

 private:
  struct Item {
    std::size_t sentence;
    std::size_t view;
    std::string date;
    bool now;
  };
  const Document& doc_;
  std::vector<Item> items_;  // by sentence, then view offset
};

}  // namespace tadqiq::extract::dates
