// Position propagation cost: nanoseconds per satellite per epoch for the Kepler+J2 model and SGP4, at
// 1,584 (Starlink shell 1) and 20,000 satellites, for the raw propagator and for the full state
// (ECEF, geodetic, sunlit) that `orbitsim positions` computes.
//   build/tools/bench/propagation_bench [--benchmark_repetitions=5]
#include <benchmark/benchmark.h>

#include <cmath>

#include "orbit/constellation.hpp"
#include "orbit/walker.hpp"

namespace orbitsim {
namespace {

// A Walker 53 deg shell of `n` satellites in sqrt(n)-ish planes at 550 km, as Kepler or SGP4 satellites.
Constellation make_constellation(int n, bool sgp4) {
  const JulianDate epoch = *parse_iso8601_utc("2026-05-13T00:00:00Z");
  Constellation c(epoch, kWgs84, ShadowModel::kCylindrical);
  int planes = static_cast<int>(std::sqrt(n));
  while (n % planes != 0) --planes;
  WalkerShell shell{WalkerPattern::kDelta, WalkerPhasing::kWalkerF, 53.0 * kDegToRad, n, planes, 1,
                    kWgs84.radius_m + 550e3, 0.0};
  for (const WalkerSlot& slot : walker_slots(shell)) {
    if (!sgp4) {
      c.add({0, "s", "b", slot.plane, slot.index}, slot.elements);
      continue;
    }
    MeanElements m;
    m.epoch = epoch;
    m.inclination_rad = slot.elements.inclination_rad;
    m.raan_rad = slot.elements.raan_rad;
    m.mean_anomaly_rad = slot.elements.arg_latitude_rad;
    m.eccentricity = 1e-4;
    m.bstar_per_earth_radii = 1e-4;
    m.mean_motion_rad_per_min = std::sqrt(kWgs72.mu_m3ps2 / std::pow(kWgs84.radius_m + 550e3, 3)) * 60.0;
    c.add({0, "s", "b", slot.plane, slot.index}, m);
  }
  return c;
}

// Reported as seconds per satellite per epoch (printed with an SI prefix: "37n" = 37 ns).
void report(benchmark::State& state, int n) {
  state.counters["s_per_sat_epoch"] = benchmark::Counter(
      static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_PositionsEci(benchmark::State& state, bool sgp4) {
  const int n = static_cast<int>(state.range(0));
  Constellation c = make_constellation(n, sgp4);
  double t = 0.0;
  for (auto _ : state) {
    for (int i = 0; i < n; ++i) benchmark::DoNotOptimize(c.position_eci_m(static_cast<size_t>(i), t));
    t += 1.0;
  }
  report(state, n);
}

void BM_FullStates(benchmark::State& state, bool sgp4) {
  const int n = static_cast<int>(state.range(0));
  Constellation c = make_constellation(n, sgp4);
  std::vector<SatelliteState> states;
  double t = 0.0;
  for (auto _ : state) {
    c.states(t, states);
    benchmark::DoNotOptimize(states.data());
    t += 1.0;
  }
  report(state, n);
}

BENCHMARK_CAPTURE(BM_PositionsEci, kepler_j2, false)->Arg(1584)->Arg(20000)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_PositionsEci, sgp4, true)->Arg(1584)->Arg(20000)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_FullStates, kepler_j2, false)->Arg(1584)->Arg(20000)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_FullStates, sgp4, true)->Arg(1584)->Arg(20000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace orbitsim

BENCHMARK_MAIN();
