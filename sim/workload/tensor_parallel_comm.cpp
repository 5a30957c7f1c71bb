#include "workload/tensor_parallel_comm.hpp"

namespace orbitsim {

double ring_allreduce_s(double bytes, int ranks, double bandwidth_bps, double latency_s) {
  if (ranks < 2) return 0.0;
  const double k = ranks;
  return 2.0 * (k - 1.0) * (latency_s + bytes / k * 8.0 / bandwidth_bps);
}

double tensor_parallel_comm_s(const ModelSpec& model, const TrainingParallelism& p, double bandwidth_bps,
                              double latency_s) {
  if (p.tensor_parallel < 2) return 0.0;
  const double activation_bytes = static_cast<double>(p.seq_len) * p.micro_batch_seqs * model.hidden * 2.0;
  const int per_layer = p.recompute == ActivationRecompute::kFull ? 6 : 4;
  return static_cast<double>(p.micro_batches) * layers_per_stage(model, p.pipeline_stages) * per_layer *
         ring_allreduce_s(activation_bytes, p.tensor_parallel, bandwidth_bps, latency_s);
}

}  // namespace orbitsim
