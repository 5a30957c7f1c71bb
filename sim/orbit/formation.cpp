#include "orbit/formation.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace orbitsim {

std::vector<FormationMember> formation_members(const CircularElements& reference, int count,
                                               double radial_pitch_m) {
  // Enough rings to hold `count` points: a disk of radius R holds about pi R^2 lattice points.
  const int radius = static_cast<int>(std::ceil(std::sqrt(count / kPi))) + 2;
  std::vector<std::tuple<int, int, int>> points;  // (i^2 + j^2, i, j)
  for (int i = -radius; i <= radius; ++i)
    for (int j = -radius; j <= radius; ++j) points.emplace_back(i * i + j * j, i, j);
  std::sort(points.begin(), points.end());

  // Choose (ex, ey) so that at t = 0 the member sits i pitches above and 2j pitches ahead of the
  // reference: first-order Keplerian motion gives dr = -a(ex cos L + ey sin L) and
  // a*du = 2a(ex sin L - ey cos L) at mean argument of latitude L.
  const double c = std::cos(reference.arg_latitude_rad), s = std::sin(reference.arg_latitude_rad);
  const double k = radial_pitch_m / reference.semi_major_axis_m;
  std::vector<FormationMember> members;
  for (int n = 0; n < count; ++n) {
    const auto [r2, i, j] = points[static_cast<size_t>(n)];
    FormationMember m{i, j, reference};
    m.elements.eccentricity_x = reference.eccentricity_x + k * (-i * c + j * s);
    m.elements.eccentricity_y = reference.eccentricity_y + k * (-i * s - j * c);
    members.push_back(m);
  }
  return members;
}

}  // namespace orbitsim
