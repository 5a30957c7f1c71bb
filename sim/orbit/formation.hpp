// Formation clusters (Google's Suncatcher design, arXiv:2511.19468 s2.2): N satellites sharing one
// reference orbit's semi-major axis, inclination and node, each offset by a small eccentricity vector so
// that, relative to the reference, every member traces the same 2:1 (along-track : radial) ellipse of
// Hill/Clohessy-Wiltshire motion. The members form a lattice of integer points (i, j) with pitch
// `radial_pitch_m` radially and twice that along-track; 81 points fill a disk of radius 5 pitches, so
// with a 100 m pitch all members stay within 1 km of the reference.
#pragma once

#include <vector>

#include "orbit/kepler_j2.hpp"

namespace orbitsim {

struct FormationMember {
  int lattice_i = 0;  // radial lattice coordinate at t = 0
  int lattice_j = 0;  // along-track lattice coordinate at t = 0
  CircularElements elements;
};

// The `count` lattice points nearest the centre (ties broken by i, then j), centre first.
std::vector<FormationMember> formation_members(const CircularElements& reference, int count,
                                               double radial_pitch_m);

}  // namespace orbitsim
