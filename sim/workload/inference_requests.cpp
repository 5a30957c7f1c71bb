#include "workload/inference_requests.hpp"

#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "core/name_index.hpp"
#include "core/csv_table.hpp"

namespace orbitsim {
namespace {

// The first row whose id an earlier row has (a trace may hold millions: hashed, not sorted).
std::optional<size_t> first_repeated_id(const std::vector<InferenceRequestSpec>& requests) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(requests.size());
  for (size_t r = 0; r < requests.size(); ++r)
    if (!seen.insert(requests[r].req_id).second) return r;
  return std::nullopt;
}

}  // namespace

InferenceRequestFile read_inference_requests(const std::string& path, const ModelCatalog& catalog,
                                             const std::vector<GroundStation>& stations, const EarthModel& earth) {
  const CsvTable t(path, {"req_id", "arrival_s", "source_gs", "lat", "lon", "model", "input_tokens", "output_tokens",
                          "slo_ttft_s", "slo_tpot_s", "slo_e2e_s", "prefix_blocks"});
  for (const char* c : {"req_id", "arrival_s", "model", "input_tokens", "output_tokens"}) t.require_column(c);
  if (!t.has_column("source_gs") && !(t.has_column("lat") && t.has_column("lon")))
    throw InputError({path, 0}, "header", "a column source_gs, or columns lat and lon", "neither");
  std::vector<std::string> names;
  for (const auto& gs : stations) names.push_back(gs.name);
  const NameIndex by_name(names);
  InferenceRequestFile out;
  out.metadata = t.metadata();
  out.requests.reserve(t.rows());
  for (size_t r = 0; r < t.rows(); ++r) {
    InferenceRequestSpec q;
    q.req_id = t.text(r, "req_id");
    if (q.req_id.empty()) t.fail(r, "req_id", "a unique, non-empty id", "\"\"");
    q.arrival_s = t.number(r, "arrival_s", 0.0, 1e12);
    if (!out.requests.empty() && q.arrival_s < out.requests.back().arrival_s)
      t.fail(r, "arrival_s", "rows sorted by arrival time", t.text(r, "arrival_s"));
    if (!t.empty(r, "source_gs")) {
      const std::string name = t.text(r, "source_gs");
      q.station = by_name.find(name);
      if (q.station < 0) t.fail(r, "source_gs", "a ground station of the platform", "\"" + name + "\"" + by_name.did_you_mean(name));
    } else {
      const GroundStation user = make_ground_station("user", t.number(r, "lat", -90, 90), t.number(r, "lon", -180, 180), 0.0, earth);
      double best = 1e300;
      for (size_t i = 0; i < stations.size(); ++i)
        if (const double d = distance(stations[i].ecef_m, user.ecef_m); d < best) best = d, q.station = static_cast<int>(i);
      if (stations.empty()) t.fail(r, "lat", "a platform with ground stations", "none");
    }
    q.model = t.text(r, "model");
    if (!catalog.count(q.model)) t.fail(r, "model", "a model of the catalog", "\"" + q.model + "\"");
    q.input_tokens = t.integer(r, "input_tokens", 1, 10'000'000);
    q.output_tokens = t.integer(r, "output_tokens", 1, 10'000'000);
    for (auto [column, field] : {std::pair{"slo_ttft_s", &q.slo_ttft_s}, std::pair{"slo_tpot_s", &q.slo_tpot_s},
                                 std::pair{"slo_e2e_s", &q.slo_e2e_s}})
      if (!t.empty(r, column)) *field = t.number(r, column, 0.0, 1e9);
    if (!t.empty(r, "prefix_blocks")) {
      std::istringstream blocks(t.text(r, "prefix_blocks"));
      std::string block;
      while (blocks >> block) {
        size_t used = 0;
        long id = 0;
        try {
          id = std::stol(block, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used != block.size()) t.fail(r, "prefix_blocks", "block hashes (integers) separated by spaces", "\"" + block + "\"");
        q.prefix_blocks.push_back(id);
      }
    }
    out.requests.push_back(std::move(q));
  }
  if (const std::optional<size_t> r = first_repeated_id(out.requests))
    t.fail(*r, "req_id", "a unique, non-empty id", "\"" + out.requests[*r].req_id + "\"");
  return out;
}

}  // namespace orbitsim
