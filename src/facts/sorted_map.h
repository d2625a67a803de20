// tadqiq/facts/sorted_map.h — the object type of FactJson (fact.h): a map kept as one vector
// of members sorted by key.
//
// Contract: a drop-in for the std::map that nlohmann::json uses for objects, as far as
// nlohmann::basic_json needs one: the members are kept in std::map's order (std::less on the
// key bytes), so iteration, dump() and the JSON writer give exactly what a nlohmann::json
// object gives; inserting a key that is there keeps the old member (like std::map::emplace);
// lookups accept any key viewable as a std::string_view. Unlike std::map, an insertion or
// erasure invalidates iterators and references to the members after it, and members are
// stored inline: one allocation per object instead of a node per member, and a lookup is a
// scan over a few adjacent keys (fact values and attributes hold a handful of members).
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace tadqiq {

template <class Key, class T, class IgnoredLess = std::less<>, class IgnoredAllocator = void>
class SortedVectorMap : private std::vector<std::pair<Key, T>> {
  using Container = std::vector<std::pair<Key, T>>;

 public:
  using key_type = Key;
  using mapped_type = T;
  using value_type = typename Container::value_type;
  using size_type = typename Container::size_type;
  using difference_type = typename Container::difference_type;
  using reference = typename Container::reference;
  using const_reference = typename Container::const_reference;
  using iterator = typename Container::iterator;
  using const_iterator = typename Container::const_iterator;
  using key_compare = std::less<>;  // transparent: nlohmann allows lookups by string_view

  using Container::begin;
  using Container::cbegin;
  using Container::cend;
  using Container::clear;
  using Container::empty;
  using Container::end;
  using Container::max_size;
  using Container::reserve;
  using Container::size;

  SortedVectorMap() noexcept = default;
  template <class It>
  SortedVectorMap(It first, It last) {
    insert(first, last);
  }
  SortedVectorMap(std::initializer_list<value_type> init) { insert(init.begin(), init.end()); }

  friend bool operator==(const SortedVectorMap& a, const SortedVectorMap& b) {
    return static_cast<const Container&>(a) == static_cast<const Container&>(b);
  }
  friend bool operator<(const SortedVectorMap& a, const SortedVectorMap& b) {
    return static_cast<const Container&>(a) < static_cast<const Container&>(b);
  }

  template <class K>
  iterator find(const K& key) {
    return begin() + index_of(view(key));
  }
  template <class K>
  const_iterator find(const K& key) const {
    return begin() + index_of(view(key));
  }
  template <class K>
  size_type count(const K& key) const {
    return index_of(view(key)) != size();
  }
  template <class K>
  bool contains(const K& key) const {
    return index_of(view(key)) != size();
  }

  template <class K>
  T& at(const K& key) {
    const std::size_t i = index_of(view(key));
    if (i == size()) throw std::out_of_range("key not found");
    return Container::operator[](i).second;
  }
  template <class K>
  const T& at(const K& key) const {
    const std::size_t i = index_of(view(key));
    if (i == size()) throw std::out_of_range("key not found");
    return Container::operator[](i).second;
  }

  // The member `key`, added (as T()) when there is none.
  template <class K>
  T& operator[](K&& key) {
    return emplace(std::forward<K>(key), T()).first->second;
  }

  // Adds member `key` holding T(args...) unless there is one; like std::map::emplace.
  template <class K, class... Args>
  std::pair<iterator, bool> emplace(K&& key, Args&&... args) {
    auto [at, found] = place(view(key));
    if (found) return {begin() + static_cast<difference_type>(at), false};
    return {insert_at(at, std::forward<K>(key), std::forward<Args>(args)...), true};
  }
  // As emplace, with the arguments std::map::emplace_hint takes for a member built in place
  // (the key from one argument). A key after all others (the hint end(), members added in
  // key order) is appended after one comparison.
  template <class KArg, class... VArgs>
  iterator emplace_hint(const_iterator, std::piecewise_construct_t, std::tuple<KArg> key,
                        std::tuple<VArgs...> value) {
    const auto placed = place(view(std::get<0>(key)));
    const std::size_t at = placed.first;  // not a structured binding: the lambda captures it
    if (placed.second) return begin() + static_cast<difference_type>(at);
    return std::apply(
        [&](auto&&... v) {
          return insert_at(at, std::forward<KArg>(std::get<0>(key)), std::forward<decltype(v)>(v)...);
        },
        std::move(value));
  }
  std::pair<iterator, bool> insert(const value_type& v) { return emplace(v.first, v.second); }
  std::pair<iterator, bool> insert(value_type&& v) { return emplace(std::move(v.first), std::move(v.second)); }
  template <class It, class = typename std::iterator_traits<It>::iterator_category>
  void insert(It first, It last) {
    for (; first != last; ++first) emplace(first->first, first->second);
  }

  template <class K, class = std::enable_if_t<!std::is_convertible_v<K, const_iterator>>>
  size_type erase(const K& key) {
    const std::size_t i = index_of(view(key));
    if (i == size()) return 0;
    Container::erase(begin() + i);
    return 1;
  }
  iterator erase(const_iterator pos) { return Container::erase(pos); }
  iterator erase(iterator pos) { return Container::erase(pos); }
  iterator erase(const_iterator first, const_iterator last) { return Container::erase(first, last); }

 private:
  template <class K>
  static std::string_view view(const K& key) {
    return std::string_view(key);
  }

  // The index of member `k`, or size().
  std::size_t index_of(std::string_view k) const {
    const std::size_t n = size();
    const value_type* d = Container::data();
    for (std::size_t i = 0; i < n; ++i) {
      const Key& m = d[i].first;
      if (m.size() == k.size() && std::char_traits<char>::compare(m.data(), k.data(), k.size()) == 0)
        return i;
    }
    return n;
  }
  // Where member `k` is or would go (the first member with a greater key), and whether it is
  // there. A key after the last member (the usual case) costs one comparison.
  std::pair<std::size_t, bool> place(std::string_view k) const {
    const std::size_t n = size();
    const value_type* d = Container::data();
    if (n == 0) return {0, false};
    const int last = std::string_view(d[n - 1].first).compare(k);
    if (last < 0) return {n, false};
    if (last == 0) return {n - 1, true};
    std::size_t lo = 0, hi = n - 1;  // the answer is in [lo, hi]; d[hi] > k
    while (lo < hi) {
      const std::size_t mid = (lo + hi) / 2;
      const int c = std::string_view(d[mid].first).compare(k);
      if (c == 0) return {mid, true};
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return {lo, false};
  }
  template <class K, class... Args>
  iterator insert_at(std::size_t at, K&& key, Args&&... args) {
    // Room for the usual handful of members at once, instead of growing by 1, 2, 4, 8.
    if (Container::capacity() == 0) reserve(kFirstCapacity);
    if (at == size()) {
      Container::emplace_back(std::piecewise_construct, std::forward_as_tuple(std::forward<K>(key)),
                              std::forward_as_tuple(std::forward<Args>(args)...));
      return end() - 1;
    }
    return Container::emplace(begin() + static_cast<difference_type>(at), std::piecewise_construct,
                              std::forward_as_tuple(std::forward<K>(key)),
                              std::forward_as_tuple(std::forward<Args>(args)...));
  }
  static constexpr std::size_t kFirstCapacity = 8;
};

}  // namespace tadqiq
