// TrainingRunner's pipeline iteration: every pipeline of every replica runs the 1F1B schedule at once
// (pipeline_schedule.hpp), each pass on its stage satellite, each activation and gradient a transfer
// over the current route to the neighbouring stage, so a slow or broken path between two stages
// stalls the whole pipeline as it would in a real job.
#include <algorithm>
#include <cmath>

#include "platform/sim_runtime.hpp"
#include "workload/pipeline_schedule.hpp"
#include "workload/training_runner.hpp"

namespace orbitsim {

TrainingRunner::Outcome TrainingRunner::pipeline_step(size_t job) {
  TrainingJobRecord& r = records_[job];
  const TrainingParallelism& par = r.spec.parallelism;
  const int stages = par.pipeline_stages;
  // Elastic survivors share the global batch: each pipeline takes more micro-batches of the same size.
  const int micro_batches = static_cast<int>(
      std::ceil(static_cast<double>(par.micro_batches) * r.spec.pipelines() / (r.ranks / stages) - 1e-9));
  const double pass_s = (r.spec.iter_compute_s + r.spec.tensor_parallel_comm_s) / par.micro_batches;
  // The forward pass is a third of a micro-batch's FLOPs (2N of 6N per token); full recomputation
  // repeats it inside the backward pass (2N of 8N).
  const double forward_s = pass_s * (par.recompute == ActivationRecompute::kFull ? 0.25 : 1.0 / 3.0);
  const std::vector<PipelineOp> schedule = one_f_one_b_schedule(stages, micro_batches);

  const std::vector<std::vector<int>> rings = training_rings(r);
  std::vector<std::vector<SimTask>> graphs(rings.size());  // one per replica: its pipelines stop together
  for (size_t g = 0; g < rings.size(); ++g)
    for (size_t first = 0; first + static_cast<size_t>(stages) <= rings[g].size(); first += static_cast<size_t>(stages)) {
      const auto node = [&](int stage) { return rings[g][first + static_cast<size_t>(stage)]; };
      const int base = static_cast<int>(graphs[g].size());
      for (const PipelineOp& op : schedule) {
        SimTask task{node(op.stage), -1, 0.0, {}};
        switch (op.kind) {
          case PipelineOp::Kind::kForward: task.amount = forward_s; break;
          case PipelineOp::Kind::kBackward: task.amount = pass_s - forward_s; break;
          case PipelineOp::Kind::kSendActivation: task.to = node(op.stage + 1), task.amount = r.spec.activation_bytes; break;
          case PipelineOp::Kind::kSendGradient: task.to = node(op.stage - 1), task.amount = r.spec.activation_bytes; break;
        }
        for (int d : op.after) task.after.push_back(base + d);
        graphs[g].push_back(std::move(task));
      }
    }

  for (int resends = 0;; ++resends) {
    const double t0 = sim_now();
    const double energy_before_j = accelerator_energy_j(rings);
    const TaskGraphRun run = run_task_graphs(platform_, graphs);
    compute_energy_j_ += accelerator_energy_j(rings) - energy_before_j;
    const double wall_s = sim_now() - t0;
    double stage_s = 0.0;  // the busiest stage satellite's passes
    for (size_t g = 0; g < graphs.size(); ++g) {
      if (!run.ok[g]) continue;
      std::vector<double> busy_s(platform_.nodes(), 0.0);
      for (size_t t = 0; t < graphs[g].size(); ++t)
        if (graphs[g][t].to < 0) busy_s[static_cast<size_t>(graphs[g][t].node)] += run.elapsed_s[g][t];
      for (int s : rings[g]) {
        busy_time_s_[static_cast<size_t>(s)] += busy_s[static_cast<size_t>(s)];
        stage_s = std::max(stage_s, busy_s[static_cast<size_t>(s)]);
      }
    }
    if (std::all_of(run.ok.begin(), run.ok.end(), [](bool ok) { return ok; })) {
      // The ideal 1F1B bubble is (p - 1) of the m passes; what the wall time has beyond work and bubble
      // is the pipeline's transfers that compute did not hide.
      const double tensor_parallel_s = r.spec.tensor_parallel_comm_s * micro_batches / par.micro_batches;
      const double bubble_s = stage_s * (stages - 1) / micro_batches;
      r.compute_s += stage_s - tensor_parallel_s;
      r.tensor_parallel_s += tensor_parallel_s;
      r.bubble_s += bubble_s;
      r.pipeline_comm_s += std::max(0.0, wall_s - stage_s - bubble_s);
      return Outcome::kGoOn;
    }
    r.compute_s += wall_s;
    // Every satellite of the job is healthy: a relay or a terminal between two stages failed. The
    // iteration's passes run again over the routes that now avoid it (a few times, then it is a failure).
    const std::vector<bool> whole = rings_without_failed_satellites(r);
    if (!std::all_of(whole.begin(), whole.end(), [](bool ok) { return ok; }) || resends >= kMaxRoundResends)
      return after_failure(job, run.ok, "pipeline stopped (a stage satellite failed or became unreachable)");
    ++r.resent_rounds;
  }
}

}  // namespace orbitsim
