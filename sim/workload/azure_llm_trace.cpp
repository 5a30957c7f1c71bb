#include "workload/azure_llm_trace.hpp"

#include <fstream>
#include <cstdint>
#include <random>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "orbit/julian_date.hpp"
#include "workload/csv_table.hpp"

namespace orbitsim {
namespace {
// Uniform integer in [0, n) from 64-bit draws by rejection: the same on every platform (unlike
// std::uniform_int_distribution, whose algorithm the standard leaves open).
size_t uniform_index(std::mt19937_64& rng, size_t n) {
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  std::uint64_t x = rng();
  while (x >= limit) x = rng();
  return static_cast<size_t>(x % n);
}
}  // namespace

ConversionResult convert_azure_llm_trace(const std::string& path, const AzureConversionOptions& o) {
  if (o.stations.empty()) throw InputError({"command line", 0}, "--platform", "a platform with ground stations", "none");
  const CsvTable t(path, {"TIMESTAMP", "ContextTokens", "GeneratedTokens"});
  for (const char* c : {"TIMESTAMP", "ContextTokens", "GeneratedTokens"}) t.require_column(c);
  ConversionResult r;
  std::string body = "req_id,arrival_s,source_gs,model,input_tokens,output_tokens\n";
  std::mt19937_64 rng(o.seed);
  JulianDate first;
  double last_arrival = 0.0;
  for (size_t i = 0; i < t.rows(); ++i) {
    const std::string stamp = t.text(i, "TIMESTAMP");
    const auto when = parse_iso8601_utc(stamp);
    if (!when) t.fail(i, "TIMESTAMP", "a time such as 2023-11-16 18:17:03.9799600", "\"" + stamp + "\"");
    if (i == 0) first = *when;
    const double arrival = when->seconds_since(first) / o.time_scale;
    if (arrival < last_arrival - 1e-9) t.fail(i, "TIMESTAMP", "rows in time order", "\"" + stamp + "\"");
    last_arrival = arrival;
    if (o.max_arrival_s >= 0 && arrival >= o.max_arrival_s) break;
    const long input = t.integer(i, "ContextTokens", 1, 100'000'000);
    const long output = t.integer(i, "GeneratedTokens", 1, 100'000'000);
    const size_t station = o.station_rule == "random" ? uniform_index(rng, o.stations.size())
                                                      : static_cast<size_t>(r.rows_written) % o.stations.size();
    body += fmt::format("az{},{:.6f},{},{},{},{}\n", i, arrival, o.stations[station], o.model, input, output);
    ++r.rows_written;
  }
  r.csv = fmt::format(
      "# source: {} (Azure LLM inference trace 2023, CC-BY-4.0, Azure/AzurePublicDataset; Patel et al., ISCA 2024)\n"
      "# converter: {}\n"
      "# kept from the trace: arrival times (relative to the first row, divided by time_scale {:g}) and token counts\n"
      "# rule: source_gs = {} over {} stations{}\n"
      "# rule: model = {} for every request (the trace names none)\n"
      "# rows: {} converted of the trace's{}\n",
      path, o.command_line, o.time_scale, o.station_rule == "random" ? "uniform random (mt19937_64)" : "round-robin",
      o.stations.size(), o.station_rule == "random" ? fmt::format(", seed {}", o.seed) : "", o.model, r.rows_written,
      o.max_arrival_s >= 0 ? fmt::format(" arrivals before {:g} s", o.max_arrival_s) : " rows") + body;
  return r;
}

}  // namespace orbitsim
