// TrainingRunner's eclipse handling (power.eclipse_training): pausing a job through its satellites'
// eclipses, and resting the ranks in shadow while the others train (shrink).
#include <algorithm>
#include <cmath>
#include <limits>

#include "platform/sim_runtime.hpp"
#include "workload/training_runner.hpp"

namespace orbitsim {

TrainingRunner::Outcome TrainingRunner::eclipse_step(size_t job) {
  // The eclipse policy may rest ranks in shadow, or checkpoint and idle the job through its
  // satellites' eclipses (then it is asked again: others may have entered the shadow meanwhile).
  if (!eclipse_policy_) return Outcome::kGoOn;
  TrainingJobRecord& r = records_[job];
  for (;;) {
    EclipseTrainingView view;
    view.now_s = sim_now();
    const double done = static_cast<double>(r.iterations_done);
    view.iteration_s = done > 0 ? r.iterations_s() / done : r.spec.iter_compute_s;
    for (int s : r.satellites) {
      SatelliteEclipse e{s, {}};
      if (next_eclipse_(s, e.eclipse)) view.eclipses.push_back(e);
    }
    // A stage sitting out would stop its pipeline: pipelined jobs, like replicas, rest no rank.
    if (r.rings.size() == 1 && r.spec.parallelism.pipeline_stages == 1) view.ranks = r.rings.front();
    view.min_ranks = std::max({1, r.spec.min_ranks_in_memory,
                               static_cast<int>(std::ceil(failover_costs_.elastic_min_fraction * r.spec.num_nodes))});
    EclipseTrainingPlan plan = eclipse_policy_->plan(view);
    const bool pausing = plan.pause_until_s > view.now_s;
    if (!set_resting(job, pausing ? std::vector<int>{} : std::move(plan.resting))) {
      if (after_failure(job, rings_without_failed_satellites(r), "state copy to a rank back from eclipse failed") ==
          Outcome::kStop)
        return Outcome::kStop;
      continue;  // repaired: plan again for the ring as it is now
    }
    if (!pausing) return Outcome::kGoOn;
    if (r.last_checkpoint_iteration < r.iterations_done && checkpoint_step(job) == Outcome::kStop) return Outcome::kStop;
    ++r.eclipse_pauses;
    r.pause_started_s = sim_now();
    sim_sleep_until(std::max(plan.pause_until_s, r.pause_started_s));
    r.paused_s += sim_now() - r.pause_started_s;
    r.pause_started_s = std::numeric_limits<double>::quiet_NaN();
  }
}

void TrainingRunner::close_records(double now_s) {
  for (TrainingJobRecord& r : records_) {
    if (std::isfinite(r.pause_started_s)) r.paused_s += now_s - r.pause_started_s;
    r.pause_started_s = std::numeric_limits<double>::quiet_NaN();
    count_rest(r, now_s);
  }
}

void TrainingRunner::count_rest(TrainingJobRecord& r, double now_s) {
  r.rested_rank_s += static_cast<double>(r.resting.size()) * (now_s - r.resting_since_s);
  r.resting_since_s = now_s;
}

void TrainingRunner::end_rests(TrainingJobRecord& r) {
  count_rest(r, sim_now());
  r.ranks += static_cast<int>(r.resting.size());
  r.resting.clear();
}

bool TrainingRunner::set_resting(size_t job, std::vector<int> resting) {
  TrainingJobRecord& r = records_[job];
  count_rest(r, sim_now());
  std::sort(resting.begin(), resting.end());
  std::vector<int> back;  // resting until now, training from now on
  for (int s : r.resting)
    if (!std::binary_search(resting.begin(), resting.end(), s)) back.push_back(s);
  r.resting = resting;
  const std::vector<int>& ring = r.rings.front();
  r.ranks = static_cast<int>(ring.size() - r.resting.size());
  if (back.empty()) return true;
  // Each fetches the whole training state from its nearest predecessor along the ring that kept training.
  auto kept_training = [&](int s) {
    return !std::binary_search(r.resting.begin(), r.resting.end(), s) && std::find(back.begin(), back.end(), s) == back.end();
  };
  std::vector<std::pair<int, int>> copies;
  for (int s : back) {
    auto pos = static_cast<size_t>(std::find(ring.begin(), ring.end(), s) - ring.begin());
    size_t steps = 1;
    while (steps < ring.size() && !kept_training(ring[(pos + ring.size() - steps) % ring.size()])) ++steps;
    if (steps == ring.size()) return false;  // nobody holds the current state
    copies.emplace_back(ring[(pos + ring.size() - steps) % ring.size()], s);
  }
  const double t0 = sim_now();
  const bool copied = transfer_all(platform_, transfers_, copies, state_bytes_per_satellite(r.spec));
  r.restore_s += sim_now() - t0;
  return copied;
}

std::vector<std::vector<int>> TrainingRunner::training_rings(const TrainingJobRecord& r) {
  if (r.resting.empty()) return r.rings;
  std::vector<int> ring;
  for (int s : r.rings.front())
    if (!std::binary_search(r.resting.begin(), r.resting.end(), s)) ring.push_back(s);
  return {ring};  // ranks rest only in a single ring
}

}  // namespace orbitsim
