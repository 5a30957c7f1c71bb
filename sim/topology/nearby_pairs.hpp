// Points near other points: a uniform grid of cells at least as large as the search range, so that a
// query costs the neighbours a point has, not the number of points. Used for the links chosen by range
// at each epoch (all-within-range shells, inter-shell lasers) and for the satellites a station can see.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <tuple>
#include <utility>
#include <vector>

#include "core/vec3.hpp"
#include "core/worker_pool.hpp"

namespace orbitsim {

// Which pairs of members a search takes: every pair (`group_of` empty), or only those whose two members are
// in different groups (`group_of[i]` >= 0 for every member i; e.g. its shell, for inter-shell lasers); the
// grid skips the others before measuring them.
using MemberGroups = std::span<const int>;

class SpatialGrid {
 public:
  // `members`: indices into `position_m`; cells of `range_m` or more. The grid keeps a copy of each member's
  // position (and group), in cell order (a cell's entries in the order of `members`), so that its visits
  // read memory in order.
  SpatialGrid(const std::vector<Vec3>& position_m, const std::vector<int>& members, double range_m,
              MemberGroups group_of = {});
  // Calls `visit(member)` for every member in the 27 cells around `p`: all those within range_m, and some
  // beyond it, in an order that depends only on the positions.
  template <typename Visit>
  void for_each_near(const Vec3& p, Visit&& visit) const;
  // Calls `visit(x, y)` once for every unordered pair of entries (member(x), member(y)) in the same or
  // adjacent cells (all the pairs within range_m, and some beyond) and of different groups when grouped:
  // each occupied cell with itself and its 13 neighbours that follow it in key order (5 runs of keys).
  // Only the cells whose first entry is in [first_entry, end_entry): ranges that cover [0, entries())
  // without overlap visit every pair once.
  template <typename Visit>
  void for_each_close_pair(size_t first_entry, size_t end_entry, Visit&& visit) const;
  size_t entries() const { return key_.size(); }
  int member(size_t entry) const { return member_[entry]; }
  const Vec3& position_m(size_t entry) const { return position_m_[entry]; }

 private:
  struct Cell {
    int64_t x, y, z;
  };
  // std::floor without a library call: within the grid's +-2^20 cells, truncation toward zero then one step
  // down for negative non-integers is exact.
  static int64_t floor_to_int(double x) {
    const auto t = static_cast<int64_t>(x);
    return static_cast<double>(t) > x ? t - 1 : t;
  }
  Cell cell_of(const Vec3& p) const {
    return {floor_to_int(p.x * cells_per_m_), floor_to_int(p.y * cells_per_m_), floor_to_int(p.z * cells_per_m_)};
  }
  // Cells are numbered x-major within the members' bounding box grown by one cell on every side, so that
  // the neighbours of an occupied cell have keys too, at fixed offsets from its own.
  uint64_t key(int64_t x, int64_t y, int64_t z) const {
    return (static_cast<uint64_t>(x - low_.x) * size_y_ + static_cast<uint64_t>(y - low_.y)) * size_z_ +
           static_cast<uint64_t>(z - low_.z);
  }
  bool in_box(int64_t x, int64_t y) const {
    return x >= low_.x && x < low_.x + static_cast<int64_t>(size_x_) && y >= low_.y && y < low_.y + static_cast<int64_t>(size_y_);
  }
  // The first entry whose key is `k` or more: looked up when the box has few enough cells for a table of
  // them (most grids: a shell of satellites is a few tens of cells across), else searched.
  size_t first_entry_at(uint64_t k) const {
    if (!first_entry_of_cell_.empty()) return first_entry_of_cell_[k];
    return static_cast<size_t>(std::lower_bound(key_.begin(), key_.end(), k) - key_.begin());
  }
  std::vector<uint64_t> key_;  // of each entry, in increasing order: a cell is a run of entries
  std::vector<int> member_;    // of each entry
  std::vector<Vec3> position_m_;
  std::vector<int> group_;                     // of each entry (empty: not grouped)
  std::vector<uint32_t> first_entry_of_cell_;  // first_entry_at(k) for every key and one past them; or empty
  double cell_m_;
  double cells_per_m_ = 0.0;  // a little under 1 / cell_m_: rounding never puts two points within range two cells apart
  Cell low_{0, 0, 0};  // the box's first cell
  uint64_t size_x_ = 0, size_y_ = 0, size_z_ = 0;
};

struct NearbyPair {
  double length_m = 0.0;
  int a = 0, b = 0;  // a < b
};

// Pairs (a, b) of `members` (indices into `position_m`) that `group_of` takes and, with
// beyond_m < |a - b| <= max_m, `accept` takes too (an empty `accept` takes every pair), sorted by (length, a,
// b). With `workers`, the cells are shared among its threads (`accept` must then be safe to call
// concurrently); the result is the same.
std::vector<NearbyPair> nearby_pairs(const std::vector<Vec3>& position_m, const std::vector<int>& members,
                                     MemberGroups group_of, double beyond_m, double max_m,
                                     const std::function<bool(int a, int b, double length_m)>& accept,
                                     WorkerPool* workers = nullptr);

// The pairs (a, b) of `members` within max_m of each other that `group_of` takes, unsorted: in the grid's
// order, which depends only on the positions.
std::vector<NearbyPair> pairs_within(const std::vector<Vec3>& position_m, const std::vector<int>& members,
                                     MemberGroups group_of, double max_m, WorkerPool* workers = nullptr);

// Pairs (a < b) grouped by their lower end, each group nearest first as measured then: partners_of(a) are
// the b paired with a. A search among some members then reads only their pairs, and only as far as
// could be in its range now.
struct PairsByLowerEnd {
  std::vector<uint32_t> first;  // of each point's partners in `partner`, and one past the last
  std::vector<int> partner;
  std::vector<double> length_m;  // of each pair when measured
  std::span<const int> partners_of(int a) const {
    return std::span(partner).subspan(first[static_cast<size_t>(a)], first[static_cast<size_t>(a) + 1] - first[static_cast<size_t>(a)]);
  }
};
// `pairs` (a < b, among `points` points) grouped by their lower end, each group by (length, b).
PairsByLowerEnd by_lower_end(const std::vector<NearbyPair>& pairs, size_t points);

// The same from candidate pairs that hold every pair within max_m (PairNeighbours'), whose lengths now
// differ from those they were measured with by at most `drift_m`: the pairs of `members` (`is_member[i]`
// for each of them, in increasing order) in the same order.
std::vector<NearbyPair> nearby_pairs(const std::vector<Vec3>& position_m, const PairsByLowerEnd& candidates, double drift_m,
                                     const std::vector<int>& members, const std::vector<char>& is_member, double beyond_m,
                                     double max_m, const std::function<bool(int a, int b, double length_m)>& accept,
                                     WorkerPool* workers = nullptr);

template <typename Visit>
void SpatialGrid::for_each_near(const Vec3& p, Visit&& visit) const {
  if (key_.empty()) return;
  const Cell c = cell_of(p);
  const int64_t z_low = std::max(c.z - 1, low_.z), z_high = std::min(c.z + 1, low_.z + static_cast<int64_t>(size_z_) - 1);
  if (z_low > z_high) return;
  for (int64_t dx = -1; dx <= 1; ++dx)
    for (int64_t dy = -1; dy <= 1; ++dy) {
      if (!in_box(c.x + dx, c.y + dy)) continue;
      // x-major keys: the cells (x, y, z-1 .. z+1) are one contiguous run.
      const size_t end = first_entry_at(key(c.x + dx, c.y + dy, z_high) + 1);
      for (size_t e = first_entry_at(key(c.x + dx, c.y + dy, z_low)); e < end; ++e) visit(member_[e]);
    }
}

template <typename Visit>
void SpatialGrid::for_each_close_pair(size_t first_entry, size_t end_entry, Visit&& visit) const {
  const size_t entries = key_.size();
  size_t start = first_entry;  // the first cell that starts at or after first_entry
  while (start > 0 && start < entries && key_[start - 1] == key_[start]) ++start;
  if (start >= end_entry || start >= entries) return;
  // The 5 runs of neighbour cells that follow a cell, as key offsets from its own (first, last):
  // (x, y, z+1), (x, y+1, z-1..z+1), (x+1, y-1, z-1..z+1), (x+1, y, z-1..z+1), (x+1, y+1, z-1..z+1).
  const uint64_t row = size_z_, plane = size_y_ * size_z_;
  const std::array<std::pair<uint64_t, uint64_t>, 5> runs{{{1, 1},
                                                          {row - 1, row + 1},
                                                          {plane - row - 1, plane - row + 1},
                                                          {plane - 1, plane + 1},
                                                          {plane + row - 1, plane + row + 1}}};
  // Without the table, a run's first entry only moves forward as the cells do: a cursor per run, placed
  // once by binary search, replaces a search per cell.
  const bool table = !first_entry_of_cell_.empty();
  std::array<size_t, 5> cursor{};
  for (size_t r = 0; r < 5; ++r) cursor[r] = first_entry_at(key_[start] + runs[r].first);
  const bool grouped = !group_.empty();
  for (size_t begin = start, end = start; begin < end_entry && begin < entries; begin = end) {
    const uint64_t k = key_[begin];
    while (end < entries && key_[end] == k) ++end;
    for (size_t i = begin; i < end; ++i)
      for (size_t j = i + 1; j < end; ++j)
        if (!grouped || group_[i] != group_[j]) visit(i, j);
    for (size_t r = 0; r < 5; ++r) {
      size_t& c = cursor[r];
      size_t run_end = c;
      if (table) {
        c = first_entry_of_cell_[k + runs[r].first];
        run_end = first_entry_of_cell_[k + runs[r].second + 1];
      } else {
        while (c < entries && key_[c] < k + runs[r].first) ++c;
        for (run_end = c; run_end < entries && key_[run_end] <= k + runs[r].second;) ++run_end;
      }
      for (size_t n = c; n < run_end; ++n)
        for (size_t i = begin; i < end; ++i)
          if (!grouped || group_[i] != group_[n]) visit(i, n);
    }
  }
}

}  // namespace orbitsim
