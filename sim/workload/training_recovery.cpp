// TrainingRunner's recovery after a failure: the failover policy's decision applied to the job (go on with
// a surviving replica, a hot spare in the failed rank's place, a smaller ring without the failed
// satellites' pipelines, or back to the queue to restart from the checkpoint).
#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "platform/sim_runtime.hpp"
#include "workload/training_runner.hpp"

namespace orbitsim {

namespace {
// The satellites of the ring's pipelines (runs of `stages`) that hold a failed satellite: an elastic job
// drops whole data-parallel replicas, never a stage.
std::vector<int> pipelines_with(const std::vector<int>& ring, const std::vector<int>& failed, size_t stages) {
  std::vector<int> leaving;
  for (size_t first = 0; first < ring.size(); first += stages) {
    const auto begin = ring.begin() + static_cast<long>(first), end = begin + static_cast<long>(stages);
    if (std::any_of(begin, end, [&](int s) { return std::find(failed.begin(), failed.end(), s) != failed.end(); }))
      leaving.insert(leaving.end(), begin, end);
  }
  return leaving;
}
}  // namespace

TrainingRunner::Outcome TrainingRunner::after_failure(size_t job, const std::vector<bool>& ring_ok,
                                                      const std::string& what) {
  TrainingJobRecord& r = records_[job];
  std::vector<int> failed;  // the job's satellites that are down, in the broken rings
  for (size_t g = 0; g < r.rings.size(); ++g)
    if (!ring_ok[g])
      for (int s : r.rings[g])
        if (out_of_training(s)) failed.push_back(s);
  const int alive = static_cast<int>(std::count(ring_ok.begin(), ring_ok.end(), true));
  // Failed ranks leave the rest as well; the job needs ranks that kept training to shrink.
  std::erase_if(r.resting, [&](int s) { return std::find(failed.begin(), failed.end(), s) != failed.end(); });
  const TrainingRecovery decision =
      failover_.on_failure({r.iterations_done, r.last_checkpoint_iteration, r.restarts, r.ranks, r.spec.num_nodes,
                            static_cast<int>(failed.size()), static_cast<int>(r.spares.size()), alive});
  // Each mechanism says whether it applies; when it does not, the job restarts from its checkpoint.
  std::optional<Outcome> outcome;
  if (decision == TrainingRecovery::kContinueOnReplica) outcome = continue_on_replica(r, ring_ok, what);
  if (decision == TrainingRecovery::kReplaceWithSpares) outcome = replace_with_spares(job, failed, what);
  if (decision == TrainingRecovery::kShrink) outcome = shrink(r, failed, what);
  if (outcome) return *outcome;
  abort_or_restart(job, decision == TrainingRecovery::kAbort ? decision : TrainingRecovery::kRestartFromCheckpoint,
                   what);
  return Outcome::kStop;
}

// A replica is still whole: it goes on alone, the broken ones give their satellites back.
std::optional<TrainingRunner::Outcome> TrainingRunner::continue_on_replica(TrainingJobRecord& r,
                                                                           const std::vector<bool>& ring_ok,
                                                                           const std::string& what) {
  if (std::none_of(ring_ok.begin(), ring_ok.end(), [](bool ok) { return ok; })) return std::nullopt;
  ++r.replica_failovers;
  std::vector<std::vector<int>> whole;
  for (size_t g = 0; g < r.rings.size(); ++g)
    if (ring_ok[g]) whole.push_back(r.rings[g]);
    else release(r.rings[g]);
  r.rings = whole;
  update_held(r);
  set_status(r, JobStatus::kRunning, what + "; the surviving replica goes on");
  return Outcome::kGoOn;
}

// Hot spares take the failed ranks' places after the detection delay and fetch their state from a peer.
std::optional<TrainingRunner::Outcome> TrainingRunner::replace_with_spares(size_t job, const std::vector<int>& failed,
                                                                           const std::string& what) {
  TrainingJobRecord& r = records_[job];
  if (r.rings.size() != 1 || failed.empty() || failed.size() > r.spares.size()) return std::nullopt;
  set_status(r, JobStatus::kRecovering, what + "; spares take over");
  sim_sleep_until(sim_now() + failover_costs_.detection_s);
  std::vector<int>& ring = r.rings.front();
  std::vector<size_t> replaced;
  for (int s : failed) {
    const auto pos = static_cast<size_t>(std::find(ring.begin(), ring.end(), s) - ring.begin());
    ring[pos] = r.spares.front();
    r.spares.erase(r.spares.begin());
    replaced.push_back(pos);
    ++r.spare_takeovers;
  }
  release(failed);
  update_held(r);
  // Each spare copies its rank's state from the previous satellite holding the same stage (the ring
  // predecessor when the job is not pipelined, or the same stage of the previous pipeline); a
  // single pipeline has no such peer and its stages hold different layers: the state then comes
  // from the ring predecessor, which kept a copy of it at the last checkpoint.
  const size_t stages = static_cast<size_t>(r.spec.parallelism.pipeline_stages);
  const size_t peer = ring.size() > stages ? stages : 1;
  std::vector<std::pair<int, int>> state_copies;
  for (size_t pos : replaced) state_copies.emplace_back(ring[(pos + ring.size() - peer) % ring.size()], ring[pos]);
  const double t0 = sim_now();
  const bool copied = transfer_all(platform_, transfers_, state_copies, state_bytes_per_satellite(r.spec));
  r.restore_s += sim_now() - t0;
  if (!copied) {
    abort_or_restart(job, TrainingRecovery::kRestartFromCheckpoint, "state copy to a hot spare failed");
    return Outcome::kStop;
  }
  set_status(r, JobStatus::kRunning, placement_text(r.satellites));
  return Outcome::kRedoIteration;
}

// The surviving pipelines go on without those holding a failed satellite, if they still fit in memory.
std::optional<TrainingRunner::Outcome> TrainingRunner::shrink(TrainingJobRecord& r, const std::vector<int>& failed,
                                                              const std::string& what) {
  if (r.rings.size() != 1 || failed.empty()) return std::nullopt;
  std::vector<int>& ring = r.rings.front();
  const std::vector<int> leaving = pipelines_with(ring, failed, static_cast<size_t>(r.spec.parallelism.pipeline_stages));
  if (leaving.size() + r.resting.size() >= ring.size()) return std::nullopt;
  if (static_cast<int>(ring.size() - leaving.size()) < r.spec.min_ranks_in_memory) return std::nullopt;
  set_status(r, JobStatus::kRecovering, what + "; shrinking");
  sim_sleep_until(sim_now() + failover_costs_.detection_s);
  for (int s : leaving) ring.erase(std::find(ring.begin(), ring.end(), s));
  release(leaving);
  r.ranks = static_cast<int>(ring.size() - r.resting.size());
  ++r.shrinks;
  update_held(r);
  set_status(r, JobStatus::kRunning, placement_text(r.satellites));
  return Outcome::kRedoIteration;
}

void TrainingRunner::abort_or_restart(size_t job, TrainingRecovery decision, const std::string& what) {
  TrainingJobRecord& r = records_[job];
  if (decision == TrainingRecovery::kAbort) {
    r.failure = what;
    return finish(job);
  }
  // The failure is noticed after the detection delay; the job then gives its satellites back and
  // returns to the head of the queue, to resume from its last checkpoint on a full set of ranks.
  set_status(r, JobStatus::kRecovering, what + "; restart from the last checkpoint");
  sim_sleep_until(sim_now() + failover_costs_.detection_s);
  end_rests(r);
  r.lost_iterations += r.iterations_done - r.last_checkpoint_iteration;
  r.iterations_done = r.last_checkpoint_iteration;
  ++r.restarts;
  release(r.satellites);
  --running_;
  set_status(r, JobStatus::kQueued, "to restart");
  queue_.insert(queue_.begin(), job);
  start_queued_jobs();
}

}  // namespace orbitsim
