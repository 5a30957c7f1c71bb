// Converts the Azure LLM inference trace (2023 format: TIMESTAMP, ContextTokens, GeneratedTokens) into
// requests.csv. Arrivals and token counts are the trace's own; what the trace lacks (the station and the
// model) is added by explicit rules written into the output's '#' header.
#pragma once

#include <string>
#include <vector>

namespace orbitsim {

struct AzureConversionOptions {
  std::vector<std::string> stations;   // names to assign, in platform order
  std::string station_rule = "round-robin";  // round-robin | random (seeded)
  unsigned long seed = 1;
  std::string model = "llama2-7b";
  double time_scale = 1.0;             // > 1 compresses time: arrival_s = (t - t0) / time_scale
  double max_arrival_s = -1.0;         // keep arrivals below this (after scaling); < 0 keeps all
  std::string command_line;            // recorded in the header
};

struct ConversionResult {
  std::string csv;
  long rows_written = 0;
};

ConversionResult convert_azure_llm_trace(const std::string& path, const AzureConversionOptions& options);

}  // namespace orbitsim
