// Memory per accelerator of a data-parallel training job (workloads/README.md "Training memory").
// Model states in mixed-precision Adam as the ZeRO paper counts them (Rajbhandari et al., SC 2020, §3-5):
// 2 B/param of bf16 weights, 2 of gradients, 12 of optimizer states (fp32 master, momentum, variance),
// ZeRO stage 1 shards the optimizer states over the N data-parallel ranks, stage 2 the gradients too,
// stage 3 the weights as well. Activations per micro-batch and transformer layer from Korthikanti et al.
// (MLSys 2023, eq. 1 and §5): s·b·h·(34 + 5·a·s/h) bytes without recomputation, 34·s·b·h with
// selective recomputation (attention recomputed; what FlashAttention gives), 2·s·b·h with full
// recomputation (layer inputs only) plus one layer's 34·s·b·h while it is recomputed.
#pragma once

#include <string>

#include "workload/model_catalog.hpp"

namespace orbitsim {

enum class ActivationRecompute { kNone, kSelective, kFull };
ActivationRecompute parse_activation_recompute(const std::string& text);  // throws std::invalid_argument
std::string to_string(ActivationRecompute r);

struct TrainingParallelism {
  int data_parallel = 1;  // ranks sharing the model states: satellites x accelerators per satellite
  int zero_stage = 0;     // 0 to 3
  ActivationRecompute recompute = ActivationRecompute::kSelective;
  int seq_len = 4096;         // tokens per sequence
  int micro_batch_seqs = 1;   // sequences per micro-batch per accelerator
};

struct TrainingMemory {
  double weights_bytes = 0.0, gradients_bytes = 0.0, optimizer_bytes = 0.0, activations_bytes = 0.0;
  double buffers_bytes = 0.0;  // two gradient buckets in flight (PyTorch DDP's 25 MiB bucket_cap_mb)
  double total_bytes() const {
    return weights_bytes + gradients_bytes + optimizer_bytes + activations_bytes + buffers_bytes;
  }
};

TrainingMemory training_memory_per_accelerator(const ModelSpec& model, const TrainingParallelism& p);

}  // namespace orbitsim
