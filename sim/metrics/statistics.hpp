// Summary statistics for metric reports: mean and percentiles by linear interpolation between order
// statistics (numpy's default), over finite values only.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

namespace orbitsim {

// {count, mean, p50, p90, p99, max}; nulls when there are no values.
nlohmann::json describe(std::vector<double> values);

}  // namespace orbitsim
