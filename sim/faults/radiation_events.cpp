// Radiation effects on the accelerators (physics.md 5b, 9):
//  - SEFI: an accelerator hangs and needs a reset. A Poisson process per satellite at
//    `sefi_rate_per_accelerator_day` x accelerators; each takes the satellite's compute away for
//    `sefi_reset_s` (it keeps relaying traffic).
//  - SEU: upsets per bit-day over the satellite's accelerator memory; ECC corrects all but
//    `seu_uncorrectable_fraction` of them, and only those are drawn. Inside the South Atlantic Anomaly
//    (a latitude/longitude box) the rate is `seu_saa_multiplier` times higher: the process is drawn at
//    the SAA rate and thinned (an event outside the box is kept with probability 1 / multiplier).
#include <algorithm>

#include "faults/failure_models.hpp"

namespace orbitsim {

bool inside_saa(const FaultModelConfig& c, double latitude_deg, double longitude_deg) {
  return latitude_deg >= c.saa_latitude_min_deg && latitude_deg <= c.saa_latitude_max_deg &&
         longitude_deg >= c.saa_longitude_min_deg && longitude_deg <= c.saa_longitude_max_deg;
}

std::vector<FailureEvent> draw_sefis(const FaultModelConfig& c, const FaultModelInputs& in, double horizon_s,
                                     unsigned long seed) {
  std::vector<FailureEvent> out;
  const double rate_per_s = c.sefi_rate_per_accelerator_day * c.rate_scale * in.accelerators_per_satellite / 86400.0;
  if (rate_per_s <= 0.0) return out;
  FailureRandom random(seed, 0x73656669ULL);  // "sefi"
  for (const auto& name : in.satellite_names)
    // A hung satellite cannot hang again before its reset ends: the next event counts from then.
    for (double t : random.failure_times(rate_per_s, c.sefi_reset_s, horizon_s))
      out.push_back({t, name, FailureKind::kSefi, c.sefi_reset_s, FailureCause::kSefi});
  return out;
}

std::vector<FailureEvent> draw_uncorrectable_seus(const FaultModelConfig& c, const FaultModelInputs& in,
                                                  double horizon_s, unsigned long seed) {
  std::vector<FailureEvent> out;
  const double bits = 8.0 * in.accelerator_memory_bytes * in.accelerators_per_satellite;
  const double rate_per_s = c.seu_rate_per_bit_day * c.rate_scale * bits * c.seu_uncorrectable_fraction / 86400.0;
  if (rate_per_s <= 0.0) return out;
  const double multiplier = std::max(1.0, c.seu_saa_multiplier);
  FailureRandom random(seed, 0x736575ULL);  // "seu"
  for (size_t i = 0; i < in.satellite_names.size(); ++i)
    for (double t = random.exponential(rate_per_s * multiplier); t < horizon_s;
         t += random.exponential(rate_per_s * multiplier)) {
      const double u = random.uniform();  // drawn for every candidate: the stream does not depend on the orbit
      const auto [lat, lon] = in.latitude_longitude_deg(i, t);
      const bool saa = inside_saa(c, lat, lon);
      if (saa || u * multiplier < 1.0) out.push_back({t, in.satellite_names[i], FailureKind::kSeu, 0.0, saa ? FailureCause::kSeuSaa : FailureCause::kSeu});
    }
  return out;
}

}  // namespace orbitsim
