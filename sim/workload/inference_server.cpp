// InferenceServer: arrivals, serving attempts and their copies, and the engines' continuous batches
// (admission, prefill and decode steps, prefix caches); the tokens' way down is in inference_streams.cpp.
#include "workload/inference_server.hpp"

#include <algorithm>
#include <deque>
#include <optional>

#include <fmt/format.h>

#include "workload/inference_server_state.hpp"

namespace orbitsim {

InferenceServer::InferenceServer(InferenceEnvironment env, std::vector<InferenceRequestSpec> requests)
    : platform_(env.platform), policy_(env.serving), failover_(env.failover), options_(std::move(env.options)),
      request_timeout_s_(env.request_timeout_s), catalog_(env.catalog), satellites_(env.platform.satellites()),
      hardware_(env.hardware),
      engines_(static_cast<size_t>(satellites_)), busy_time_s_(static_cast<size_t>(satellites_), 0.0),
      unusable_(static_cast<size_t>(satellites_), false),
      attempt_(requests.size()) {
  for (const auto& [name, model] : catalog_)
    if (const auto t = model.inference.find(options_.accelerator_group); t != model.inference.end())
      cost_models_.try_emplace(name, model, t->second, hardware_.accelerator_memory_bandwidth_Bps);
  records_.reserve(requests.size());
  for (auto& r : requests) {
    InferenceRequestRecord record;
    record.spec = std::move(r);
    records_.push_back(std::move(record));
  }
}

InferenceServer::~InferenceServer() = default;

void InferenceServer::start() {
  // Each arrival asks for the routing tree toward its station (candidates): let the platform compute
  // them ahead with their epoch (a policy of the station's own links needs none).
  if (!policy_.linked_only()) forecast_trees();
  sim_spawn(platform_, "request-arrivals", [this] {
    for (size_t i = 0; i < records_.size(); ++i) {
      sim_sleep_until(records_[i].spec.arrival_s);
      sim_spawn(platform_, "request-" + records_[i].spec.req_id, [this, i] { arrive(i); });
    }
  });
}

void InferenceServer::forecast_trees() {
  std::vector<std::pair<double, int>> arrivals;
  for (const auto& r : records_) arrivals.emplace_back(r.spec.arrival_s, station_node(r.spec.station));
  std::sort(arrivals.begin(), arrivals.end());
  platform_.add_tree_forecast([arrivals = std::move(arrivals)](double from_s, double to_s) {
    std::vector<int> stations;
    for (auto it = std::lower_bound(arrivals.begin(), arrivals.end(), std::pair{from_s, -1});
         it != arrivals.end() && it->first < to_s; ++it)
      stations.push_back(it->second);
    return stations;
  });
}

InferenceServer::Engine& InferenceServer::engine(int satellite, const std::string& model) {
  auto& slot = engines_[static_cast<size_t>(satellite)][model];
  if (!slot) {
    const ModelSpec& m = catalog_.at(model);
    slot = std::make_unique<Engine>();
    slot->satellite = satellite;
    slot->model = &m;
    slot->cost = &cost_models_.at(model);
    slot->kv_capacity = options_.kv_memory_bytes > 0 ? options_.kv_memory_bytes
                                                     : hardware_.satellite_memory_bytes - m.params * m.bytes_per_param;
  }
  return *slot;
}

std::vector<ServingCandidate> InferenceServer::candidates(const InferenceRequestRecord& r) {
  // Satellites within max_hops of the station on the current routes (down satellites have no route); for
  // a policy that only picks the station's own links, those alone.
  const int gs = station_node(r.spec.station);
  std::vector<ServingCandidate> out;
  if (policy_.linked_only()) {
    for (const auto& [s, delay_s] : platform_.direct_links(gs))
      if (!unusable_[static_cast<size_t>(s)]) out.push_back({s, delay_s, 1, true, 0, 0.0, 0.0});
    std::sort(out.begin(), out.end(), [](const ServingCandidate& a, const ServingCandidate& b) { return a.satellite < b.satellite; });
  } else {
    const RoutingTree& tree = platform_.current_tree_to(gs);
    for (int s = 0; s < satellites_; ++s) {
      if (tree.next_hop[static_cast<size_t>(s)] < 0 || unusable_[static_cast<size_t>(s)]) continue;
      int hops = 0;
      for (int v = s; v != gs && hops <= options_.max_hops; v = tree.next_hop[static_cast<size_t>(v)]) ++hops;
      if (hops > options_.max_hops) continue;
      out.push_back({s, tree.delay_s[static_cast<size_t>(s)], hops, tree.next_hop[static_cast<size_t>(s)] == gs, 0, 0.0, 0.0});
    }
  }
  const InferenceCostModel& cost = cost_models_.at(r.spec.model);
  for (ServingCandidate& c : out) {
    const int s = c.satellite;
    const auto& on_satellite = engines_[static_cast<size_t>(s)];
    const auto it = on_satellite.find(r.spec.model);
    if (it != on_satellite.end()) {
      const Engine& e = *it->second;
      c.active_requests = static_cast<int>(e.waiting.size() + e.running.size()) + e.uploading;
      c.queued_prefill_tokens = e.queued_prefill_tokens + e.uploading_prefill_tokens;
    }
    c.estimated_prefill_s = cost.prefill({c.queued_prefill_tokens, static_cast<double>(r.served_input_tokens())}).seconds;
    c.estimated_prefill_after_cache_s = c.estimated_prefill_s;
    if (it != on_satellite.end() && options_.prefix_cache && !r.spec.prefix_blocks.empty() && r.prompt_tokens_dropped == 0) {
      const auto blocks = static_cast<long>(it->second->prefix_cache.cached_prefix(r.spec.prefix_blocks));
      c.cached_prompt_tokens = std::min(blocks * options_.prefix_block_tokens, r.served_input_tokens() - 1);
      if (c.cached_prompt_tokens > 0)
        c.estimated_prefill_after_cache_s =
            cost.prefill({c.queued_prefill_tokens, static_cast<double>(r.served_input_tokens() - c.cached_prompt_tokens)}).seconds;
    }
    c.power_endurance_s = power_endurance_s_(s);
  }
  return out;
}

void InferenceServer::settle(InferenceRequestRecord& r, RequestStatus status, const std::string& reason) {
  r.status = status;
  r.reason = reason;
  if (events_) events_->record(sim_now(), "inference", r.spec.req_id, to_string(status), reason);
  --in_flight_;
}

bool InferenceServer::stale(size_t index, long generation) const {
  const Attempt& at = attempt_[index];
  return at.settled || at.generation != generation;  // answered or given up, or an older attempt
}

void InferenceServer::copy_failed(size_t index, long generation, const std::string& reason) {
  if (stale(index, generation)) return;
  Attempt& at = attempt_[index];
  if (--at.live_copies > 0) return;                       // another copy may still answer
  InferenceRequestRecord& r = records_[index];
  if (failover_.on_failure({r.attempts, false, false}) != InferenceRecovery::kRetry) {
    at.settled = true;
    return settle(r, RequestStatus::kFailed, reason);
  }
  r.status = RequestStatus::kRetrying;
  r.reason = reason;
  if (events_) events_->record(sim_now(), "inference", r.spec.req_id, to_string(r.status), reason);
  ++at.generation;  // whatever the failed attempt still has in flight is now stale
  sim_spawn(platform_, "retry-" + r.spec.req_id, [this, index, until = sim_now() + request_timeout_s_] {
    sim_sleep_until(until);
    attempt(index);
  });
}

bool InferenceServer::resend_allowed(size_t index, int serving_satellite) {
  const bool alive = !platform_.node_down(serving_satellite) && !unusable_[static_cast<size_t>(serving_satellite)];
  const InferenceRecovery decision = failover_.on_failure({records_[index].attempts, true, alive});
  return decision == InferenceRecovery::kResend &&
         platform_.current_path(station_node(records_[index].spec.station), serving_satellite).reachable();
}

void InferenceServer::arrive(size_t index) {
  ++in_flight_;
  InferenceRequestRecord& r = records_[index];
  const int window = catalog_.at(r.spec.model).context_window_tokens;
  if (window > 0 && r.spec.input_tokens + r.spec.output_tokens > window) {
    const std::string sizes = fmt::format("{} prompt + {} output tokens > {} ({})", r.spec.input_tokens,
                                          r.spec.output_tokens, window, r.spec.model);
    if (options_.over_context == "truncate" && r.spec.output_tokens < window) {
      r.prompt_tokens_dropped = r.spec.input_tokens + r.spec.output_tokens - window;  // the oldest ones
    } else {
      attempt_[index].settled = true;
      return settle(r, RequestStatus::kRejected,
                    options_.over_context == "truncate" ? "context window exceeded by the output alone: " + sizes
                                                        : "context window exceeded: " + sizes);
    }
  }
  attempt(index);
}

void InferenceServer::attempt(size_t index) {
  InferenceRequestRecord& r = records_[index];
  Attempt& at = attempt_[index];
  ++r.attempts;
  r.prompt_delivered_s = -1.0;
  std::vector<ServingCandidate> options = candidates(r);
  std::vector<int> chosen;
  while (static_cast<int>(chosen.size()) < failover_.copies()) {
    const auto s = policy_.choose(options);
    if (!s) break;
    chosen.push_back(*s);
    options.erase(std::remove_if(options.begin(), options.end(), [&](const ServingCandidate& c) { return c.satellite == *s; }),
                  options.end());
  }
  if (chosen.empty()) {
    at.settled = true;
    const int gs = station_node(r.spec.station);
    if (platform_.node_down(gs)) return settle(r, RequestStatus::kRejected, "ground station down");
    return settle(r, RequestStatus::kRejected, fmt::format("no serving satellite within reach ({} hops of {}; {})", options_.max_hops,
                                             platform_.name(gs), station_links_text(gs)));
  }
  at.live_copies = static_cast<int>(chosen.size());
  r.serving_satellite = chosen.front();
  for (size_t c = 1; c < chosen.size(); ++c)
    sim_spawn(platform_, "copy-" + r.spec.req_id, [this, index, s = chosen[c], g = at.generation] { run_copy(index, s, g); });
  run_copy(index, chosen.front(), at.generation);
}

void InferenceServer::run_copy(size_t index, int satellite, long generation, std::shared_ptr<Active> resumed) {
  InferenceRequestRecord& r = records_[index];
  auto a = std::make_shared<Active>();
  a->index = index;
  a->generation = generation;
  a->satellite = satellite;
  const long delivered = resumed ? static_cast<long>(resumed->token_arrival_s.size()) : 0;
  a->context_tokens = r.served_input_tokens() + delivered;
  a->target_tokens = r.spec.output_tokens - delivered;
  if (resumed) {
    a->token_arrival_s = resumed->token_arrival_s;
    a->downlink_handovers = resumed->downlink_handovers;
    a->corrupted = resumed->corrupted;
    a->milestones = resumed->milestones;
  }
  r.status = RequestStatus::kUploading;
  const int gs = station_node(r.spec.station);
  if (!resumed) {
    a->milestones.upload_start_s = sim_now();
    a->milestones.uplink_hops = platform_.current_path(gs, satellite).hops();
  }
  const double prompt_bytes = static_cast<double>(a->context_tokens) * options_.prompt_bytes_per_token;
  Engine& e = engine(satellite, r.spec.model);
  struct Uploading {  // counted on the engine for as long as the prompt is on its way, however that ends
    Engine& e;
    double tokens;
    Uploading(Engine& engine, double t) : e(engine), tokens(t) { ++e.uploading, e.uploading_prefill_tokens += t; }
    ~Uploading() { --e.uploading, e.uploading_prefill_tokens -= tokens; }
  };
  std::optional<Uploading> uploading(std::in_place, e, static_cast<double>(a->context_tokens));
  SimMessage prompt(platform_, gs, satellite, prompt_bytes);
  for (int resends = 0; !prompt.wait();) {
    if (++resends > kMaxResendsPerMessage || !resend_allowed(index, satellite)) {
      const bool no_route = !platform_.node_down(satellite) && !platform_.current_path(gs, satellite).reachable();
      return copy_failed(index, generation,
                         no_route ? no_route_reason("prompt upload failed", satellite, gs, sim_now())
                                  : "prompt upload failed (unreachable)");
    }
    ++r.resends;
    prompt = SimMessage(platform_, gs, satellite, prompt_bytes);
  }
  if (stale(index, generation)) return;
  if (r.prompt_delivered_s < 0 || prompt.finish_time_s() < r.prompt_delivered_s) r.prompt_delivered_s = prompt.finish_time_s();
  if (!resumed) a->milestones.prompt_delivered_s = prompt.finish_time_s();
  r.status = RequestStatus::kQueued;
  uploading.reset();
  a->kv_bytes = catalog_.at(r.spec.model).kv_bytes_per_token() * static_cast<double>(r.served_input_tokens() + r.spec.output_tokens);
  if (a->kv_bytes > e.kv_capacity) {
    attempt_[index].settled = true;
    return settle(r, RequestStatus::kRejected, "prompt + output exceed the satellite's KV-cache memory");
  }
  e.waiting.push_back(a);
  e.queued_prefill_tokens += static_cast<double>(a->context_tokens);
  if (!e.stepping) {  // an idle engine has no actor: start one (actors are cooperative, no race here)
    e.stepping = true;
    Engine* engine_ptr = &e;
    sim_spawn(platform_, "engine-" + platform_.name(e.satellite) + "-" + r.spec.model, [this, engine_ptr] { run_engine(*engine_ptr); });
  }
}

void InferenceServer::drop_stale(Engine& e) {
  // Copies whose request was answered by another copy, or whose attempt was given up: free their room.
  for (auto it = e.waiting.begin(); it != e.waiting.end();)
    if (stale((*it)->index, (*it)->generation)) {
      e.queued_prefill_tokens -= static_cast<double>((*it)->context_tokens);
      it = e.waiting.erase(it);
    } else {
      ++it;
    }
  for (auto it = e.running.begin(); it != e.running.end();)
    if (stale((*it)->index, (*it)->generation)) {
      e.kv_in_use -= (*it)->kv_bytes;
      it = e.running.erase(it);
    } else {
      ++it;
    }
}

std::vector<std::shared_ptr<InferenceServer::Active>> InferenceServer::admit(Engine& e, std::vector<double>& prefill_tokens) {
  std::vector<std::shared_ptr<Active>> admitted;
  while (!e.waiting.empty() && static_cast<int>(e.running.size() + admitted.size()) < options_.max_batch &&
         e.kv_in_use + e.waiting.front()->kv_bytes <= e.kv_capacity) {
    auto a = e.waiting.front();
    e.waiting.pop_front();
    e.kv_in_use += a->kv_bytes;
    const double tokens = static_cast<double>(a->context_tokens);
    prefill_tokens.push_back(tokens - static_cast<double>(cached_prefix_tokens(e, records_[a->index])));
    e.queued_prefill_tokens -= tokens;
    records_[a->index].status = RequestStatus::kRunning;
    admitted.push_back(a);
  }
  return admitted;
}

void InferenceServer::run_engine(Engine& e) {
  for (drop_stale(e); !e.waiting.empty() || !e.running.empty(); drop_stale(e)) {
    std::vector<double> prefill_tokens;
    std::vector<std::shared_ptr<Active>> admitted = admit(e, prefill_tokens);
    double step_s = 0.0;
    const bool prefill = !admitted.empty();
    if (prefill) {
      const InferenceCostModel::Cost cost = e.cost->prefill(prefill_tokens);
      step_s = cost.seconds * (e.running.empty() ? 1.0 : 1.1);
      for (const auto& a : admitted)
        if (std::string& source = records_[a->index].timing_source; source != "roofline") source = cost.measured ? "table" : "roofline";
    } else {
      double context = 0.0;
      for (const auto& a : e.running)
        context += static_cast<double>(a->context_tokens + a->generated);
      step_s = e.cost->decode_step_s(context, static_cast<int>(e.running.size()));
    }
    const double step_start = sim_now();
    for (const auto& a : admitted)
      if (a->milestones.prefill_start_s < 0) a->milestones.prefill_start_s = step_start;
    e.admitting = admitted;
    const double activity =
        power_activity_(prefill ? e.cost->timing().prefill_power_fraction : e.cost->timing().decode_power_fraction);
    const double energy_before_j = platform_.accelerator_energy_j(e.satellite);
    const bool computed = compute_on_all(platform_, {e.satellite}, step_s, activity);
    serving_energy_j_ += platform_.accelerator_energy_j(e.satellite) - energy_before_j;
    e.admitting.clear();
    busy_time_s_[static_cast<size_t>(e.satellite)] += sim_now() - step_start;
    if (computed && options_.prefix_cache)
      for (const auto& a : admitted)
        if (records_[a->index].prompt_tokens_dropped == 0)
          e.prefix_cache.insert(records_[a->index].spec.prefix_blocks, free_prefix_blocks(e));
    if (!computed) {  // the serving satellite failed: every request copy it holds is lost
      for (auto* group : {&e.running, &admitted})
        for (auto& a : *group) copy_failed(a->index, a->generation, "serving satellite failed");
      for (auto& a : e.waiting) copy_failed(a->index, a->generation, "serving satellite failed");
      e.running.clear();
      e.waiting.clear();
      e.kv_in_use = 0.0;
      e.queued_prefill_tokens = 0.0;
      break;
    }
    // Everyone in the batch produced one token: the prefill's first token, or the next decode token.
    // A stream whose route to the station is gone leaves the engine and is handed over.
    std::vector<std::shared_ptr<Active>> cut;
    for (auto* group : {&e.running, &admitted})
      for (auto& a : *group)
        if (!emit_token(*a)) cut.push_back(a);
    e.running.insert(e.running.end(), admitted.begin(), admitted.end());
    for (auto& a : cut) {
      e.kv_in_use -= a->kv_bytes;
      e.running.erase(std::find(e.running.begin(), e.running.end(), a));
      sim_spawn(platform_, "handover", [this, a] { hand_over(a); });
    }
    auto done = std::stable_partition(e.running.begin(), e.running.end(), [&](const std::shared_ptr<Active>& a) {
      return a->generated < a->target_tokens;
    });
    for (auto it = done; it != e.running.end(); ++it) {
      e.kv_in_use -= (*it)->kv_bytes;
      auto finished = *it;
      sim_spawn(platform_, "deliver", [this, finished] { deliver(finished); });
    }
    e.running.erase(done, e.running.end());
  }
  e.stepping = false;  // idle: the next arrival starts a new actor
}

long InferenceServer::cached_prefix_tokens(Engine& e, InferenceRequestRecord& r) {
  r.cached_prompt_tokens = 0;
  r.prefix_blocks_hit = 0;
  if (!options_.prefix_cache || r.spec.prefix_blocks.empty() || r.prompt_tokens_dropped > 0) return 0;
  e.prefix_cache.shrink_to(free_prefix_blocks(e));  // the memory just reserved is no longer the cache's
  r.prefix_blocks_hit = static_cast<long>(e.prefix_cache.match(r.spec.prefix_blocks));
  // At least the prompt's last token is computed: it gives the first output token.
  r.cached_prompt_tokens = std::min(r.prefix_blocks_hit * options_.prefix_block_tokens, r.served_input_tokens() - 1);
  return r.cached_prompt_tokens;
}

size_t InferenceServer::free_prefix_blocks(const Engine& e) const {
  const double block_bytes = e.model->kv_bytes_per_token() * options_.prefix_block_tokens;
  return static_cast<size_t>(std::max(0.0, (e.kv_capacity - e.kv_in_use) / block_bytes));
}

void InferenceServer::note_upset(int satellite) {
  for (auto& [model, e] : engines_[static_cast<size_t>(satellite)])
    for (const auto* group : {&e->running, &e->admitting})
      for (const auto& a : *group) a->corrupted = true;
}

}  // namespace orbitsim
