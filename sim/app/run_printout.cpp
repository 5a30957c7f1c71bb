#include "app/run_printout.hpp"

#include <iostream>
#include <utility>

#include <fmt/format.h>

namespace orbitsim {
namespace {

// A row of mean / p50 / p99 of a described metric (summary.json's describe()).
void print_percentiles(const char* label, const nlohmann::json& d, const char* fmtspec) {
  auto num = [&](const nlohmann::json& v) {
    return v.is_null() ? std::string("-") : fmt::format(fmt::runtime(fmtspec), v.get<double>());
  };
  std::cout << fmt::format("  {:<24} {:>10} {:>10} {:>10}\n", label, num(d["mean"]), num(d["p50"]), num(d["p99"]));
}

std::string percent(const nlohmann::json& share) {
  return share.is_null() ? std::string("-") : fmt::format("{:.1f}%", 100.0 * share.get<double>());
}

void print_training(const nlohmann::json& t, bool failures) {
  std::cout << fmt::format("training jobs: {} submitted;", t["jobs_submitted"].get<size_t>());
  for (const auto& [status, n] : t["jobs_by_status"].items()) std::cout << fmt::format(" {} {}", n.get<int>(), status);
  std::cout << fmt::format("\n  {:<24} {:>10} {:>10} {:>10}\n", "", "mean", "p50", "p99");
  print_percentiles("JCT (s)", t["jct_s"], "{:.2f}");
  print_percentiles("queueing delay (s)", t["queue_delay_s"], "{:.2f}");
  print_percentiles("iteration time (s)", t["iteration_s"], "{:.2f}");
  std::cout << fmt::format("  share of iteration time (mean): all-reduce {}, pipeline bubble {}, exposed communication {}; "
                           "satellite compute utilisation: {:.1f}%\n",
                           percent(t["allreduce_time_share"]["mean"]), percent(t["pipeline_bubble_time_share"]["mean"]),
                           percent(t["exposed_comm_time_share"]["mean"]),
                           100.0 * t["satellite_compute_utilisation"].get<double>());
  if (!t["goodput_tokens_per_s"].is_null())
    std::cout << fmt::format("  training tokens/s over the horizon: goodput {:.4g} (iterations kept), throughput {:.4g} "
                             "(every iteration computed)\n",
                             t["goodput_tokens_per_s"].get<double>(), t["throughput_tokens_per_s"].get<double>());
  if (failures)
    std::cout << fmt::format("  recovery: {} restarts ({} iterations lost), {} spare takeovers, {} shrinks, {} replica "
                             "failovers, {} corrupted and {} recomputed steps\n",
                             t["restarts"].get<long>(), t["lost_iterations"].get<long>(), t["spare_takeovers"].get<long>(),
                             t["shrinks"].get<long>(), t["replica_failovers"].get<long>(),
                             t["corrupted_steps"].get<long>(), t["recomputed_steps"].get<long>());
}

void print_inference(const nlohmann::json& q) {
  std::cout << fmt::format("inference requests: {} submitted;", q["requests_submitted"].get<size_t>());
  for (const auto& [status, n] : q["requests_by_status"].items()) std::cout << fmt::format(" {} {}", n.get<int>(), status);
  std::cout << fmt::format("\n  {:<24} {:>10} {:>10} {:>10}\n", "", "mean", "p50", "p99");
  print_percentiles("TTFT (s)", q["ttft_s"], "{:.3f}");
  print_percentiles("TPOT (s)", q["tpot_s"], "{:.3f}");
  print_percentiles("end to end (s)", q["e2e_s"], "{:.3f}");
  if (!q["slo_attainment"].is_null())
    std::cout << fmt::format("  SLO attainment {:.1f}%, goodput {:.3f} req/s, {:.1f} output tokens/s\n",
                             100.0 * q["slo_attainment"].get<double>(), q["goodput_requests_per_s"].get<double>(),
                             q["output_tokens_per_s"].get<double>());
  if (const auto& b = q["latency_breakdown"]; !b["network_time_share"].is_null()) {
    std::cout << "  where the finished requests' time went (mean):";
    for (const auto& [label, key] : {std::pair{"retry wait", "retry_wait_s"}, std::pair{"uplink", "uplink_s"},
                                     std::pair{"queue", "queue_s"}, std::pair{"prefill", "prefill_s"},
                                     std::pair{"decode", "decode_s"}, std::pair{"downlink", "downlink_s"}})
      std::cout << fmt::format(" {} {:.1f} ms;", label, 1e3 * b[key]["mean"].get<double>());
    std::cout << fmt::format(" network {}, waiting {}, compute {} of E2E\n", percent(b["network_time_share"]),
                             percent(b["waiting_time_share"]), percent(b["compute_time_share"]));
  }
  if (q["corrupted_requests"].get<long>() > 0)
    std::cout << fmt::format("  {} requests corrupted by an uncorrectable upset\n", q["corrupted_requests"].get<long>());
}

void print_failures(const nlohmann::json& f) {
  std::cout << fmt::format("failures: {}\n", f["total"].get<size_t>());
  for (const auto& [kind, n] : f["by_kind"].items()) std::cout << fmt::format("  {:<24} {:>10}\n", kind, n.get<long>());
}

void print_power(const nlohmann::json& p) {
  std::cout << fmt::format("power: {:.1f} kWh generated, {:.1f} consumed, {:.1f} curtailed; sunlit {:.1f}%; "
                           "throttled {:.2f}, training shed {:.2f}, browned out {:.2f}, overheated {:.2f}, dark {:.2f} "
                           "satellite-h",
                           p["generated_wh"].get<double>() / 1e3, p["consumed_wh"].get<double>() / 1e3,
                           p["curtailed_wh"].get<double>() / 1e3, 100.0 * p["sunlit_fraction"].get<double>(),
                           p["throttled_satellite_h"].get<double>(), p["training_shed_satellite_h"].get<double>(),
                           p["brownout_satellite_h"].get<double>(), p["overheat_satellite_h"].get<double>(),
                           p["dark_satellite_h"].get<double>());
  if (!p["energy_per_iteration_j"].is_null())
    std::cout << fmt::format("; {:.3g} J per training iteration ({:.3g} J in its compute steps)",
                             p["energy_per_iteration_j"].get<double>(), p["training_compute_energy_per_iteration_j"].get<double>());
  if (!p["serving_energy_per_output_token_j"].is_null())
    std::cout << fmt::format("; {:.3g} J per output token in serving steps", p["serving_energy_per_output_token_j"].get<double>());
  std::cout << "\n";
}

}  // namespace

void print_run_summary(const nlohmann::json& s, const std::string& out_dir) {
  std::cout << fmt::format("scenario {} (seed {}), {:.0f} s simulated\n", s["scenario"].get<std::string>(),
                           s["seed"].get<unsigned long>(), s["simulated_s"].get<double>());
  const bool failures = s["failures"]["total"].get<size_t>() > 0;
  if (s["training"]["jobs_submitted"].get<size_t>() > 0) print_training(s["training"], failures);
  if (s["inference"]["requests_submitted"].get<size_t>() > 0) print_inference(s["inference"]);
  print_failures(s["failures"]);
  if (s.contains("power")) print_power(s["power"]);
  std::cout << "outputs: " << out_dir << "/\n";
}

}  // namespace orbitsim
