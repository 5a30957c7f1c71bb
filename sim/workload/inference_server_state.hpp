// InferenceServer's state per request copy and per engine, shared by its two files (inference_server.cpp:
// arrivals, attempts and the engines' batches; inference_streams.cpp: tokens on their way down).
#pragma once

#include <deque>
#include <memory>
#include <vector>

#include "platform/sim_runtime.hpp"
#include "workload/inference_server.hpp"
#include "workload/prefix_cache.hpp"

namespace orbitsim {

struct InferenceServer::Active {
  size_t index;
  long generation = 0;
  int satellite = -1;
  std::vector<double> token_arrival_s;
  int downlink_handovers = 0;
  bool corrupted = false;
  long generated = 0;       // by this copy
  long context_tokens = 0;  // prefilled at admission: the prompt, plus the tokens of a stream handed over
  long target_tokens = 0;   // to generate here
  double kv_bytes = 0.0;
  double cut_s = -1.0;      // when its route to the station was found gone
  std::vector<SimMessage> tokens;
  int last_downlink_satellite = -1;
  RequestMilestones milestones;  // carried over to the copy a stream is handed to
};

struct InferenceServer::Engine {
  int satellite = -1;
  const ModelSpec* model = nullptr;
  const InferenceCostModel* cost = nullptr;
  std::deque<std::shared_ptr<Active>> waiting;
  std::vector<std::shared_ptr<Active>> running;
  std::vector<std::shared_ptr<Active>> admitting;  // in the prefill step under way
  double kv_capacity = 0.0;
  double kv_in_use = 0.0;
  double queued_prefill_tokens = 0.0;
  // Prompts on their way up to this engine: chosen, not yet queued. Placement counts them, or requests
  // arriving together would all see the same idle engine.
  int uploading = 0;
  double uploading_prefill_tokens = 0.0;
  PrefixCache prefix_cache;
  bool stepping = false;  // an actor is running this engine's step loop
};

}  // namespace orbitsim
