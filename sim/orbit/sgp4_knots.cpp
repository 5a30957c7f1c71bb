#include "orbit/sgp4_knots.hpp"

namespace orbitsim {

std::optional<Vec3> Sgp4Knots::cubic(const std::array<Vec3, kKnotsUsed>& at, double u) {
  // Lagrange's remainder for nodes -1, 0, 1, 2 on [0, 1]: |(u + 1) u (u - 1) (u - 2)| / 4! <= 0.5625 / 24 of
  // h^4 |x''''|, and the fourth difference is h^4 x'''' at some point of the five knots.
  constexpr double kRemainderPerFourthDifference = 0.5625 / 24.0;
  const Vec3 fourth_difference = at[0] - at[1] * 4.0 + at[2] * 6.0 - at[3] * 4.0 + at[4];
  constexpr double kLargestDifference_m = kTolerance_m / kRemainderPerFourthDifference;
  if (fourth_difference.dot(fourth_difference) > kLargestDifference_m * kLargestDifference_m) return std::nullopt;
  const double w0 = -u * (u - 1.0) * (u - 2.0) / 6.0;
  const double w1 = (u + 1.0) * (u - 1.0) * (u - 2.0) / 2.0;
  const double w2 = -(u + 1.0) * u * (u - 2.0) / 2.0;
  const double w3 = (u + 1.0) * u * (u - 1.0) / 6.0;
  return at[0] * w0 + at[1] * w1 + at[2] * w2 + at[3] * w3;
}

}  // namespace orbitsim
