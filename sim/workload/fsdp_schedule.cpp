#include "workload/fsdp_schedule.hpp"

#include <cstddef>

namespace orbitsim {

std::vector<FsdpOp> fsdp_schedule(int ranks, int units) {
  using Kind = FsdpOp::Kind;
  const auto k = static_cast<size_t>(ranks);
  auto pred = [&](size_t i) { return (i + k - 1) % k; };
  std::vector<FsdpOp> ops;
  std::vector<int> stream_end(k, -1);  // per rank: its last send of the previous collective
  // A ring collective; `ready[i]`: what rank i's first send waits for besides the stream. Returns, per
  // rank, the last send it receives (its result is complete then).
  auto collective = [&](Kind kind, int unit, const std::vector<int>& ready) {
    std::vector<int> step(k, -1);
    for (int t = 1; t < ranks; ++t) {
      std::vector<int> next(k);
      for (size_t i = 0; i < k; ++i) {
        FsdpOp op{kind, static_cast<int>(i), unit, {}};
        if (t == 1) {
          for (int d : {ready[i], stream_end[i], stream_end[pred(i)]})
            if (d >= 0) op.after.push_back(d);
        } else {
          op.after = {step[i], step[pred(i)]};
        }
        ops.push_back(op);
        next[i] = static_cast<int>(ops.size()) - 1;
      }
      step = next;
    }
    std::vector<int> received(k, -1);
    for (size_t i = 0; i < k; ++i) received[i] = ranks > 1 ? step[pred(i)] : ready[i];
    if (ranks > 1) stream_end = step;
    return received;
  };
  // The computes in order (forward 0..U-1, backward U-1..0) and, per rank, each compute's op index.
  std::vector<std::vector<int>> computed;
  auto compute = [&](Kind kind, int unit, const std::vector<int>& gathered) {
    std::vector<int> done(k);
    for (size_t i = 0; i < k; ++i) {
      FsdpOp op{kind, static_cast<int>(i), unit, {}};
      if (!computed.empty()) op.after.push_back(computed.back()[i]);
      if (gathered[i] >= 0) op.after.push_back(gathered[i]);
      ops.push_back(op);
      done[i] = static_cast<int>(ops.size()) - 1;
    }
    computed.push_back(done);
  };
  // A gather feeds the next compute, c = computed.size(), and waits for compute c - 2 (the rate limiter).
  auto gather = [&](int unit) {
    const size_t c = computed.size();
    std::vector<int> ready(k, -1);
    if (c >= 2) ready = computed[c - 2];
    return collective(Kind::kGatherStep, unit, ready);
  };
  for (int u = 0; u < units; ++u) compute(Kind::kForward, u, gather(u));
  std::vector<int> gathered = gather(units - 1);
  for (int u = units - 1; u >= 0; --u) {
    compute(Kind::kBackward, u, gathered);
    const std::vector<int> own_gradients = computed.back();
    if (u > 0) gathered = gather(u - 1);  // prefetch the next unit's weights first
    collective(Kind::kReduceScatterStep, u, own_gradients);
  }
  return ops;
}

}  // namespace orbitsim
