// What one engine step costs a model on an accelerator group: the measured timing table where it
// exists, the roofline outside it (the form LLM-serving simulators use: Vidur, Splitwise, LLMCompass:
// time = max(FLOPs / achieved FLOP/s, bytes moved / memory bandwidth) + overhead).
//  - Prefill: the table (piecewise linear in a batch's total prompt tokens, Splitwise's variable) up to
//    its last point N; beyond it, the last point plus 2 P FLOPs per extra token at the FLOP/s the table
//    achieved over its last segment, plus the causal attention 2 L d n^2 (d = q_heads x head_dim) of
//    each sequence beyond what a sequence of N tokens, inside the table, already paid: 2 L d (n^2 - N^2).
//    Continuous at N; attention's n^2 makes one prompt of 2x the tokens cost more than 2x.
//  - Decode: the fitted step a + c x batch, plus b x context when the table measured it; otherwise
//    reading the batch's KV cache once per step at the group's memory bandwidth (or its attention FLOPs
//    at the achieved FLOP/s, whichever is longer: ~q_heads/kv_heads FLOP per byte, far below an H100's
//    ~300 FLOP/B ridge point, so memory). The fit's a already holds the weights' read.
#pragma once

#include <vector>

#include "workload/model_catalog.hpp"

namespace orbitsim {

class InferenceCostModel {
 public:
  // `accelerator_memory_bandwidth_Bps`: one accelerator's; the group has timing.accelerators of them.
  InferenceCostModel(const ModelSpec& model, const InferenceTiming& timing, double accelerator_memory_bandwidth_Bps);

  struct Cost {
    double seconds = 0.0;
    bool measured = true;  // within the table's measured range (false: the roofline priced it)
  };
  // Prefill of a batch of prompts of these lengths (tokens) in one step.
  Cost prefill(const std::vector<double>& sequence_tokens) const;
  Cost prefill(double one_sequence_tokens) const { return prefill(std::vector<double>{one_sequence_tokens}); }
  double decode_step_s(double total_context_tokens, int batch) const;

  // FLOP/s the table achieved over its last segment (2 P per token: its batches' attention is unknown).
  double achieved_flops() const { return achieved_flops_; }
  // Attention FLOPs per token squared of one sequence's causal prefill: 2 L d.
  double attention_flops_per_token2() const;
  double memory_bandwidth_Bps() const { return memory_bandwidth_Bps_; }
  const InferenceTiming& timing() const { return timing_; }

 private:
  const ModelSpec& model_;
  const InferenceTiming& timing_;
  double memory_bandwidth_Bps_;
  double achieved_flops_;
};

}  // namespace orbitsim
