// Permanent satellite loss. Each satellite's remaining life is drawn given that it has survived to
// `satellite_age_days`:
//  - a mixture: with probability `infant_mortality_fraction` the unit is defective and dies at an age
//    uniform over the first `infant_mortality_days` (physics.md 9: 2.5 % within 6 months, [E]);
//  - otherwise (and for defective units that outlive the window, none) a random failure with a constant
//    hazard (`exponential`, physics.md 9: ~1 %/yr) or a Weibull hazard (shape k, scale eta days: k < 1
//    decreasing, k > 1 wear-out).
// The earlier of the two causes wins. Rates are multiplied by `rate_scale` (Weibull: the hazard, i.e.
// eta / scale^(1/k)).
#include <algorithm>
#include <cmath>

#include "faults/failure_models.hpp"

namespace orbitsim {

std::vector<FailureEvent> draw_satellite_lifetimes(const FaultModelConfig& c, const FaultModelInputs& in,
                                                   double horizon_s, unsigned long seed) {
  std::vector<FailureEvent> out;
  const bool weibull = c.satellite_lifetime == "weibull";
  const double rate_per_s = c.satellite_failure_rate_per_day * c.rate_scale / 86400.0;
  const double k = c.weibull_shape;
  const double eta_s = c.weibull_scale_days * 86400.0 / std::pow(std::max(c.rate_scale, 1e-300), 1.0 / k);
  const double age_s = c.satellite_age_days * 86400.0;
  const double infant_s = c.infant_mortality_days * 86400.0;
  const double p_infant = std::min(1.0, c.infant_mortality_fraction * c.rate_scale);
  const bool random_failures = weibull ? c.rate_scale > 0.0 : rate_per_s > 0.0;
  if (!random_failures && p_infant <= 0.0) return out;
  FailureRandom random(seed, 0x6661756c7473ULL);  // "faults"
  for (const auto& name : in.satellite_names) {
    // Every satellite consumes the same number of draws, whatever the outcome: streams stay aligned.
    const double u_random = random.uniform(), u_defective = random.uniform(), u_infant = random.uniform();
    double remaining_s = std::numeric_limits<double>::infinity();
    FailureCause cause = FailureCause::kExponential;
    if (random_failures) {
      // Residual life given survival to age a: exponential is memoryless; Weibull by inversion of
      // S(a + x) / S(a) = U.
      remaining_s = weibull ? eta_s * std::pow(std::pow(age_s / eta_s, k) - std::log1p(-u_random), 1.0 / k) - age_s
                            : -std::log1p(-u_random) / rate_per_s;
      cause = weibull ? FailureCause::kWeibull : FailureCause::kExponential;
    }
    if (p_infant > 0.0 && age_s < infant_s) {
      // P(defective | alive at a) = p (1 - a/T) / (1 - p a/T); its death age is uniform on (a, T).
      const double survived = age_s / infant_s;
      const double p_now = p_infant * (1.0 - survived) / (1.0 - p_infant * survived);
      if (u_defective < p_now) {
        const double death_s = u_infant * (infant_s - age_s);  // from now
        if (death_s < remaining_s) remaining_s = death_s, cause = FailureCause::kInfantMortality;
      }
    }
    if (remaining_s < horizon_s) out.push_back({remaining_s, name, FailureKind::kSatellite, std::numeric_limits<double>::infinity(), cause});
  }
  return out;
}

// round(fraction x N) satellites, chosen by a seeded shuffle, failing permanently at t = 0.
std::vector<FailureEvent> draw_initial_failures(const std::vector<std::string>& names, double fraction,
                                                unsigned long seed) {
  std::vector<FailureEvent> out;
  if (fraction <= 0.0) return out;
  std::vector<size_t> order(names.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  FailureRandom random(seed, 0x6b696c6cULL);  // "kill"
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.below(i)]);  // Fisher-Yates
  const auto count = static_cast<size_t>(std::llround(fraction * static_cast<double>(names.size())));
  std::vector<size_t> chosen(order.begin(), order.begin() + static_cast<long>(count));
  std::sort(chosen.begin(), chosen.end());
  for (size_t i : chosen) out.push_back({0.0, names[i], FailureKind::kSatellite, std::numeric_limits<double>::infinity(), FailureCause::kKillAtStart});
  return out;
}

}  // namespace orbitsim
