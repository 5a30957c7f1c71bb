// A scenario: a platform file, the workload (model catalog, training jobs), policies, seed and run
// options. Parsed once and validated; documented key by key in workloads/README.md.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "config/platform_config.hpp"
#include "core/input_error.hpp"
#include "faults/failure_models.hpp"
#include "power/power_config.hpp"

namespace orbitsim {

struct TrainingScenarioConfig {
  std::string placement = "contiguous-in-plane";
  std::string checkpoint_target = "neighbour";  // neighbour | ground
  std::string checkpoint_station;               // ground target: a station name
  bool fit_memory = false;  // a job too big for its accelerators takes the smallest ZeRO stage that fits
  int fsdp_units = 4;       // ZeRO-3 jobs: layer groups whose collectives overlap the other groups' compute
};

struct InferenceScenarioConfig {
  std::string placement = "nearest-visible";
  std::string accelerator_group = "h100x1";  // a key of each model's `inference` timings
  int max_batch = 32;                         // sequences per engine step (continuous batching)
  double kv_memory_bytes = 0.0;               // KV cache per engine; 0: satellite memory minus the model's weights
  int max_hops = 4;                           // candidates: satellites within this many hops of the station
  // When the serving satellite's route to the station is gone while it generates, the station hands the
  // stream to another satellite: prompt + the tokens it has are prefilled there and decoding goes on.
  bool stream_handover = true;
  // A request whose prompt + output exceed its model's context window: "reject" it (status rejected,
  // reason "context window exceeded") or "truncate" its prompt to the latest tokens that fit.
  std::string over_context = "reject";
  // Prefix caching: an engine keeps the KV of prompt blocks (requests.csv prefix_blocks) in its free KV
  // memory, least recently used evicted first; a request skips the prefill of its cached first blocks.
  bool prefix_cache = true;
  int prefix_block_tokens = 512;  // tokens per block: Mooncake's trace hashes 512-token blocks
  double prompt_bytes_per_token = 4.0;        // ~4 bytes of UTF-8 text per token [E]
  double output_bytes_per_token = 4.0;
  // How a generated token reaches the station: "delay" (the route's latency plus its bytes at the narrowest
  // link's rate, no SimGrid flow) or "flow" (a SimGrid comm sharing bandwidth: 2 events per token).
  std::string token_transfer = "delay";
  double slo_ttft_s = 2.0, slo_tpot_s = 0.2, slo_e2e_s = 0.0;  // defaults for requests without SLOs; 0 = none
};

// The failure models' parameters (sim/faults/failure_models.hpp), and a trace to replay besides.
struct FaultScenarioConfig : FaultModelConfig {
  std::string trace_file;  // failures.csv to replay (resolved); empty: none
};

struct FailoverScenarioConfig {
  std::string training = "none";  // a policy of sim/policy/failover
  std::string inference = "none";
  double request_timeout_s = 5.0;  // inference: a client notices a lost request after this [E]
  double detection_s = 10.0;      // heartbeat interval before a failure is acted upon [E]
  double restart_s = 60.0;        // process restart and re-initialisation (physics.md 9: reset time 60 s) [E]
  int hot_spares = 1;                 // hot-spare: idle satellites reserved per job
  double elastic_min_fraction = 0.5;  // elastic: shrink no further than this fraction of the submitted ranks
};

struct ScenarioConfig {
  std::string source_file;
  std::string name;
  std::string platform_file;  // resolved
  PlatformConfig platform;
  unsigned long seed = 1;
  double duration_s = 3600.0;
  std::string models_file;  // resolved
  std::string jobs_file;    // resolved; empty when the scenario has no training jobs
  std::string requests_file;  // resolved; empty when the scenario has no inference requests
  TrainingScenarioConfig training;
  InferenceScenarioConfig inference;
  FaultScenarioConfig faults;
  FailoverScenarioConfig failover;
  PowerRunOptions power;
  double timeseries_interval_s = 60.0;
  std::string network_optim = "Full";
  std::vector<std::pair<std::string, std::string>> overrides;  // as given with --set
  // Where the keys checked against other files stand ("training.checkpoint_station", "inference.accelerator_group"),
  // for the cross-file checks' errors; a key left out points at the scenario file.
  std::map<std::string, SourceLocation> key_locations;
};

// Overrides whose key starts with "platform." apply to the platform file's document.
ScenarioConfig load_scenario_config(const std::string& path,
                                    const std::vector<std::pair<std::string, std::string>>& overrides = {});
// The scenario's own keys with every default filled in (the platform is written separately).
// Written into `written_in_dir` beside the effective platform.yaml: its data paths resolve from there.
std::string to_yaml(const ScenarioConfig& config, const std::string& written_in_dir);

}  // namespace orbitsim
