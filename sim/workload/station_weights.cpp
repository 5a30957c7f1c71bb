#include "workload/station_weights.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/input_error.hpp"

namespace orbitsim {

StationWeighting parse_station_weighting(const std::string& name) {
  if (name == "uniform") return StationWeighting::kUniform;
  if (name == "population") return StationWeighting::kPopulation;
  if (name == "zipf") return StationWeighting::kZipf;
  throw std::invalid_argument("station weighting: " + name);
}

std::string describe(StationWeighting w) {
  switch (w) {
    case StationWeighting::kUniform: return "uniformly";
    case StationWeighting::kPopulation: return "in proportion to each station's population (station file)";
    case StationWeighting::kZipf: return "by Zipf's law over the platform's station order (weight 1 / rank)";
  }
  return "?";
}

std::vector<double> station_weights(const std::vector<GroundStation>& stations, StationWeighting weighting) {
  std::vector<double> w(stations.size(), 1.0);
  for (size_t k = 0; k < stations.size(); ++k) {
    if (weighting == StationWeighting::kZipf) w[k] = 1.0 / static_cast<double>(k + 1);
    if (weighting == StationWeighting::kPopulation) {
      if (!(stations[k].population > 0.0))
        throw InputError({"command line", 0}, "--stations population",
                         "a population for every station (a population column in the station file; --stations zipf "
                         "weights a list sorted by population by rank instead)",
                         "none for " + stations[k].name);
      w[k] = stations[k].population;
    }
  }
  double total = 0.0;
  for (double x : w) total += x;
  for (double& x : w) x /= total;
  return w;
}

WeightedPick::WeightedPick(const std::vector<double>& weights) {
  double sum = 0.0;
  for (double w : weights) cumulative_.push_back(sum += w);
  for (double& c : cumulative_) c /= sum;
}

size_t WeightedPick::pick(double uniform01) const {
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), uniform01);
  return std::min(static_cast<size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
}

}  // namespace orbitsim
