// Memory per accelerator of a training job (workloads/README.md "Training memory").
// Model states in mixed-precision Adam as the ZeRO paper counts them (Rajbhandari et al., SC 2020, §3-5):
// 2 B/param of bf16 weights, 2 of gradients, 12 of optimizer states (fp32 master, momentum, variance).
// Pipeline stages hold their share of the layers and tensor-parallel ranks a 1/t slice of each layer
// (Megatron-LM, Narayanan et al., SC 2021); ZeRO then shards what is left over the N data-parallel
// ranks: stage 1 the optimizer states, stage 2 the gradients too, stage 3 the weights as well.
// Activations per micro-batch and transformer layer from Korthikanti et al. (MLSys 2023, eq. 1-4 and
// §5), with sequence parallelism whenever t > 1: s·b·h·(34 + 5·a·s/h)/t bytes without recomputation,
// 34·s·b·h/t with selective recomputation (attention recomputed; what FlashAttention gives), 2·s·b·h/t
// with full recomputation (layer inputs only) plus one layer's 34·s·b·h/t while it is recomputed.
// Under 1F1B the first stage keeps min(p, m) micro-batches in flight (§4.2.3 of Korthikanti et al.).
#pragma once

#include <string>

#include "workload/model_catalog.hpp"

namespace orbitsim {

enum class ActivationRecompute { kNone, kSelective, kFull };
ActivationRecompute parse_activation_recompute(const std::string& text);  // throws std::invalid_argument
std::string to_string(ActivationRecompute r);

struct TrainingParallelism {
  int data_parallel = 1;     // ranks sharing a stage's model states: pipelines x (accelerators per satellite / t)
  int pipeline_stages = 1;   // p: consecutive satellites, each holding L/p layers
  int tensor_parallel = 1;   // t: accelerators of one satellite splitting each layer (never across satellites)
  int micro_batches = 1;     // m: per pipeline and iteration (1F1B); a data-parallel job accumulates them in place
  int zero_stage = 0;        // 0 to 3
  ActivationRecompute recompute = ActivationRecompute::kSelective;
  int seq_len = 4096;         // tokens per sequence
  int micro_batch_seqs = 1;   // sequences per micro-batch per data-parallel rank
};

// The most layers a stage holds (the first ones when p does not divide L).
int layers_per_stage(const ModelSpec& model, int pipeline_stages);

struct TrainingMemory {
  double weights_bytes = 0.0, gradients_bytes = 0.0, optimizer_bytes = 0.0, activations_bytes = 0.0;
  double buffers_bytes = 0.0;  // two gradient buckets in flight (PyTorch DDP's 25 MiB bucket_cap_mb)
  double total_bytes() const {
    return weights_bytes + gradients_bytes + optimizer_bytes + activations_bytes + buffers_bytes;
  }
};

// On the busiest accelerator: the first pipeline stage (most layers, most micro-batches in flight).
TrainingMemory training_memory_per_accelerator(const ModelSpec& model, const TrainingParallelism& p);

}  // namespace orbitsim
