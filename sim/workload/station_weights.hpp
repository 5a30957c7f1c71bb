// How requests are spread over a platform's ground stations: uniformly, in proportion to each station's
// population (a `population` column of its station file), or by Zipf's law over the platform's station
// order (population of the k-th city ~ 1 / k: Zipf's law for cities, Gabaix, QJE 1999) for lists sorted by
// population that do not carry the numbers, such as the shipped top-100 and top-1000 cities.
#pragma once

#include <string>
#include <vector>

#include "ground/ground_station.hpp"

namespace orbitsim {

enum class StationWeighting { kUniform, kPopulation, kZipf };

// "uniform", "population", "zipf"; throws std::invalid_argument on another name.
StationWeighting parse_station_weighting(const std::string& name);
// For file headers: "uniformly", "in proportion to each station's population", "by Zipf's law ...".
std::string describe(StationWeighting w);

// One weight per station, summing to 1. kPopulation throws InputError naming the first station without
// a population (and suggesting zipf).
std::vector<double> station_weights(const std::vector<GroundStation>& stations, StationWeighting weighting);

// Picks station indices in proportion to fixed weights from uniform draws in [0, 1): the same index for
// the same draw on every platform (a cumulative table, no library distribution).
class WeightedPick {
 public:
  explicit WeightedPick(const std::vector<double>& weights);
  size_t pick(double uniform01) const;

 private:
  std::vector<double> cumulative_;
};

}  // namespace orbitsim
