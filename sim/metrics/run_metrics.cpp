#include "metrics/run_metrics.hpp"

#include <cmath>

namespace orbitsim {
namespace {

double number(const nlohmann::json& j) { return j.is_number() ? j.get<double>() : NAN; }

}  // namespace

const std::vector<RunMetric>& run_metrics() {
  static const std::vector<RunMetric> kMetrics{
      {"jobs_finished_fraction",
       [](const nlohmann::json& s) {
         const auto& t = s["training"];
         const double n = t["jobs_submitted"].get<double>();
         return n > 0 ? t["jobs_by_status"].value("finished", 0) / n : NAN;
       }},
      {"jct_mean_s", [](const nlohmann::json& s) { return number(s["training"]["jct_s"]["mean"]); }},
      {"lost_iterations",
       [](const nlohmann::json& s) {
         const auto& t = s["training"];
         return t["jobs_submitted"].get<double>() > 0 ? number(t["lost_iterations"]) : NAN;  // no jobs: no figure
       }},
      {"corrupted_steps",  // silent data corruption: what redundancy buys
       [](const nlohmann::json& s) {
         const auto& t = s["training"];
         return t["jobs_submitted"].get<double>() > 0 ? number(t["corrupted_steps"]) : NAN;
       }},
      {"training_goodput_tokens_per_s", [](const nlohmann::json& s) { return number(s["training"]["goodput_tokens_per_s"]); }},
      {"goodput_requests_per_s", [](const nlohmann::json& s) { return number(s["inference"]["goodput_requests_per_s"]); }},
      {"ttft_p50_s", [](const nlohmann::json& s) { return number(s["inference"]["ttft_s"]["p50"]); }},
      {"ttft_p99_s", [](const nlohmann::json& s) { return number(s["inference"]["ttft_s"]["p99"]); }},
      {"e2e_p50_s", [](const nlohmann::json& s) { return number(s["inference"]["e2e_s"]["p50"]); }},
      {"e2e_p99_s", [](const nlohmann::json& s) { return number(s["inference"]["e2e_s"]["p99"]); }},
      {"slo_attainment", [](const nlohmann::json& s) { return number(s["inference"]["slo_attainment"]); }},
      {"availability", [](const nlohmann::json& s) { return number(s["inference"]["availability"]); }},
      {"network_time_share",
       [](const nlohmann::json& s) { return number(s["inference"]["latency_breakdown"]["network_time_share"]); }},
      // Power, when the platform models it.
      {"energy_per_iteration_j", [](const nlohmann::json& s) { return s.contains("power") ? number(s["power"]["energy_per_iteration_j"]) : NAN; }},
      {"energy_per_output_token_j",
       [](const nlohmann::json& s) { return s.contains("power") ? number(s["power"]["energy_per_output_token_j"]) : NAN; }},
      {"training_compute_energy_per_iteration_j",
       [](const nlohmann::json& s) { return s.contains("power") ? number(s["power"]["training_compute_energy_per_iteration_j"]) : NAN; }},
      {"serving_energy_per_output_token_j",
       [](const nlohmann::json& s) { return s.contains("power") ? number(s["power"]["serving_energy_per_output_token_j"]) : NAN; }},
      {"throttled_satellite_h", [](const nlohmann::json& s) { return s.contains("power") ? number(s["power"]["throttled_satellite_h"]) : NAN; }},
      {"training_shed_satellite_h",
       [](const nlohmann::json& s) { return s.contains("power") ? number(s["power"]["training_shed_satellite_h"]) : NAN; }},
      {"brownout_satellite_h", [](const nlohmann::json& s) { return s.contains("power") ? number(s["power"]["brownout_satellite_h"]) : NAN; }},
      {"curtailed_wh", [](const nlohmann::json& s) { return s.contains("power") ? number(s["power"]["curtailed_wh"]) : NAN; }},
  };
  return kMetrics;
}


const RunMetric* find_run_metric(const std::string& name) {
  for (const RunMetric& m : run_metrics())
    if (name == m.name) return &m;
  return nullptr;
}

std::string run_metric_names() {
  std::string out;
  for (const RunMetric& m : run_metrics()) out += (out.empty() ? "" : ", ") + std::string(m.name);
  return out;
}

}  // namespace orbitsim
