// Mooncake FAST'25 traces (JSON lines: timestamp in ms, input_length, output_length, hash_ids) ->
// requests.csv. hash_ids (one hash per 512-token prompt block, equal ids for equal prefixes) are kept as
// prefix_blocks, for the engines' prefix caches. A conversation stays in its city: a request whose first
// two blocks equal an earlier request's (the same first 1,024 tokens: a later turn of the same
// conversation, since the block hashes chain everything before them) comes from that request's station;
// the trace's first block alone is shared by nearly every request (a common system prompt).
#include <fmt/format.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/input_error.hpp"
#include "workload/trace_conversion.hpp"

namespace orbitsim {

ConversionResult convert_mooncake_trace(const std::string& path, const RequestConversionOptions& o) {
  StationAssigner stations(o);
  std::ifstream in(path);
  if (!in) throw InputError({path, 0}, "cannot open the trace");
  ConversionResult r;
  std::string body = "req_id,arrival_s,source_gs,model,input_tokens,output_tokens,prefix_blocks\n";
  std::string line;
  int n = 0;
  double first_ms = 0.0, last = 0.0;
  long rows = 0, continued = 0;
  std::map<std::pair<long, long>, std::string> station_of_conversation;  // first two blocks -> station
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      throw InputError({path, n}, std::string("malformed JSON: ") + e.what());
    }
    auto number = [&](const char* key) {
      if (!j.contains(key) || !j[key].is_number()) throw InputError({path, n}, key, "a number", j.contains(key) ? j[key].dump() : "nothing");
      return j[key].get<double>();
    };
    const double ms = number("timestamp");
    if (rows == 0) first_ms = ms;
    const double arrival = (ms - first_ms) / 1000.0 / o.time_scale;
    if (arrival < last - 1e-9) throw InputError({path, n}, "timestamp", "rows in time order", fmt::format("{:g}", ms));
    last = arrival;
    if (o.max_arrival_s >= 0 && arrival >= o.max_arrival_s) break;
    const double input = number("input_length"), output = number("output_length");
    if (input < 1 || output < 1) {
      ++r.rows_skipped;
      ++rows;
      continue;
    }
    std::string blocks;
    std::vector<long> ids;
    if (j.contains("hash_ids")) {
      if (!j["hash_ids"].is_array()) throw InputError({path, n}, "hash_ids", "a list of integers", j["hash_ids"].dump());
      for (const auto& id : j["hash_ids"]) {
        if (!id.is_number_integer()) throw InputError({path, n}, "hash_ids", "a list of integers", j["hash_ids"].dump());
        ids.push_back(id.get<long>());
        blocks += (blocks.empty() ? "" : " ") + std::to_string(ids.back());
      }
    }
    std::string station;
    if (ids.size() >= 2) {
      const auto [it, first_turn] = station_of_conversation.try_emplace({ids[0], ids[1]});
      if (first_turn) it->second = stations.next();
      else ++continued;
      station = it->second;
    } else {
      station = stations.next();
    }
    body += fmt::format("mc{},{:.6f},{},{},{:.0f},{:.0f},{}\n", rows, arrival, station, o.model, input, output, blocks);
    ++rows;
    ++r.rows_written;
  }
  r.csv = request_header(path + " (Mooncake FAST'25 trace, Apache-2.0, kvcache-ai/Mooncake)",
                         "arrival times (ms to s), token counts and hash_ids (as prefix_blocks: 512-token prompt blocks)", o, stations,
                         r.rows_written,
                         fmt::format("; {} continue a conversation (first two prompt blocks seen before) and keep its "
                                     "station", continued) +
                             (r.rows_skipped ? fmt::format(", {} skipped with zero input or output tokens", r.rows_skipped) : "")) +
          body;
  return r;
}

}  // namespace orbitsim
