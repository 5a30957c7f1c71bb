// Training jobs on SimGrid: the ring all-reduce against the alpha-beta formula, queueing when the
// constellation is full, and checkpoint costs. One engine per test process.
#include <gtest/gtest.h>
#include <simgrid/s4u/Engine.hpp>

#include <algorithm>
#include <cmath>

#include "world/world_builder.hpp"
#include "core/constants.hpp"
#include "platform/sim_platform.hpp"
#include "platform/transfer_service.hpp"
#include "faults/fault_injector.hpp"
#include "network_fixture.hpp"
#include "policy/failover/training_failover_policy.hpp"
#include "policy/placement/placement_policy.hpp"
#include "topology/topology_builder.hpp"
#include "workload/training_runner.hpp"

namespace orbitsim {
namespace {

// One plane of 12 satellites at 550 km with ring ISLs only: every ring hop is the same chord.
const char* kRingPlatform =
    "name: ring\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
    "  - {name: r, walker: 53:12/1/0, altitude_km: 550, isl: {pattern: ring, bandwidth_bps: 100e9}}\n"
    "network: {topology_epoch_s: 1000}\n";

struct Fixture : NetworkFixture {
  explicit Fixture(const std::string& platform_yaml = kRingPlatform) : NetworkFixture(write_platform(platform_yaml)) {
    for (size_t i = 0; i < world.constellation.size(); ++i) satellites.push_back(world.constellation.info(i));
  }
  TrainingRunner runner(std::vector<TrainingJobSpec> jobs, const std::string& failover_name = "none",
                        const TrainingScenarioConfig& options = {}) {
    policy = make_training_placement_policy("contiguous-in-plane");
    failover = make_training_failover_policy(failover_name);
    return TrainingRunner({*platform, *transfers, *policy, *failover, options, FailoverScenarioConfig{}, satellites,
                           [](int) { return Vec3{}; }},
                          std::move(jobs));
  }
  std::vector<SatelliteInfo> satellites;
  std::unique_ptr<TrainingPlacementPolicy> policy;
  std::unique_ptr<TrainingFailoverPolicy> failover;
};

TrainingJobSpec job(const std::string& id, double arrival_s, int nodes, long iterations, double compute_s,
                    double grad_bytes, long checkpoint_every = 0, double checkpoint_bytes = 0) {
  return {id, arrival_s, "m", nodes, iterations, compute_s, grad_bytes, checkpoint_every, checkpoint_bytes};
}

TEST(TrainingSim, RingAllReduceMatchesTheAlphaBetaFormulaWithinOnePercent) {
  Fixture f;
  const int k = 12;
  const double bytes = 1.2e9, bandwidth = 100e9 / 8;
  const TopologySnapshot s = f.topology.build(0.0);
  const double alpha = s.links.front().length_m / kSpeedOfLight_mps;
  for (const auto& l : s.links) ASSERT_NEAR(l.length_m, s.links.front().length_m, 1.0);  // equal links
  TrainingRunner runner = f.runner({job("j", 0.0, k, 1, 0.0, bytes)});
  runner.start();
  f.engine.run();
  const TrainingJobRecord& r = runner.records().front();
  ASSERT_EQ(r.status, JobStatus::kFinished);
  const double expected = 2 * (k - 1) * alpha + 2.0 * (k - 1) / k * bytes / bandwidth;
  EXPECT_NEAR(r.allreduce_s, expected, 0.01 * expected);
  EXPECT_GT(alpha, 0.01);  // ~3,586 km chords: latency is a real share of the total
}

// The ground baseline for training: a data centre's servers all-reduce over its fabric (alpha-beta with
// the fabric's latency and per-server bandwidth), and a job runs within one data centre: a second job that
// would fit only across two waits for the first, and one larger than any data centre fails at once.
TEST(TrainingSim, OnADataCentreJobsAllReduceOverItsFabricAndNeverSpanTwo) {
  Fixture f(
      "name: ground\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
      "  - {name: big, type: datacenter, latitude_deg: 10, longitude_deg: 20, servers: 6, "
      "fabric: {bandwidth_bps: 100e9, latency_s: 5e-6}}\n"
      "  - {name: small, type: datacenter, latitude_deg: 11, longitude_deg: 20, servers: 2}\n"
      "ground_stations:\n  - {name: city, latitude_deg: 10.5, longitude_deg: 20}\n");
  const int k = 4;
  const double bytes = 1.2e9, bandwidth_Bps = 100e9 / 8, alpha_s = 5e-6;
  TrainingRunner runner = f.runner(
      {job("huge", 0.0, 7, 1, 1.0, bytes), job("first", 0.0, k, 2, 1.0, bytes), job("second", 0.0, 3, 1, 1.0, bytes)});
  runner.start();
  f.engine.run();
  const auto& all = runner.records();
  const std::vector<TrainingJobRecord> r{all[1], all[2], all[0]};  // first, second, huge
  ASSERT_EQ(r[0].status, JobStatus::kFinished) << r[0].failure;
  for (int s : r[0].satellites) EXPECT_EQ(f.satellites[static_cast<size_t>(s)].shell, "big");
  const double allreduce_s = 2 * (k - 1) * alpha_s + 2.0 * (k - 1) / k * bytes / bandwidth_Bps;
  EXPECT_NEAR(r[0].allreduce_s / 2, allreduce_s, 0.01 * allreduce_s);
  // 2 free servers in big and 2 in small: the second job waits for the first rather than span them.
  ASSERT_EQ(r[1].status, JobStatus::kFinished) << r[1].failure;
  EXPECT_DOUBLE_EQ(r[1].start_s, r[0].end_s);
  for (int s : r[1].satellites) EXPECT_EQ(f.satellites[static_cast<size_t>(s)].shell, "big");
  EXPECT_EQ(r[2].status, JobStatus::kFailed);
  EXPECT_EQ(r[2].end_s, 0.0);
  EXPECT_EQ(r[2].failure, "needs 7 nodes (1 replica(s) of 7 ranks + 0 spares) in orbit or in one data centre, the "
                          "largest has 6 (big)");
}

// A job its trace recorded as failed fails after running its recorded time (at the end of the iteration
// under way then), or at its last iteration when that comes first; what it computed is kept.
TEST(TrainingSim, AJobRecordedAsFailedFailsAfterItsRecordedRunningTime) {
  Fixture f;
  TrainingJobSpec early = job("early", 0.0, 4, 10, 10.0, 0.0), late = job("late", 0.0, 4, 2, 10.0, 0.0);
  early.fails_after_s = 25.0;
  late.fails_after_s = 1000.0;
  TrainingRunner runner = f.runner({early, late, job("ok", 0.0, 4, 2, 10.0, 0.0)});
  runner.start();
  f.engine.run();
  const auto& r = runner.records();
  EXPECT_EQ(r[0].status, JobStatus::kFailed);
  EXPECT_EQ(r[0].failure, "failed as its trace recorded, after 25 s of running");
  EXPECT_EQ(r[0].iterations_done, 3);
  EXPECT_NEAR(r[0].end_s, 30.0, 1e-6);
  EXPECT_EQ(r[1].status, JobStatus::kFailed);
  EXPECT_EQ(r[1].iterations_done, 2);
  EXPECT_NEAR(r[1].end_s, 20.0, 1e-6);
  EXPECT_EQ(r[2].status, JobStatus::kFinished);
}

TEST(TrainingSim, JobsQueueWhenSatellitesAreBusyAndAreNeverDropped) {
  Fixture f;
  TrainingRunner runner = f.runner({job("first", 0.0, 12, 2, 10.0, 0.0), job("second", 1.0, 6, 1, 5.0, 0.0),
                                    job("third", 2.0, 6, 1, 5.0, 0.0)});
  runner.start();
  f.engine.run();
  const auto& r = runner.records();
  ASSERT_EQ(r.size(), 3u);
  for (const auto& rec : r) EXPECT_EQ(rec.status, JobStatus::kFinished) << rec.spec.job_id;
  EXPECT_NEAR(r[0].end_s, 20.0, 1e-9);  // two 10 s iterations, no gradient bytes
  EXPECT_NEAR(r[1].start_s, 20.0, 1e-9);  // waited for the whole plane
  EXPECT_NEAR(r[2].start_s, 20.0, 1e-9);  // the other half of the plane, at the same time
  EXPECT_NEAR(r[2].end_s, 25.0, 1e-9);
}

TEST(TrainingSim, CheckpointsCostTimeAndBandwidth) {
  Fixture f;
  const double state_bytes = 12 * 12.5e9;  // each of 12 satellites sends 12.5 GB: 1 s at 100 Gbit/s
  TrainingRunner runner = f.runner({job("ckpt", 0.0, 12, 4, 1.0, 0.0, 2, state_bytes)});
  runner.start();
  f.engine.run();
  const TrainingJobRecord& r = runner.records().front();
  ASSERT_EQ(r.status, JobStatus::kFinished);
  EXPECT_EQ(r.checkpoints, 1);  // after iteration 2; none after the last
  const double alpha = f.topology.build(0.0).links.front().length_m / kSpeedOfLight_mps;
  EXPECT_NEAR(r.checkpoint_s, 1.0 + alpha, 1e-6);
  EXPECT_NEAR(r.end_s, 4.0 + 1.0 + alpha, 1e-6);
}

// One job on 4 consecutive of the 12 ring satellites: 6 iterations of 10 s, no gradients, a checkpoint
// every 2 iterations (12.5 GB per satellite: 1 s at 100 Gbit/s; the ring's closing hop, last -> first,
// crosses 3 ISLs, so a checkpoint takes 1 s + 3 alpha). Satellite 1 fails at t = 35 s, during iteration 4
// (iteration 3 ran from 21 + 3 alpha to 31 + 3 alpha).
struct FailureCase {
  std::string failover;
  bool fail = true;
  TrainingJobRecord run() {
    Fixture f;
    TrainingRunner runner = f.runner({job("j", 0.0, 4, 6, 10.0, 0.0, 2, 4 * 12.5e9)}, failover);
    runner.start();
    std::vector<FailureEvent> failures;
    if (fail) failures.push_back({35.0, f.platform->name(1), FailureKind::kSatellite});
    FaultInjector faults(*f.platform, failures,
                         {[&runner](int node, bool failed) { runner.set_satellite_failed(node, failed); }, nullptr});
    faults.start();
    f.engine.run();
    alpha = f.topology.build(0.0).links.front().length_m / kSpeedOfLight_mps;
    for (double b : runner.busy_time_s()) busy_s += b;
    return runner.records().front();
  }
  double alpha = 0.0;
  double busy_s = 0.0;  // compute time summed over satellites
};

TEST(TrainingFailover, WithoutFailoverTheJobFailsWhenASatelliteDies) {
  FailureCase c{"none"};
  const TrainingJobRecord r = c.run();
  EXPECT_EQ(r.status, JobStatus::kFailed);
  EXPECT_EQ(r.failure, "satellite failed during compute");
  EXPECT_NEAR(r.end_s, 35.0, 1e-9);  // seen at once: the other satellites' work is cancelled
  EXPECT_EQ(r.iterations_done, 3);
}

TEST(TrainingFailover, CheckpointRestartFinishesLaterByTheLostWorkAndTheRestartCost) {
  FailureCase c{"checkpoint-restart"};
  const TrainingJobRecord r = c.run();
  ASSERT_EQ(r.status, JobStatus::kFinished) << r.failure;
  EXPECT_EQ(r.restarts, 1);
  EXPECT_EQ(r.lost_iterations, 1);  // iteration 3 is redone; iteration 4 was under way
  // By hand: failure at 35, detection 10 s -> 45; re-placed on satellites 2-5 (1 is excluded); restart
  // 60 s and restore 1 s + 3 alpha; iterations 3-6 (40 s) with a checkpoint after 4 (1 s + 3 alpha).
  EXPECT_NEAR(r.end_s, 45.0 + 60.0 + (1.0 + 3 * c.alpha) + 40.0 + (1.0 + 3 * c.alpha), 1e-6);
  EXPECT_EQ(r.satellites, (std::vector<int>{2, 3, 4, 5}));
  // Without the failure it would have ended at 60 s + 2 checkpoints: the failure cost 85 s.
  EXPECT_NEAR(r.end_s - (60.0 + 2 * (1.0 + 3 * c.alpha)), 85.0, 1e-6);
}

TEST(TrainingFailover, AJobThatCanNeverFitItsReservationFailsAtOnceWithTheReason) {
  Fixture f;
  TrainingRunner runner = f.runner({job("big", 5.0, 8, 1, 1.0, 0.0), job("small", 6.0, 2, 1, 1.0, 0.0)}, "redundant");
  runner.start();
  f.engine.run();
  EXPECT_EQ(runner.records()[0].status, JobStatus::kFailed);
  EXPECT_EQ(runner.records()[0].failure, "needs 16 satellites (2 replica(s) of 8 ranks + 0 spares), the platform has 12");
  EXPECT_EQ(runner.records()[1].status, JobStatus::kFinished);  // not held back behind it
}

// With satellite 1 down, the 12-satellite ring is a line: a hop "across" 1 goes the long way round
// (0 -> 4: 8 ISLs; 3 -> 0: 9; 0 -> 2: 10).

// One engine per process: the run without the failure is its own test.
TEST(TrainingFailover, RedundantReplicasCompareEveryStepAtTwiceTheCompute) {
  FailureCase healthy{"redundant", false};
  const TrainingJobRecord r = healthy.run();
  ASSERT_EQ(r.status, JobStatus::kFinished) << r.failure;
  EXPECT_EQ(r.satellites, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
  // Replicas on 0-3 and 4-7 exchange a digest after each step (4 ISLs apart: 4 alpha).
  EXPECT_NEAR(r.end_s, 60.0 + 6 * 4 * healthy.alpha + 2 * (1.0 + 3 * healthy.alpha), 1e-6);
  EXPECT_NEAR(healthy.busy_s, 2 * 4 * 60.0, 1e-6);  // twice the compute of one replica
}

TEST(TrainingFailover, RedundantReplicasFinishOnTimeAfterAFailure) {
  FailureCase c{"redundant"};
  const TrainingJobRecord r = c.run();
  ASSERT_EQ(r.status, JobStatus::kFinished) << r.failure;
  EXPECT_EQ(r.restarts, 0);
  EXPECT_EQ(r.lost_iterations, 0);
  EXPECT_EQ(r.replica_failovers, 1);
  EXPECT_EQ(r.satellites, (std::vector<int>{4, 5, 6, 7}));  // the replica on 0-3 lost satellite 1
  // The replicas compare after steps 1-3; from the failure on the survivor goes on alone, without
  // comparing: the job ends 3 comparisons earlier than without the failure, nothing is redone.
  EXPECT_NEAR(r.end_s, 60.0 + 3 * 4 * c.alpha + 2 * (1.0 + 3 * c.alpha), 1e-6);
}

TEST(TrainingFailover, AHotSpareTakesOverWithThePeerStateAndNothingIsLost) {
  FailureCase c{"hot-spare"};
  const TrainingJobRecord r = c.run();
  ASSERT_EQ(r.status, JobStatus::kFinished) << r.failure;
  EXPECT_EQ(r.restarts, 0);
  EXPECT_EQ(r.lost_iterations, 0);
  EXPECT_EQ(r.spare_takeovers, 1);
  EXPECT_EQ(r.satellites, (std::vector<int>{0, 4, 2, 3}));  // spare 4 in 1's place
  // By hand: detection 10 s -> 45; satellite 4 fetches the 50 GB state from 0 (4 s + 8 alpha); iteration 4
  // is redone, then 4-6 (30 s) with a checkpoint after 4 whose slowest hop is 3 -> 0 (1 s + 9 alpha).
  EXPECT_NEAR(r.end_s, 45.0 + (4.0 + 8 * c.alpha) + 30.0 + (1.0 + 9 * c.alpha), 1e-6);
}

TEST(TrainingFailover, ElasticShrinksTheRingAndSharesTheBatchAmongSurvivors) {
  FailureCase c{"elastic"};
  const TrainingJobRecord r = c.run();
  ASSERT_EQ(r.status, JobStatus::kFinished) << r.failure;
  EXPECT_EQ(r.restarts, 0);
  EXPECT_EQ(r.shrinks, 1);
  EXPECT_EQ(r.ranks, 3);
  EXPECT_EQ(r.satellites, (std::vector<int>{0, 2, 3}));
  // By hand: detection 10 s -> 45; iterations 4-6 at 4/3 x 10 s; the checkpoint after 4 sends 50/3 GB
  // per satellite (4/3 s), slowest hop 0 -> 2 (10 alpha).
  EXPECT_NEAR(r.end_s, 45.0 + 40.0 + (4.0 / 3.0 + 10 * c.alpha), 1e-6);
}

// An uncorrectable upset on satellite 1 at 35 s, during step 4 of the FailureCase job.
TrainingJobRecord run_with_upset(const std::string& failover, double& alpha) {
  Fixture f;
  TrainingRunner runner = f.runner({job("j", 0.0, 4, 6, 10.0, 0.0, 2, 4 * 12.5e9)}, failover);
  runner.start();
  FaultInjector faults(*f.platform, {{35.0, f.platform->name(1), FailureKind::kSeu, 0.0}},
                       {nullptr, [&runner](int s) { runner.note_upset(s); }});
  faults.start();
  f.engine.run();
  alpha = f.topology.build(0.0).links.front().length_m / kSpeedOfLight_mps;
  return runner.records().front();
}

TEST(TrainingFailover, AnUpsetSilentlyCorruptsTheStepOfAnUnprotectedJob) {
  double alpha = 0.0;
  const TrainingJobRecord r = run_with_upset("checkpoint-restart", alpha);
  ASSERT_EQ(r.status, JobStatus::kFinished);
  EXPECT_EQ(r.corrupted_steps, 1);
  EXPECT_EQ(r.recomputed_steps, 0);
  EXPECT_NEAR(r.end_s, 60.0 + 2 * (1.0 + 3 * alpha), 1e-6);  // no time lost: nobody noticed
}

TEST(TrainingFailover, RedundantReplicasCatchAnUpsetAndComputeTheStepAgain) {
  double alpha = 0.0;
  const TrainingJobRecord r = run_with_upset("redundant", alpha);
  ASSERT_EQ(r.status, JobStatus::kFinished);
  EXPECT_EQ(r.corrupted_steps, 0);
  EXPECT_EQ(r.recomputed_steps, 1);
  // One more step (10 s) and one more comparison (4 alpha) than without the upset.
  EXPECT_NEAR(r.end_s, 70.0 + 7 * 4 * alpha + 2 * (1.0 + 3 * alpha), 1e-6);
}

TEST(TrainingFailover, AHungSatelliteIsAvoidedUntilItsResetEnds) {
  Fixture f;
  TrainingRunner runner = f.runner({job("j", 0.0, 4, 6, 10.0, 0.0, 2, 4 * 12.5e9)}, "checkpoint-restart");
  runner.start();
  FaultInjector faults(*f.platform, {{35.0, f.platform->name(1), FailureKind::kSefi, 60.0}},
                       {[&runner](int s, bool unusable) { runner.set_satellite_failed(s, unusable); }, nullptr});
  faults.start();
  f.engine.run();
  const TrainingJobRecord& r = runner.records().front();
  ASSERT_EQ(r.status, JobStatus::kFinished) << r.failure;
  EXPECT_EQ(r.restarts, 1);
  EXPECT_EQ(r.satellites, (std::vector<int>{2, 3, 4, 5}));  // re-placed at 45 s, while 1 was still hung
}

// A terminal between two ring members fails during an all-reduce round: the round is sent again over the
// long way round the plane; no satellite of the job failed, so nothing else happens, even without failover.
TEST(TrainingFailover, AnAllReduceRoundCutByAFailedTerminalIsSentAgainAroundIt) {
  Fixture f;
  // 4 satellites, 10 s of compute, then 6 rounds of 12.5 GB / 4 (0.25 s each at 100 Gbit/s).
  TrainingRunner runner = f.runner({job("j", 0.0, 4, 2, 10.0, 12.5e9)}, "none");
  runner.start();
  FaultInjector faults(*f.platform, {{10.1, f.platform->name(1) + ":0", FailureKind::kIsl}},  // 1 -> 2, ahead in the plane
                       {[&runner](int s, bool unusable) { runner.set_satellite_failed(s, unusable); }, nullptr});
  faults.start();
  f.engine.run();
  const TrainingJobRecord& r = runner.records().front();
  ASSERT_EQ(r.status, JobStatus::kFinished) << r.failure;
  EXPECT_EQ(r.resent_rounds, 1);
  EXPECT_EQ(r.restarts, 0);
  const double alpha = f.topology.build(0.0).links.front().length_m / kSpeedOfLight_mps;
  // Without the failure: 2 x (10 s + 6 x (0.25 s + alpha)). With it, the first round is cut at 10.1 s
  // and sent again: at least those 0.1 s are lost, and the later rounds take the long way round.
  EXPECT_GT(r.end_s, 2 * (10.0 + 6 * (0.25 + alpha)) + 0.1);
}


// A pipelined job on consecutive ring satellites: stage i on satellite i, so every stage boundary is one
// ISL of the same length.
TrainingJobSpec pipelined(const std::string& id, int nodes, int stages, int micro_batches, long iterations,
                          double pass_s, double activation_bytes) {
  TrainingJobSpec j = job(id, 0.0, nodes, iterations, micro_batches * pass_s, 0.0);
  j.parallelism.pipeline_stages = stages;
  j.parallelism.micro_batches = micro_batches;
  j.activation_bytes = activation_bytes;
  return j;
}

// 1F1B with p stages and m micro-batches (forward 1 s, backward 2 s per stage): (m + p - 1) stage times,
// plus the activation and gradient transfers on the fill and drain path, 2 (p - 1) of them.
TEST(TrainingPipeline, AnIterationTakesTheOneForwardOneBackwardTimeWithinOnePercent) {
  Fixture f;
  const int p = 4, m = 8;
  const double pass_s = 3.0, bytes = 50e6;
  TrainingRunner runner = f.runner({pipelined("pp", p, p, m, 2, pass_s, bytes)});
  runner.start();
  f.engine.run();
  const TrainingJobRecord& r = runner.records().front();
  ASSERT_EQ(r.status, JobStatus::kFinished) << r.failure;
  const double tau = f.topology.build(0.0).links.front().length_m / kSpeedOfLight_mps + bytes * 8 / 100e9;
  const double expected = (m + p - 1) * pass_s + 2 * (p - 1) * tau;
  EXPECT_NEAR(r.end_s / 2, expected, 0.01 * expected);
  EXPECT_NEAR(r.compute_s / 2, m * pass_s, 1e-6);             // the busiest stage's passes
  EXPECT_NEAR(r.bubble_s / 2, (p - 1) * pass_s, 1e-6);        // the ideal 1F1B bubble
  EXPECT_NEAR(r.pipeline_comm_s / 2, r.end_s / 2 - (m + p - 1) * pass_s, 1e-6);
  EXPECT_GT(r.pipeline_comm_s / 2, 2 * (p - 1) * tau - 1e-6);  // the transfers are visible
  for (int s = 0; s < p; ++s) EXPECT_NEAR(runner.busy_time_s()[static_cast<size_t>(s)], 2 * m * pass_s, 1e-6);
}

// Two pipelines of 4 stages (satellites 0-3 and 4-7); satellite 1 fails during the second iteration.
struct PipelineFailureCase {
  std::string failover;
  double tau = 0.0;  // one stage boundary: ISL delay + 1 MB of activations at 100 Gbit/s
  TrainingJobRecord run() {
    Fixture f;
    tau = f.topology.build(0.0).links.front().length_m / kSpeedOfLight_mps + 1e6 * 8 / 100e9;
    TrainingRunner runner = f.runner({pipelined("pp", 8, 4, 4, 3, 3.0, 1e6)}, failover);
    runner.start();
    FaultInjector faults(*f.platform, {{25.0, f.platform->name(1), FailureKind::kSatellite}},
                         {[&runner](int node, bool failed) { runner.set_satellite_failed(node, failed); }, nullptr});
    faults.start();
    f.engine.run();
    return runner.records().front();
  }
};

TEST(TrainingPipeline, ALostStageSatelliteStopsTheWholePipeline) {
  const TrainingJobRecord r = PipelineFailureCase{"none"}.run();
  EXPECT_EQ(r.status, JobStatus::kFailed);
  EXPECT_EQ(r.failure, "pipeline stopped (a stage satellite failed or became unreachable)");
  EXPECT_NEAR(r.end_s, 25.0, 1e-9);  // seen at once
  EXPECT_EQ(r.iterations_done, 1);
}

TEST(TrainingPipeline, ElasticDropsTheFailedSatellitesPipelineNeverAStage) {
  PipelineFailureCase c{"elastic"};
  const TrainingJobRecord r = c.run();
  ASSERT_EQ(r.status, JobStatus::kFinished) << r.failure;
  EXPECT_EQ(r.shrinks, 1);
  EXPECT_EQ(r.ranks, 4);
  EXPECT_EQ(r.satellites, (std::vector<int>{4, 5, 6, 7}));  // the pipeline on 0-3 is gone, all four stages kept
  // Seen after the 10 s detection; then the survivor redoes the interrupted iteration and the last one
  // with both pipelines' micro-batches, 8: (8 + 3) passes of 3 s each, plus the stage-boundary transfers
  // it cannot hide: at least the fill and drain path's 2 (p - 1), at most all 2 (p - 1) m of them.
  const double computed_s = 25.0 + 10.0 + 2 * (8 + 3) * 3.0;
  EXPECT_GE(r.end_s, computed_s + 2 * (2 * 3) * c.tau - 1e-9);
  EXPECT_LE(r.end_s, computed_s + 2 * (2 * 3 * 8) * c.tau + 1e-9);
}

TEST(TrainingPipeline, AHotSpareTakesTheStageOfTheFailedSatellite) {
  const TrainingJobRecord r = PipelineFailureCase{"hot-spare"}.run();
  ASSERT_EQ(r.status, JobStatus::kFinished) << r.failure;
  EXPECT_EQ(r.spare_takeovers, 1);
  EXPECT_EQ(r.satellites, (std::vector<int>{0, 8, 2, 3, 4, 5, 6, 7}));  // spare 8 is stage 1 of the first pipeline
}


// ZeRO-3 / FSDP on the 12-satellite ring: each collective is K - 1 pipelined ring steps of S/(U K).
TrainingJobSpec zero3(double compute_s, double bytes) {
  TrainingJobSpec j = job("z3", 0.0, 12, 1, compute_s, bytes);
  j.parallelism.zero_stage = 3;
  return j;
}

// Without compute to hide behind, an iteration is the forward all-gather plus the backward all-gather and
// reduce-scatter: a reduce-scatter and an all-gather make one all-reduce (2 (K - 1) steps of S/K), the
// forward gather half of another, as the alpha-beta formula gives them.
TEST(TrainingFsdp, ReduceScatterAndAllGatherCostOneAllReduceByTheAlphaBetaFormula) {
  Fixture f;
  const int k = 12;
  const double bytes = 1.2e9, bandwidth = 100e9 / 8;
  TrainingScenarioConfig one_unit;
  one_unit.fsdp_units = 1;
  TrainingRunner runner = f.runner({zero3(0.0, bytes)}, "none", one_unit);
  runner.start();
  f.engine.run();
  const TrainingJobRecord& r = runner.records().front();
  ASSERT_EQ(r.status, JobStatus::kFinished) << r.failure;
  const double alpha = f.topology.build(0.0).links.front().length_m / kSpeedOfLight_mps;
  const double allreduce = 2 * (k - 1) * (alpha + bytes / k / bandwidth);
  EXPECT_NEAR(r.allreduce_s, 1.5 * allreduce, 0.01 * 1.5 * allreduce);
  EXPECT_NEAR(r.end_s, r.allreduce_s, 1e-9);
}

// With compute to hide behind, FSDP's prefetch overlaps the gathers and reduce-scatters of the other
// units: of the 3 collectives (about 3 x 11 x 0.8 s here) only the first unit's gather and the last
// unit's reduce-scatter show, a quarter of one collective each with 4 units.
TEST(TrainingFsdp, CollectivesOverlapTheComputeOfOtherUnits) {
  Fixture f;
  const int k = 12;
  const double bytes = 10e9, bandwidth = 100e9 / 8, compute_s = 60.0;
  TrainingRunner runner = f.runner({zero3(compute_s, bytes)});
  runner.start();
  f.engine.run();
  const TrainingJobRecord& r = runner.records().front();
  ASSERT_EQ(r.status, JobStatus::kFinished) << r.failure;
  const double alpha = f.topology.build(0.0).links.front().length_m / kSpeedOfLight_mps;
  const double unit_collective = (k - 1) * (alpha + bytes / 4 / k / bandwidth);
  EXPECT_NEAR(r.compute_s, compute_s, 1e-6);
  EXPECT_NEAR(r.allreduce_s, 2 * unit_collective, 0.01 * 2 * unit_collective);  // 12 collectives, 2 exposed
  EXPECT_NEAR(r.end_s, compute_s + r.allreduce_s, 1e-6);
}

}  // namespace
}  // namespace orbitsim
