// What a run spends writing its inference outputs at the end (figures for the closing notes, not tests):
// requests.csv and the inference part of summary.json for N finished requests of 28 tokens each (the
// Azure code trace's mean output), as goal 3's day has 2.1 million of them.
//  - requests_csv/N: requests.csv, formatted into memory;
//  - requests_csv_to_file/N: the same, written in place (the run's way, through a temporary name);
//  - inference_summary/N: its statistics (every inter-token gap among them).
// Time per iteration = per whole table. Counter: peak_rss_MB (whole process so far).
//   build/tools/bench/outputs_bench [--benchmark_filter=/2100000]
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <random>
#include <sstream>

#include "metrics/inference_report.hpp"
#include "metrics/output_files.hpp"

namespace orbitsim {
namespace {

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

constexpr int kSatellites = 10361, kStations = 100, kTokens = 28;

std::vector<std::string> node_names() {
  std::vector<std::string> names;
  for (int n = 0; n < kSatellites; ++n) names.push_back("STARLINK-" + std::to_string(30000 + n));
  for (int g = 0; g < kStations; ++g) names.push_back("Station-" + std::to_string(g));
  return names;
}

// Finished requests with the times a run gives them (seeded: the same records every time).
std::vector<InferenceRequestRecord> finished_requests(size_t n) {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<InferenceRequestRecord> records(n);
  for (size_t i = 0; i < n; ++i) {
    InferenceRequestRecord& r = records[i];
    r.spec.req_id = "gen" + std::to_string(i);
    r.spec.model = "llama3.1-8b";
    r.spec.arrival_s = 86400.0 * static_cast<double>(i) / static_cast<double>(n);
    r.spec.station = static_cast<int>(i % kStations);
    r.spec.input_tokens = 500 + static_cast<long>(3000 * uniform(rng));
    r.spec.output_tokens = kTokens;
    r.status = RequestStatus::kFinished;
    r.attempts = 1;
    r.serving_satellite = static_cast<int>(rng() % kSatellites);
    r.timing_source = "table";
    RequestMilestones& m = r.answered;
    m.upload_start_s = r.spec.arrival_s;
    r.prompt_delivered_s = m.prompt_delivered_s = m.upload_start_s + 0.001 + 0.002 * uniform(rng);
    m.prefill_start_s = m.prompt_delivered_s + 0.01 * uniform(rng);
    m.first_token_generated_s = m.prefill_start_s + 0.05 * uniform(rng);
    double t = m.first_token_generated_s;
    for (int k = 0; k < kTokens; ++k, t += 0.008 + 0.001 * uniform(rng)) r.token_arrival_s.push_back(t + 0.0015);
    m.last_token_generated_s = t - 0.008;
    m.uplink_hops = m.downlink_hops = 1;
  }
  return records;
}

void requests_csv(benchmark::State& state) {
  const auto records = finished_requests(static_cast<size_t>(state.range(0)));
  const auto names = node_names();
  for (auto _ : state) {
    std::ostringstream out;
    write_requests_csv(out, records, names, kSatellites, {});
    benchmark::DoNotOptimize(out.str().size());
  }
  state.counters["peak_rss_MB"] = peak_rss_mb();
}
BENCHMARK(requests_csv)->Arg(211246)->Arg(2100000)->Unit(benchmark::kMillisecond);

void requests_csv_to_file(benchmark::State& state) {
  const auto records = finished_requests(static_cast<size_t>(state.range(0)));
  const auto names = node_names();
  const auto folder = std::filesystem::temp_directory_path() / ("orbitsim_outputs_bench_" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  for (auto _ : state)
    write_file_atomically((folder / "requests.csv").string(),
                          [&](std::ostream& out) { write_requests_csv(out, records, names, kSatellites, {}); });
  std::filesystem::remove_all(folder);
  state.counters["peak_rss_MB"] = peak_rss_mb();
}
BENCHMARK(requests_csv_to_file)->Arg(211246)->Arg(2100000)->Unit(benchmark::kMillisecond);

void inference_summary(benchmark::State& state) {
  const auto records = finished_requests(static_cast<size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(inference_summary(records, {}, 86400.0));
  state.counters["peak_rss_MB"] = peak_rss_mb();
}
BENCHMARK(inference_summary)->Arg(211246)->Arg(2100000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace orbitsim

BENCHMARK_MAIN();
