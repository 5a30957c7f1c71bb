#include "metrics/training_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/csv_table.hpp"
#include "metrics/statistics.hpp"

namespace orbitsim {
namespace {
std::string number_or_empty(double v, int decimals) { return std::isfinite(v) ? fmt::format("{:.{}f}", v, decimals) : ""; }
}  // namespace

// Training tokens per second of a job since its first start (to its end, or the horizon while it runs):
// goodput counts the iterations it kept, throughput every iteration it computed, including those a
// restart rolled back and the steps redone after a corruption. NaN when its tokens are not known.
struct TokenRates {
  double goodput = NAN, throughput = NAN;
};

TokenRates token_rates(const TrainingJobRecord& r, double horizon_s) {
  const double end = std::isfinite(r.end_s) ? r.end_s : horizon_s;
  if (r.spec.tokens_per_iter <= 0.0 || !std::isfinite(r.start_s) || end <= r.start_s) return {};
  const double span = end - r.start_s;
  return {static_cast<double>(r.iterations_done) * r.spec.tokens_per_iter / span,
          static_cast<double>(r.iterations_done + r.lost_iterations + r.recomputed_steps) * r.spec.tokens_per_iter / span};
}

std::string jobs_csv(const std::vector<TrainingJobRecord>& records, const std::vector<std::string>& names,
                     double horizon_s) {
  std::string out =
      "job_id,model,num_nodes,arrival_s,start_s,end_s,status,failure,queue_delay_s,jct_s,iterations,iterations_done,"
      "mean_iteration_s,mean_compute_s,mean_allreduce_s,checkpoint_interval_iters,checkpoints,checkpoint_s,restarts,"
      "lost_iterations,restore_s,spare_takeovers,shrinks,replica_failovers,final_ranks,corrupted_steps,recomputed_steps,resent_rounds,eclipse_pauses,paused_s,rested_rank_s,zero_stage,activation_recompute,memory_per_accelerator_gb,"
      "pipeline_stages,tensor_parallel,micro_batches,mean_bubble_s,mean_exposed_comm_s,goodput_tokens_per_s,"
      "throughput_tokens_per_s,satellites\n";
  for (const auto& r : records) {
    const double queue_delay = r.start_s - r.spec.arrival_s;
    const double jct = r.status == JobStatus::kFinished ? r.end_s - r.spec.arrival_s : NAN;
    const double n = static_cast<double>(r.iterations_done);
    std::string sats;
    for (int s : r.satellites) sats += (sats.empty() ? "" : ";") + names[static_cast<size_t>(s)];
    const TokenRates tokens = token_rates(r, horizon_s);
    out += fmt::format("{},{},{},{:.6f},{},{},{},{},{},{},{},{},{},{},{},{},{},{:.6f},{},{},{:.6f},{},{},{},{},{},{},{},{},{:.6f},{:.6f},{},{},{:.3f},{},{},{},{},{},{},{},{}\n", r.spec.job_id, r.spec.model,
                       r.spec.num_nodes, r.spec.arrival_s, number_or_empty(r.start_s, 6), number_or_empty(r.end_s, 6),
                       to_string(r.status), csv_field(r.failure), number_or_empty(queue_delay, 6), number_or_empty(jct, 6),
                       r.spec.iterations, r.iterations_done,
                       number_or_empty(n > 0 ? (r.iterations_s() + r.checkpoint_s) / n : NAN, 6),
                       number_or_empty(n > 0 ? r.compute_s / n : NAN, 6),
                       number_or_empty(n > 0 ? r.allreduce_s / n : NAN, 6), r.checkpoint_interval_iters, r.checkpoints,
                       r.checkpoint_s, r.restarts, r.lost_iterations, r.restore_s, r.spare_takeovers, r.shrinks,
                       r.replica_failovers, r.ranks + static_cast<int>(r.resting.size()), r.corrupted_steps, r.recomputed_steps, r.resent_rounds,
                       r.eclipse_pauses, r.paused_s, r.rested_rank_s, r.spec.parallelism.zero_stage,
                       to_string(r.spec.parallelism.recompute), r.spec.memory_per_accelerator_bytes / 1e9,
                       r.spec.parallelism.pipeline_stages, r.spec.parallelism.tensor_parallel,
                       r.spec.parallelism.micro_batches, number_or_empty(n > 0 ? r.bubble_s / n : NAN, 6),
                       number_or_empty(n > 0 ? r.exposed_comm_s() / n : NAN, 6), number_or_empty(tokens.goodput, 3),
                       number_or_empty(tokens.throughput, 3), sats);
  }
  return out;
}

std::string nodes_csv(const std::vector<double>& training_busy_s, const std::vector<double>& inference_busy_s,
                      const std::vector<std::string>& names, double horizon_s) {
  std::string out = "node_id,name,training_busy_s,inference_busy_s,utilisation\n";
  for (size_t i = 0; i < training_busy_s.size(); ++i) {
    const double busy = training_busy_s[i] + inference_busy_s[i];
    out += fmt::format("{},{},{:.6f},{:.6f},{:.6f}\n", i, names[i], training_busy_s[i], inference_busy_s[i],
                       horizon_s > 0 ? busy / horizon_s : 0.0);
  }
  return out;
}

nlohmann::json training_summary(const std::vector<TrainingJobRecord>& records, const std::vector<double>& busy_time_s,
                                double horizon_s, double satellite_peak_flops) {
  std::vector<double> jct, queue_delay, iteration, allreduce_share, bubble_share, exposed_comm_share;
  std::map<std::string, int> by_status;
  double makespan = 0.0;
  for (const auto& r : records) {
    ++by_status[std::string(to_string(r.status))];
    if (std::isfinite(r.start_s)) queue_delay.push_back(r.start_s - r.spec.arrival_s);
    if (r.status == JobStatus::kFinished) {
      jct.push_back(r.end_s - r.spec.arrival_s);
      makespan = std::max(makespan, r.end_s);
    }
    if (r.iterations_done > 0) {
      const double total = r.iterations_s() + r.checkpoint_s;
      iteration.push_back(total / static_cast<double>(r.iterations_done));
      allreduce_share.push_back(total > 0 ? r.allreduce_s / total : 0.0);
      bubble_share.push_back(total > 0 ? r.bubble_s / total : 0.0);
      exposed_comm_share.push_back(total > 0 ? r.exposed_comm_s() / total : 0.0);
    }
  }
  double busy = 0.0;
  for (double b : busy_time_s) busy += b;
  long lost = 0, restarts = 0, corrupted = 0, recomputed = 0, takeovers = 0, shrinks = 0, replica_failovers = 0;
  for (const auto& r : records) {
    lost += r.lost_iterations;
    restarts += r.restarts;
    corrupted += r.corrupted_steps;
    recomputed += r.recomputed_steps;
    takeovers += r.spare_takeovers;
    shrinks += r.shrinks;
    replica_failovers += r.replica_failovers;
  }
  // Model FLOPs of the iterations done over the peak FLOPs of the satellites for as long as the job held
  // them (first start to end or horizon), over the jobs whose model FLOPs are known (tokens_per_iter).
  double model_flops = 0.0, peak_flops = 0.0;
  for (const auto& r : records) {
    if (r.spec.model_flops_per_iter <= 0.0 || !std::isfinite(r.start_s)) continue;
    const double end = std::isfinite(r.end_s) ? r.end_s : horizon_s;
    model_flops += static_cast<double>(r.iterations_done) * r.spec.model_flops_per_iter;
    peak_flops += (end - r.start_s) * r.spec.num_nodes * satellite_peak_flops;
  }
  // All jobs whose tokens are known, over the horizon: what the constellation trained per second.
  double kept_tokens = 0.0, computed_tokens = 0.0;
  for (const auto& r : records)
    if (r.spec.tokens_per_iter > 0.0) {
      kept_tokens += static_cast<double>(r.iterations_done) * r.spec.tokens_per_iter;
      computed_tokens += static_cast<double>(r.iterations_done + r.lost_iterations + r.recomputed_steps) * r.spec.tokens_per_iter;
    }
  const bool tokens_known = std::any_of(records.begin(), records.end(), [](const auto& r) { return r.spec.tokens_per_iter > 0.0; });
  nlohmann::json j;
  j["jobs_submitted"] = records.size();
  j["jobs_by_status"] = by_status;
  j["jct_s"] = describe(jct);
  j["queue_delay_s"] = describe(queue_delay);
  j["iteration_s"] = describe(iteration);
  j["allreduce_time_share"] = describe(allreduce_share);
  j["pipeline_bubble_time_share"] = describe(bubble_share);
  j["exposed_comm_time_share"] = describe(exposed_comm_share);
  j["lost_iterations"] = lost;
  j["restarts"] = restarts;
  j["spare_takeovers"] = takeovers;
  j["shrinks"] = shrinks;
  j["replica_failovers"] = replica_failovers;
  j["corrupted_steps"] = corrupted;
  j["recomputed_steps"] = recomputed;
  j["makespan_s"] = jct.empty() ? nlohmann::json(nullptr) : nlohmann::json(makespan);
  j["goodput_tokens_per_s"] = tokens_known && horizon_s > 0 ? nlohmann::json(kept_tokens / horizon_s) : nlohmann::json(nullptr);
  j["throughput_tokens_per_s"] =
      tokens_known && horizon_s > 0 ? nlohmann::json(computed_tokens / horizon_s) : nlohmann::json(nullptr);
  j["mfu"] = peak_flops > 0 ? nlohmann::json(model_flops / peak_flops) : nlohmann::json(nullptr);
  j["satellite_compute_utilisation"] =
      horizon_s > 0 && !busy_time_s.empty() ? busy / (horizon_s * static_cast<double>(busy_time_s.size())) : 0.0;
  return j;
}

}  // namespace orbitsim
