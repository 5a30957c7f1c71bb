// Runs training jobs on the simulated constellation. Jobs queue in arrival order (first come, first
// served, no backfilling: a job that cannot be placed holds back the ones behind it); a placement
// policy picks its satellites; each iteration computes on every satellite (a pipelined job runs the
// 1F1B schedule, its activations and gradients crossing the routed ISLs between stage satellites),
// then runs a ring all-reduce of the gradients among the satellites holding the same stage, as 2(K-1)
// rounds of K simultaneous transfers of S/K bytes to the ring successor over the routed ISLs, so
// training traffic contends with everything else on the links. Checkpoints every N
// iterations send each satellite's share of the state to its ring successor or to a ground station.
// The failover policy may make a job hold more: whole replicas that run in lockstep and compare each
// step (redundant), or idle spares (hot-spare); after a failure it repairs the ring (spare, shrink),
// goes on with a surviving replica, or restarts the job from its checkpoint.
#pragma once

#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "config/scenario_config.hpp"
#include "core/event_log.hpp"
#include "platform/sim_platform.hpp"
#include "platform/sim_runtime.hpp"
#include "platform/transfer_service.hpp"
#include "policy/failover/training_failover_policy.hpp"
#include "policy/placement/placement_policy.hpp"
#include "policy/power/eclipse_training_policy.hpp"
#include "workload/training_jobs.hpp"
#include "workload/training_record.hpp"

namespace orbitsim {

// What a TrainingRunner trains on and by: the simulated network, the placement and failover policies
// (which must outlive it), the scenario's training and failover settings, and the satellites with their
// positions at the current simulated time.
struct TrainingEnvironment {
  SimPlatform& platform;
  TransferService& transfers;
  const TrainingPlacementPolicy& placement;
  const TrainingFailoverPolicy& failover;
  TrainingScenarioConfig options;
  FailoverScenarioConfig failover_costs;
  std::vector<SatelliteInfo> satellites;
  std::function<Vec3(int)> position_ecef_m;
};

class TrainingRunner {
 public:
  TrainingRunner(TrainingEnvironment environment, std::vector<TrainingJobSpec> jobs);

  // A satellite failed (or recovered): it is never placed while failed. The job using it finds out
  // from its failed computation or transfer.
  void set_satellite_failed(int satellite, bool failed) { failed_[static_cast<size_t>(satellite)] = failed; }
  // The satellite's power system shed training (or took it back): never placed meanwhile; the job using
  // it treats it as failed at its next iteration (the step under way completes).
  void set_training_shed(int satellite, bool shed) { shed_[static_cast<size_t>(satellite)] = shed; }
  // An uncorrectable upset on a satellite: the step of the job computing there is corrupted.
  void note_upset(int satellite);

  // Spawns the actor that submits jobs at their arrival times.
  void start();
  // What power-aware placement reads (PlacementView::power_endurance_s); unlimited when not set.
  void set_power_endurance(std::function<double(int)> endurance_s) { power_endurance_s_ = std::move(endurance_s); }
  // Events per satellite per day that stop its computation (the run's failures): what the automatic
  // checkpoint interval (ckpt_interval_iters -1) is sized against; 0, the default: never checkpoint.
  void set_interruption_rate(double per_satellite_day) { interruption_rate_per_satellite_day_ = per_satellite_day; }
  // Where each job's state changes are recorded (events.csv); none by default.
  void set_event_log(EventLog* events) { events_ = events; }
  // Eclipse handling before each iteration: `next_eclipse(satellite, eclipse)` gives the satellite's eclipse
  // under way or due within the forecast (false: none). Without it, jobs ignore eclipses.
  void set_eclipse_policy(const EclipseTrainingPolicy& policy, std::function<bool(int, Eclipse&)> next_eclipse) {
    eclipse_policy_ = &policy;
    next_eclipse_ = std::move(next_eclipse);
  }

  const std::vector<TrainingJobRecord>& records() const { return records_; }
  const std::vector<double>& busy_time_s() const { return busy_time_s_; }
  // Accelerator energy on the job satellites during compute steps (J; 0 without the power model).
  double compute_energy_j() const { return compute_energy_j_; }
  int running_jobs() const { return running_; }
  // Counts the pauses and rests still under way at the end of the run (`now_s`) in the records.
  void close_records(double now_s);
  int queued_jobs() const { return static_cast<int>(queue_.size()); }
  int busy_satellites() const;

 private:
  void submit(size_t job);
  void start_queued_jobs();
  void run(size_t job);
  enum class Outcome { kGoOn, kRedoIteration, kStop };
  // The parts of an iteration; each applies the failover policy to its own failures.
  bool restore(size_t job);
  Outcome eclipse_step(size_t job);
  Outcome compute_step(size_t job);
  // Iterations as task graphs (training_task_graphs.cpp): a pipelined job's compute step, and a ZeRO-3
  // job's compute and collectives overlapped (its all-reduce step then has nothing left to do).
  Outcome pipeline_step(size_t job);
  Outcome fsdp_step(size_t job);
  static bool overlaps_collectives(const TrainingJobSpec& spec) {
    return spec.parallelism.zero_stage >= 3 && spec.parallelism.pipeline_stages == 1;
  }
  struct GraphIteration {
    Outcome outcome;
    double busiest_compute_s;  // the satellite that computed longest
    double wall_s;
  };
  // Runs one iteration's graphs (one per replica), again around a failed path; on failure applies the
  // failover policy (`what` failed).
  GraphIteration run_iteration_graphs(size_t job, const std::vector<std::vector<int>>& rings,
                                      const std::vector<std::vector<SimTask>>& graphs, const std::string& what);
  Outcome allreduce_step(size_t job);
  Outcome compare_replicas(size_t job);
  Outcome checkpoint_step(size_t job);
  // Applies the failover policy after the rings not `ring_ok` failed; `what` says what failed.
  Outcome after_failure(size_t job, const std::vector<bool>& ring_ok, const std::string& what);
  // The recovery mechanisms a failover policy chooses among; nothing when the job's state rules it out.
  std::optional<Outcome> continue_on_replica(TrainingJobRecord& r, const std::vector<bool>& ring_ok, const std::string& what);
  std::optional<Outcome> replace_with_spares(size_t job, const std::vector<int>& failed, const std::string& what);
  std::optional<Outcome> shrink(TrainingJobRecord& r, const std::vector<int>& failed, const std::string& what);
  // Aborts the job or sends it back to the queue to restart from its checkpoint.
  void abort_or_restart(size_t job, TrainingRecovery decision, const std::string& what);
  // Per replica ring: true when none of its training satellites is failed (for steps that fail as a whole).
  std::vector<bool> rings_without_failed_satellites(const TrainingJobRecord& r) const;
  // The rings without their resting ranks: the satellites that train this iteration.
  static std::vector<std::vector<int>> training_rings(const TrainingJobRecord& r);
  // The data-parallel groups of each training ring: the satellites holding the same pipeline stage.
  static std::vector<std::vector<int>> stage_groups(const TrainingJobRecord& r, const std::vector<int>& ring);
  // What a satellite of the job holds of the training state (its stage's share).
  static double state_bytes_per_satellite(const TrainingJobSpec& spec) {
    return spec.checkpoint_bytes / spec.parallelism.pipeline_stages;
  }
  double accelerator_energy_j(const std::vector<std::vector<int>>& rings) const;
  // Sets the ranks that sit out the next iteration; those back fetch the model state. False: a copy failed.
  bool set_resting(size_t job, std::vector<int> resting);
  static void count_rest(TrainingJobRecord& r, double now_s);  // adds the rank-seconds rested since the last count
  static void end_rests(TrainingJobRecord& r);   // the job stops (finished, or to restart): nobody rests
  void release(const std::vector<int>& satellites);
  static void update_held(TrainingJobRecord& r);
  // `count` nodes of one compute domain in ring order (orbit first, then each data centre), or nothing.
  std::optional<std::vector<int>> place(int count, int pipeline_stages) const;
  void finish(size_t job);
  // The job's trace recorded it as failed (fails_after_s): it ends so, keeping what it computed.
  void fail_as_traced(size_t job);
  // Changes a job's state and records it (with what caused it) in the event log.
  void set_status(TrainingJobRecord& r, JobStatus status, std::string_view detail = "");
  long automatic_checkpoint_interval(const TrainingJobRecord& r);

  SimPlatform& platform_;
  TransferService& transfers_;
  const TrainingPlacementPolicy& placement_;
  const TrainingFailoverPolicy& failover_;
  TrainingScenarioConfig options_;
  double interruption_rate_per_satellite_day_ = 0.0;
  EventLog* events_ = nullptr;
  FailoverScenarioConfig failover_costs_;
  std::vector<SatelliteInfo> satellites_;
  std::function<Vec3(int)> position_ecef_m_;
  std::function<double(int)> power_endurance_s_ = [](int) { return std::numeric_limits<double>::infinity(); };
  const EclipseTrainingPolicy* eclipse_policy_ = nullptr;
  std::function<bool(int, Eclipse&)> next_eclipse_;
  std::vector<TrainingJobRecord> records_;
  std::vector<size_t> queue_;
  std::vector<bool> busy_;
  std::vector<bool> failed_;
  std::vector<bool> shed_;
  bool out_of_training(int s) const { return failed_[static_cast<size_t>(s)] || shed_[static_cast<size_t>(s)]; }
  // A job runs within one compute domain: the satellites (0), or one data centre's servers (1, 2, ...: only
  // the stations' fibre joins data centres to each other and to orbit).
  std::vector<int> domain_of_;          // per node
  std::vector<std::string> domain_names_;  // "orbit", then each data centre
  std::vector<int> domain_sizes_;
  // "on 16 satellites", "on 8 servers of virginia".
  std::string placement_text(const std::vector<int>& nodes) const;
  std::vector<bool> step_upset_;  // per job: an upset hit the step under way
  std::vector<double> busy_time_s_;
  double compute_energy_j_ = 0.0;
  int running_ = 0;
  int checkpoint_station_ = -1;
  static constexpr double kStepDigestBytes = 32.0;  // redundant replicas compare a SHA-256 of each step
  static constexpr int kMaxRoundResends = 3;        // all-reduce rounds resent around a failed path, per iteration
};

}  // namespace orbitsim
