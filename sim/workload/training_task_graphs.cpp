// TrainingRunner's iterations that run as task graphs, so that computation and communication overlap
// as they do in a real job:
// - a pipelined job: every pipeline of every replica runs the 1F1B schedule at once
//   (pipeline_schedule.hpp), each pass on its stage satellite, each activation and gradient a transfer
//   over the current route to the neighbouring stage, so a slow or broken path between two stages
//   stalls the whole pipeline;
// - a ZeRO-3 job without a pipeline: FSDP's per-unit all-gathers and reduce-scatters around the ring,
//   overlapped with the units' compute (fsdp_schedule.hpp).
#include <algorithm>
#include <cmath>

#include "platform/sim_runtime.hpp"
#include "workload/fsdp_schedule.hpp"
#include "workload/pipeline_schedule.hpp"
#include "workload/training_runner.hpp"

namespace orbitsim {

namespace {
bool all_of(const std::vector<bool>& ok) { return std::all_of(ok.begin(), ok.end(), [](bool b) { return b; }); }
// The forward pass is a third of a step's FLOPs (2N of 6N per token); full recomputation repeats it
// inside the backward pass (2N of 8N).
double forward_share(const TrainingParallelism& p) { return p.recompute == ActivationRecompute::kFull ? 0.25 : 1.0 / 3.0; }
}  // namespace

TrainingRunner::GraphIteration TrainingRunner::run_iteration_graphs(size_t job, const std::vector<std::vector<int>>& rings,
                                                                    const std::vector<std::vector<SimTask>>& graphs,
                                                                    const std::string& what) {
  TrainingJobRecord& r = records_[job];
  for (int resends = 0;; ++resends) {
    const double t0 = sim_now();
    const double energy_before_j = accelerator_energy_j(rings);
    const TaskGraphRun run = run_task_graphs(platform_, graphs);
    compute_energy_j_ += accelerator_energy_j(rings) - energy_before_j;
    const double wall_s = sim_now() - t0;
    double busiest_s = 0.0;
    for (size_t g = 0; g < graphs.size(); ++g) {
      if (!run.ok[g]) continue;
      std::vector<double> busy_s(static_cast<size_t>(platform_.nodes()), 0.0);
      for (size_t t = 0; t < graphs[g].size(); ++t)
        if (graphs[g][t].to < 0) busy_s[static_cast<size_t>(graphs[g][t].node)] += run.elapsed_s[g][t];
      for (int s : rings[g]) {
        busy_time_s_[static_cast<size_t>(s)] += busy_s[static_cast<size_t>(s)];
        busiest_s = std::max(busiest_s, busy_s[static_cast<size_t>(s)]);
      }
    }
    if (all_of(run.ok)) return {Outcome::kGoOn, busiest_s, wall_s};
    r.compute_s += wall_s;
    // Every satellite of the job is healthy: a relay or a terminal on a path failed. The iteration's
    // graph runs again over the routes that now avoid it (a few times, then it is a failure).
    if (!all_of(rings_without_failed_satellites(r)) || resends >= kMaxRoundResends)
      return {after_failure(job, run.ok, what), 0.0, 0.0};
    ++r.resent_rounds;
  }
}

TrainingRunner::Outcome TrainingRunner::pipeline_step(size_t job) {
  TrainingJobRecord& r = records_[job];
  const TrainingParallelism& par = r.spec.parallelism;
  const int stages = par.pipeline_stages;
  // Elastic survivors share the global batch: each pipeline takes more micro-batches of the same size.
  const int micro_batches = static_cast<int>(
      std::ceil(static_cast<double>(par.micro_batches) * r.spec.pipelines() / (r.ranks / stages) - 1e-9));
  const double pass_s = (r.spec.iter_compute_s + r.spec.tensor_parallel_comm_s) / par.micro_batches;
  const double forward_s = pass_s * forward_share(par);
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
  const GraphIteration it =
      run_iteration_graphs(job, rings, graphs, "pipeline stopped (a stage satellite failed or became unreachable)");
  if (it.outcome != Outcome::kGoOn) return it.outcome;
  // The ideal 1F1B bubble is (p - 1) of the m passes; what the wall time has beyond work and bubble
  // is the pipeline's transfers that compute did not hide.
  const double tensor_parallel_s = r.spec.tensor_parallel_comm_s * micro_batches / par.micro_batches;
  const double bubble_s = it.busiest_compute_s * (stages - 1) / micro_batches;
  r.compute_s += it.busiest_compute_s - tensor_parallel_s;
  r.tensor_parallel_s += tensor_parallel_s;
  r.bubble_s += bubble_s;
  r.pipeline_comm_s += std::max(0.0, it.wall_s - it.busiest_compute_s - bubble_s);
  return Outcome::kGoOn;
}

TrainingRunner::Outcome TrainingRunner::fsdp_step(size_t job) {
  TrainingJobRecord& r = records_[job];
  const TrainingParallelism& par = r.spec.parallelism;
  const int units = options_.fsdp_units;
  const double share = r.spec.num_nodes / static_cast<double>(r.ranks);
  const double tensor_parallel_s = r.spec.tensor_parallel_comm_s * share;
  const double step_s = r.spec.iter_compute_s * share + tensor_parallel_s;
  const double forward_s = step_s * forward_share(par) / units, backward_s = step_s / units - forward_s;
  const std::vector<std::vector<int>> rings = training_rings(r);
  std::vector<std::vector<SimTask>> graphs;
  for (const auto& ring : rings) {
    // The weights are gathered in bf16, the same bytes as the gradients reduce-scattered.
    const double chunk_bytes = r.spec.grad_bytes / units / static_cast<double>(ring.size());
    std::vector<SimTask> graph;
    const auto node = [&](int rank) { return ring[static_cast<size_t>(rank)]; };
    for (const FsdpOp& op : fsdp_schedule(static_cast<int>(ring.size()), units)) {
      SimTask task{node(op.rank), -1, 0.0, op.after};
      switch (op.kind) {
        case FsdpOp::Kind::kForward: task.amount = forward_s; break;
        case FsdpOp::Kind::kBackward: task.amount = backward_s; break;
        case FsdpOp::Kind::kGatherStep:
        case FsdpOp::Kind::kReduceScatterStep:
          task.to = node((op.rank + 1) % static_cast<int>(ring.size()));
          task.amount = chunk_bytes;
          break;
      }
      graph.push_back(std::move(task));
    }
    graphs.push_back(std::move(graph));
  }
  const GraphIteration it = run_iteration_graphs(
      job, rings, graphs, "all-gather or reduce-scatter failed (a ring satellite failed or became unreachable)");
  if (it.outcome != Outcome::kGoOn) return it.outcome;
  // The collectives' time not hidden behind compute is the all-reduce's exposed time.
  r.compute_s += it.busiest_compute_s - tensor_parallel_s;
  r.tensor_parallel_s += tensor_parallel_s;
  r.allreduce_s += std::max(0.0, it.wall_s - it.busiest_compute_s);
  return Outcome::kGoOn;
}

}  // namespace orbitsim
