#include "metrics/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace orbitsim {

namespace {
// By linear interpolation between the order statistics of `v`, sorted.
double percentile(const std::vector<double>& v, double p) {
  const double rank = p / 100.0 * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(rank));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (rank - static_cast<double>(lo));
}
}  // namespace

nlohmann::json describe(std::vector<double> values) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double x) { return !std::isfinite(x); }), values.end());
  nlohmann::json j;
  j["count"] = values.size();
  if (values.empty()) {
    for (const char* k : {"mean", "p50", "p90", "p99", "max"}) j[k] = nullptr;
    return j;
  }
  j["mean"] = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  j["max"] = *std::max_element(values.begin(), values.end());
  std::sort(values.begin(), values.end());  // once for the three percentiles (mean and max as given)
  j["p50"] = percentile(values, 50);
  j["p90"] = percentile(values, 90);
  j["p99"] = percentile(values, 99);
  return j;
}

}  // namespace orbitsim
