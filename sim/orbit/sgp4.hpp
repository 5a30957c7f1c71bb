// SGP4/SDP4 propagator for NORAD mean elements, WGS-72 constants, "improved" operation mode, following
// the revised theory of Vallado, Crawford, Hujsak & Kelso, "Revisiting Spacetrack Report #3",
// AIAA 2006-6753. Output is the TEME position (km) and velocity (km/s) at minutes since the element
// epoch. Reproduces the paper's 33-case verification set (test/unit/sgp4_verification_test.cpp).
#pragma once

#include "core/vec3.hpp"
#include "orbit/mean_elements.hpp"
#include "orbit/sgp4_state.hpp"

namespace orbitsim {

enum class Sgp4Error {
  kNone = 0,
  kMeanEccentricity = 1,       // mean eccentricity out of [0, 1)
  kMeanMotion = 2,             // mean motion <= 0
  kPerturbedEccentricity = 3,  // perturbed eccentricity out of [0, 1]
  kSemiLatusRectum = 4,        // semi-latus rectum < 0
  kDecayed = 6,                // orbit radius below one Earth radius
};

struct TemeState {
  Vec3 position_km;
  Vec3 velocity_kmps;
  Sgp4Error error = Sgp4Error::kNone;
};

class Sgp4 {
 public:
  explicit Sgp4(const MeanElements& elements);

  // Not const: deep-space resonant orbits keep the numerical integrator's last step to continue from.
  // The result does not depend on earlier calls (the integrator always steps from the epoch).
  TemeState propagate(double minutes_since_epoch);

  const MeanElements& elements() const { return elements_; }
  bool deep_space() const { return s_.deep_space; }

 private:
  MeanElements elements_;
  detail::Sgp4State s_{};
};

}  // namespace orbitsim
