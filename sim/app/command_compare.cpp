// `orbitsim compare SCENARIO --policies a,b --seeds 1:10 [--failure-scale 0,1,2 (x every failure rate)] [--kill-fraction 0,0.2]`:
// runs every combination as its own `orbitsim run` process (in parallel up to the core count), with
// common random numbers: for a given seed and failure setting every policy sees the same failures.
// Writes comparison.csv and prints, per policy and failure setting, the mean and 95 % confidence
// interval (Student's t over seeds) of each metric.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "app/commands.hpp"
#include "app/interrupt.hpp"
#include "app/progress.hpp"
#include "config/scenario_config.hpp"
#include "config/yaml_overrides.hpp"
#include "core/input_error.hpp"
#include "core/worker_pool.hpp"
#include "metrics/output_files.hpp"
#include "policy/power/dvfs_governor.hpp"
#include "policy/power/eclipse_training_policy.hpp"
#include "policy/failover/inference_failover_policy.hpp"
#include "policy/failover/training_failover_policy.hpp"

extern char** environ;

namespace orbitsim {
namespace {

struct CompareOptions {
  std::string file, out, policies, seeds = "1:5", scales = "1", kills = "0";
  std::vector<std::string> sets;
  unsigned jobs = static_cast<unsigned>(default_thread_count());
};

struct Metric {
  const char* name;
  std::function<double(const nlohmann::json&)> read;
};

double number(const nlohmann::json& j) { return j.is_number() ? j.get<double>() : NAN; }

const std::vector<Metric>& metrics() {
  static const std::vector<Metric> kMetrics{
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
      {"goodput_requests_per_s", [](const nlohmann::json& s) { return number(s["inference"]["goodput_requests_per_s"]); }},
      {"ttft_p99_s", [](const nlohmann::json& s) { return number(s["inference"]["ttft_s"]["p99"]); }},
      {"slo_attainment", [](const nlohmann::json& s) { return number(s["inference"]["slo_attainment"]); }},
      {"availability", [](const nlohmann::json& s) { return number(s["inference"]["availability"]); }},
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

struct Run {
  std::string policy;
  double scale, kill;
  long seed;
  std::string dir;
};

// Starts every run as a child `orbitsim run` process, `jobs` at a time; throws if any fails. On SIGINT or
// SIGTERM, hands the signal to the runs under way (each writes its outputs as of then), starts no more
// and returns which runs completed.
std::vector<bool> launch_runs(const std::vector<Run>& runs, const CompareOptions& o, double base_scale,
                              const std::string& out_dir, const InterruptSignals& interrupts) {
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  size_t next = 0, done = 0;
  std::map<pid_t, size_t> running;
  int failed = 0;
  std::vector<bool> completed(runs.size(), false);
  bool forwarded = false;
  Progress progress("compare (runs)", static_cast<long>(runs.size()), false);
  while (done < runs.size() && !(forwarded && running.empty())) {
    while (!interrupts.received() && next < runs.size() && running.size() < o.jobs) {
      const Run& r = runs[next];
      // The cores are shared among the runs in parallel rather than within each.
      const int threads = std::max(1, default_thread_count() / static_cast<int>(std::min<size_t>(o.jobs, runs.size())));
      std::vector<std::string> args{self, "run", o.file, "--quiet", "--seed", std::to_string(r.seed), "--out", r.dir,
                                    "--threads", std::to_string(threads)};
      for (const auto& s : o.sets) args.insert(args.end(), {"--set", s});  // first: the comparison's own win
      // A policy name selects the training and/or the inference failover policy of that name.
      if (make_training_failover_policy(r.policy)) args.insert(args.end(), {"--set", "failover.training=" + r.policy});
      if (make_inference_failover_policy(r.policy)) args.insert(args.end(), {"--set", "failover.inference=" + r.policy});
      if (make_dvfs_governor(r.policy)) args.insert(args.end(), {"--set", "power.governor=" + r.policy});
      if (make_eclipse_training_policy(r.policy)) args.insert(args.end(), {"--set", "power.eclipse_training=" + r.policy});
      args.insert(args.end(), {"--set", fmt::format("faults.rate_scale={:.17g}", base_scale * r.scale),
                               "--set", fmt::format("faults.kill_fraction_at_start={:.17g}", r.kill)});
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      posix_spawn_file_actions_t actions;
      posix_spawn_file_actions_init(&actions);
      posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
      pid_t pid = 0;
      const int rc = posix_spawn(&pid, self.c_str(), &actions, nullptr, argv.data(), environ);
      posix_spawn_file_actions_destroy(&actions);
      if (rc != 0) throw InputError({"command line", 0}, "cannot start " + self);
      running[pid] = next++;
    }
    if (const int signal = interrupts.received(); signal && !forwarded) {
      for (const auto& [child, index] : running) kill(child, signal);
      forwarded = true;
      if (running.empty()) break;
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0 && errno == EINTR) continue;  // a signal: handed on at the top of the loop
    if (pid < 0) break;
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok && !forwarded) {
      ++failed;
      std::cerr << "orbitsim: compare: run " << runs[it->second].dir << " failed\n";
    }
    completed[it->second] = ok;
    running.erase(it);
    progress.update(static_cast<long>(++done));
  }
  progress.finish();
  if (failed > 0) throw InputError({out_dir, 0}, fmt::format("{} of {} runs failed", failed, runs.size()));
  return completed;
}

// Two-sided 95 % Student t quantiles for n - 1 degrees of freedom (n = 2..30), then the normal value.
double t95(size_t n) {
  static const double kT[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                              2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                              2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045};
  return n >= 2 && n - 2 < std::size(kT) ? kT[n - 2] : 1.960;
}

// One row per (kill, scale, policy): the mean and 95 % half-width over the group's completed seeds (a
// group none of whose runs completed is left out); the same table is printed on stdout.
std::string aggregate(const std::vector<Run>& runs, size_t per_group, const std::vector<bool>& completed) {
  std::string csv = "policy,failure_scale,kill_fraction,runs";
  for (const auto& m : metrics()) csv += fmt::format(",{0}_mean,{0}_ci95", m.name);
  csv += "\n";
  std::cout << fmt::format("{:<20} {:>7} {:>6}", "policy", "scale", "kill");
  for (const auto& m : metrics()) std::cout << fmt::format(" {:>24}", m.name);
  std::cout << "\n";
  for (size_t g = 0; g < runs.size(); g += per_group) {
    const Run& head = runs[g];
    const auto group_runs = static_cast<size_t>(
        std::count(completed.begin() + static_cast<long>(g), completed.begin() + static_cast<long>(g + per_group), true));
    if (group_runs == 0) continue;
    csv += fmt::format("{},{:g},{:g},{}", head.policy, head.scale, head.kill, group_runs);
    std::cout << fmt::format("{:<20} {:>7g} {:>6g}", head.policy, head.scale, head.kill);
    for (const auto& m : metrics()) {
      std::vector<double> v;
      for (size_t i = g; i < g + per_group; ++i) {
        if (!completed[i]) continue;
        std::ifstream in(runs[i].dir + "/summary.json");
        const double x = m.read(nlohmann::json::parse(in));
        if (std::isfinite(x)) v.push_back(x);
      }
      double mean = NAN, half = NAN;
      if (!v.empty()) {
        mean = 0.0;
        for (double x : v) mean += x;
        mean /= static_cast<double>(v.size());
        if (v.size() > 1) {
          double var = 0.0;
          for (double x : v) var += (x - mean) * (x - mean);
          half = t95(v.size()) * std::sqrt(var / static_cast<double>(v.size() - 1) / static_cast<double>(v.size()));
        }
      }
      auto cell = [](double x) { return std::isfinite(x) ? fmt::format("{:.6g}", x) : std::string(); };
      csv += "," + cell(mean) + "," + cell(half);
      // Without a confidence interval (a single finite value), the mean alone.
      const std::string shown = !std::isfinite(mean) ? "-"
                                : std::isfinite(half) ? fmt::format("{:.4g} ± {:.2g}", mean, half)
                                                      : fmt::format("{:.4g}", mean);
      std::cout << fmt::format(" {:>24}", shown);
    }
    csv += "\n";
    std::cout << "\n";
  }
  return csv;
}

int run_compare(const CompareOptions& o) {
  const auto policies = split_list(o.policies, "--policies");
  for (const auto& p : policies)
    if (!make_training_failover_policy(p) && !make_inference_failover_policy(p) && !make_dvfs_governor(p) &&
        !make_eclipse_training_policy(p)) {
      std::string names;
      for (const auto& info : training_failover_policies()) names += (names.empty() ? "" : ", ") + info.name;
      for (const auto& info : inference_failover_policies())
        if (!make_training_failover_policy(info.name)) names += ", " + info.name;
      for (const auto& info : dvfs_governors()) names += ", " + info.name;
      for (const auto& info : eclipse_training_policies()) names += ", " + info.name;
      throw InputError({"command line", 0}, "--policies", "failover, DVFS or eclipse training policies among " + names,
                       "\"" + p + "\"");
    }
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

  std::vector<Run> runs;
  for (double kill : kills)
    for (double scale : scales)
      for (const auto& policy : policies)
        for (long seed = first; seed <= last; ++seed)
          runs.push_back({policy, scale, kill, seed,
                          fmt::format("{}/runs/{}_x{:g}_k{:g}_s{}", out_dir, policy, scale, kill, seed)});
  const InterruptSignals interrupts;
  const std::vector<bool> completed = launch_runs(runs, o, base_scale, out_dir, interrupts);
  const auto finished = std::count(completed.begin(), completed.end(), true);

  std::string csv = aggregate(runs, static_cast<size_t>(last - first + 1), completed);
  const int signal = interrupts.received();
  if (signal)  // marked where every reader sees it: pandas reads it with comment="#"
    csv = fmt::format("# incomplete: interrupted by {}; {} of {} runs completed (the others stopped early or never "
                      "started, see runs/)\n",
                      InterruptSignals::name(signal), finished, runs.size()) + csv;
  write_file_atomically(out_dir + "/comparison.csv", csv);
  std::cout << "comparison: " << out_dir << "/comparison.csv (" << finished << " of " << runs.size() << " runs in "
            << out_dir << "/runs" << (signal ? "; incomplete: interrupted" : "") << ")\n";
  return signal ? InterruptSignals::exit_code(signal) : 0;
}

}  // namespace

CommandRunner add_compare_command(CLI::App& app) {
  auto o = std::make_shared<CompareOptions>();
  app.add_option("scenario", o->file, "Scenario YAML file")->required();
  std::string training, inference, both;  // from the registries, so that the help never goes stale
  auto append = [](std::string& list, const std::string& name) { list += (list.empty() ? "" : ", ") + name; };
  for (const auto& p : training_failover_policies())
    append(make_inference_failover_policy(p.name) ? both : training, p.name);
  for (const auto& p : inference_failover_policies())
    if (!make_training_failover_policy(p.name)) append(inference, p.name);
  std::string governors, eclipse;
  for (const auto& g : dvfs_governors()) append(governors, g.name);
  for (const auto& e : eclipse_training_policies()) append(eclipse, e.name);
  app.add_option("--policies", o->policies,
                 "Policies to compare, comma-separated: training failover (" + training + "), inference failover (" +
                     inference + "), both (" + both + "), DVFS governors (" + governors +
                     ", power.governor) or eclipse training policies (" + eclipse + ", power.eclipse_training)")
      ->required();
  app.add_option("--seeds", o->seeds, "FIRST:LAST seeds (each a replication)")->capture_default_str();
  app.add_option("--failure-scale", o->scales, "Multipliers of every failure rate (faults.rate_scale), comma-separated")
      ->capture_default_str();
  app.add_option("--kill-fraction", o->kills, "Fractions of satellites failed at t = 0, comma-separated")
      ->capture_default_str();
  app.add_option("--out", o->out, "Output folder (default: out/<scenario name>-compare)");
  app.add_option("--jobs", o->jobs, "Runs in parallel (default: the number of cores)")->check(CLI::PositiveNumber);
  app.add_option("--set", o->sets, "Override a scenario key for every run: key.path=value")->take_all();
  app.footer("comparison.csv: policy,failure_scale,kill_fraction,runs, then <metric>_mean,<metric>_ci95 for\n"
             "jobs_finished_fraction, jct_mean_s, lost_iterations, corrupted_steps, goodput_requests_per_s, ttft_p99_s, slo_attainment,\n"
             "availability (ci95: half-width of the 95 % Student-t interval over seeds).");
  return [o] { return run_compare(*o); };
}

}  // namespace orbitsim
