#include "power/solar_array.hpp"

#include <algorithm>
#include <cmath>

namespace orbitsim {

double array_incidence_cosine(ArrayAttitude attitude, const SunGeometry& sun) {
  switch (attitude) {
    case ArrayAttitude::kSunTracking: return 1.0;
    case ArrayAttitude::kSingleAxis: return std::sqrt(std::max(0.0, 1.0 - sun.sin_beta * sun.sin_beta));
    case ArrayAttitude::kBodyFixedZenith: return std::max(0.0, sun.cos_zenith);
    case ArrayAttitude::kBodyFixedOrbitNormal: return std::abs(sun.sin_beta);
  }
  return 0.0;
}

double array_power_w(const PowerConfig& c, const SunGeometry& sun) {
  const double ageing = std::max(0.0, 1.0 - c.degradation_per_year * c.age_years);
  return kSolarConstant_w_per_m2 * c.array_area_m2 * c.cell_efficiency * c.packing_factor * ageing *
         array_incidence_cosine(c.attitude, sun) * sun.illuminated_fraction;
}

}  // namespace orbitsim
