// tadqiq/facts/shared_string.h — an immutable string whose copies share one buffer.
//
// Contract: holds a byte string that never changes once made; a copy takes a reference
// (an atomic count, so copies may live on different threads), not the bytes, and the buffer
// goes when the last copy does. Built from anything a std::string_view is built from; reads
// as a std::string_view (and compares as one). The bytes are followed by a NUL. Fact::sentence
// is one: every fact of a sentence shares its text instead of holding a copy.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstring>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>

namespace tadqiq {

class SharedString {
 public:
  SharedString() noexcept = default;
  template <class S, class = std::enable_if_t<std::is_convertible_v<const S&, std::string_view> &&
                                              !std::is_same_v<std::decay_t<S>, SharedString>>>
  SharedString(const S& s) : rep_(make(std::string_view(s))) {}  // NOLINT: implicit on purpose
  SharedString(const SharedString& o) noexcept : rep_(o.rep_) {
    if (rep_) rep_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  SharedString(SharedString&& o) noexcept : rep_(std::exchange(o.rep_, nullptr)) {}
  SharedString& operator=(SharedString o) noexcept {
    std::swap(rep_, o.rep_);
    return *this;
  }
  ~SharedString() { release(rep_); }

  std::string_view view() const noexcept {
    return rep_ ? std::string_view(rep_->data(), rep_->size) : std::string_view();
  }
  operator std::string_view() const noexcept { return view(); }  // NOLINT: implicit on purpose
  const char* data() const noexcept { return rep_ ? rep_->data() : ""; }
  const char* c_str() const noexcept { return data(); }
  std::size_t size() const noexcept { return rep_ ? rep_->size : 0; }
  bool empty() const noexcept { return size() == 0; }
  void clear() noexcept { release(std::exchange(rep_, nullptr)); }

  friend bool operator==(const SharedString& a, const SharedString& b) noexcept {
    return a.rep_ == b.rep_ || a.view() == b.view();
  }
  friend bool operator==(const SharedString& a, std::string_view b) noexcept { return a.view() == b; }

 private:
  struct Rep {
    std::atomic<std::size_t> refs;
    std::size_t size;
    char* data() { return reinterpret_cast<char*>(this + 1); }
  };

  static Rep* make(std::string_view s) {
    if (s.empty()) return nullptr;
    void* mem = ::operator new(sizeof(Rep) + s.size() + 1);
    Rep* r = new (mem) Rep{{1}, s.size()};
    std::memcpy(r->data(), s.data(), s.size());
    r->data()[s.size()] = '\0';
    return r;
  }
  static void release(Rep* r) noexcept {
    if (r && r->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      r->~Rep();
      ::operator delete(r);
    }
  }

  Rep* rep_ = nullptr;
};

}  // namespace tadqiq
