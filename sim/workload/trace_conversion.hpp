// Converters from public traces into orbitsim's workload files. They never invent what a trace has
// (arrivals, token counts, GPU counts, runtimes); what it lacks (stations, models, iteration times) is
// added by explicit rules that each output's '#' header records, with the command line and row counts.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "workload/station_weights.hpp"

namespace orbitsim {

struct RequestConversionOptions {
  std::vector<std::string> stations;         // names to assign, in platform order
  std::string station_rule = "round-robin";  // round-robin | random | population | zipf (the last three seeded)
  std::vector<double> station_weights;       // population | zipf: one per station (station_weights.hpp)
  unsigned long seed = 1;
  std::string model = "llama2-7b";
  double time_scale = 1.0;                   // > 1 compresses time: arrival_s = (t - t0) / time_scale
  double max_arrival_s = -1.0;               // keep arrivals below this (after scaling); < 0 keeps all
  std::string command_line;
};

struct JobConversionOptions {
  std::string model = "llama2-7b";
  double iter_compute_s = 60.0;   // iterations = round(runtime / iter_compute_s), at least 1
  int gpus_per_satellite = 1;     // num_nodes = ceil(GPUs / gpus_per_satellite)
  double time_scale = 1.0;
  std::string command_line;
};

struct ConversionResult {
  std::string csv;
  long rows_written = 0;
  long rows_skipped = 0;  // with the reasons in the header
};

ConversionResult convert_azure_llm_trace(const std::string& path, const RequestConversionOptions& options);
ConversionResult convert_mooncake_trace(const std::string& path, const RequestConversionOptions& options);
ConversionResult convert_swf_trace(const std::string& path, const JobConversionOptions& options);
ConversionResult convert_alibaba_gpu2023_trace(const std::string& path, const JobConversionOptions& options);

// Station assignment shared by the request converters.
class StationAssigner {
 public:
  explicit StationAssigner(const RequestConversionOptions& options);
  const std::string& next();
  std::string describe() const;  // for the header

 private:
  const RequestConversionOptions& options_;
  std::mt19937_64 rng_;
  std::optional<WeightedPick> by_weight_;
  std::uint64_t count_ = 0;
};

// The header lines common to request files: source, converter, the rules.
std::string request_header(const std::string& source, const std::string& what_is_kept,
                           const RequestConversionOptions& options, const StationAssigner& stations, long rows,
                           const std::string& notes);

}  // namespace orbitsim
