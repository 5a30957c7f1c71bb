// Communication time of collectives inside a satellite, by the α-β model of a ring (Patarasuk & Yuan,
// JPDC 2009): an all-reduce of B bytes over K ranks is 2(K-1) steps of B/K bytes, each α + B/(K·β).
// Tensor parallelism (Megatron-LM, Shoeybi et al. 2019; with sequence parallelism, Korthikanti et al.
// 2023: an all-gather and a reduce-scatter in place of each all-reduce, the same volume) runs two
// all-reduces of a micro-batch's activations (s·b·h bf16 values) per layer in the forward pass and two
// in the backward pass, two more when full recomputation repeats the forward. They are not overlapped
// with compute, and the t-way groups of one satellite run side by side over its NVLink switch.
#pragma once

#include "workload/model_catalog.hpp"
#include "workload/training_memory.hpp"

namespace orbitsim {

double ring_allreduce_s(double bytes, int ranks, double bandwidth_bps, double latency_s);

// Per satellite and iteration: m micro-batches through the stage's layers.
double tensor_parallel_comm_s(const ModelSpec& model, const TrainingParallelism& p, double bandwidth_bps,
                              double latency_s);

}  // namespace orbitsim
