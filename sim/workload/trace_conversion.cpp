#include "workload/trace_conversion.hpp"

#include <fmt/format.h>

#include "core/input_error.hpp"

namespace orbitsim {

StationAssigner::StationAssigner(const RequestConversionOptions& options) : options_(options), rng_(options.seed) {
  if (options_.stations.empty()) throw InputError({"command line", 0}, "--platform", "a platform with ground stations", "none");
  if (!options_.station_weights.empty()) by_weight_.emplace(options_.station_weights);
}

const std::string& StationAssigner::next() {
  const std::uint64_t n = options_.stations.size();
  if (by_weight_) return options_.stations[by_weight_->pick(static_cast<double>(rng_() >> 11) * 0x1.0p-53)];
  if (options_.station_rule != "random") return options_.stations[static_cast<size_t>(count_++ % n)];
  // Uniform by rejection on 64-bit draws: the same on every platform (std::uniform_int_distribution's
  // algorithm is left to the library).
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  std::uint64_t x = rng_();
  while (x >= limit) x = rng_();
  return options_.stations[static_cast<size_t>(x % n)];
}

std::string StationAssigner::describe() const {
  if (options_.station_rule == "population")
    return fmt::format("random in proportion to each station's population over {} stations, seed {}",
                       options_.stations.size(), options_.seed);
  if (options_.station_rule == "zipf")
    return fmt::format("random by Zipf's law over the platform's station order (weight 1 / rank) over {} stations, seed {}",
                       options_.stations.size(), options_.seed);
  return options_.station_rule == "random"
             ? fmt::format("uniform random (mt19937_64) over {} stations, seed {}", options_.stations.size(), options_.seed)
             : fmt::format("round-robin over {} stations", options_.stations.size());
}

std::string request_header(const std::string& source, const std::string& kept, const RequestConversionOptions& o,
                           const StationAssigner& stations, long rows, const std::string& notes) {
  return fmt::format(
      "# source: {}\n# converter: {}\n# kept from the trace: {} (times relative to the first row, divided by "
      "time_scale {:g})\n# rule: source_gs = {}\n# rule: model = {} for every request (the trace names none)\n"
      "# rows: {} converted{}{}\n",
      source, o.command_line, kept, o.time_scale, stations.describe(), o.model, rows,
      o.max_arrival_s >= 0 ? fmt::format(", arrivals before {:g} s", o.max_arrival_s) : "", notes);
}

}  // namespace orbitsim
