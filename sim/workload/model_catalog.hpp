// The model catalog (workloads/models.yaml): sizes, training cost and inference timing per model.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace orbitsim {

struct TrainingProfile {
  double flops_per_token = 0.0;
  double grad_bytes = 0.0;        // data-parallel all-reduce payload per iteration
  double checkpoint_bytes = 0.0;  // full training state
  double mfu = 0.4;               // model FLOP utilisation
};

// Inference step times on one accelerator group (e.g. "h100x8"), calibrated from measurements.
struct InferenceTiming {
  std::vector<double> prefill_tokens;  // batch tokens, increasing
  std::vector<double> prefill_ms;      // median prefill time at those batch tokens
  double decode_a_ms = 0.0, decode_per_context_token_ms = 0.0, decode_per_sequence_ms = 0.0;
  int accelerators = 1;  // in the group the table was measured on (h100x8: 8); their memory bandwidth adds up
  // Mean accelerator power while prefilling and while decoding, as a fraction of its rated power (the
  // power model draws it; compute-bound prefill draws more than memory-bound decode). 1: a flat TDP.
  double prefill_power_fraction = 1.0, decode_power_fraction = 1.0;

  // Piecewise-linear in batch tokens (Splitwise's method), extrapolated linearly past the last point.
  double prefill_s(double batch_tokens) const;
  double decode_step_s(double total_context_tokens, int batch) const;
};

struct ModelSpec {
  std::string name;
  double params = 0.0;
  int layers = 0, hidden = 0, q_heads = 0, kv_heads = 0, head_dim = 0;
  double bytes_per_param = 2.0;
  int context_window_tokens = 0;  // prompt + output a request may hold; 0: not declared (no limit)
  TrainingProfile train;
  std::map<std::string, InferenceTiming> inference;

  // 2 (K and V) x layers x kv_heads x head_dim x bytes.
  double kv_bytes_per_token() const { return 2.0 * layers * kv_heads * head_dim * bytes_per_param; }
};

using ModelCatalog = std::map<std::string, ModelSpec>;

// Throws InputError with file:line:key on bad input.
ModelCatalog load_model_catalog(const std::string& path);

}  // namespace orbitsim
