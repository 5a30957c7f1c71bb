// Training jobs (jobs.csv, documented in workloads/README.md): gang-scheduled jobs on K satellites,
// data-parallel over K / p pipelines of p stage satellites each (tensor-parallel inside a satellite),
// with a per-iteration compute time, a gradient all-reduce and periodic checkpoints.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "workload/model_catalog.hpp"
#include "workload/training_memory.hpp"

namespace orbitsim {

struct TrainingJobSpec {
  std::string job_id;
  double arrival_s = 0.0;
  std::string model;
  int num_nodes = 1;
  long iterations = 1;
  double iter_compute_s = 0.0;           // per iteration per satellite at full speed (FLOPs only)
  double grad_bytes = 0.0;               // all-reduce payload per iteration
  long checkpoint_interval_iters = 0;    // 0: never; -1: Young's interval from the failure rate
  double checkpoint_bytes = 0.0;
  double tensor_parallel_comm_s = 0.0;   // per iteration per satellite, inside it (not overlapped)
  double activation_bytes = 0.0;         // one micro-batch's activations between stage satellites (and its gradient back)
  TrainingParallelism parallelism;        // data_parallel: pipelines x (accelerators per satellite / tensor_parallel)
  double memory_per_accelerator_bytes = 0.0;
  int min_ranks_in_memory = 1;  // fewest satellites (whole pipelines) whose accelerators still hold the sharded states
  int pipelines() const { return num_nodes / parallelism.pipeline_stages; }
  double model_flops_per_iter = 0.0;  // all ranks, without recomputation (MFU's numerator); 0: not known
  double tokens_per_iter = 0.0;       // all ranks (tokens_per_iter x num_nodes); 0: not known (iter_compute_s given)
  // A job its trace recorded as failed (jobs.csv fails_after_s): it fails after running this long since its
  // start, at the end of the iteration under way then, or at its last iteration if that comes first.
  double fails_after_s = std::numeric_limits<double>::infinity();
};

// What a satellite offers a job: its FLOP/s (converts tokens_per_iter into iter_compute_s: tokens x
// flops_per_token / (mfu x flops)), its accelerators and their memory.
struct TrainingHardware {
  double satellite_flops = 0.0;
  int accelerators_per_satellite = 1;
  double accelerator_memory_bytes = 80e9;
  bool fit_memory = false;  // a job that does not fit takes the smallest ZeRO stage, then recomputation, that fits
  double intra_satellite_bandwidth_bps = 3.6e12;  // tensor-parallel collectives (platform hardware)
  double intra_satellite_latency_s = 2e-6;
};

struct TrainingJobFile {
  std::vector<TrainingJobSpec> jobs;      // in arrival order
  std::vector<std::string> metadata;      // '#' provenance lines
};

// Parallelism columns: pipeline_stages p (divides num_nodes), tensor_parallel t (divides the accelerators
// per satellite), micro_batches m (default: p x tokens_per_iter / (seq_len x micro_batch_seqs x ranks per
// satellite), the global batch of the data-parallel job with the same tokens per satellite).
// A job whose training state does not fit its accelerators' memory is an error (file:line), unless
// `hardware.fit_memory` finds a ZeRO stage and recomputation that make it fit.
TrainingJobFile read_training_jobs(const std::string& path, const ModelCatalog& catalog, const TrainingHardware& hardware,
                                   int satellites);

}  // namespace orbitsim
