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
  // position (and group), in cell order, so that its visits read memory in order.
  SpatialGrid(const std::vector<Vec3>& position_m, const std::vector<int>& members, double range_m,
              MemberGroups group_of = {});
  // Calls `visit(member)` for every member in the 27 cells around `p`: all those within range_m, and some
  // beyond it, in an order that depends only on the positions.
  template <typename Visit>
  void for_each_near(const Vec3& p, Visit&& visit) const;
  // Calls `visit(x, y)` once for every unordered pair of entries (member(x), member(y)) in the same or
  // adjacent cells (all the pairs within range_m, and some beyond) and of different groups when grouped:
  // each occupied cell with itself and its 13 neighbours that follow it in key order (5 runs of keys, found
  // by cursors that only move forward). Only the cells whose first entry is in [first_entry, end_entry):
  // ranges that cover [0, entries()) without overlap visit every pair once.
  template <typename Visit>
  void for_each_close_pair(size_t first_entry, size_t end_entry, Visit&& visit) const;
  size_t entries() const { return cells_.size(); }
  int member(size_t entry) const { return cells_[entry].second; }
  const Vec3& position_m(size_t entry) const { return position_m_[entry]; }

 private:
  std::tuple<int64_t, int64_t, int64_t> cell_of(const Vec3& p) const;
  static uint64_t key(int64_t x, int64_t y, int64_t z);
  std::vector<std::pair<uint64_t, int>> cells_;  // (cell key, member), sorted: a cell is a run of entries
  std::vector<Vec3> position_m_;                 // of each entry
  std::vector<int> group_;                       // of each entry (empty: not grouped)
  double cell_m_;
};

struct NearbyPair {
  double length_m = 0.0;
  int a = 0, b = 0;  // a < b
};

// Pairs (a, b) of `members` (indices into `position_m`) that `group_of` takes and, with
// beyond_m < |a - b| <= max_m, `accept` takes too, sorted by (length, a, b). With `workers`, the cells are
// shared among its threads (`accept` must then be safe to call concurrently); the result is the same.
std::vector<NearbyPair> nearby_pairs(const std::vector<Vec3>& position_m, const std::vector<int>& members,
                                     MemberGroups group_of, double beyond_m, double max_m,
                                     const std::function<bool(int a, int b, double length_m)>& accept,
                                     WorkerPool* workers = nullptr);

// The pairs (a, b) of `members` within max_m of each other that `group_of` takes, unsorted: in the grid's
// order, which depends only on the positions.
std::vector<NearbyPair> pairs_within(const std::vector<Vec3>& position_m, const std::vector<int>& members,
                                     MemberGroups group_of, double max_m, WorkerPool* workers = nullptr);

// The same from a list of candidate pairs (a < b) that holds every pair within max_m (PairNeighbours),
// keeping those whose two ends are members (`is_member[i]`): the same pairs in the same order.
std::vector<NearbyPair> nearby_pairs(const std::vector<Vec3>& position_m, const std::vector<std::pair<int, int>>& candidates,
                                     const std::vector<char>& is_member, double beyond_m, double max_m,
                                     const std::function<bool(int a, int b, double length_m)>& accept,
                                     WorkerPool* workers = nullptr);

template <typename Visit>
void SpatialGrid::for_each_near(const Vec3& p, Visit&& visit) const {
  const auto [cx, cy, cz] = cell_of(p);
  for (int64_t dx = -1; dx <= 1; ++dx)
    for (int64_t dy = -1; dy <= 1; ++dy) {
      // x-major keys: the cells (x, y, z-1 .. z+1) are one contiguous run.
      const uint64_t last = key(cx + dx, cy + dy, cz + 1);
      auto it = std::lower_bound(cells_.begin(), cells_.end(), std::pair<uint64_t, int>{key(cx + dx, cy + dy, cz - 1), -1});
      for (; it != cells_.end() && it->first <= last; ++it) visit(it->second);
    }
}

template <typename Visit>
void SpatialGrid::for_each_close_pair(size_t first_entry, size_t end_entry, Visit&& visit) const {
  auto coordinate = [](uint64_t k, int shift) { return static_cast<int64_t>((k >> shift) & ((uint64_t{1} << 21) - 1)) - (int64_t{1} << 20); };
  size_t start = first_entry;  // the first cell that starts at or after first_entry
  while (start > 0 && start < cells_.size() && cells_[start - 1].first == cells_[start].first) ++start;
  if (start >= end_entry || start >= cells_.size()) return;
  // The 5 runs of neighbour cells that follow a cell start at its key plus a fixed offset, so their first
  // entries only move forward as the cells do: one cursor each, placed once by binary search, replaces
  // 5 binary searches per cell (most of the time on a sparse grid).
  const auto first_keys = [&](uint64_t k) {
    const int64_t x = coordinate(k, 42), y = coordinate(k, 21), z = coordinate(k, 0);
    return std::array<std::pair<uint64_t, uint64_t>, 5>{{{key(x, y, z + 1), key(x, y, z + 1)},
                                                         {key(x, y + 1, z - 1), key(x, y + 1, z + 1)},
                                                         {key(x + 1, y - 1, z - 1), key(x + 1, y - 1, z + 1)},
                                                         {key(x + 1, y, z - 1), key(x + 1, y, z + 1)},
                                                         {key(x + 1, y + 1, z - 1), key(x + 1, y + 1, z + 1)}}};
  };
  const bool grouped = !group_.empty();
  std::array<size_t, 5> cursor{};
  const auto runs_at_start = first_keys(cells_[start].first);
  for (size_t r = 0; r < 5; ++r)
    cursor[r] = static_cast<size_t>(
        std::lower_bound(cells_.begin(), cells_.end(), std::pair<uint64_t, int>{runs_at_start[r].first, -1}) - cells_.begin());
  for (size_t begin = start, end = start; begin < end_entry && begin < cells_.size(); begin = end) {
    const uint64_t k = cells_[begin].first;
    while (end < cells_.size() && cells_[end].first == k) ++end;
    for (size_t i = begin; i < end; ++i)
      for (size_t j = i + 1; j < end; ++j)
        if (!grouped || group_[i] != group_[j]) visit(i, j);
    const auto runs = first_keys(k);
    for (size_t r = 0; r < 5; ++r) {
      auto& c = cursor[r];
      while (c < cells_.size() && cells_[c].first < runs[r].first) ++c;
      for (size_t n = c; n < cells_.size() && cells_[n].first <= runs[r].second; ++n)
        for (size_t i = begin; i < end; ++i)
          if (!grouped || group_[i] != group_[n]) visit(i, n);
    }
  }
}

}  // namespace orbitsim
