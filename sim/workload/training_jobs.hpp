// Training jobs (jobs.csv, documented in workloads/README.md): gang-scheduled data-parallel jobs on
// K satellites, with a per-iteration compute time, a gradient all-reduce and periodic checkpoints.
#pragma once

#include <string>
#include <vector>

#include "workload/model_catalog.hpp"

namespace orbitsim {

struct TrainingJobSpec {
  std::string job_id;
  double arrival_s = 0.0;
  std::string model;
  int num_nodes = 1;
  long iterations = 1;
  double iter_compute_s = 0.0;           // per iteration per satellite at full speed
  double grad_bytes = 0.0;               // all-reduce payload per iteration
  long checkpoint_interval_iters = 0;    // 0: never; -1: Young's interval from the failure rate
  double checkpoint_bytes = 0.0;
};

struct TrainingJobFile {
  std::vector<TrainingJobSpec> jobs;      // in arrival order
  std::vector<std::string> metadata;      // '#' provenance lines
};

// `satellite_flops` converts tokens_per_iter into iter_compute_s: tokens x flops_per_token / (mfu x flops).
TrainingJobFile read_training_jobs(const std::string& path, const ModelCatalog& catalog, double satellite_flops,
                                   int satellites);

}  // namespace orbitsim
