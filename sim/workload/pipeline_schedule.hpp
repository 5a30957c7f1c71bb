// The 1F1B pipeline schedule (PipeDream-Flush: Narayanan et al., SC 2021, §2.2) as a task graph: per
// stage, its warm-up forward passes, then one forward and one backward in turn, then the remaining
// backward passes; between stages, the activations of each micro-batch go forward and their gradients
// come back. A stage runs its passes one at a time, in this order. With p stages, m micro-batches,
// a forward time t_f and a backward time t_b per stage and instantaneous transfers, the graph's
// critical path is (m + p - 1)(t_f + t_b): the (p - 1)(t_f + t_b) beyond the work is the bubble.
#pragma once

#include <vector>

namespace orbitsim {

struct PipelineOp {
  enum class Kind { kForward, kBackward, kSendActivation, kSendGradient };
  Kind kind;
  int stage;        // computing stage, or sending stage (activations go to stage + 1, gradients to stage - 1)
  int micro_batch;
  std::vector<int> after;  // indices of the ops that must end first
};

// The ops of one iteration of one pipeline, each after the ops it depends on (a topological order).
std::vector<PipelineOp> one_f_one_b_schedule(int stages, int micro_batches);

}  // namespace orbitsim
