// Serves inference requests on the constellation. A request arrives at its ground station; the serving
// policy picks a satellite among those within `max_hops`; the prompt goes up (and across ISLs) as a real
// transfer; the satellite's engine runs continuous batching: each step admits waiting requests up to
// `max_batch` sequences and the KV-cache memory (reserved for prompt + output at admission), runs their
// prefill (x1.1 when mixed with decodes, Splitwise's rule) or one decode step for everyone, as a
// computation on the satellite (so it shares the accelerator with training); every generated token is
// sent to the station over the route of that instant (the station's currently visible satellite and
// down), so a handover mid-request continues over ISLs. When no route is left at all, the station hands
// the stream to a satellite it can reach (prompt + tokens so far prefilled there), if the scenario lets
// it. Times are measured where tokens arrive.
// The failover policy may send copies of a request to several satellites (the first complete answer
// wins, the others are cancelled), retry it elsewhere after a timeout, or re-send a lost message around
// a failure. An attempt has a generation number: copies of older attempts are dropped when seen.
#pragma once

#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <vector>

#include "config/scenario_config.hpp"
#include "platform/sim_platform.hpp"
#include "platform/sim_runtime.hpp"
#include "policy/failover/inference_failover_policy.hpp"
#include "policy/serving/serving_policy.hpp"
#include "workload/inference_cost_model.hpp"
#include "core/event_log.hpp"
#include "workload/inference_record.hpp"
#include "workload/inference_requests.hpp"

namespace orbitsim {

// What the serving satellites carry, for the engines' KV caches and their cost model.
struct ServingHardware {
  double satellite_memory_bytes = 0.0;            // all its accelerators' memory
  double accelerator_memory_bandwidth_Bps = 0.0;  // one accelerator's
};

// What an InferenceServer serves on and by: the simulated network (every satellite may serve), the
// serving and failover policies and the model catalog (which must outlive it), the scenario's inference
// settings, the serving satellites' hardware, and how long a copy may stay unanswered before the failover
// policy may retry it (failover.request_timeout_s).
struct InferenceEnvironment {
  SimPlatform& platform;
  const ServingPolicy& serving;
  const InferenceFailoverPolicy& failover;
  const ModelCatalog& catalog;
  InferenceScenarioConfig options;
  ServingHardware hardware;
  double request_timeout_s = 0.0;
};

class InferenceServer {
 public:
  // `hardware.satellite_memory_bytes` sizes each engine's KV cache (minus the model's weights) unless the
  // scenario sets inference.kv_memory_bytes.
  InferenceServer(InferenceEnvironment environment, std::vector<InferenceRequestSpec> requests);
  ~InferenceServer();

  void start();  // spawns the arrivals actor
  // What power-aware serving reads (ServingCandidate::power_endurance_s); unlimited when not set.
  void set_power_endurance(std::function<double(int)> endurance_s) { power_endurance_s_ = std::move(endurance_s); }
  // What a step of a given power (a fraction of the accelerators' rated power: the timing's prefill and
  // decode fractions) runs at: compute_on_all's activity. Without it every step runs at full activity.
  void set_power_activity(std::function<double(double)> activity) { power_activity_ = std::move(activity); }
  // Where requests' retries, handovers and ends are recorded (events.csv); none by default.
  void set_event_log(EventLog* events) { events_ = events; }
  // A failed or hung satellite is not chosen to serve until it is back.
  void set_satellite_unusable(int satellite, bool unusable) { unusable_[static_cast<size_t>(satellite)] = unusable; }
  // An uncorrectable upset: the requests in the satellite's current batch are marked corrupted.
  void note_upset(int satellite);
  const std::vector<InferenceRequestRecord>& records() const { return records_; }
  int requests_in_flight() const { return in_flight_; }
  long tokens_delivered() const { return tokens_delivered_; }
  const std::vector<double>& busy_time_s() const { return busy_time_s_; }  // engine steps per satellite
  // Accelerator energy on the serving satellites during engine steps (J; 0 without the power model).
  double serving_energy_j() const { return serving_energy_j_; }

 private:
  struct Active;
  struct Engine;
  void arrive(size_t request);
  void attempt(size_t request);
  // One copy of the current attempt on `satellite`: prompt upload, then the engine's queue. `resumed`:
  // a stream handed over, whose delivered tokens extend the prompt.
  void run_copy(size_t request, int satellite, long generation, std::shared_ptr<Active> resumed = nullptr);
  // The serving satellite can no longer reach the station: keep the tokens it sent that still arrive,
  // then continue on a satellite the station reaches, or fail with the network reason.
  void hand_over(std::shared_ptr<Active> a);
  void continue_elsewhere(std::shared_ptr<Active> a);
  // "<what>: no route from <satellite> (shell ..) to <station> since <t> s; the station links to ..".
  std::string no_route_reason(const std::string& what, int satellite, int station, double since_s);
  std::string station_links_text(int station);
  // A copy failed: when no copy of the attempt is left, the failover policy retries or settles it.
  void copy_failed(size_t request, long generation, const std::string& reason);
  // Sends a lost message again around the failure if the policy says so and a route exists.
  bool resend_allowed(size_t request, int serving_satellite);
  bool stale(size_t request, long generation) const;
  void drop_stale(Engine& e);
  Engine& engine(int satellite, const std::string& model);
  void run_engine(Engine& e);
  // Waiting copies the batch and the KV memory still take, in order; `prefill_tokens` gets what each
  // must prefill (its context minus a cached prefix).
  std::vector<std::shared_ptr<Active>> admit(Engine& e, std::vector<double>& prefill_tokens);
  // Prompt tokens of `r` whose KV the engine's prefix cache holds (0 without blocks, when truncated, or
  // off); records them in `r`.
  long cached_prefix_tokens(Engine& e, InferenceRequestRecord& r);
  // Blocks of the model's KV that fit in the engine's memory not reserved by its requests.
  size_t free_prefix_blocks(const Engine& e) const;
  // Sends the next token toward the station; false (nothing sent) when the stream must be handed over.
  bool emit_token(Active& a);
  MessageModel token_model() const { return options_.token_transfer == "flow" ? MessageModel::kFlow : MessageModel::kDelay; }
  std::vector<ServingCandidate> candidates(const InferenceRequestRecord& r);
  // Asks the platform to compute ahead the routing trees the arrivals will ask for (candidates).
  void forecast_trees();
  // Ends a request that did not finish: its status, the reason, and it is no longer in flight.
  void settle(InferenceRequestRecord& r, RequestStatus status, const std::string& reason);
  void deliver(std::shared_ptr<Active> a);
  int station_node(int station) const { return satellites_ + station; }

  SimPlatform& platform_;
  const ServingPolicy& policy_;
  const InferenceFailoverPolicy& failover_;
  InferenceScenarioConfig options_;
  double request_timeout_s_;
  const ModelCatalog& catalog_;
  int satellites_;
  ServingHardware hardware_;
  std::map<std::string, InferenceCostModel> cost_models_;  // per model, on options_.accelerator_group
  std::vector<InferenceRequestRecord> records_;
  std::vector<std::map<std::string, std::unique_ptr<Engine>>> engines_;  // per satellite, per model
  int in_flight_ = 0;
  long tokens_delivered_ = 0;
  std::vector<double> busy_time_s_;
  double serving_energy_j_ = 0.0;
  std::vector<bool> unusable_;
  struct Attempt {
    long generation = 0;
    int live_copies = 0;
    bool settled = false;  // finished, failed or rejected: later news of its copies is ignored
  };
  std::vector<Attempt> attempt_;  // per request
  static constexpr int kMaxResendsPerMessage = 8;
  std::function<double(int)> power_endurance_s_ = [](int) { return std::numeric_limits<double>::infinity(); };
  std::function<double(double)> power_activity_ = [](double) { return 1.0; };
  EventLog* events_ = nullptr;
};

}  // namespace orbitsim
