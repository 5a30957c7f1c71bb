#include "orbit/sgp4.hpp"

#include <cmath>

#include "core/constants.hpp"
#include "orbit/sidereal_time.hpp"

namespace orbitsim {

using detail::Sgp4Gravity;

namespace {
constexpr double kX2o3 = 2.0 / 3.0;
constexpr double kTemp4 = 1.5e-12;  // guard against division by zero at 180 deg inclination
// SGP4's own epoch: days since 1949 December 31 00:00 UT (JD 2433281.5).
constexpr double kSgp4EpochJd = 2433281.5;
}  // namespace

Sgp4::Sgp4(const MeanElements& elements) : elements_(elements) {
  auto& s = s_;
  s.xke = 60.0 / std::sqrt(Sgp4Gravity::kRadiusKm * Sgp4Gravity::kRadiusKm * Sgp4Gravity::kRadiusKm /
                           Sgp4Gravity::kMu);
  s.tumin = 1.0 / s.xke;
  s.bstar = elements.bstar_per_earth_radii;
  s.ecco = elements.eccentricity;
  s.argpo = elements.arg_perigee_rad;
  s.inclo = elements.inclination_rad;
  s.mo = elements.mean_anomaly_rad;
  s.nodeo = elements.raan_rad;
  const double no_kozai = elements.mean_motion_rad_per_min;
  // Summed as one Julian date first, as the reference implementation does: its rounding (~20 us) enters
  // the lunar-solar terms, and the verification set is reproduced only with it.
  const double epoch = (elements.epoch.day + elements.epoch.fraction) - kSgp4EpochJd;
  const double re = Sgp4Gravity::kRadiusKm, j2 = Sgp4Gravity::kJ2, j4 = Sgp4Gravity::kJ4;

  const double ss = 78.0 / re + 1.0;
  const double qzms2t_root = (120.0 - 78.0) / re;
  const double qzms2t = qzms2t_root * qzms2t_root * qzms2t_root * qzms2t_root;

  // Auxiliary epoch quantities and recovery of the Brouwer ("un-Kozai") mean motion.
  const double eccsq = s.ecco * s.ecco;
  const double omeosq = 1.0 - eccsq;
  const double rteosq = std::sqrt(omeosq);
  const double cosio = std::cos(s.inclo);
  const double cosio2 = cosio * cosio;
  const double ak = std::pow(s.xke / no_kozai, kX2o3);
  const double d1 = 0.75 * j2 * (3.0 * cosio2 - 1.0) / (rteosq * omeosq);
  double del = d1 / (ak * ak);
  const double adel = ak * (1.0 - del * del - del * (1.0 / 3.0 + 134.0 * del * del / 81.0));
  del = d1 / (adel * adel);
  s.no_unkozai = no_kozai / (1.0 + del);
  const double ao = std::pow(s.xke / s.no_unkozai, kX2o3);
  const double sinio = std::sin(s.inclo);
  s.ao_unkozai = ao;
  s.sinio = sinio;
  s.cosio = cosio;
  const double po = ao * omeosq;
  const double con42 = 1.0 - 5.0 * cosio2;
  s.con41 = -con42 - cosio2 - cosio2;
  const double posq = po * po;
  const double rp = ao * (1.0 - s.ecco);
  s.gsto = gmst_iau82_rad(epoch + kSgp4EpochJd);

  if (omeosq >= 0.0 || s.no_unkozai >= 0.0) {
    s.simplified = rp < (220.0 / re + 1.0);
    double sfour = ss;
    double qzms24 = qzms2t;
    const double perige = (rp - 1.0) * re;
    // Perigees below 156 km use a modified atmosphere density parameter.
    if (perige < 156.0) {
      sfour = perige < 98.0 ? 20.0 : perige - 78.0;
      const double root = (120.0 - sfour) / re;
      qzms24 = root * root * root * root;
      sfour = sfour / re + 1.0;
    }
    const double pinvsq = 1.0 / posq;
    const double tsi = 1.0 / (ao - sfour);
    s.eta = ao * s.ecco * tsi;
    const double etasq = s.eta * s.eta;
    const double eeta = s.ecco * s.eta;
    const double psisq = std::fabs(1.0 - etasq);
    const double coef = qzms24 * std::pow(tsi, 4.0);
    const double coef1 = coef / std::pow(psisq, 3.5);
    const double cc2 = coef1 * s.no_unkozai *
                       (ao * (1.0 + 1.5 * etasq + eeta * (4.0 + etasq)) +
                        0.375 * j2 * tsi / psisq * s.con41 * (8.0 + 3.0 * etasq * (8.0 + etasq)));
    s.cc1 = s.bstar * cc2;
    double cc3 = 0.0;
    if (s.ecco > 1.0e-4) cc3 = -2.0 * coef * tsi * Sgp4Gravity::kJ3OverJ2 * s.no_unkozai * sinio / s.ecco;
    s.x1mth2 = 1.0 - cosio2;
    s.cc4 = 2.0 * s.no_unkozai * coef1 * ao * omeosq *
            (s.eta * (2.0 + 0.5 * etasq) + s.ecco * (0.5 + 2.0 * etasq) -
             j2 * tsi / (ao * psisq) *
                 (-3.0 * s.con41 * (1.0 - 2.0 * eeta + etasq * (1.5 - 0.5 * eeta)) +
                  0.75 * s.x1mth2 * (2.0 * etasq - eeta * (1.0 + etasq)) * std::cos(2.0 * s.argpo)));
    s.cc5 = 2.0 * coef1 * ao * omeosq * (1.0 + 2.75 * (etasq + eeta) + eeta * etasq);
    const double cosio4 = cosio2 * cosio2;
    const double temp1 = 1.5 * j2 * pinvsq * s.no_unkozai;
    const double temp2 = 0.5 * temp1 * j2 * pinvsq;
    const double temp3 = -0.46875 * j4 * pinvsq * pinvsq * s.no_unkozai;
    s.mdot = s.no_unkozai + 0.5 * temp1 * rteosq * s.con41 +
             0.0625 * temp2 * rteosq * (13.0 - 78.0 * cosio2 + 137.0 * cosio4);
    s.argpdot = -0.5 * temp1 * con42 + 0.0625 * temp2 * (7.0 - 114.0 * cosio2 + 395.0 * cosio4) +
                temp3 * (3.0 - 36.0 * cosio2 + 49.0 * cosio4);
    const double xhdot1 = -temp1 * cosio;
    s.nodedot = xhdot1 + (0.5 * temp2 * (4.0 - 19.0 * cosio2) + 2.0 * temp3 * (3.0 - 7.0 * cosio2)) * cosio;
    const double xpidot = s.argpdot + s.nodedot;
    s.omgcof = s.bstar * cc3 * std::cos(s.argpo);
    s.xmcof = 0.0;
    if (s.ecco > 1.0e-4) s.xmcof = -kX2o3 * coef * s.bstar / eeta;
    s.nodecf = 3.5 * omeosq * xhdot1 * s.cc1;
    s.t2cof = 1.5 * s.cc1;
    const double xlcof_den = std::fabs(cosio + 1.0) > 1.5e-12 ? 1.0 + cosio : kTemp4;
    s.xlcof = -0.25 * Sgp4Gravity::kJ3OverJ2 * sinio * (3.0 + 5.0 * cosio) / xlcof_den;
    s.aycof = -0.5 * Sgp4Gravity::kJ3OverJ2 * sinio;
    const double delmotemp = 1.0 + s.eta * std::cos(s.mo);
    s.delmo = delmotemp * delmotemp * delmotemp;
    s.sinmao = std::sin(s.mo);
    s.x7thm1 = 7.0 * cosio2 - 1.0;

    // Deep space: periods of 225 minutes or more.
    if (kTwoPi / s.no_unkozai >= 225.0) {
      s.deep_space = true;
      s.simplified = true;
      const double tc = 0.0;
      detail::Sgp4LunarSolar ls{};
      detail::deep_space_common(s, epoch, s.ecco, s.argpo, tc, s.inclo, s.nodeo, s.no_unkozai, ls);
      detail::Sgp4MeanState m{ls.em, 0.0, s.inclo, 0.0, ls.nm, 0.0};
      double dndt = 0.0;
      detail::deep_space_init(s, ls, 0.0, tc, xpidot, eccsq, m, dndt);
    }

    if (!s.simplified) {
      const double cc1sq = s.cc1 * s.cc1;
      s.d2 = 4.0 * ao * tsi * cc1sq;
      const double temp = s.d2 * tsi * s.cc1 / 3.0;
      s.d3 = (17.0 * ao + sfour) * temp;
      s.d4 = 0.5 * temp * ao * tsi * (221.0 * ao + 31.0 * sfour) * s.cc1;
      s.t3cof = s.d2 + 2.0 * cc1sq;
      s.t4cof = 0.25 * (3.0 * s.d3 + s.cc1 * (12.0 * s.d2 + 10.0 * cc1sq));
      s.t5cof =
          0.2 * (3.0 * s.d4 + 12.0 * s.cc1 * s.d3 + 6.0 * s.d2 * s.d2 + 15.0 * cc1sq * (2.0 * s.d2 + cc1sq));
    }
  }
}

TemeState Sgp4::propagate(double t) {
  auto& s = s_;
  TemeState out;
  const double re = Sgp4Gravity::kRadiusKm;
  const double vkmpersec = re * s.xke / 60.0;

  // Secular gravity and atmospheric drag.
  const double xmdf = s.mo + s.mdot * t;
  const double argpdf = s.argpo + s.argpdot * t;
  const double nodedf = s.nodeo + s.nodedot * t;
  detail::Sgp4MeanState m{s.ecco, argpdf, s.inclo, xmdf, s.no_unkozai, 0.0};
  const double t2 = t * t;
  m.nodem = nodedf + s.nodecf * t2;
  double tempa = 1.0 - s.cc1 * t;
  double tempe = s.bstar * s.cc4 * t;
  double templ = s.t2cof * t2;

  if (!s.simplified) {
    const double delomg = s.omgcof * t;
    const double delmtemp = 1.0 + s.eta * std::cos(xmdf);
    const double delm = s.xmcof * (delmtemp * delmtemp * delmtemp - s.delmo);
    const double temp = delomg + delm;
    m.mm = xmdf + temp;
    m.argpm = argpdf - temp;
    const double t3 = t2 * t;
    const double t4 = t3 * t;
    tempa = tempa - s.d2 * t2 - s.d3 * t3 - s.d4 * t4;
    tempe = tempe + s.bstar * s.cc5 * (std::sin(m.mm) - s.sinmao);
    templ = templ + s.t3cof * t3 + t4 * (s.t4cof + t * s.t5cof);
  }

  if (s.deep_space) {
    double dndt = 0.0;
    detail::deep_space_secular(s, t, t, m, dndt);
  }

  if (m.nm <= 0.0) {
    out.error = Sgp4Error::kMeanMotion;
    return out;
  }
  const double am = (s.deep_space ? std::pow(s.xke / m.nm, kX2o3) : s.ao_unkozai) * tempa * tempa;
  const double nm = s.xke / std::pow(am, 1.5);
  double em = m.em - tempe;
  if (em >= 1.0 || em < -0.001) {
    out.error = Sgp4Error::kMeanEccentricity;
    return out;
  }
  if (em < 1.0e-6) em = 1.0e-6;
  double mm = m.mm + s.no_unkozai * templ;
  double xlm = mm + m.argpm + m.nodem;
  double nodem = std::fmod(m.nodem, kTwoPi);
  double argpm = std::fmod(m.argpm, kTwoPi);
  xlm = std::fmod(xlm, kTwoPi);
  mm = std::fmod(xlm - argpm - nodem, kTwoPi);

  // Lunar-solar periodics.
  double ep = em, xincp = m.inclm, argpp = argpm, nodep = nodem, mp = mm;
  double sinip = s.sinio, cosip = s.cosio;  // sin, cos of m.inclm: inclo (deep space: replaced below)
  double aycof = s.aycof, xlcof = s.xlcof, con41 = s.con41, x1mth2 = s.x1mth2, x7thm1 = s.x7thm1;
  if (s.deep_space) {
    detail::deep_space_periodics(s, t, false, ep, xincp, nodep, argpp, mp);
    if (xincp < 0.0) {
      xincp = -xincp;
      nodep = nodep + kPi;
      argpp = argpp - kPi;
    }
    if (ep < 0.0 || ep > 1.0) {
      out.error = Sgp4Error::kPerturbedEccentricity;
      return out;
    }
    // Long-period coefficients at the perturbed inclination.
    sinip = std::sin(xincp);
    cosip = std::cos(xincp);
    aycof = -0.5 * Sgp4Gravity::kJ3OverJ2 * sinip;
    const double den = std::fabs(cosip + 1.0) > 1.5e-12 ? 1.0 + cosip : kTemp4;
    xlcof = -0.25 * Sgp4Gravity::kJ3OverJ2 * sinip * (3.0 + 5.0 * cosip) / den;
  }

  // Long-period periodics.
  const double axnl = ep * std::cos(argpp);
  double temp = 1.0 / (am * (1.0 - ep * ep));
  const double aynl = ep * std::sin(argpp) + temp * aycof;
  const double xl = mp + argpp + nodep + temp * xlcof * axnl;

  // Kepler's equation in equinoctial form, with step limiting.
  const double u = std::fmod(xl - nodep, kTwoPi);
  double eo1 = u, tem5 = 9999.9, sineo1 = 0.0, coseo1 = 0.0;
  for (int ktr = 1; std::fabs(tem5) >= 1.0e-12 && ktr <= 10; ++ktr) {
    sineo1 = std::sin(eo1);
    coseo1 = std::cos(eo1);
    tem5 = 1.0 - coseo1 * axnl - sineo1 * aynl;
    tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / tem5;
    if (std::fabs(tem5) >= 0.95) tem5 = tem5 > 0.0 ? 0.95 : -0.95;
    eo1 = eo1 + tem5;
  }

  // Short-period periodics.
  const double ecose = axnl * coseo1 + aynl * sineo1;
  const double esine = axnl * sineo1 - aynl * coseo1;
  const double el2 = axnl * axnl + aynl * aynl;
  const double pl = am * (1.0 - el2);
  if (pl < 0.0) {
    out.error = Sgp4Error::kSemiLatusRectum;
    return out;
  }
  const double rl = am * (1.0 - ecose);
  const double rdotl = std::sqrt(am) * esine / rl;
  const double rvdotl = std::sqrt(pl) / rl;
  const double betal = std::sqrt(1.0 - el2);
  temp = esine / (1.0 + betal);
  const double sinu = am / rl * (sineo1 - aynl - axnl * temp);
  const double cosu = am / rl * (coseo1 - axnl + aynl * temp);
  double su = std::atan2(sinu, cosu);
  const double sin2u = (cosu + cosu) * sinu;
  const double cos2u = 1.0 - 2.0 * sinu * sinu;
  temp = 1.0 / pl;
  const double temp1 = 0.5 * Sgp4Gravity::kJ2 * temp;
  const double temp2 = temp1 * temp;
  if (s.deep_space) {
    const double cosisq = cosip * cosip;
    con41 = 3.0 * cosisq - 1.0;
    x1mth2 = 1.0 - cosisq;
    x7thm1 = 7.0 * cosisq - 1.0;
  }
  const double mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
  su = su - 0.25 * temp2 * x7thm1 * sin2u;
  const double xnode = nodep + 1.5 * temp2 * cosip * sin2u;
  const double xinc = xincp + 1.5 * temp2 * cosip * sinip * cos2u;
  const double mvt = rdotl - nm * temp1 * x1mth2 * sin2u / s.xke;
  const double rvdot = rvdotl + nm * temp1 * (x1mth2 * cos2u + 1.5 * con41) / s.xke;

  // Orientation vectors.
  const double sinsu = std::sin(su), cossu = std::cos(su);
  const double snod = std::sin(xnode), cnod = std::cos(xnode);
  const double sini = std::sin(xinc), cosi = std::cos(xinc);
  const double xmx = -snod * cosi, xmy = cnod * cosi;
  const Vec3 uvec{xmx * sinsu + cnod * cossu, xmy * sinsu + snod * cossu, sini * sinsu};
  const Vec3 vvec{xmx * cossu - cnod * sinsu, xmy * cossu - snod * sinsu, sini * cossu};
  out.position_km = uvec * (mrt * re);
  out.velocity_kmps = (uvec * mvt + vvec * rvdot) * vkmpersec;
  if (mrt < 1.0) out.error = Sgp4Error::kDecayed;
  return out;
}

}  // namespace orbitsim
