// The coefficients SGP4 computes once per element set, shared by sgp4.cpp (near-Earth theory) and
// sgp4_deep_space.cpp (lunar-solar and resonance terms). Names follow Vallado et al. (AIAA 2006-6753).
#pragma once

namespace orbitsim::detail {

// WGS-72 gravity constants used by SGP4 (Vallado et al. 2006, table "wgs72").
struct Sgp4Gravity {
  static constexpr double kMu = 398600.8;              // km^3/s^2
  static constexpr double kRadiusKm = 6378.135;        // km
  static constexpr double kJ2 = 0.001082616;
  static constexpr double kJ3 = -0.00000253881;
  static constexpr double kJ4 = -0.00000165597;
  static constexpr double kJ3OverJ2 = kJ3 / kJ2;
};

struct Sgp4State {
  bool deep_space = false;
  bool simplified = false;  // "isimp": perigee below 220 km drops the higher-order drag terms
  double xke = 0, tumin = 0;
  double bstar = 0, ecco = 0, argpo = 0, inclo = 0, mo = 0, no_unkozai = 0, nodeo = 0;
  double gsto = 0;
  double aycof = 0, con41 = 0, cc1 = 0, cc4 = 0, cc5 = 0, d2 = 0, d3 = 0, d4 = 0, delmo = 0, eta = 0,
         argpdot = 0, omgcof = 0, sinmao = 0, t2cof = 0, t3cof = 0, t4cof = 0, t5cof = 0, x1mth2 = 0,
         x7thm1 = 0, mdot = 0, nodedot = 0, xlcof = 0, xmcof = 0, nodecf = 0;
  // Near-Earth propagation's terms that do not depend on time, as it computes them (bit for bit):
  // (xke / no_unkozai)^(2/3), sin and cos of inclo.
  double ao_unkozai = 0, sinio = 0, cosio = 0;
  // Deep-space (period >= 225 min) terms.
  int irez = 0;
  double d2201 = 0, d2211 = 0, d3210 = 0, d3222 = 0, d4410 = 0, d4422 = 0, d5220 = 0, d5232 = 0, d5421 = 0,
         d5433 = 0, dedt = 0, del1 = 0, del2 = 0, del3 = 0, didt = 0, dmdt = 0, dnodt = 0, domdt = 0, e3 = 0,
         ee2 = 0, peo = 0, pgho = 0, pho = 0, pinco = 0, plo = 0, se2 = 0, se3 = 0, sgh2 = 0, sgh3 = 0,
         sgh4 = 0, sh2 = 0, sh3 = 0, si2 = 0, si3 = 0, sl2 = 0, sl3 = 0, sl4 = 0, xfact = 0, xgh2 = 0,
         xgh3 = 0, xgh4 = 0, xh2 = 0, xh3 = 0, xi2 = 0, xi3 = 0, xl2 = 0, xl3 = 0, xl4 = 0, xlamo = 0,
         zmol = 0, zmos = 0, atime = 0, xli = 0, xni = 0;
};

// Mean elements at time t, modified in place by the deep-space routines.
struct Sgp4MeanState {
  double em, argpm, inclm, mm, nm, nodem;
};

// Outputs of the common lunar-solar set-up (dscom) that dsinit needs.
struct Sgp4LunarSolar {
  double snodm, cnodm, sinim, cosim, sinomm, cosomm, day, em, emsq, gam, rtemsq, nm;
  double s1, s2, s3, s4, s5, s6, s7, ss1, ss2, ss3, ss4, ss5, ss6, ss7;
  double sz1, sz2, sz3, sz11, sz12, sz13, sz21, sz22, sz23, sz31, sz32, sz33;
  double z1, z2, z3, z11, z12, z13, z21, z22, z23, z31, z32, z33;
};

void deep_space_common(Sgp4State& s, double epoch, double ep, double argpp, double tc, double inclp,
                       double nodep, double np, Sgp4LunarSolar& out);
// Lunar-solar periodics; at_epoch applies the "init" convention (periodics referenced to epoch).
void deep_space_periodics(const Sgp4State& s, double t, bool at_epoch, double& ep, double& inclp,
                          double& nodep, double& argpp, double& mp);
void deep_space_init(Sgp4State& s, const Sgp4LunarSolar& ls, double t, double tc, double xpidot,
                     double eccsq, Sgp4MeanState& m, double& dndt);
void deep_space_secular(Sgp4State& s, double t, double tc, Sgp4MeanState& m, double& dndt);

}  // namespace orbitsim::detail
