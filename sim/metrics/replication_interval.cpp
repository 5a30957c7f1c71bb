#include "metrics/replication_interval.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace orbitsim {

ReplicationInterval replication_interval(const std::vector<double>& values) {
  std::vector<double> v;
  for (double x : values)
    if (std::isfinite(x)) v.push_back(x);
  ReplicationInterval r;
  r.n = v.size();
  r.mean = r.sd = r.ci95_low = r.ci95_high = NAN;
  if (v.empty()) return r;
  double sum = 0.0;
  for (double x : v) sum += x;
  r.mean = sum / static_cast<double>(v.size());
  if (v.size() < 2) return r;
  const auto [smallest, largest] = std::minmax_element(v.begin(), v.end());
  if (*smallest == *largest) {  // exactly, without the rounding of a sum of equal values
    r.mean = r.ci95_low = r.ci95_high = *smallest;
    r.sd = 0.0;
    return r;
  }
  double squares = 0.0;
  for (double x : v) squares += (x - r.mean) * (x - r.mean);
  r.sd = std::sqrt(squares / static_cast<double>(v.size() - 1));

  constexpr int kResamples = 10000;
  std::mt19937_64 rng(20261129);  // the standard fixes mt19937_64's sequence; the modulo below is ours
  std::vector<double> means(kResamples);
  for (double& m : means) {
    double s = 0.0;
    for (size_t i = 0; i < v.size(); ++i) s += v[rng() % v.size()];
    m = s / static_cast<double>(v.size());
  }
  std::sort(means.begin(), means.end());
  // The 2.5th and 97.5th percentiles, by the same linear interpolation as numpy's default.
  auto at = [&](double p) {
    const double rank = p * static_cast<double>(kResamples - 1);
    const auto lo = static_cast<size_t>(std::floor(rank));
    const size_t hi = std::min(lo + 1, means.size() - 1);
    return means[lo] + (rank - static_cast<double>(lo)) * (means[hi] - means[lo]);
  };
  r.ci95_low = std::max(at(0.025), *smallest);  // resampled means can round a bit past the extremes
  r.ci95_high = std::min(at(0.975), *largest);
  return r;
}

}  // namespace orbitsim
