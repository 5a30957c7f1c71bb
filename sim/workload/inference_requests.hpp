// Inference requests (requests.csv, documented in workloads/README.md): arrival at a ground station,
// model, prompt and output lengths, optional SLOs.
#pragma once

#include <string>
#include <vector>

#include "ground/ground_station.hpp"
#include "workload/model_catalog.hpp"

namespace orbitsim {

struct InferenceRequestSpec {
  std::string req_id;
  double arrival_s = 0.0;
  int station = 0;  // index into the platform's ground stations
  std::string model;
  long input_tokens = 1;
  long output_tokens = 1;
  double slo_ttft_s = -1.0, slo_tpot_s = -1.0, slo_e2e_s = -1.0;  // < 0: the scenario's default
  // Hashes of the prompt's blocks of inference.prefix_block_tokens, first block first (Mooncake's
  // hash_ids); empty: no prefix caching for this request.
  std::vector<long> prefix_blocks;
};

struct InferenceRequestFile {
  std::vector<InferenceRequestSpec> requests;  // in arrival order
  std::vector<std::string> metadata;
};

// `source_gs` names a station; alternatively `lat`,`lon` (degrees) map to the nearest station.
InferenceRequestFile read_inference_requests(const std::string& path, const ModelCatalog& catalog,
                                             const std::vector<GroundStation>& stations, const EarthModel& earth);

}  // namespace orbitsim
