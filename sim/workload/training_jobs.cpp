#include "workload/training_jobs.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "core/csv_table.hpp"
#include "workload/tensor_parallel_comm.hpp"

namespace orbitsim {

namespace {
// The job's memory per accelerator; with `fit`, the smallest ZeRO stage (then full recomputation) that fits.
void fit_in_memory(const CsvTable& t, size_t r, TrainingJobSpec& j, const ModelSpec& model, const TrainingHardware& hw) {
  auto bytes = [&] { return training_memory_per_accelerator(model, j.parallelism).total_bytes(); };
  if (hw.fit_memory) {
    for (const ActivationRecompute recompute : {j.parallelism.recompute, ActivationRecompute::kFull}) {
      j.parallelism.recompute = recompute;
      for (; j.parallelism.zero_stage <= 3 && bytes() > hw.accelerator_memory_bytes; ++j.parallelism.zero_stage) {}
      if (j.parallelism.zero_stage <= 3) break;
      j.parallelism.zero_stage = 3;
    }
  }
  j.memory_per_accelerator_bytes = bytes();
  // ZeRO shards grow as ranks leave: a job shrinks (elastic, eclipse shrink) no further than this.
  // A pipelined job loses whole pipelines.
  TrainingParallelism fewer = j.parallelism;
  const int stages = j.parallelism.pipeline_stages;
  const int ranks_per_satellite = hw.accelerators_per_satellite / j.parallelism.tensor_parallel;
  int pipelines = j.pipelines();
  for (; pipelines > 1; --pipelines) {
    fewer.data_parallel = (pipelines - 1) * ranks_per_satellite;
    if (training_memory_per_accelerator(model, fewer).total_bytes() > hw.accelerator_memory_bytes) break;
  }
  j.min_ranks_in_memory = pipelines * stages;
  if (j.memory_per_accelerator_bytes > hw.accelerator_memory_bytes)
    throw InputError(t.location(r),
                     fmt::format("job {}: needs {:.1f} GB per accelerator with this parallelism (data-parallel {}, "
                                 "pipeline {}, tensor {}, zero_stage {}, activation_recompute {}), hardware has {:.1f} "
                                 "(hardware.accelerator_memory_bytes){}",
                                 j.job_id, j.memory_per_accelerator_bytes / 1e9, j.parallelism.data_parallel,
                                 j.parallelism.pipeline_stages, j.parallelism.tensor_parallel,
                                 j.parallelism.zero_stage, to_string(j.parallelism.recompute),
                                 hw.accelerator_memory_bytes / 1e9,
                                 hw.fit_memory ? "; no ZeRO stage fits" : "; set zero_stage, or training.fit_memory: true"));
}

// Pipeline stages, tensor-parallel degree and micro-batches, and what follows from them.
void set_model_parallelism(const CsvTable& t, size_t r, TrainingJobSpec& j, const ModelSpec& model,
                           const TrainingHardware& hw) {
  TrainingParallelism& p = j.parallelism;
  if (!t.empty(r, "pipeline_stages")) {
    p.pipeline_stages = static_cast<int>(t.integer(r, "pipeline_stages", 1, std::min(j.num_nodes, model.layers)));
    if (j.num_nodes % p.pipeline_stages != 0)
      t.fail(r, "pipeline_stages", fmt::format("a divisor of num_nodes ({}): whole pipelines", j.num_nodes),
             t.text(r, "pipeline_stages"));
  }
  if (!t.empty(r, "tensor_parallel")) {
    p.tensor_parallel = static_cast<int>(t.integer(r, "tensor_parallel", 1, std::max(1, hw.accelerators_per_satellite)));
    if (hw.accelerators_per_satellite % p.tensor_parallel != 0)
      t.fail(r, "tensor_parallel",
             fmt::format("a divisor of hardware.accelerators_per_satellite ({}): tensor parallelism stays inside a satellite",
                         hw.accelerators_per_satellite),
             t.text(r, "tensor_parallel"));
  }
  const int ranks_per_satellite = std::max(1, hw.accelerators_per_satellite / p.tensor_parallel);
  p.data_parallel = j.pipelines() * ranks_per_satellite;
  const double micro_batch_tokens = static_cast<double>(p.seq_len) * p.micro_batch_seqs * ranks_per_satellite;
  const long derived = t.empty(r, "tokens_per_iter")
                           ? 0
                           : std::max(1L, std::lround(p.pipeline_stages * t.number(r, "tokens_per_iter", 1.0, 1e15) /
                                                      micro_batch_tokens));
  if (!t.empty(r, "micro_batches")) {
    p.micro_batches = static_cast<int>(t.integer(r, "micro_batches", 1, 1'000'000));
    if (derived > 0 && p.micro_batches != derived)
      t.fail(r, "micro_batches",
             fmt::format("{} = pipeline_stages x tokens_per_iter / (seq_len x micro_batch_seqs x {} ranks per satellite), "
                         "or an empty cell",
                         derived, ranks_per_satellite),
             t.text(r, "micro_batches"));
  } else if (derived > 0) {
    p.micro_batches = static_cast<int>(std::min(derived, 1'000'000L));
  } else if (p.pipeline_stages > 1) {
    t.fail(r, "micro_batches", "a count of micro-batches per iteration (a pipelined job with iter_compute_s)", "an empty cell");
  }
  j.activation_bytes = micro_batch_tokens * model.hidden * 2.0;  // bf16, every rank of the satellite
}
}  // namespace

TrainingJobFile read_training_jobs(const std::string& path, const ModelCatalog& catalog, const TrainingHardware& hardware,
                                   int satellites) {
  const CsvTable t(path, {"job_id", "arrival_s", "model", "num_nodes", "iterations", "iter_compute_s",
                          "tokens_per_iter", "grad_bytes", "ckpt_interval_iters", "ckpt_bytes", "orig_runtime_s",
                          "orig_status", "zero_stage", "activation_recompute", "seq_len", "micro_batch_seqs", "pipeline_stages",
                          "tensor_parallel", "micro_batches", "fails_after_s"});
  for (const char* c : {"job_id", "arrival_s", "model", "num_nodes", "iterations"}) t.require_column(c);
  if (!t.has_column("iter_compute_s") && !t.has_column("tokens_per_iter"))
    throw InputError({path, 0}, "header", "a column iter_compute_s or tokens_per_iter", "neither");
  TrainingJobFile out;
  out.metadata = t.metadata();
  std::set<std::string> ids;
  for (size_t r = 0; r < t.rows(); ++r) {
    TrainingJobSpec j;
    j.job_id = t.text(r, "job_id");
    if (j.job_id.empty() || !ids.insert(j.job_id).second) t.fail(r, "job_id", "a unique, non-empty id", "\"" + j.job_id + "\"");
    j.arrival_s = t.number(r, "arrival_s", 0.0, 1e12);
    if (!out.jobs.empty() && j.arrival_s < out.jobs.back().arrival_s)
      t.fail(r, "arrival_s", "rows sorted by arrival time (>= " + std::to_string(out.jobs.back().arrival_s) + ")",
             t.text(r, "arrival_s"));
    j.model = t.text(r, "model");
    const auto model = catalog.find(j.model);
    if (model == catalog.end()) t.fail(r, "model", "a model of the catalog", "\"" + j.model + "\"");
    j.num_nodes = static_cast<int>(t.integer(r, "num_nodes", 1, satellites));
    j.iterations = t.integer(r, "iterations", 1, 1'000'000'000L);
    if (!t.empty(r, "iter_compute_s")) {
      j.iter_compute_s = t.number(r, "iter_compute_s", 0.0, 1e9);
    } else if (!t.empty(r, "tokens_per_iter")) {
      const double tokens = t.number(r, "tokens_per_iter", 1.0, 1e15);
      j.iter_compute_s = tokens * model->second.train.flops_per_token / (model->second.train.mfu * hardware.satellite_flops);
      j.model_flops_per_iter = tokens * model->second.train.flops_per_token * j.num_nodes;
      j.tokens_per_iter = tokens * j.num_nodes;
    } else {
      t.fail(r, "iter_compute_s", "a compute time (or tokens_per_iter)", "an empty cell");
    }
    if (!t.empty(r, "fails_after_s")) j.fails_after_s = t.number(r, "fails_after_s", 0.0, 1e12);
    j.grad_bytes = t.empty(r, "grad_bytes") ? model->second.train.grad_bytes : t.number(r, "grad_bytes", 0.0, 1e16);
    j.checkpoint_interval_iters = t.empty(r, "ckpt_interval_iters") ? 0 : t.integer(r, "ckpt_interval_iters", -1, 1'000'000'000L);
    j.checkpoint_bytes =
        t.empty(r, "ckpt_bytes") ? model->second.train.checkpoint_bytes : t.number(r, "ckpt_bytes", 0.0, 1e17);
    TrainingParallelism& p = j.parallelism;
    if (!t.empty(r, "zero_stage")) p.zero_stage = static_cast<int>(t.integer(r, "zero_stage", 0, 3));
    if (!t.empty(r, "activation_recompute")) {
      try {
        p.recompute = parse_activation_recompute(t.text(r, "activation_recompute"));
      } catch (const std::invalid_argument&) {
        t.fail(r, "activation_recompute", "none, selective or full", "\"" + t.text(r, "activation_recompute") + "\"");
      }
    }
    if (!t.empty(r, "seq_len")) p.seq_len = static_cast<int>(t.integer(r, "seq_len", 1, 10'000'000));
    if (!t.empty(r, "micro_batch_seqs")) p.micro_batch_seqs = static_cast<int>(t.integer(r, "micro_batch_seqs", 1, 1'000'000));
    set_model_parallelism(t, r, j, model->second, hardware);
    fit_in_memory(t, r, j, model->second, hardware);
    // Full recomputation runs each forward pass twice: 8N instead of 6N FLOPs per token (Korthikanti et
    // al. measure 36 %). A measured iter_compute_s already includes whatever the job did.
    if (t.empty(r, "iter_compute_s") && p.recompute == ActivationRecompute::kFull) j.iter_compute_s *= 4.0 / 3.0;
    j.tensor_parallel_comm_s = tensor_parallel_comm_s(model->second, p, hardware.intra_satellite_bandwidth_bps,
                                                      hardware.intra_satellite_latency_s);
    out.jobs.push_back(j);
  }
  return out;
}

}  // namespace orbitsim
