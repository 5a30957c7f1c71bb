#include "workload/pipeline_schedule.hpp"

#include <algorithm>

namespace orbitsim {

std::vector<PipelineOp> one_f_one_b_schedule(int stages, int micro_batches) {
  using Kind = PipelineOp::Kind;
  // Each stage's pass order: warm-up forwards, steady one-forward-one-backward, cool-down backwards.
  std::vector<std::vector<std::pair<Kind, int>>> order(static_cast<size_t>(stages));
  for (int s = 0; s < stages; ++s) {
    const int warmup = std::min(stages - s - 1, micro_batches);
    auto& o = order[static_cast<size_t>(s)];
    for (int j = 0; j < warmup; ++j) o.emplace_back(Kind::kForward, j);
    for (int j = 0; j < micro_batches - warmup; ++j) {
      o.emplace_back(Kind::kForward, warmup + j);
      o.emplace_back(Kind::kBackward, j);
    }
    for (int j = micro_batches - warmup; j < micro_batches; ++j) o.emplace_back(Kind::kBackward, j);
  }
  // Emit ops in dependency order: repeatedly take, on each stage, the next pass whose input was emitted
  // (on the last stage a backward follows its own forward in the pass order).
  std::vector<PipelineOp> ops;
  const auto key = [&](int stage, int j) { return static_cast<size_t>(stage) * static_cast<size_t>(micro_batches) + static_cast<size_t>(j); };
  const size_t cells = static_cast<size_t>(stages) * static_cast<size_t>(micro_batches);
  std::vector<int> activation_sent(cells, -1), gradient_sent(cells, -1);
  std::vector<size_t> next(static_cast<size_t>(stages), 0);
  std::vector<int> last_pass(static_cast<size_t>(stages), -1);
  for (bool progress = true; progress;) {
    progress = false;
    for (int s = 0; s < stages; ++s) {
      auto& n = next[static_cast<size_t>(s)];
      while (n < order[static_cast<size_t>(s)].size()) {
        const auto [kind, j] = order[static_cast<size_t>(s)][n];
        int input = -1;  // the transfer this pass waits for
        if (kind == Kind::kForward && s > 0) {
          input = activation_sent[key(s - 1, j)];
          if (input < 0) break;
        }
        if (kind == Kind::kBackward && s < stages - 1) {
          input = gradient_sent[key(s + 1, j)];
          if (input < 0) break;
        }
        PipelineOp pass{kind, s, j, {}};
        if (last_pass[static_cast<size_t>(s)] >= 0) pass.after.push_back(last_pass[static_cast<size_t>(s)]);
        if (input >= 0) pass.after.push_back(input);
        ops.push_back(pass);
        const int id = static_cast<int>(ops.size()) - 1;
        last_pass[static_cast<size_t>(s)] = id;
        if (kind == Kind::kForward && s < stages - 1) {
          ops.push_back({Kind::kSendActivation, s, j, {id}});
          activation_sent[key(s, j)] = static_cast<int>(ops.size()) - 1;
        } else if (kind == Kind::kBackward && s > 0) {
          ops.push_back({Kind::kSendGradient, s, j, {id}});
          gradient_sent[key(s, j)] = static_cast<int>(ops.size()) - 1;
        }
        ++n;
        progress = true;
      }
    }
  }
  return ops;
}

}  // namespace orbitsim
