// Azure LLM inference trace 2023 (TIMESTAMP, ContextTokens, GeneratedTokens) -> requests.csv.
#include <fmt/format.h>

#include "orbit/julian_date.hpp"
#include "core/csv_table.hpp"
#include "workload/trace_conversion.hpp"

namespace orbitsim {

ConversionResult convert_azure_llm_trace(const std::string& path, const RequestConversionOptions& o) {
  StationAssigner stations(o);
  const CsvTable t(path, {"TIMESTAMP", "ContextTokens", "GeneratedTokens"});
  for (const char* c : {"TIMESTAMP", "ContextTokens", "GeneratedTokens"}) t.require_column(c);
  ConversionResult r;
  std::string body = "req_id,arrival_s,source_gs,model,input_tokens,output_tokens\n";
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
    body += fmt::format("az{},{:.6f},{},{},{},{}\n", i, arrival, stations.next(), o.model, input, output);
    ++r.rows_written;
  }
  r.csv = request_header(path + " (Azure LLM inference trace 2023, CC-BY-4.0, Azure/AzurePublicDataset; Patel et al., "
                                "ISCA 2024)",
                         "arrival times and token counts", o, stations, r.rows_written, "") +
          body;
  return r;
}

}  // namespace orbitsim
