#include "workload/training_runner.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "platform/sim_runtime.hpp"

namespace orbitsim {

TrainingRunner::TrainingRunner(TrainingEnvironment env, std::vector<TrainingJobSpec> jobs)
    : platform_(env.platform), transfers_(env.transfers), placement_(env.placement), failover_(env.failover),
      options_(std::move(env.options)), failover_costs_(env.failover_costs), satellites_(std::move(env.satellites)),
      position_ecef_m_(std::move(env.position_ecef_m)),
      busy_(satellites_.size(), false), failed_(satellites_.size(), false), shed_(satellites_.size(), false), step_upset_(jobs.size(), false),
      busy_time_s_(satellites_.size(), 0.0) {
  domain_names_ = {"orbit"};
  domain_sizes_ = {0};
  for (const SatelliteInfo& node : satellites_) {
    int domain = 0;
    if (node.earth_fixed) {
      domain = static_cast<int>(std::find(domain_names_.begin(), domain_names_.end(), node.shell) - domain_names_.begin());
      if (domain == static_cast<int>(domain_names_.size())) domain_names_.push_back(node.shell), domain_sizes_.push_back(0);
    }
    domain_of_.push_back(domain);
    ++domain_sizes_[static_cast<size_t>(domain)];
  }
  for (auto& j : jobs) {
    TrainingJobRecord record;
    record.spec = std::move(j);
    records_.push_back(std::move(record));
  }
  if (options_.checkpoint_target == "ground") {
    for (int n = 0; n < platform_.nodes(); ++n)
      if (n >= static_cast<int>(satellites_.size()) && platform_.name(n) == options_.checkpoint_station)
        checkpoint_station_ = n;
    if (checkpoint_station_ < 0)  // ScenarioInputs resolves the name against the platform's stations
      throw std::invalid_argument("training.checkpoint_station: no ground station \"" + options_.checkpoint_station + "\"");
  }
}

int TrainingRunner::busy_satellites() const { return static_cast<int>(std::count(busy_.begin(), busy_.end(), true)); }

void TrainingRunner::start() {
  sim_spawn(platform_, "job-arrivals", [this] {
    for (size_t j = 0; j < records_.size(); ++j) {
      sim_sleep_until(records_[j].spec.arrival_s);
      submit(j);
    }
  });
}

void TrainingRunner::submit(size_t job) {
  set_status(records_[job], JobStatus::kQueued);
  queue_.push_back(job);
  start_queued_jobs();
}

void TrainingRunner::start_queued_jobs() {
  while (!queue_.empty()) {
    TrainingJobRecord& r = records_[queue_.front()];
    const int ranks = r.spec.num_nodes;
    const TrainingReservation reserve = failover_.reservation(ranks);
    const int needed = reserve.replicas * ranks + reserve.spares;
    const auto largest = std::max_element(domain_sizes_.begin(), domain_sizes_.end());
    if (needed > *largest) {  // would wait for ever: say so instead
      r.failure = domain_sizes_.size() == 1
                      ? fmt::format("needs {} satellites ({} replica(s) of {} ranks + {} spares), the platform has {}",
                                    needed, reserve.replicas, ranks, reserve.spares, satellites_.size())
                      : fmt::format("needs {} nodes ({} replica(s) of {} ranks + {} spares) in orbit or in one data "
                                    "centre, the largest has {} ({})",
                                    needed, reserve.replicas, ranks, reserve.spares, *largest,
                                    domain_names_[static_cast<size_t>(largest - domain_sizes_.begin())]);
      r.end_s = sim_now();
      set_status(r, JobStatus::kFailed, r.failure);
      queue_.erase(queue_.begin());
      continue;
    }
    const auto chosen = place(needed, r.spec.parallelism.pipeline_stages);
    if (!chosen) return;  // first come, first served: the head of the queue waits for room
    for (int s : *chosen) busy_[static_cast<size_t>(s)] = true;
    r.rings.clear();
    for (int k = 0; k < reserve.replicas; ++k)
      r.rings.emplace_back(chosen->begin() + k * ranks, chosen->begin() + (k + 1) * ranks);
    r.spares.assign(chosen->begin() + reserve.replicas * ranks, chosen->end());
    r.ranks = ranks;
    r.resting.clear();
    update_held(r);
    set_status(r, JobStatus::kRunning, placement_text(r.satellites));
    if (!std::isfinite(r.start_s)) r.start_s = sim_now();  // a restart keeps the first start
    ++running_;
    const size_t job = queue_.front();
    queue_.erase(queue_.begin());
    sim_spawn(platform_, "job-" + r.spec.job_id, [this, job] { run(job); });
  }
}

std::optional<std::vector<int>> TrainingRunner::place(int count, int pipeline_stages) const {
  std::vector<bool> unavailable(satellites_.size());
  const TopologySnapshot& latest = platform_.latest_snapshot();
  const RecentPositions recent{std::span(latest.position_ecef_m).first(static_cast<size_t>(latest.satellites)), &latest.node_up,
                               sim_now() - latest.t_s};
  for (size_t domain = 0; domain < domain_sizes_.size(); ++domain) {
    if (domain_sizes_[domain] < count) continue;
    for (size_t i = 0; i < unavailable.size(); ++i)
      unavailable[i] = busy_[i] || out_of_training(static_cast<int>(i)) || domain_of_[i] != static_cast<int>(domain);
    const PlacementView view{satellites_, unavailable, busy_time_s_, position_ecef_m_, power_endurance_s_, pipeline_stages, recent};
    if (auto chosen = placement_.place(count, view)) return chosen;
  }
  return std::nullopt;
}

std::string TrainingRunner::placement_text(const std::vector<int>& nodes) const {
  const int domain = nodes.empty() ? 0 : domain_of_[static_cast<size_t>(nodes.front())];
  if (domain == 0) return fmt::format("on {} satellites", nodes.size());
  return fmt::format("on {} servers of {}", nodes.size(), domain_names_[static_cast<size_t>(domain)]);
}

long TrainingRunner::automatic_checkpoint_interval(const TrainingJobRecord& r) {
  // Young (CACM 1974): tau = sqrt(2 * delta * MTBF). MTBF: the job's K satellites, each interrupted at the
  // run's own rate (the failures it replays and draws); delta: each satellite's share of the checkpoint
  // over the narrowest path it takes now (to its ring successor, or to the ground station).
  const double k = r.spec.num_nodes;
  const double rate_per_s = interruption_rate_per_satellite_day_ * k / 86400.0;
  if (rate_per_s <= 0.0) return 0;
  double ring_bps = std::numeric_limits<double>::infinity(), checkpoint_bps = ring_bps;
  const std::vector<int>& ring = r.satellites;
  for (size_t i = 0; i < ring.size(); ++i) {
    const double next_bps = platform_.current_path_bandwidth_bps(ring[i], ring[(i + 1) % ring.size()]);
    if (next_bps > 0.0) ring_bps = std::min(ring_bps, next_bps);
    const double target_bps =
        checkpoint_station_ >= 0 ? platform_.current_path_bandwidth_bps(ring[i], checkpoint_station_) : next_bps;
    if (target_bps > 0.0) checkpoint_bps = std::min(checkpoint_bps, target_bps);
  }
  const double delta_s = r.spec.checkpoint_bytes / k / (checkpoint_bps / 8.0);  // 0 without a link to cross
  const double tau_s = std::sqrt(2.0 * delta_s / rate_per_s);
  const double iteration_s = r.spec.iter_compute_s + 2.0 * (k - 1.0) / k * r.spec.grad_bytes / (ring_bps / 8.0);
  return std::max(1L, std::lround(tau_s / std::max(iteration_s, 1e-9)));
}

namespace {
std::vector<std::pair<int, int>> ring_successors(const std::vector<int>& ring) {
  std::vector<std::pair<int, int>> out;
  for (size_t i = 0; i < ring.size(); ++i) out.emplace_back(ring[i], ring[(i + 1) % ring.size()]);
  return out;
}
std::vector<std::vector<std::pair<int, int>>> ring_successors(const std::vector<std::vector<int>>& rings) {
  std::vector<std::vector<std::pair<int, int>>> out;
  for (const auto& ring : rings) out.push_back(ring_successors(ring));
  return out;
}
bool all_of(const std::vector<bool>& ok) { return std::all_of(ok.begin(), ok.end(), [](bool b) { return b; }); }
}  // namespace

void TrainingRunner::run(size_t job) {
  TrainingJobRecord& r = records_[job];
  if (r.restarts == 0)
    r.checkpoint_interval_iters =
        r.spec.checkpoint_interval_iters < 0 ? automatic_checkpoint_interval(r) : r.spec.checkpoint_interval_iters;
  if (r.restarts > 0 && !restore(job))
    return abort_or_restart(job, failover_.on_failure({}), "satellite failed during restore");
  while (r.iterations_done < r.spec.iterations) {
    step_upset_[job] = false;
    if (eclipse_step(job) == Outcome::kStop) return;
    Outcome o = compute_step(job);
    if (o == Outcome::kGoOn) o = allreduce_step(job);
    if (o == Outcome::kGoOn) o = compare_replicas(job);
    if (o == Outcome::kStop) return;
    if (o == Outcome::kRedoIteration) continue;
    if (step_upset_[job]) {
      if (r.rings.size() > 1) {  // the digests differ: discard the step and compute it again
        ++r.recomputed_steps;
        continue;
      }
      ++r.corrupted_steps;  // nobody can tell: the corrupted step is applied
    }
    ++r.iterations_done;
    if (sim_now() - r.start_s >= r.spec.fails_after_s) return fail_as_traced(job);
    const bool checkpoint_due = r.checkpoint_interval_iters > 0 && r.iterations_done % r.checkpoint_interval_iters == 0 &&
                                r.iterations_done < r.spec.iterations;
    if (checkpoint_due && checkpoint_step(job) == Outcome::kStop) return;
  }
  if (std::isfinite(r.spec.fails_after_s)) return fail_as_traced(job);
  finish(job);
}

void TrainingRunner::fail_as_traced(size_t job) {
  TrainingJobRecord& r = records_[job];
  r.failure = fmt::format("failed as its trace recorded, after {:g} s of running", r.spec.fails_after_s);
  finish(job);
}

bool TrainingRunner::restore(size_t job) {
  // Restart overhead, then each satellite fetches its share of the last checkpoint from its ring
  // predecessor (the copies were spread along the ring).
  TrainingJobRecord& r = records_[job];
  const double t0 = sim_now();
  sim_sleep_until(t0 + failover_costs_.restart_s);
  const bool restored = r.last_checkpoint_iteration == 0 || r.ranks < 2 ||
                        all_of(exchange_in_groups(platform_, ring_successors(training_rings(r)),
                                                  r.spec.checkpoint_bytes / static_cast<double>(r.ranks)));
  r.restore_s += sim_now() - t0;
  return restored;
}

double TrainingRunner::accelerator_energy_j(const std::vector<std::vector<int>>& rings) const {
  double j = 0.0;
  for (const auto& ring : rings)
    for (int s : ring) j += platform_.accelerator_energy_j(s);
  return j;
}

TrainingRunner::Outcome TrainingRunner::compute_step(size_t job) {
  // Every replica at once. Elastic survivors share the global batch of the submitted ranks.
  TrainingJobRecord& r = records_[job];
  std::vector<bool> unshed;  // a shed satellite computes no more of the job: a failure at the iteration's start
  for (const auto& ring : training_rings(r))
    unshed.push_back(std::none_of(ring.begin(), ring.end(), [this](int s) { return shed_[static_cast<size_t>(s)]; }));
  if (!all_of(unshed)) return after_failure(job, unshed, "a satellite's power system shed training (brown-out)");
  if (r.spec.parallelism.pipeline_stages > 1) return pipeline_step(job);
  if (overlaps_collectives(r.spec) && r.ranks > 1 && r.spec.grad_bytes > 0.0) return fsdp_step(job);
  const double t0 = sim_now();
  const double share = r.spec.num_nodes / static_cast<double>(r.ranks);
  const double tensor_parallel_s = r.spec.tensor_parallel_comm_s * share;  // the accelerators wait on NVLink
  const double compute_s = r.spec.iter_compute_s * share + tensor_parallel_s;
  const std::vector<std::vector<int>> rings = training_rings(r);
  const double energy_before_j = accelerator_energy_j(rings);
  const std::vector<bool> computed = compute_on_groups(platform_, rings, compute_s);
  compute_energy_j_ += accelerator_energy_j(rings) - energy_before_j;
  for (size_t g = 0; g < rings.size(); ++g)
    if (computed[g])
      for (int s : rings[g]) busy_time_s_[static_cast<size_t>(s)] += compute_s;
  const bool ok = all_of(computed);
  r.tensor_parallel_s += ok ? tensor_parallel_s : 0.0;
  r.compute_s += sim_now() - t0 - (ok ? tensor_parallel_s : 0.0);
  return ok ? Outcome::kGoOn : after_failure(job, computed, "satellite failed during compute");
}

std::vector<std::vector<int>> TrainingRunner::stage_groups(const TrainingJobRecord& r, const std::vector<int>& ring) {
  const auto stages = static_cast<size_t>(r.spec.parallelism.pipeline_stages);
  std::vector<std::vector<int>> groups(stages);
  for (size_t i = 0; i < ring.size(); ++i) groups[i % stages].push_back(ring[i]);
  return groups;
}

TrainingRunner::Outcome TrainingRunner::allreduce_step(size_t job) {
  // A ring all-reduce in every replica and pipeline stage: 2(K-1) rounds of S/K to the ring successor,
  // K the satellites holding the stage, S its share of the gradients.
  TrainingJobRecord& r = records_[job];
  const int stages = r.spec.parallelism.pipeline_stages;
  const int members = r.ranks / stages;
  if (members < 2 || r.spec.grad_bytes <= 0.0 || overlaps_collectives(r.spec))
    return Outcome::kGoOn;  // nothing to reduce (no rounds, no latency), or done with the compute
  const double t0 = sim_now();
  Outcome outcome = Outcome::kGoOn;
  // ZeRO-3 in a pipelined job also all-gathers each stage's sharded weights for the forward pass:
  // 3 (K-1) rounds instead of 2 (K-1) (the ZeRO paper's 1.5x data-parallel volume), after the pipeline.
  const int collectives = r.spec.parallelism.zero_stage >= 3 ? 3 : 2;
  const int rounds = collectives * (members - 1);
  for (int round = 0, resends = 0; outcome == Outcome::kGoOn && round < rounds;) {
    // The rings of this round: a replica lost in an earlier round is gone.
    const std::vector<std::vector<int>> rings = training_rings(r);
    std::vector<std::vector<std::pair<int, int>>> groups;
    std::vector<size_t> replica_of;
    for (size_t g = 0; g < rings.size(); ++g)
      for (const auto& group : stage_groups(r, rings[g])) {
        groups.push_back(ring_successors(group));
        replica_of.push_back(g);
      }
    const std::vector<bool> group_reduced =
        exchange_in_groups(platform_, groups, r.spec.grad_bytes / stages / static_cast<double>(members));
    std::vector<bool> reduced(rings.size(), true);
    for (size_t i = 0; i < groups.size(); ++i)
      if (!group_reduced[i]) reduced[replica_of[i]] = false;
    if (all_of(reduced)) {
      ++round;
      continue;
    }
    // Every satellite of the job is healthy: a relay or a terminal on a path failed. The transport
    // sends the same round again over the routes that now avoid it (a few times, then it is a failure).
    if (all_of(rings_without_failed_satellites(r)) && resends < kMaxRoundResends) {
      ++resends;
      ++r.resent_rounds;
      continue;
    }
    outcome = after_failure(job, reduced, "all-reduce failed (a ring satellite failed or became unreachable)");
    if (outcome == Outcome::kStop) return outcome;
    ++round;
  }
  r.allreduce_s += sim_now() - t0;
  return outcome == Outcome::kRedoIteration ? outcome : Outcome::kGoOn;
}

TrainingRunner::Outcome TrainingRunner::compare_replicas(size_t job) {
  // Redundant replicas compare a digest of the step, rank by rank.
  TrainingJobRecord& r = records_[job];
  if (r.rings.size() < 2) return Outcome::kGoOn;
  std::vector<std::pair<int, int>> compare;
  for (size_t i = 0; i < r.rings[0].size(); ++i)
    for (size_t g = 1; g < r.rings.size(); ++g)
      compare.insert(compare.end(), {{r.rings[0][i], r.rings[g][i]}, {r.rings[g][i], r.rings[0][i]}});
  if (exchange(platform_, compare, kStepDigestBytes)) return Outcome::kGoOn;
  const std::vector<bool> whole = rings_without_failed_satellites(r);
  if (all_of(whole)) return Outcome::kGoOn;  // a path broke: the step is kept uncompared
  return after_failure(job, whole, "satellite failed during the replicas' comparison");
}

TrainingRunner::Outcome TrainingRunner::checkpoint_step(size_t job) {
  // Written by one replica: each satellite's share to its ring successor or to the ground station.
  TrainingJobRecord& r = records_[job];
  const double t0 = sim_now();
  const double share = r.spec.checkpoint_bytes / static_cast<double>(r.ranks);
  const std::vector<int> ring = training_rings(r).front();  // resting ranks hold an older state
  bool saved = true;
  if (checkpoint_station_ >= 0) {
    std::vector<std::pair<int, int>> to_ground;
    for (int s : ring) to_ground.emplace_back(s, checkpoint_station_);
    saved = transfer_all(platform_, transfers_, to_ground, share);
  } else if (ring.size() > 1) {
    saved = exchange(platform_, ring_successors(ring), share);
  }
  r.checkpoint_s += sim_now() - t0;
  if (saved) {
    ++r.checkpoints;
    r.last_checkpoint_iteration = r.iterations_done;
    return Outcome::kGoOn;
  }
  // A repaired or surviving job goes on and checkpoints next time.
  std::vector<bool> whole = rings_without_failed_satellites(r);
  whole.front() = false;
  return after_failure(job, whole, "checkpoint failed") == Outcome::kStop ? Outcome::kStop : Outcome::kGoOn;
}

void TrainingRunner::note_upset(int satellite) {
  for (size_t j = 0; j < records_.size(); ++j) {
    const TrainingJobRecord& r = records_[j];
    if (r.status != JobStatus::kRunning) continue;
    for (const auto& ring : training_rings(r))
      if (std::find(ring.begin(), ring.end(), satellite) != ring.end()) step_upset_[j] = true;
  }
}

std::vector<bool> TrainingRunner::rings_without_failed_satellites(const TrainingJobRecord& r) const {
  std::vector<bool> ok;
  for (const auto& ring : training_rings(r))
    ok.push_back(std::none_of(ring.begin(), ring.end(), [this](int s) { return out_of_training(s); }));
  return ok;
}

void TrainingRunner::release(const std::vector<int>& satellites) {
  for (int s : satellites) busy_[static_cast<size_t>(s)] = false;
}

void TrainingRunner::update_held(TrainingJobRecord& r) {
  r.satellites.clear();
  for (const auto& ring : r.rings) r.satellites.insert(r.satellites.end(), ring.begin(), ring.end());
  r.satellites.insert(r.satellites.end(), r.spares.begin(), r.spares.end());
}

void TrainingRunner::set_status(TrainingJobRecord& r, JobStatus status, std::string_view detail) {
  r.status = status;
  if (events_) events_->record(sim_now(), "training", r.spec.job_id, to_string(status), detail);
}

void TrainingRunner::finish(size_t job) {
  TrainingJobRecord& r = records_[job];
  r.end_s = sim_now();
  set_status(r, r.failure.empty() ? JobStatus::kFinished : JobStatus::kFailed, r.failure);
  end_rests(r);
  release(r.satellites);
  --running_;
  start_queued_jobs();
}

}  // namespace orbitsim
