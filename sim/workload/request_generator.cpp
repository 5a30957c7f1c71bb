#include "workload/request_generator.hpp"

#include <cmath>
#include <cstdint>
#include <random>

#include <fmt/format.h>

#include "core/constants.hpp"
#include "core/input_error.hpp"
#include "core/csv_table.hpp"

namespace orbitsim {
namespace {

class Random {
 public:
  explicit Random(unsigned long seed) : rng_(seed) {}
  double uniform() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }  // [0, 1)
  double exponential(double rate) { return -std::log1p(-uniform()) / rate; }
  size_t index(size_t n) {  // [0, n) without modulo bias
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x = rng_();
    while (x >= limit) x = rng_();
    return static_cast<size_t>(x % n);
  }

 private:
  std::mt19937_64 rng_;
};

// Local mean solar time (hours) at longitude `lon_rad` at `t_s` after the epoch.
double local_hour(const JulianDate& epoch, double t_s, double lon_rad) {
  const JulianDate now = epoch.plus_seconds(t_s);
  const double utc_hours = now.fraction * 24.0 + 12.0;  // Julian days start at noon
  return std::fmod(std::fmod(utc_hours + lon_rad * kRadToDeg / 15.0, 24.0) + 24.0, 24.0);
}

}  // namespace

TraceSamples read_azure_samples(const std::string& path) {
  const CsvTable t(path, {"TIMESTAMP", "ContextTokens", "GeneratedTokens"});
  TraceSamples s;
  JulianDate previous;
  for (size_t i = 0; i < t.rows(); ++i) {
    const auto when = parse_iso8601_utc(t.text(i, "TIMESTAMP"));
    if (!when) t.fail(i, "TIMESTAMP", "a time such as 2023-11-16 18:17:03.9799600", "\"" + t.text(i, "TIMESTAMP") + "\"");
    if (i > 0) s.interarrival_s.push_back(std::max(0.0, when->seconds_since(previous)));
    previous = *when;
    s.lengths.emplace_back(t.integer(i, "ContextTokens", 1, 100'000'000), t.integer(i, "GeneratedTokens", 1, 100'000'000));
  }
  if (s.lengths.empty()) throw InputError({path, 0}, "the trace has no rows");
  return s;
}

std::string generate_requests(const GeneratorOptions& o) {
  if (o.stations.empty()) throw InputError({"command line", 0}, "--platform", "a platform with ground stations", "none");
  if (o.kind == "trace-shaped" && o.samples.interarrival_s.empty())
    throw InputError({"command line", 0}, "--lengths-from", "a trace for trace-shaped generation", "none");
  Random rng(o.seed);
  auto lengths = [&]() -> std::pair<long, long> {
    if (o.samples.lengths.empty()) return {o.input_tokens, o.output_tokens};
    return o.samples.lengths[rng.index(o.samples.lengths.size())];
  };
  double mean_gap = 0.0;
  for (double g : o.samples.interarrival_s) mean_gap += g;
  if (!o.samples.interarrival_s.empty()) mean_gap /= static_cast<double>(o.samples.interarrival_s.size());
  const double a = o.diurnal_amplitude;

  const bool weighted = o.station_weighting != StationWeighting::kUniform;
  const WeightedPick by_weight(station_weights(o.stations, o.station_weighting));
  auto draw_station = [&] { return weighted ? by_weight.pick(rng.uniform()) : rng.index(o.stations.size()); };
  std::string body = "req_id,arrival_s,source_gs,model,input_tokens,output_tokens\n";
  long n = 0;
  double t = 0.0;
  for (;;) {
    size_t station = 0;
    if (o.kind == "trace-shaped") {
      t += o.samples.interarrival_s[rng.index(o.samples.interarrival_s.size())] * (1.0 / o.rate_per_s) / mean_gap;
      station = draw_station();
    } else if (o.kind == "diurnal") {
      // Thinning: candidates at the peak rate, kept with probability rate(t, station) / peak rate.
      t += rng.exponential(o.rate_per_s * (1.0 + a));
      station = draw_station();
      const double h = local_hour(o.epoch, t, o.stations[station].site.longitude_rad);
      const double keep = (1.0 + a * std::cos(kTwoPi * (h - o.peak_local_hour) / 24.0)) / (1.0 + a);
      if (t < o.duration_s && rng.uniform() >= keep) continue;
    } else {
      t += rng.exponential(o.rate_per_s);
      station = draw_station();
    }
    if (t >= o.duration_s) break;
    const auto [input, output] = lengths();
    body += fmt::format("gen{},{:.6f},{},{},{},{}\n", n++, t, o.stations[station].name, o.model, input, output);
  }
  std::string header = fmt::format("# generator: {} (seed {}), mean rate {:g} requests/s over {:g} s\n", o.kind, o.seed,
                                   o.rate_per_s, o.duration_s);
  header += "# command: " + o.command_line + "\n";
  if (o.kind == "diurnal")
    header += fmt::format("# rule: station rate x (1 + {:g} cos(2 pi (local solar hour - {:g}) / 24)), stations {}\n",
                          a, o.peak_local_hour, weighted ? "drawn " + describe(o.station_weighting) : "uniform");
  else if (weighted)
    header += fmt::format("# rule: stations drawn {}\n", describe(o.station_weighting));
  header += o.samples.lengths.empty()
                ? fmt::format("# lengths: fixed, {} input and {} output tokens\n", o.input_tokens, o.output_tokens)
                : fmt::format("# lengths: resampled (input, output) pairs from {} trace rows\n", o.samples.lengths.size());
  header += fmt::format("# model: {} for every request; {} requests\n", o.model, n);
  return header + body;
}

}  // namespace orbitsim
