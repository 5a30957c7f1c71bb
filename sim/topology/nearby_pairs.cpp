#include "topology/nearby_pairs.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace orbitsim {
namespace {

// Cells at least 100 m wide: 2^21 of them per axis cover ±100,000 km, beyond any Earth orbit we propagate.
constexpr double kMinCell_m = 100.0;
constexpr int64_t kOffset = int64_t{1} << 20;

}  // namespace

SpatialGrid::SpatialGrid(const std::vector<Vec3>& position_m, const std::vector<int>& members, double range_m)
    : cell_m_(std::max(range_m, kMinCell_m)) {
  cells_.reserve(members.size());
  for (int i : members) {
    const auto [x, y, z] = cell_of(position_m[static_cast<size_t>(i)]);
    cells_.emplace_back(key(x, y, z), i);
  }
  std::sort(cells_.begin(), cells_.end());
}

std::tuple<int64_t, int64_t, int64_t> SpatialGrid::cell_of(const Vec3& p) const {
  return {static_cast<int64_t>(std::floor(p.x / cell_m_)), static_cast<int64_t>(std::floor(p.y / cell_m_)),
          static_cast<int64_t>(std::floor(p.z / cell_m_))};
}

uint64_t SpatialGrid::key(int64_t x, int64_t y, int64_t z) {
  return (static_cast<uint64_t>(x + kOffset) << 42) | (static_cast<uint64_t>(y + kOffset) << 21) |
         static_cast<uint64_t>(z + kOffset);
}

namespace {

std::vector<NearbyPair> sorted_by_length(const std::vector<std::vector<NearbyPair>>& found) {
  std::vector<NearbyPair> pairs;
  for (const auto& part : found) pairs.insert(pairs.end(), part.begin(), part.end());
  std::sort(pairs.begin(), pairs.end(), [](const NearbyPair& x, const NearbyPair& y) {
    return std::tie(x.length_m, x.a, x.b) < std::tie(y.length_m, y.a, y.b);
  });
  return pairs;
}

}  // namespace

std::vector<NearbyPair> nearby_pairs(const std::vector<Vec3>& position_m, const std::vector<int>& members,
                                     double beyond_m, double max_m, const std::function<bool(int, int)>& pair_ok,
                                     const std::function<bool(int, int, double)>& accept, WorkerPool* workers) {
  if (members.size() < 2 || max_m <= 0.0) return {};
  const SpatialGrid grid(position_m, members, max_m);
  std::vector<std::vector<NearbyPair>> found(static_cast<size_t>(chunks_for(workers, grid.entries())));
  for_chunks(workers, grid.entries(), [&](int chunk, size_t begin, size_t end) {
    grid.for_each_close_pair(begin, end, [&](int a, int b) {
      const int i = std::min(a, b), j = std::max(a, b);
      if (!pair_ok(i, j)) return;
      const double d = distance(position_m[static_cast<size_t>(i)], position_m[static_cast<size_t>(j)]);
      if (d > beyond_m && d <= max_m && accept(i, j, d)) found[static_cast<size_t>(chunk)].push_back({d, i, j});
    });
  });
  return sorted_by_length(found);
}

std::vector<NearbyPair> nearby_pairs(const std::vector<Vec3>& position_m, const std::vector<std::pair<int, int>>& candidates,
                                     const std::vector<char>& is_member, double beyond_m, double max_m,
                                     const std::function<bool(int, int, double)>& accept, WorkerPool* workers) {
  std::vector<std::vector<NearbyPair>> found(static_cast<size_t>(chunks_for(workers, candidates.size())));
  for_chunks(workers, candidates.size(), [&](int chunk, size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) {
      const auto [i, j] = candidates[k];
      if (!is_member[static_cast<size_t>(i)] || !is_member[static_cast<size_t>(j)]) continue;
      const double d = distance(position_m[static_cast<size_t>(i)], position_m[static_cast<size_t>(j)]);
      if (d > beyond_m && d <= max_m && accept(i, j, d)) found[static_cast<size_t>(chunk)].push_back({d, i, j});
    }
  });
  return sorted_by_length(found);
}

}  // namespace orbitsim
