#include "viewer/run_folder.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/input_error.hpp"
#include "core/csv_table.hpp"

namespace orbitsim {
namespace {

std::string required(const std::string& dir, const std::string& name) {
  const auto path = (std::filesystem::path(dir) / name).string();
  if (!std::filesystem::is_regular_file(path))
    throw InputError({dir, 0}, "run folder", "the outputs of orbitsim run (platform.yaml, summary.json, failures.csv, nodes.csv)",
                     "no " + name);
  return path;
}

}  // namespace

bool is_run_folder(const std::string& path) { return std::filesystem::is_directory(path); }

RunFolder open_run_folder(const std::string& dir) {
  RunFolder run;
  run.dir = dir;
  run.platform_file = required(dir, "platform.yaml");
  const std::string summary_file = required(dir, "summary.json");
  std::ifstream in(summary_file);
  std::stringstream text;
  text << in.rdbuf();
  run.summary = nlohmann::json::parse(text.str(), nullptr, false);
  if (run.summary.is_discarded() || !run.summary.contains("horizon_s") || !run.summary["horizon_s"].is_number())
    throw InputError({summary_file, 0}, "horizon_s", "a summary.json written by orbitsim run", "no horizon_s");
  run.horizon_s = run.summary["horizon_s"].get<double>();
  return run;
}

void read_run_outputs(RunFolder& run, const std::vector<std::string>& node_names, int satellites) {
  run.failures = read_failure_trace(required(run.dir, "failures.csv"), node_names, satellites);
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < node_names.size(); ++i) index.emplace(node_names[i], i);

  const CsvTable nodes(required(run.dir, "nodes.csv"), {"node_id", "name", "training_busy_s", "inference_busy_s", "utilisation"});
  nodes.require_column("name");
  nodes.require_column("utilisation");
  run.utilisation.assign(node_names.size(), 0.0);
  for (size_t r = 0; r < nodes.rows(); ++r) {
    const auto it = index.find(nodes.text(r, "name"));
    if (it == index.end()) nodes.fail(r, "name", "a node of the run's platform", nodes.text(r, "name"));
    run.utilisation[it->second] = nodes.number(r, "utilisation", 0.0, 1.0);
  }

  const auto power_file = std::filesystem::path(run.dir) / "power.csv";
  if (!std::filesystem::is_regular_file(power_file)) return;
  const CsvTable power(power_file.string(), {"t_s", "satellite", "generation_w", "load_w", "battery_wh", "soc", "radiator_k",
                                             "accelerator_k", "pstate", "sunlit", "throttled", "shed"});
  for (const char* column : {"t_s", "satellite", "soc", "sunlit", "throttled", "shed"}) power.require_column(column);
  for (size_t r = 0; r < power.rows(); ++r) {
    const auto it = index.find(power.text(r, "satellite"));
    if (it == index.end() || static_cast<int>(it->second) >= satellites)
      power.fail(r, "satellite", "a satellite of the run's platform", power.text(r, "satellite"));
    run.power.push_back({power.number(r, "t_s", 0.0, 1e12), static_cast<int>(it->second), power.integer(r, "sunlit", 0, 1) == 1,
                         power.integer(r, "throttled", 0, 1) == 1, !power.empty(r, "shed"),  // brownout, overheat, dark
                         power.number(r, "soc", 0.0, 1.0)});
  }
}

}  // namespace orbitsim
