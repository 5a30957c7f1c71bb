// `orbitsim compare SCENARIO --policies a,b --seeds 1:10 [--failure-scale 0,1,2 (x every failure rate)] [--kill-fraction 0,0.2]`:
// the sweep (app/sweep_plan.hpp) of kill fractions x failure scales x policies x seeds, every point its
// own `orbitsim run` process (in parallel up to the core count) in runs/c<combination>-<policy>-s<seed>,
// with common random numbers: for a given seed and failure setting every policy sees the same failures.
// Writes comparison.csv and prints, per policy and failure setting, the mean and a 95 % interval over
// seeds of each metric (metrics/replication_interval.hpp: within the metric's range).
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "app/commands.hpp"
#include "app/interrupt.hpp"
#include "app/progress.hpp"
#include "app/run_launcher.hpp"
#include "app/sweep_plan.hpp"
#include "config/scenario_config.hpp"
#include "config/yaml_overrides.hpp"
#include "core/input_error.hpp"
#include "core/worker_pool.hpp"
#include "metrics/output_files.hpp"
#include "metrics/replication_interval.hpp"
#include "metrics/run_metrics.hpp"

namespace orbitsim {
namespace {

struct CompareOptions {
  std::string file, out, policies, seeds = "1:5", scales = "1", kills = "0";
  std::vector<std::string> sets;
  unsigned jobs = static_cast<unsigned>(default_thread_count());
};

std::vector<std::string> split_list(const std::string& text, const char* option) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string item; std::getline(ss, item, ',');)
    if (!item.empty()) out.push_back(item);
  if (out.empty()) throw InputError({"command line", 0}, option, "a comma-separated list", "\"" + text + "\"");
  return out;
}

std::vector<double> number_list(const std::string& text, const char* option) {
  std::vector<double> out;
  for (const auto& item : split_list(text, option)) {
    size_t used = 0;
    double v = NAN;
    try {
      v = std::stod(item, &used);
    } catch (const std::exception&) {
    }
    if (used != item.size() || !(v >= 0)) throw InputError({"command line", 0}, option, "non-negative numbers", "\"" + item + "\"");
    out.push_back(v);
  }
  return out;
}

// One row per (kill, scale, policy): mean, standard deviation and 95 % interval over the group's
// completed seeds (a group none of whose runs completed is left out); the same table is printed on stdout.
std::string comparison_csv(const std::vector<SweepGroup>& groups, const std::vector<double>& scales, const std::vector<double>& kills) {
  std::string csv = std::string("# ") + kReplicationIntervalMethod + "\npolicy,failure_scale,kill_fraction,runs";
  for (const auto& m : run_metrics()) csv += fmt::format(",{0}_mean,{0}_sd,{0}_ci95_low,{0}_ci95_high", m.name);
  csv += "\n";
  std::cout << fmt::format("{:<20} {:>7} {:>6}", "policy", "scale", "kill");
  for (const auto& m : run_metrics()) std::cout << fmt::format(" {:>28}", m.name);
  std::cout << "\n";
  auto cell = [](double x) { return std::isfinite(x) ? fmt::format("{:.6g}", x) : std::string(); };
  for (const SweepGroup& g : groups) {
    if (g.complete_runs == 0) continue;
    const double scale = scales[g.combination % scales.size()], kill = kills[g.combination / scales.size()];
    csv += fmt::format("{},{:g},{:g},{}", g.policy, scale, kill, g.complete_runs);
    std::cout << fmt::format("{:<20} {:>7g} {:>6g}", g.policy, scale, kill);
    for (const auto& m : run_metrics()) {
      const ReplicationInterval& r = g.metrics.at(m.name);
      csv += "," + cell(r.mean) + "," + cell(r.sd) + "," + cell(r.ci95_low) + "," + cell(r.ci95_high);
      // Without an interval (a single finite value), the mean alone.
      const std::string shown = !std::isfinite(r.mean)     ? "-"
                                : std::isfinite(r.ci95_low) ? fmt::format("{:.4g} [{:.4g}, {:.4g}]", r.mean, r.ci95_low, r.ci95_high)
                                                            : fmt::format("{:.4g}", r.mean);
      std::cout << fmt::format(" {:>28}", shown);
    }
    csv += "\n";
    std::cout << "\n";
  }
  return csv;
}

int run_compare(const CompareOptions& o) {
  const auto policies = split_list(o.policies, "--policies");
  for (const auto& p : policies) policy_sets(p, "--policies");  // checks every name up front
  const auto colon = o.seeds.find(':');
  long first = 0, last = 0;
  try {
    first = std::stol(o.seeds.substr(0, colon));
    last = colon == std::string::npos ? first : std::stol(o.seeds.substr(colon + 1));
  } catch (const std::exception&) {
    first = 1, last = 0;
  }
  if (first < 0 || last < first) throw InputError({"command line", 0}, "--seeds", "FIRST:LAST with 0 <= FIRST <= LAST", "\"" + o.seeds + "\"");
  const auto scales = number_list(o.scales, "--failure-scale");
  const auto kills = number_list(o.kills, "--kill-fraction");
  std::vector<std::pair<std::string, std::string>> overrides;
  for (const auto& s : o.sets) overrides.push_back(parse_yaml_override(s, "--set"));
  const ScenarioConfig scenario = load_scenario_config(o.file, overrides);  // validated once, up front
  const double base_scale = scenario.faults.rate_scale;
  const std::string out_dir = o.out.empty() ? "out/" + scenario.name + "-compare" : o.out;
  std::filesystem::create_directories(out_dir + "/runs");

  // The sweep of kill fractions x failure scales x policies x seeds (sweep_plan.hpp).
  SweepConfig sweep;
  sweep.file = o.file;
  sweep.scenario_file = o.file;
  sweep.sets = o.sets;  // first: the comparison's own win
  SweepAxis kill_axis{"faults.kill_fraction_at_start", {}, {}}, scale_axis{"faults.rate_scale", {}, {}};
  for (double k : kills) kill_axis.values.push_back(fmt::format("{:.17g}", k));
  for (double x : scales) scale_axis.values.push_back(fmt::format("{:.17g}", base_scale * x));
  sweep.axes = {kill_axis, scale_axis};
  sweep.policies = policies;
  sweep.first_seed = first;
  sweep.last_seed = last;
  for (const auto& m : run_metrics()) sweep.metrics.push_back(m.name);
  const std::vector<SweepPoint> points = plan_sweep(sweep);
  std::vector<RunRequest> requests;
  for (const SweepPoint& p : points) requests.push_back({out_dir + "/runs/" + p.id, p.seed, p.sets});
  const InterruptSignals interrupts;
  const auto outcome = launch_runs(o.file, requests, o.jobs, "compare", interrupts);
  // A run that refused its input is the input's fault (exit 2); any other failure is not (exit 1).
  const auto refused = std::count(outcome.begin(), outcome.end(), RunOutcome::kBadInput);
  const auto failed = std::count(outcome.begin(), outcome.end(), RunOutcome::kFailed);
  if (refused > 0)
    throw InputError({out_dir, 0}, fmt::format("{} of {} runs refused their input (messages above)", refused, points.size()));
  if (failed > 0) throw std::runtime_error(fmt::format("{} of {} runs failed (messages above)", failed, points.size()));
  const auto finished = std::count(outcome.begin(), outcome.end(), RunOutcome::kCompleted);

  std::string csv = comparison_csv(aggregate_sweep(sweep, points, out_dir + "/runs"), scales, kills);
  const int signal = interrupts.received();
  if (signal)  // marked where every reader sees it: pandas reads it with comment="#"
    csv = fmt::format("# incomplete: interrupted by {}; {} of {} runs completed (the others stopped early or never "
                      "started, see runs/)\n",
                      InterruptSignals::name(signal), finished, points.size()) + csv;
  write_file_atomically(out_dir + "/comparison.csv", csv);
  std::cout << "comparison: " << out_dir << "/comparison.csv (" << finished << " of " << points.size() << " runs in "
            << out_dir << "/runs" << (signal ? "; incomplete: interrupted" : "") << ")\n";
  return signal ? InterruptSignals::exit_code(signal) : 0;
}

}  // namespace

CommandRunner add_compare_command(CLI::App& app) {
  auto o = std::make_shared<CompareOptions>();
  app.add_option("scenario", o->file, "Scenario YAML file")->required();
  app.add_option("--policies", o->policies, "Policies to compare, comma-separated: " + policy_names_by_kind())  // from the registries
      ->required();
  app.add_option("--seeds", o->seeds, "FIRST:LAST seeds (each a replication)")->capture_default_str();
  app.add_option("--failure-scale", o->scales, "Multipliers of every failure rate (faults.rate_scale), comma-separated")
      ->capture_default_str();
  app.add_option("--kill-fraction", o->kills, "Fractions of satellites failed at t = 0, comma-separated")
      ->capture_default_str();
  app.add_option("--out", o->out, "Output folder (default: out/<scenario name>-compare)");
  app.add_option("--jobs", o->jobs, "Runs in parallel (default: the number of cores)")->check(CLI::PositiveNumber);
  app.add_option("--set", o->sets, "Override a scenario key for every run: key.path=value")->take_all();
  app.footer("comparison.csv: policy,failure_scale,kill_fraction,runs, then <metric>_mean,_sd,_ci95_low,_ci95_high for\n" +
             run_metric_names() +
             "\n(ci95: percentile bootstrap of the mean over seeds, never outside the observed values; sd: sample\n"
             "standard deviation; empty with a single seed; a metric a run does not have, such as power without a\n"
             "power model, is empty).");
  return [o] { return run_compare(*o); };
}

}  // namespace orbitsim
