#include "topology/nearby_pairs.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <numeric>
#include <optional>

namespace orbitsim {
namespace {

// Cells at least 100 m wide, and at most 2^20 of them across the members' extent: a box key fits 64 bits.
constexpr double kMinCell_m = 100.0;
constexpr double kMaxCellsAcross = double(1 << 20);
// A table of every cell's first entry when it holds at most this many cells per member (plus a fixed
// allowance): 4 bytes each, filled in one pass.
constexpr uint64_t kTableCellsPerMember = 32, kTableCellsAllowance = 1 << 16;

}  // namespace

SpatialGrid::SpatialGrid(const std::vector<Vec3>& position_m, const std::vector<int>& members, double range_m,
                         MemberGroups group_of)
    : cell_m_(std::max(range_m, kMinCell_m)) {
  if (members.empty()) return;
  double extent_m = 0.0;
  for (int i : members) {
    const Vec3& p = position_m[static_cast<size_t>(i)];
    extent_m = std::max({extent_m, std::fabs(p.x), std::fabs(p.y), std::fabs(p.z)});
  }
  cell_m_ = std::max(cell_m_, 2.0 * extent_m / kMaxCellsAcross);
  cells_per_m_ = (1.0 - 1e-12) / cell_m_;
  std::vector<Cell> cell(members.size());
  Cell high = cell_of(position_m[static_cast<size_t>(members.front())]);
  low_ = high;
  for (size_t m = 0; m < members.size(); ++m) {
    const Cell c = cell[m] = cell_of(position_m[static_cast<size_t>(members[m])]);
    low_ = {std::min(low_.x, c.x), std::min(low_.y, c.y), std::min(low_.z, c.z)};
    high = {std::max(high.x, c.x), std::max(high.y, c.y), std::max(high.z, c.z)};
  }
  low_ = {low_.x - 1, low_.y - 1, low_.z - 1};
  size_x_ = static_cast<uint64_t>(high.x - low_.x + 2);
  size_y_ = static_cast<uint64_t>(high.y - low_.y + 2);
  size_z_ = static_cast<uint64_t>(high.z - low_.z + 2);
  std::vector<uint64_t> member_key(members.size());
  for (size_t m = 0; m < members.size(); ++m) member_key[m] = key(cell[m].x, cell[m].y, cell[m].z);

  // Entries in key order, each cell's in the order of `members`: a counting sort through the table of
  // first entries when there is one, else a stable sort.
  std::vector<size_t> order(members.size());
  const uint64_t cells = size_x_ * size_y_ * size_z_;
  if (cells <= kTableCellsPerMember * members.size() + kTableCellsAllowance) {
    first_entry_of_cell_.assign(cells + 1, 0);
    for (uint64_t k : member_key) ++first_entry_of_cell_[k];
    for (size_t k = 1; k < first_entry_of_cell_.size(); ++k) first_entry_of_cell_[k] += first_entry_of_cell_[k - 1];
    // Now the end of each cell's run; placing the members last to first leaves its start, the first entry
    // at or after every key (empty cells included).
    for (size_t m = members.size(); m-- > 0;) order[--first_entry_of_cell_[member_key[m]]] = m;
  } else {
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return member_key[a] < member_key[b]; });
  }
  key_.reserve(members.size());
  member_.reserve(members.size());
  position_m_.reserve(members.size());
  for (size_t m : order) {
    key_.push_back(member_key[m]);
    member_.push_back(members[m]);
    position_m_.push_back(position_m[static_cast<size_t>(members[m])]);
  }
  if (!group_of.empty())
    for (int i : member_) group_.push_back(group_of[static_cast<size_t>(i)]);
}

namespace {

std::vector<NearbyPair> concatenated(const std::vector<std::vector<NearbyPair>>& found) {
  size_t total = 0;
  for (const auto& part : found) total += part.size();
  std::vector<NearbyPair> pairs;
  pairs.reserve(total);
  for (const auto& part : found) pairs.insert(pairs.end(), part.begin(), part.end());
  return pairs;
}

// (length, a, b) in lexicographic order, spelled out: std::tie's comparison goes through C++20's three-way
// comparison of doubles, several times slower in this sort's innermost loop. Lengths are finite.
bool shorter(const NearbyPair& x, const NearbyPair& y) {
  if (x.length_m != y.length_m) return x.length_m < y.length_m;
  return x.a != y.a ? x.a < y.a : x.b < y.b;
}

// Sorted by (length, a, b) in about linear time on an epoch's lengths, which spread evenly enough: one
// bucket per pair over [shortest, longest], in bucket order, each bucket sorted in full. A bucket's index
// never decreases with the length, so the order is std::sort's. The chunks are read in place.
std::vector<NearbyPair> sorted_by_length(const std::vector<std::vector<NearbyPair>>& found) {
  size_t total = 0;
  double shortest_m = std::numeric_limits<double>::infinity(), longest_m = -shortest_m;
  for (const auto& part : found) {
    total += part.size();
    for (const NearbyPair& p : part) shortest_m = std::min(shortest_m, p.length_m), longest_m = std::max(longest_m, p.length_m);
  }
  constexpr size_t kFewPairs = 64;
  if (total < kFewPairs) {
    std::vector<NearbyPair> pairs = concatenated(found);
    std::sort(pairs.begin(), pairs.end(), shorter);
    return pairs;
  }
  const double buckets_per_m = static_cast<double>(total) / std::max(longest_m - shortest_m, 1e-9);
  const size_t last = total - 1;
  auto bucket = [&](const NearbyPair& p) { return std::min(last, static_cast<size_t>((p.length_m - shortest_m) * buckets_per_m)); };
  std::vector<uint32_t> end(total + 1, 0);  // counts, then each bucket's first slot, then (after placing) its end
  for (const auto& part : found)
    for (const NearbyPair& p : part) ++end[bucket(p) + 1];
  for (size_t b = 1; b <= total; ++b) end[b] += end[b - 1];
  std::vector<NearbyPair> sorted(total);
  for (const auto& part : found)
    for (const NearbyPair& p : part) sorted[end[bucket(p)]++] = p;
  // Most buckets hold a pair or none and a few a handful, so the buckets in order are all but sorted: one
  // insertion pass over them all finishes the job, its comparisons across buckets (most of them) always in
  // order, which a processor predicts, unlike the end of a loop per bucket. Equal lengths (a regular
  // formation's) may crowd one bucket: it is sorted first.
  constexpr size_t kFewInABucket = 16;
  for (size_t b = 0, first = 0; b < total; first = end[b++])
    if (end[b] - first > kFewInABucket)
      std::sort(sorted.begin() + static_cast<long>(first), sorted.begin() + static_cast<long>(end[b]), shorter);
  for (size_t k = 1; k < total; ++k)
    for (size_t j = k; j > 0 && shorter(sorted[j], sorted[j - 1]); --j) std::swap(sorted[j], sorted[j - 1]);
  return sorted;
}

// The length of a pair in the ring (beyond_m, max_m], or nothing: most pairs outside it are settled by their
// squared distance, before the square root, with a relative margin of 1e-9 (far beyond rounding), so that
// the exact test decides every pair near an edge.
class RingTest {
 public:
  RingTest(double beyond_m, double max_m)
      : beyond_m_(beyond_m), max_m_(max_m), below_squared_(beyond_m > 0.0 ? beyond_m * beyond_m * (1.0 - 1e-9) : -1.0),
        above_squared_(max_m * max_m * (1.0 + 1e-9)) {}
  std::optional<double> length_m(const Vec3& a, const Vec3& b) const {
    const Vec3 ab = a - b;
    const double squared = ab.dot(ab);
    if (squared > above_squared_ || squared < below_squared_) return std::nullopt;
    const double length = std::sqrt(squared);  // distance(a, b), bit for bit
    if (!(length > beyond_m_ && length <= max_m_)) return std::nullopt;
    return length;
  }

 private:
  double beyond_m_, max_m_, below_squared_, above_squared_;
};

// What each chunk of the grid's cells finds, in the grid's order: concatenated in chunk order, the same
// for any thread count.
using Found = std::vector<std::vector<NearbyPair>>;

Found found_in_grid(const std::vector<Vec3>& position_m, const std::vector<int>& members, MemberGroups group_of,
                    double beyond_m, double max_m, const std::function<bool(int, int, double)>& accept, WorkerPool* workers) {
  if (members.size() < 2 || max_m <= 0.0) return {};
  const SpatialGrid grid(position_m, members, max_m, group_of);
  const RingTest ring(beyond_m, max_m);
  Found found(static_cast<size_t>(chunks_for(workers, grid.entries())));
  for_chunks(workers, grid.entries(), [&](int chunk, size_t begin, size_t end) {
    grid.for_each_close_pair(begin, end, [&](size_t x, size_t y) {
      const std::optional<double> d = ring.length_m(grid.position_m(x), grid.position_m(y));  // the same either way round, bit for bit
      if (!d) return;
      const int i = std::min(grid.member(x), grid.member(y)), j = std::max(grid.member(x), grid.member(y));
      if (!accept || accept(i, j, *d)) found[static_cast<size_t>(chunk)].push_back({*d, i, j});
    });
  });
  return found;
}

// The group holding more than half of `members`, if one does.
std::optional<int> majority_group(const std::vector<int>& members, MemberGroups group_of) {
  if (group_of.empty() || members.empty()) return std::nullopt;
  std::vector<size_t> count;
  for (int i : members) {
    const auto g = static_cast<size_t>(group_of[static_cast<size_t>(i)]);
    if (g >= count.size()) count.resize(g + 1, 0);
    ++count[g];
  }
  const auto largest = std::max_element(count.begin(), count.end());
  if (2 * *largest <= members.size()) return std::nullopt;
  return static_cast<int>(largest - count.begin());
}

// The pairs of found_in_grid when one group holds most members (the outer rings of inter-shell lasers: the
// satellites left are mostly of one shell, and only pairs across shells count): each member of the other
// groups looks around itself, so that the majority's pairs among themselves are never visited.
Found found_around_minority(const std::vector<Vec3>& position_m, const std::vector<int>& members, MemberGroups group_of,
                            int majority, double beyond_m, double max_m, const std::function<bool(int, int, double)>& accept,
                            WorkerPool* workers) {
  const SpatialGrid grid(position_m, members, max_m);
  std::vector<int> minority;
  std::copy_if(members.begin(), members.end(), std::back_inserter(minority),
               [&](int i) { return group_of[static_cast<size_t>(i)] != majority; });
  const RingTest ring(beyond_m, max_m);
  Found found(static_cast<size_t>(chunks_for(workers, minority.size())));
  for_chunks(workers, minority.size(), [&](int chunk, size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) {
      const int i = minority[k];
      const int group = group_of[static_cast<size_t>(i)];
      const Vec3& p = position_m[static_cast<size_t>(i)];
      grid.for_each_near(p, [&](int j) {
        const int other = group_of[static_cast<size_t>(j)];
        if (other == group || (other != majority && j < i)) return;  // a pair of the minority once, from its lower end
        const std::optional<double> d = ring.length_m(p, position_m[static_cast<size_t>(j)]);
        if (!d) return;
        const int a = std::min(i, j), b = std::max(i, j);
        if (!accept || accept(a, b, *d)) found[static_cast<size_t>(chunk)].push_back({*d, a, b});
      });
    }
  });
  return found;
}

}  // namespace

std::vector<NearbyPair> nearby_pairs(const std::vector<Vec3>& position_m, const std::vector<int>& members,
                                     MemberGroups group_of, double beyond_m, double max_m,
                                     const std::function<bool(int, int, double)>& accept, WorkerPool* workers) {
  if (members.size() < 2 || max_m <= 0.0) return {};
  if (const std::optional<int> majority = majority_group(members, group_of))
    return sorted_by_length(found_around_minority(position_m, members, group_of, *majority, beyond_m, max_m, accept, workers));
  return sorted_by_length(found_in_grid(position_m, members, group_of, beyond_m, max_m, accept, workers));
}

std::vector<NearbyPair> pairs_within(const std::vector<Vec3>& position_m, const std::vector<int>& members,
                                     MemberGroups group_of, double max_m, WorkerPool* workers) {
  return concatenated(found_in_grid(position_m, members, group_of, -1.0, max_m, nullptr, workers));
}

PairsByLowerEnd by_lower_end(const std::vector<NearbyPair>& pairs, size_t points) {
  PairsByLowerEnd grouped;
  grouped.first.assign(points + 1, 0);
  for (const NearbyPair& p : pairs) ++grouped.first[static_cast<size_t>(p.a) + 1];
  for (size_t i = 1; i <= points; ++i) grouped.first[i] += grouped.first[i - 1];
  std::vector<uint32_t> next(grouped.first.begin(), grouped.first.end() - 1);
  std::vector<std::pair<double, int>> placed(pairs.size());
  for (const NearbyPair& p : pairs) placed[next[static_cast<size_t>(p.a)]++] = {p.length_m, p.b};
  for (size_t i = 0; i < points; ++i)
    std::sort(placed.begin() + grouped.first[i], placed.begin() + grouped.first[i + 1]);
  grouped.partner.reserve(pairs.size());
  grouped.length_m.reserve(pairs.size());
  for (const auto& [length_m, b] : placed) grouped.partner.push_back(b), grouped.length_m.push_back(length_m);
  return grouped;
}

std::vector<NearbyPair> nearby_pairs(const std::vector<Vec3>& position_m, const PairsByLowerEnd& candidates, double drift_m,
                                     const std::vector<int>& members, const std::vector<char>& is_member, double beyond_m,
                                     double max_m, const std::function<bool(int, int, double)>& accept, WorkerPool* workers) {
  const RingTest ring(beyond_m, max_m);
  const double farthest_then_m = max_m + drift_m;  // a pair measured longer then is beyond max_m now
  std::vector<std::vector<NearbyPair>> found(static_cast<size_t>(chunks_for(workers, members.size())));
  for_chunks(workers, members.size(), [&](int chunk, size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) {
      const int i = members[k];
      const Vec3& p = position_m[static_cast<size_t>(i)];
      for (uint32_t c = candidates.first[static_cast<size_t>(i)]; c < candidates.first[static_cast<size_t>(i) + 1]; ++c) {
        if (candidates.length_m[c] > farthest_then_m) break;
        const int j = candidates.partner[c];
        if (!is_member[static_cast<size_t>(j)]) continue;
        const std::optional<double> d = ring.length_m(p, position_m[static_cast<size_t>(j)]);
        if (d && (!accept || accept(i, j, *d))) found[static_cast<size_t>(chunk)].push_back({*d, i, j});
      }
    }
  });
  return sorted_by_length(found);
}

}  // namespace orbitsim
