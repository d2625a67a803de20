// tadqiq/facts/json_writer.h — fast serialization of fact sheets.
//
// Contract: append_sheet_json(out, s) appends exactly what nlohmann::json(s).dump() gives
// (compact, keys in the same order, same escaping, ensure_ascii off), without building the
// JSON tree: extraction output is dominated by serialization otherwise. Invalid UTF-8 in a
// string is written as U+FFFD.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "facts/fact.h"
#include "facts/finding.h"

namespace tadqiq {

// Bytes written by the appenders below, in a buffer that unlike a std::string does not
// zero-fill the room it grows by (most of a sheet's serialization time was that fill); kept
// from sheet to sheet, it keeps its memory.
class JsonBuffer {
 public:
  char* data() { return data_.get(); }
  const char* data() const { return data_.get(); }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  std::string_view view() const { return {data_.get(), size_}; }
  void clear() { size_ = 0; }
  // Capacity for `n` bytes at least, the first size() kept.
  void reserve(std::size_t n);
  // Size `n` (at most capacity()): bytes past the old size are what was written there.
  void set_size(std::size_t n) { size_ = n; }

 private:
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0, capacity_ = 0;
};

void append_sheet_json(std::string& out, const FactSheet& s);
void append_sheet_json(JsonBuffer& out, const FactSheet& s);
void append_fact_json(std::string& out, const Fact& f);
void append_article_json(std::string& out, const ArticleMeta& a);
// A finding as nlohmann::json(f).dump(-1, ' ', false, replace) writes it (JSONL reports).
void append_finding_json(std::string& out, const Finding& f);
// A JSON string literal (with quotes).
void append_json_string(std::string& out, std::string_view s);

// Pieces shared by the writers above: an integer, and an object key with its colon, as
// nlohmann's compact dump writes them.
namespace json_detail {
void append_int(std::string& out, long long v);
void key(std::string& out, const char* k);
}  // namespace json_detail

}  // namespace tadqiq
