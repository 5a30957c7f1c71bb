// Deep-space part of SGP4 (SDP4): lunar-solar secular and periodic terms and the 12-hour and 24-hour
// geopotential resonances, integrated numerically in 720-minute steps from the epoch.
#include <cmath>

#include "core/constants.hpp"
#include "orbit/sgp4_state.hpp"

namespace orbitsim::detail {
namespace {
constexpr double kZns = 1.19459e-5, kZes = 0.01675, kZnl = 1.5835218e-4, kZel = 0.05490;
constexpr double kRptim = 4.37526908801129966e-3;  // Earth rotation, rad/min
}  // namespace

void deep_space_common(Sgp4State& s, double epoch, double ep, double argpp, double tc, double inclp,
                       double nodep, double np, Sgp4LunarSolar& o) {
  constexpr double c1ss = 2.9864797e-6, c1l = 4.7968065e-7;
  constexpr double zsinis = 0.39785416, zcosis = 0.91744867, zcosgs = 0.1945905, zsings = -0.98088458;

  o.nm = np;
  o.em = ep;
  o.snodm = std::sin(nodep);
  o.cnodm = std::cos(nodep);
  o.sinomm = std::sin(argpp);
  o.cosomm = std::cos(argpp);
  o.sinim = std::sin(inclp);
  o.cosim = std::cos(inclp);
  o.emsq = o.em * o.em;
  const double betasq = 1.0 - o.emsq;
  o.rtemsq = std::sqrt(betasq);

  s.peo = s.pinco = s.plo = s.pgho = s.pho = 0.0;
  o.day = epoch + 18261.5 + tc / 1440.0;
  const double xnodce = std::fmod(4.5236020 - 9.2422029e-4 * o.day, kTwoPi);
  const double stem = std::sin(xnodce), ctem = std::cos(xnodce);
  const double zcosil = 0.91375164 - 0.03568096 * ctem;
  const double zsinil = std::sqrt(1.0 - zcosil * zcosil);
  const double zsinhl = 0.089683511 * stem / zsinil;
  const double zcoshl = std::sqrt(1.0 - zsinhl * zsinhl);
  o.gam = 5.8351514 + 0.0019443680 * o.day;
  double zx = 0.39785416 * stem / zsinil;
  const double zy = zcoshl * ctem + 0.91744867 * zsinhl * stem;
  zx = std::atan2(zx, zy);
  zx = o.gam + zx - xnodce;
  const double zcosgl = std::cos(zx), zsingl = std::sin(zx);

  // First pass: solar terms; second pass: lunar terms.
  double zcosg = zcosgs, zsing = zsings, zcosi = zcosis, zsini = zsinis;
  double zcosh = o.cnodm, zsinh = o.snodm, cc = c1ss;
  const double xnoi = 1.0 / o.nm;
  for (int pass = 1; pass <= 2; ++pass) {
    const double a1 = zcosg * zcosh + zsing * zcosi * zsinh;
    const double a3 = -zsing * zcosh + zcosg * zcosi * zsinh;
    const double a7 = -zcosg * zsinh + zsing * zcosi * zcosh;
    const double a8 = zsing * zsini;
    const double a9 = zsing * zsinh + zcosg * zcosi * zcosh;
    const double a10 = zcosg * zsini;
    const double a2 = o.cosim * a7 + o.sinim * a8;
    const double a4 = o.cosim * a9 + o.sinim * a10;
    const double a5 = -o.sinim * a7 + o.cosim * a8;
    const double a6 = -o.sinim * a9 + o.cosim * a10;
    const double x1 = a1 * o.cosomm + a2 * o.sinomm;
    const double x2 = a3 * o.cosomm + a4 * o.sinomm;
    const double x3 = -a1 * o.sinomm + a2 * o.cosomm;
    const double x4 = -a3 * o.sinomm + a4 * o.cosomm;
    const double x5 = a5 * o.sinomm;
    const double x6 = a6 * o.sinomm;
    const double x7 = a5 * o.cosomm;
    const double x8 = a6 * o.cosomm;
    const double emsq = o.emsq;
    o.z31 = 12.0 * x1 * x1 - 3.0 * x3 * x3;
    o.z32 = 24.0 * x1 * x2 - 6.0 * x3 * x4;
    o.z33 = 12.0 * x2 * x2 - 3.0 * x4 * x4;
    o.z1 = 3.0 * (a1 * a1 + a2 * a2) + o.z31 * emsq;
    o.z2 = 6.0 * (a1 * a3 + a2 * a4) + o.z32 * emsq;
    o.z3 = 3.0 * (a3 * a3 + a4 * a4) + o.z33 * emsq;
    o.z11 = -6.0 * a1 * a5 + emsq * (-24.0 * x1 * x7 - 6.0 * x3 * x5);
    o.z12 = -6.0 * (a1 * a6 + a3 * a5) + emsq * (-24.0 * (x2 * x7 + x1 * x8) - 6.0 * (x3 * x6 + x4 * x5));
    o.z13 = -6.0 * a3 * a6 + emsq * (-24.0 * x2 * x8 - 6.0 * x4 * x6);
    o.z21 = 6.0 * a2 * a5 + emsq * (24.0 * x1 * x5 - 6.0 * x3 * x7);
    o.z22 = 6.0 * (a4 * a5 + a2 * a6) + emsq * (24.0 * (x2 * x5 + x1 * x6) - 6.0 * (x4 * x7 + x3 * x8));
    o.z23 = 6.0 * a4 * a6 + emsq * (24.0 * x2 * x6 - 6.0 * x4 * x8);
    o.z1 = o.z1 + o.z1 + betasq * o.z31;
    o.z2 = o.z2 + o.z2 + betasq * o.z32;
    o.z3 = o.z3 + o.z3 + betasq * o.z33;
    o.s3 = cc * xnoi;
    o.s2 = -0.5 * o.s3 / o.rtemsq;
    o.s4 = o.s3 * o.rtemsq;
    o.s1 = -15.0 * o.em * o.s4;
    o.s5 = x1 * x3 + x2 * x4;
    o.s6 = x2 * x3 + x1 * x4;
    o.s7 = x2 * x4 - x1 * x3;
    if (pass == 1) {
      o.ss1 = o.s1, o.ss2 = o.s2, o.ss3 = o.s3, o.ss4 = o.s4, o.ss5 = o.s5, o.ss6 = o.s6, o.ss7 = o.s7;
      o.sz1 = o.z1, o.sz2 = o.z2, o.sz3 = o.z3;
      o.sz11 = o.z11, o.sz12 = o.z12, o.sz13 = o.z13;
      o.sz21 = o.z21, o.sz22 = o.z22, o.sz23 = o.z23;
      o.sz31 = o.z31, o.sz32 = o.z32, o.sz33 = o.z33;
      zcosg = zcosgl;
      zsing = zsingl;
      zcosi = zcosil;
      zsini = zsinil;
      zcosh = zcoshl * o.cnodm + zsinhl * o.snodm;
      zsinh = o.snodm * zcoshl - o.cnodm * zsinhl;
      cc = c1l;
    }
  }

  s.zmol = std::fmod(4.7199672 + 0.22997150 * o.day - o.gam, kTwoPi);
  s.zmos = std::fmod(6.2565837 + 0.017201977 * o.day, kTwoPi);

  // Solar terms.
  s.se2 = 2.0 * o.ss1 * o.ss6;
  s.se3 = 2.0 * o.ss1 * o.ss7;
  s.si2 = 2.0 * o.ss2 * o.sz12;
  s.si3 = 2.0 * o.ss2 * (o.sz13 - o.sz11);
  s.sl2 = -2.0 * o.ss3 * o.sz2;
  s.sl3 = -2.0 * o.ss3 * (o.sz3 - o.sz1);
  s.sl4 = -2.0 * o.ss3 * (-21.0 - 9.0 * o.emsq) * kZes;
  s.sgh2 = 2.0 * o.ss4 * o.sz32;
  s.sgh3 = 2.0 * o.ss4 * (o.sz33 - o.sz31);
  s.sgh4 = -18.0 * o.ss4 * kZes;
  s.sh2 = -2.0 * o.ss2 * o.sz22;
  s.sh3 = -2.0 * o.ss2 * (o.sz23 - o.sz21);
  // Lunar terms.
  s.ee2 = 2.0 * o.s1 * o.s6;
  s.e3 = 2.0 * o.s1 * o.s7;
  s.xi2 = 2.0 * o.s2 * o.z12;
  s.xi3 = 2.0 * o.s2 * (o.z13 - o.z11);
  s.xl2 = -2.0 * o.s3 * o.z2;
  s.xl3 = -2.0 * o.s3 * (o.z3 - o.z1);
  s.xl4 = -2.0 * o.s3 * (-21.0 - 9.0 * o.emsq) * kZel;
  s.xgh2 = 2.0 * o.s4 * o.z32;
  s.xgh3 = 2.0 * o.s4 * (o.z33 - o.z31);
  s.xgh4 = -18.0 * o.s4 * kZel;
  s.xh2 = -2.0 * o.s2 * o.z22;
  s.xh3 = -2.0 * o.s2 * (o.z23 - o.z21);
}

void deep_space_periodics(const Sgp4State& s, double t, bool at_epoch, double& ep, double& inclp,
                          double& nodep, double& argpp, double& mp) {
  double zm = at_epoch ? s.zmos : s.zmos + kZns * t;
  double zf = zm + 2.0 * kZes * std::sin(zm);
  double sinzf = std::sin(zf);
  double f2 = 0.5 * sinzf * sinzf - 0.25;
  double f3 = -0.5 * sinzf * std::cos(zf);
  const double ses = s.se2 * f2 + s.se3 * f3;
  const double sis = s.si2 * f2 + s.si3 * f3;
  const double sls = s.sl2 * f2 + s.sl3 * f3 + s.sl4 * sinzf;
  const double sghs = s.sgh2 * f2 + s.sgh3 * f3 + s.sgh4 * sinzf;
  const double shs = s.sh2 * f2 + s.sh3 * f3;
  zm = at_epoch ? s.zmol : s.zmol + kZnl * t;
  zf = zm + 2.0 * kZel * std::sin(zm);
  sinzf = std::sin(zf);
  f2 = 0.5 * sinzf * sinzf - 0.25;
  f3 = -0.5 * sinzf * std::cos(zf);
  const double sel = s.ee2 * f2 + s.e3 * f3;
  const double sil = s.xi2 * f2 + s.xi3 * f3;
  const double sll = s.xl2 * f2 + s.xl3 * f3 + s.xl4 * sinzf;
  const double sghl = s.xgh2 * f2 + s.xgh3 * f3 + s.xgh4 * sinzf;
  const double shll = s.xh2 * f2 + s.xh3 * f3;
  if (at_epoch) return;  // at the epoch the periodics are the reference, not a correction

  const double pe = ses + sel - s.peo;
  const double pinc = sis + sil - s.pinco;
  const double pl = sls + sll - s.plo;
  double pgh = sghs + sghl - s.pgho;
  double ph = shs + shll - s.pho;
  inclp = inclp + pinc;
  ep = ep + pe;
  const double sinip = std::sin(inclp), cosip = std::cos(inclp);

  // Above 0.2 rad apply the periodics directly; below, use Lyddane's modification (GSFC choice of the
  // perturbed inclination).
  if (inclp >= 0.2) {
    ph = ph / sinip;
    pgh = pgh - cosip * ph;
    argpp = argpp + pgh;
    nodep = nodep + ph;
    mp = mp + pl;
  } else {
    const double sinop = std::sin(nodep), cosop = std::cos(nodep);
    double alfdp = sinip * sinop;
    double betdp = sinip * cosop;
    const double dalf = ph * cosop + pinc * cosip * sinop;
    const double dbet = -ph * sinop + pinc * cosip * cosop;
    alfdp = alfdp + dalf;
    betdp = betdp + dbet;
    nodep = std::fmod(nodep, kTwoPi);
    double xls = mp + argpp + cosip * nodep;
    const double dls = pl + pgh - pinc * nodep * sinip;
    xls = xls + dls;
    const double xnoh = nodep;
    nodep = std::atan2(alfdp, betdp);
    if (std::fabs(xnoh - nodep) > kPi) nodep += nodep < xnoh ? kTwoPi : -kTwoPi;
    mp = mp + pl;
    argpp = xls - mp - cosip * nodep;
  }
}

void deep_space_init(Sgp4State& s, const Sgp4LunarSolar& ls, double t, double tc, double xpidot,
                     double eccsq, Sgp4MeanState& m, double& dndt) {
  constexpr double q22 = 1.7891679e-6, q31 = 2.1460748e-6, q33 = 2.2123015e-7;
  constexpr double root22 = 1.7891679e-6, root44 = 7.3636953e-9, root54 = 2.1765803e-9;
  constexpr double root32 = 3.7393792e-7, root52 = 1.1428639e-7;
  const double cosim = ls.cosim, sinim = ls.sinim;
  double emsq = ls.emsq;

  s.irez = 0;
  if (m.nm < 0.0052359877 && m.nm > 0.0034906585) s.irez = 1;                 // 24-hour resonance
  if (m.nm >= 8.26e-3 && m.nm <= 9.24e-3 && m.em >= 0.5) s.irez = 2;         // 12-hour resonance

  // Solar secular terms.
  const double ses = ls.ss1 * kZns * ls.ss5;
  const double sis = ls.ss2 * kZns * (ls.sz11 + ls.sz13);
  const double sls = -kZns * ls.ss3 * (ls.sz1 + ls.sz3 - 14.0 - 6.0 * emsq);
  const double sghs = ls.ss4 * kZns * (ls.sz31 + ls.sz33 - 6.0);
  double shs = -kZns * ls.ss2 * (ls.sz21 + ls.sz23);
  const bool near_equatorial = m.inclm < 5.2359877e-2 || m.inclm > kPi - 5.2359877e-2;
  if (near_equatorial) shs = 0.0;
  if (sinim != 0.0) shs = shs / sinim;
  const double sgs = sghs - cosim * shs;

  // Lunar secular terms.
  s.dedt = ses + ls.s1 * kZnl * ls.s5;
  s.didt = sis + ls.s2 * kZnl * (ls.z11 + ls.z13);
  s.dmdt = sls - kZnl * ls.s3 * (ls.z1 + ls.z3 - 14.0 - 6.0 * emsq);
  const double sghl = ls.s4 * kZnl * (ls.z31 + ls.z33 - 6.0);
  double shll = -kZnl * ls.s2 * (ls.z21 + ls.z23);
  if (near_equatorial) shll = 0.0;
  s.domdt = sgs + sghl;
  s.dnodt = shs;
  if (sinim != 0.0) {
    s.domdt = s.domdt - cosim / sinim * shll;
    s.dnodt = s.dnodt + shll / sinim;
  }

  dndt = 0.0;
  const double theta = std::fmod(s.gsto + tc * kRptim, kTwoPi);
  m.em = m.em + s.dedt * t;
  m.inclm = m.inclm + s.didt * t;
  m.argpm = m.argpm + s.domdt * t;
  m.nodem = m.nodem + s.dnodt * t;
  m.mm = m.mm + s.dmdt * t;
  if (s.irez == 0) return;

  const double aonv = std::pow(m.nm / s.xke, 2.0 / 3.0);
  if (s.irez == 2) {
    // Geopotential resonance for 12-hour orbits, evaluated at the epoch eccentricity.
    const double cosisq = cosim * cosim;
    const double emo = m.em;
    const double em = s.ecco;
    const double emsqo = emsq;
    emsq = eccsq;
    const double eoc = em * emsq;
    const double g201 = -0.306 - (em - 0.64) * 0.440;
    double g211, g310, g322, g410, g422, g520, g521, g532, g533;
    if (em <= 0.65) {
      g211 = 3.616 - 13.2470 * em + 16.2900 * emsq;
      g310 = -19.302 + 117.3900 * em - 228.4190 * emsq + 156.5910 * eoc;
      g322 = -18.9068 + 109.7927 * em - 214.6334 * emsq + 146.5816 * eoc;
      g410 = -41.122 + 242.6940 * em - 471.0940 * emsq + 313.9530 * eoc;
      g422 = -146.407 + 841.8800 * em - 1629.014 * emsq + 1083.4350 * eoc;
      g520 = -532.114 + 3017.977 * em - 5740.032 * emsq + 3708.2760 * eoc;
    } else {
      g211 = -72.099 + 331.819 * em - 508.738 * emsq + 266.724 * eoc;
      g310 = -346.844 + 1582.851 * em - 2415.925 * emsq + 1246.113 * eoc;
      g322 = -342.585 + 1554.908 * em - 2366.899 * emsq + 1215.972 * eoc;
      g410 = -1052.797 + 4758.686 * em - 7193.992 * emsq + 3651.957 * eoc;
      g422 = -3581.690 + 16178.110 * em - 24462.770 * emsq + 12422.520 * eoc;
      g520 = em > 0.715 ? -5149.66 + 29936.92 * em - 54087.36 * emsq + 31324.56 * eoc
                        : 1464.74 - 4664.75 * em + 3763.64 * emsq;
    }
    if (em < 0.7) {
      g533 = -919.22770 + 4988.6100 * em - 9064.7700 * emsq + 5542.21 * eoc;
      g521 = -822.71072 + 4568.6173 * em - 8491.4146 * emsq + 5337.524 * eoc;
      g532 = -853.66600 + 4690.2500 * em - 8624.7700 * emsq + 5341.4 * eoc;
    } else {
      g533 = -37995.780 + 161616.52 * em - 229838.20 * emsq + 109377.94 * eoc;
      g521 = -51752.104 + 218913.95 * em - 309468.16 * emsq + 146349.42 * eoc;
      g532 = -40023.880 + 170470.89 * em - 242699.48 * emsq + 115605.82 * eoc;
    }
    const double sini2 = sinim * sinim;
    const double f220 = 0.75 * (1.0 + 2.0 * cosim + cosisq);
    const double f221 = 1.5 * sini2;
    const double f321 = 1.875 * sinim * (1.0 - 2.0 * cosim - 3.0 * cosisq);
    const double f322 = -1.875 * sinim * (1.0 + 2.0 * cosim - 3.0 * cosisq);
    const double f441 = 35.0 * sini2 * f220;
    const double f442 = 39.3750 * sini2 * sini2;
    const double f522 = 9.84375 * sinim *
                        (sini2 * (1.0 - 2.0 * cosim - 5.0 * cosisq) +
                         0.33333333 * (-2.0 + 4.0 * cosim + 6.0 * cosisq));
    const double f523 = sinim * (4.92187512 * sini2 * (-2.0 - 4.0 * cosim + 10.0 * cosisq) +
                                 6.56250012 * (1.0 + 2.0 * cosim - 3.0 * cosisq));
    const double f542 = 29.53125 * sinim * (2.0 - 8.0 * cosim + cosisq * (-12.0 + 8.0 * cosim + 10.0 * cosisq));
    const double f543 = 29.53125 * sinim * (-2.0 - 8.0 * cosim + cosisq * (12.0 + 8.0 * cosim - 10.0 * cosisq));
    const double xno2 = m.nm * m.nm;
    const double ainv2 = aonv * aonv;
    double temp1 = 3.0 * xno2 * ainv2;
    double temp = temp1 * root22;
    s.d2201 = temp * f220 * g201;
    s.d2211 = temp * f221 * g211;
    temp1 = temp1 * aonv;
    temp = temp1 * root32;
    s.d3210 = temp * f321 * g310;
    s.d3222 = temp * f322 * g322;
    temp1 = temp1 * aonv;
    temp = 2.0 * temp1 * root44;
    s.d4410 = temp * f441 * g410;
    s.d4422 = temp * f442 * g422;
    temp1 = temp1 * aonv;
    temp = temp1 * root52;
    s.d5220 = temp * f522 * g520;
    s.d5232 = temp * f523 * g532;
    temp = 2.0 * temp1 * root54;
    s.d5421 = temp * f542 * g521;
    s.d5433 = temp * f543 * g533;
    s.xlamo = std::fmod(s.mo + s.nodeo + s.nodeo - theta - theta, kTwoPi);
    s.xfact = s.mdot + s.dmdt + 2.0 * (s.nodedot + s.dnodt - kRptim) - s.no_unkozai;
    m.em = emo;
    emsq = emsqo;
  } else {
    // Synchronous (24-hour) resonance.
    const double g200 = 1.0 + emsq * (-2.5 + 0.8125 * emsq);
    const double g310 = 1.0 + 2.0 * emsq;
    const double g300 = 1.0 + emsq * (-6.0 + 6.60937 * emsq);
    const double f220 = 0.75 * (1.0 + cosim) * (1.0 + cosim);
    const double f311 = 0.9375 * sinim * sinim * (1.0 + 3.0 * cosim) - 0.75 * (1.0 + cosim);
    double f330 = 1.0 + cosim;
    f330 = 1.875 * f330 * f330 * f330;
    s.del1 = 3.0 * m.nm * m.nm * aonv * aonv;
    s.del2 = 2.0 * s.del1 * f220 * g200 * q22;
    s.del3 = 3.0 * s.del1 * f330 * g300 * q33 * aonv;
    s.del1 = s.del1 * f311 * g310 * q31 * aonv;
    s.xlamo = std::fmod(s.mo + s.nodeo + s.argpo - theta, kTwoPi);
    s.xfact = s.mdot + xpidot - kRptim + s.dmdt + s.domdt + s.dnodt - s.no_unkozai;
  }
  s.xli = s.xlamo;
  s.xni = s.no_unkozai;
  s.atime = 0.0;
  m.nm = s.no_unkozai + dndt;
}

void deep_space_secular(Sgp4State& s, double t, double tc, Sgp4MeanState& m, double& dndt) {
  constexpr double fasx2 = 0.13130908, fasx4 = 2.8843198, fasx6 = 0.37448087;
  constexpr double g22 = 5.7686396, g32 = 0.95240898, g44 = 1.8014998, g52 = 1.0508330, g54 = 4.4108898;
  constexpr double stepp = 720.0, stepn = -720.0, step2 = 259200.0;

  dndt = 0.0;
  const double theta = std::fmod(s.gsto + tc * kRptim, kTwoPi);
  m.em = m.em + s.dedt * t;
  m.inclm = m.inclm + s.didt * t;
  m.argpm = m.argpm + s.domdt * t;
  m.nodem = m.nodem + s.dnodt * t;
  m.mm = m.mm + s.dmdt * t;
  if (s.irez == 0) return;

  // Euler-Maclaurin integration of the resonance terms in fixed 720-minute steps from the epoch;
  // restart from the epoch when t moves back toward it or changes sign.
  if (s.atime == 0.0 || t * s.atime <= 0.0 || std::fabs(t) < std::fabs(s.atime)) {
    s.atime = 0.0;
    s.xni = s.no_unkozai;
    s.xli = s.xlamo;
  }
  const double delt = t > 0.0 ? stepp : stepn;
  double xndt = 0, xldot = 0, xnddt = 0, ft = 0;
  for (;;) {
    if (s.irez != 2) {
      xndt = s.del1 * std::sin(s.xli - fasx2) + s.del2 * std::sin(2.0 * (s.xli - fasx4)) +
             s.del3 * std::sin(3.0 * (s.xli - fasx6));
      xldot = s.xni + s.xfact;
      xnddt = s.del1 * std::cos(s.xli - fasx2) + 2.0 * s.del2 * std::cos(2.0 * (s.xli - fasx4)) +
              3.0 * s.del3 * std::cos(3.0 * (s.xli - fasx6));
      xnddt = xnddt * xldot;
    } else {
      const double xomi = s.argpo + s.argpdot * s.atime;
      const double x2omi = xomi + xomi;
      const double x2li = s.xli + s.xli;
      xndt = s.d2201 * std::sin(x2omi + s.xli - g22) + s.d2211 * std::sin(s.xli - g22) +
             s.d3210 * std::sin(xomi + s.xli - g32) + s.d3222 * std::sin(-xomi + s.xli - g32) +
             s.d4410 * std::sin(x2omi + x2li - g44) + s.d4422 * std::sin(x2li - g44) +
             s.d5220 * std::sin(xomi + s.xli - g52) + s.d5232 * std::sin(-xomi + s.xli - g52) +
             s.d5421 * std::sin(xomi + x2li - g54) + s.d5433 * std::sin(-xomi + x2li - g54);
      xldot = s.xni + s.xfact;
      xnddt = s.d2201 * std::cos(x2omi + s.xli - g22) + s.d2211 * std::cos(s.xli - g22) +
              s.d3210 * std::cos(xomi + s.xli - g32) + s.d3222 * std::cos(-xomi + s.xli - g32) +
              s.d5220 * std::cos(xomi + s.xli - g52) + s.d5232 * std::cos(-xomi + s.xli - g52) +
              2.0 * (s.d4410 * std::cos(x2omi + x2li - g44) + s.d4422 * std::cos(x2li - g44) +
                     s.d5421 * std::cos(xomi + x2li - g54) + s.d5433 * std::cos(-xomi + x2li - g54));
      xnddt = xnddt * xldot;
    }
    if (std::fabs(t - s.atime) < stepp) {
      ft = t - s.atime;
      break;
    }
    s.xli = s.xli + xldot * delt + xndt * step2;
    s.xni = s.xni + xndt * delt + xnddt * step2;
    s.atime = s.atime + delt;
  }

  const double nm = s.xni + xndt * ft + xnddt * ft * ft * 0.5;
  const double xl = s.xli + xldot * ft + xndt * ft * ft * 0.5;
  m.mm = s.irez != 1 ? xl - 2.0 * m.nodem + 2.0 * theta : xl - m.nodem - m.argpm + theta;
  dndt = nm - s.no_unkozai;
  m.nm = s.no_unkozai + dndt;
}

}  // namespace orbitsim::detail
