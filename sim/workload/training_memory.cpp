#include "workload/training_memory.hpp"

#include <algorithm>
#include <stdexcept>

namespace orbitsim {

namespace {
constexpr double kBucketBytes = 25.0 * 1024 * 1024;
}

ActivationRecompute parse_activation_recompute(const std::string& text) {
  if (text == "none") return ActivationRecompute::kNone;
  if (text == "selective") return ActivationRecompute::kSelective;
  if (text == "full") return ActivationRecompute::kFull;
  throw std::invalid_argument(text);
}

std::string to_string(ActivationRecompute r) {
  switch (r) {
    case ActivationRecompute::kNone: return "none";
    case ActivationRecompute::kSelective: return "selective";
    case ActivationRecompute::kFull: return "full";
  }
  return "?";
}

int layers_per_stage(const ModelSpec& model, int pipeline_stages) {
  return (model.layers + pipeline_stages - 1) / pipeline_stages;
}

TrainingMemory training_memory_per_accelerator(const ModelSpec& model, const TrainingParallelism& p) {
  // The catalog's sizes: weights at bytes_per_param, gradients grad_bytes, and the optimizer states the
  // rest of checkpoint_bytes (14 B/param: bf16 weights + 12 B of fp32 master, momentum and variance).
  // A stage's share follows its layers (embeddings are not counted apart).
  const int stage_layers = layers_per_stage(model, p.pipeline_stages);
  const double slice = static_cast<double>(stage_layers) / model.layers / p.tensor_parallel;
  const double weights = model.params * model.bytes_per_param * slice;
  const double gradients = model.train.grad_bytes * slice;
  const double optimizer = model.train.checkpoint_bytes * slice - weights;
  const double n = p.data_parallel;
  TrainingMemory m;
  m.weights_bytes = p.zero_stage >= 3 ? weights / n : weights;
  m.gradients_bytes = p.zero_stage >= 2 ? gradients / n : gradients;
  m.optimizer_bytes = p.zero_stage >= 1 ? optimizer / n : optimizer;
  const double sbh = static_cast<double>(p.seq_len) * p.micro_batch_seqs * model.hidden / p.tensor_parallel;
  const double attention_scores = 5.0 * model.q_heads * static_cast<double>(p.seq_len) / model.hidden;
  const double in_flight = p.pipeline_stages > 1 ? std::min(p.pipeline_stages, p.micro_batches) : 1;
  switch (p.recompute) {
    case ActivationRecompute::kNone: m.activations_bytes = in_flight * stage_layers * sbh * (34.0 + attention_scores); break;
    case ActivationRecompute::kSelective: m.activations_bytes = in_flight * stage_layers * sbh * 34.0; break;
    case ActivationRecompute::kFull: m.activations_bytes = in_flight * stage_layers * sbh * 2.0 + sbh * 34.0; break;
  }
  m.buffers_bytes = 2.0 * kBucketBytes;
  return m;
}

}  // namespace orbitsim
