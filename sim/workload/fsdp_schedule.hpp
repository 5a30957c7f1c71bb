// One ZeRO-3 / FSDP iteration on a ring of K data-parallel ranks as a task graph (Zhao et al., "PyTorch
// FSDP", VLDB 2023, §3.3-3.4): the layers are wrapped in U units; before a unit computes, its weights
// are all-gathered from the K shards, and after its backward pass its gradients are reduce-scattered.
// Each collective is a ring of K - 1 steps in which every rank forwards one chunk (S/(U·K) bytes) to its
// successor, a step starting once the rank has sent its previous chunk and received the one it
// forwards: K - 1 times (α + S/(U·K·β)) uncongested, as one all-reduce's 2(K - 1) steps for a
// reduce-scatter plus an all-gather. Collectives run one after another on each rank (one communication
// stream) while the units compute (overlap, as FSDP's forward and backward prefetch); a gather waits
// until the compute two units before it has finished (FSDP's rate limiter: at most two units gathered
// ahead). Order of the stream: gathers for units 0..U-1 (forward), then for U-1..0 (backward), each
// backward gather of unit u - 1 issued before the reduce-scatter of unit u.
#pragma once

#include <vector>

namespace orbitsim {

struct FsdpOp {
  enum class Kind { kForward, kBackward, kGatherStep, kReduceScatterStep };
  Kind kind;
  int rank;   // computing rank, or sending rank (to rank + 1 mod K)
  int unit;
  std::vector<int> after;  // indices of the ops that must end first
};

// In a topological order.
std::vector<FsdpOp> fsdp_schedule(int ranks, int units);

}  // namespace orbitsim
