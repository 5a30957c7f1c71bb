#include "workload/inference_cost_model.hpp"

#include <algorithm>

namespace orbitsim {

InferenceCostModel::InferenceCostModel(const ModelSpec& model, const InferenceTiming& timing,
                                       double accelerator_memory_bandwidth_Bps)
    : model_(model), timing_(timing), memory_bandwidth_Bps_(accelerator_memory_bandwidth_Bps * timing.accelerators) {
  const auto& n = timing.prefill_tokens;
  const auto& ms = timing.prefill_ms;
  const size_t k = n.size() - 1;  // the catalog guarantees two points or more, strictly increasing
  const double extra_s = (ms[k] - ms[k - 1]) / 1000.0;
  // A table that does not grow at its end (launch overheads dominating) says nothing about the slope:
  // the mean rate of its last point then.
  achieved_flops_ = 2.0 * model.params * (extra_s > 0.0 ? (n[k] - n[k - 1]) / extra_s : n[k] / (ms[k] / 1000.0));
}

double InferenceCostModel::attention_flops_per_token2() const {
  return 2.0 * model_.layers * static_cast<double>(model_.q_heads) * model_.head_dim;
}

InferenceCostModel::Cost InferenceCostModel::prefill(const std::vector<double>& sequence_tokens) const {
  double batch_tokens = 0.0;
  for (double n : sequence_tokens) batch_tokens += n;
  const double last = timing_.prefill_tokens.back();
  if (batch_tokens <= last) return {timing_.prefill_s(batch_tokens), true};
  double attention_flops = 0.0;
  for (double n : sequence_tokens)
    if (n > last) attention_flops += attention_flops_per_token2() * (n * n - last * last);
  return {timing_.prefill_ms.back() / 1000.0 + (2.0 * model_.params * (batch_tokens - last) + attention_flops) / achieved_flops_,
          false};
}

double InferenceCostModel::decode_step_s(double total_context_tokens, int batch) const {
  const double fitted_s = (timing_.decode_a_ms + timing_.decode_per_sequence_ms * batch) / 1000.0;
  if (timing_.decode_per_context_token_ms > 0.0) return fitted_s + timing_.decode_per_context_token_ms * total_context_tokens / 1000.0;
  const double read_s = total_context_tokens * model_.kv_bytes_per_token() / memory_bandwidth_Bps_;
  const double compute_s = 2.0 * attention_flops_per_token2() * total_context_tokens / achieved_flops_;  // 4 L d per token
  return fitted_s + std::max(read_s, compute_s);
}

}  // namespace orbitsim
