// What a run records of each training job: its outcome, the satellites it held, its progress, recoveries
// and where its time went (jobs.csv, training_report.hpp).
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "workload/job_status.hpp"
#include "workload/training_jobs.hpp"

namespace orbitsim {

struct TrainingJobRecord {
  TrainingJobSpec spec;
  JobStatus status = JobStatus::kNotArrived;
  std::string failure;
  double start_s = std::numeric_limits<double>::quiet_NaN();
  double end_s = std::numeric_limits<double>::quiet_NaN();
  std::vector<int> satellites;    // every satellite held: the replicas' rings in ring order, then the spares
  // One per live replica: its pipelines one after the other, each in stage order (a ring of satellites
  // when the job is not pipelined).
  std::vector<std::vector<int>> rings;
  std::vector<int> spares;
  int ranks = 0;                  // satellites training in a replica now (elastic shrinks them)
  long iterations_done = 0;
  long checkpoint_interval_iters = 0;  // effective (after the automatic choice)
  long checkpoints = 0;
  long last_checkpoint_iteration = 0;
  int restarts = 0;
  long lost_iterations = 0;  // done again after restarts from a checkpoint
  int spare_takeovers = 0;   // satellites replaced by a hot spare
  int shrinks = 0;           // elastic re-formations of the ring
  int replica_failovers = 0;  // redundant replicas lost (the job went on with the other)
  long corrupted_steps = 0;   // hit by an uncorrectable upset and kept: silent data corruption
  long recomputed_steps = 0;  // hit by an upset, caught by the replicas' comparison and computed again
  long resent_rounds = 0;     // all-reduce rounds sent again after a path (not a job satellite) failed
  long eclipse_pauses = 0;    // idled through its satellites' eclipses (power.eclipse_training: pause, shrink)
  double paused_s = 0.0;
  double pause_started_s = std::numeric_limits<double>::quiet_NaN();  // while a pause is under way
  std::vector<int> resting;   // ring satellites sitting out an eclipse, held but idle (shrink)
  double resting_since_s = 0.0;
  double rested_rank_s = 0.0;  // rank-seconds sat out in eclipse
  double compute_s = 0.0, allreduce_s = 0.0, checkpoint_s = 0.0, restore_s = 0.0;  // totals
  // The rest of the iterations' time: the 1F1B bubble ((p - 1) of m stage passes), the pipeline's
  // transfers not hidden behind compute, and the tensor-parallel collectives inside the satellites.
  double bubble_s = 0.0, pipeline_comm_s = 0.0, tensor_parallel_s = 0.0;
  double iterations_s() const {  // compute, bubble and exposed communication, without checkpoints
    return compute_s + bubble_s + pipeline_comm_s + tensor_parallel_s + allreduce_s;
  }
  double exposed_comm_s() const { return pipeline_comm_s + tensor_parallel_s + allreduce_s; }
};

}  // namespace orbitsim
