#include "workload/training_runner.hpp"

#include <algorithm>
#include <cmath>

#include "core/input_error.hpp"
#include "platform/sim_runtime.hpp"

namespace orbitsim {

TrainingRunner::TrainingRunner(SimPlatform& platform, TransferService& transfers,
                               const TrainingPlacementPolicy& placement, const TrainingFailoverPolicy& failover,
                               const TrainingScenarioConfig& options, const FailoverScenarioConfig& failover_costs,
                               std::vector<SatelliteInfo> satellites, std::function<Vec3(int)> position_ecef_m,
                               std::vector<TrainingJobSpec> jobs)
    : platform_(platform), transfers_(transfers), placement_(placement), failover_(failover), options_(options),
      failover_costs_(failover_costs), satellites_(std::move(satellites)), position_ecef_m_(std::move(position_ecef_m)),
      busy_(satellites_.size(), false), failed_(satellites_.size(), false), busy_time_s_(satellites_.size(), 0.0) {
  for (auto& j : jobs) records_.push_back({std::move(j)});
  if (options_.checkpoint_target == "ground") {
    for (int n = 0; n < platform_.nodes(); ++n)
      if (n >= static_cast<int>(satellites_.size()) && platform_.name(n) == options_.checkpoint_station)
        checkpoint_station_ = n;
    if (checkpoint_station_ < 0)
      throw InputError({"scenario", 0}, "training.checkpoint_station", "a ground station of the platform",
                       "\"" + options_.checkpoint_station + "\"");
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
  records_[job].status = "queued";
  queue_.push_back(job);
  start_queued_jobs();
}

void TrainingRunner::start_queued_jobs() {
  while (!queue_.empty()) {
    TrainingJobRecord& r = records_[queue_.front()];
    std::vector<bool> unavailable = busy_;
    for (size_t i = 0; i < unavailable.size(); ++i) unavailable[i] = busy_[i] || failed_[i];
    const PlacementView view{satellites_, unavailable, busy_time_s_, position_ecef_m_};
    const auto chosen = placement_.place(r.spec.num_nodes, view);
    if (!chosen) return;  // first come, first served: the head of the queue waits for room
    for (int s : *chosen) busy_[static_cast<size_t>(s)] = true;
    r.satellites = *chosen;
    r.status = "running";
    if (!std::isfinite(r.start_s)) r.start_s = sim_now();  // a restart keeps the first start
    ++running_;
    const size_t job = queue_.front();
    queue_.erase(queue_.begin());
    sim_spawn(platform_, "job-" + r.spec.job_id, [this, job] { run(job); });
  }
}

long TrainingRunner::automatic_checkpoint_interval(const TrainingJobSpec& spec) const {
  // Young (CACM 1974): tau = sqrt(2 * delta * MTBF). delta: each satellite's share over one 100 Gbit/s
  // ISL (physics.md 3a); MTBF: the job's K satellites failing independently at the configured rate.
  const double k = spec.num_nodes;
  const double delta_s = spec.checkpoint_bytes / k / (100e9 / 8.0);
  const double rate_per_s = options_.satellite_failure_rate_per_day * k / 86400.0;
  if (rate_per_s <= 0.0) return 0;
  const double tau_s = std::sqrt(2.0 * delta_s / rate_per_s);
  const double iteration_s = spec.iter_compute_s + 2.0 * (k - 1.0) / k * spec.grad_bytes / (100e9 / 8.0);
  return std::max(1L, std::lround(tau_s / std::max(iteration_s, 1e-9)));
}

void TrainingRunner::run(size_t job) {
  TrainingJobRecord& r = records_[job];
  const std::vector<int>& ring = r.satellites;
  const size_t k = ring.size();
  std::vector<std::pair<int, int>> successor;
  for (size_t i = 0; i < k; ++i) successor.emplace_back(ring[i], ring[(i + 1) % k]);
  if (r.restarts == 0)
    r.checkpoint_interval_iters =
        r.spec.checkpoint_interval_iters < 0 ? automatic_checkpoint_interval(r.spec) : r.spec.checkpoint_interval_iters;

  if (r.restarts > 0) {
    // Restart overhead, then each satellite fetches its share of the last checkpoint from its ring
    // predecessor (the copies were spread along the ring).
    const double t0 = sim_now();
    sim_sleep_until(t0 + failover_costs_.restart_s);
    const bool restored = r.last_checkpoint_iteration == 0 || k < 2 ||
                          exchange(platform_, successor, r.spec.checkpoint_bytes / static_cast<double>(k));
    r.restore_s += sim_now() - t0;
    if (!restored) return recover(job, "satellite failed during restore");
  }
  while (r.iterations_done < r.spec.iterations) {
    const double t0 = sim_now();
    if (!compute_on_all(platform_, ring, r.spec.iter_compute_s)) return recover(job, "satellite failed during compute");
    for (int s : ring) busy_time_s_[static_cast<size_t>(s)] += r.spec.iter_compute_s;
    const double t1 = sim_now();
    r.compute_s += t1 - t0;
    bool ok = true;
    if (k > 1 && r.spec.grad_bytes > 0.0)  // nothing to reduce: no rounds (and no latency) at all
      for (size_t round = 0; ok && round < 2 * (k - 1); ++round)
        ok = exchange(platform_, successor, r.spec.grad_bytes / static_cast<double>(k));
    r.allreduce_s += sim_now() - t1;
    if (!ok) return recover(job, "all-reduce failed (a ring satellite failed or became unreachable)");
    ++r.iterations_done;
    const bool checkpoint_due = r.checkpoint_interval_iters > 0 && r.iterations_done % r.checkpoint_interval_iters == 0 &&
                                r.iterations_done < r.spec.iterations;
    if (checkpoint_due) {
      const double t2 = sim_now();
      const double share = r.spec.checkpoint_bytes / static_cast<double>(k);
      bool saved = true;
      if (checkpoint_station_ >= 0) {
        std::vector<std::pair<int, int>> to_ground;
        for (int s : ring) to_ground.emplace_back(s, checkpoint_station_);
        saved = transfer_all(platform_, transfers_, to_ground, share);
      } else if (k > 1) {
        saved = exchange(platform_, successor, share);
      }
      r.checkpoint_s += sim_now() - t2;
      if (!saved) return recover(job, "checkpoint failed");
      ++r.checkpoints;
      r.last_checkpoint_iteration = r.iterations_done;
    }
  }
  finish(job);
}

void TrainingRunner::recover(size_t job, const std::string& what) {
  TrainingJobRecord& r = records_[job];
  const TrainingRecovery decision = failover_.on_failure({r.iterations_done, r.last_checkpoint_iteration, r.restarts});
  if (decision == TrainingRecovery::kAbort) {
    r.failure = what;
    return finish(job);
  }
  // The failure is noticed after the detection delay; the job then gives its satellites back and
  // returns to the head of the queue, to resume from its last checkpoint.
  r.status = "recovering";
  sim_sleep_until(sim_now() + failover_costs_.detection_s);
  r.lost_iterations += r.iterations_done - r.last_checkpoint_iteration;
  r.iterations_done = r.last_checkpoint_iteration;
  ++r.restarts;
  for (int s : r.satellites) busy_[static_cast<size_t>(s)] = false;
  --running_;
  r.status = "queued";
  queue_.insert(queue_.begin(), job);
  start_queued_jobs();
}

void TrainingRunner::finish(size_t job) {
  TrainingJobRecord& r = records_[job];
  r.end_s = sim_now();
  r.status = r.failure.empty() ? "finished" : "failed";
  for (int s : r.satellites) busy_[static_cast<size_t>(s)] = false;
  --running_;
  start_queued_jobs();
}

}  // namespace orbitsim
