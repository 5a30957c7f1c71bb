// `orbitsim sweep SWEEP.yaml [--backend local|slurm] [--out DIR] [--jobs N] [--dry-run] [--resume] [--yes]`:
// every point of a sweep (config/sweep_config.hpp) as its own `orbitsim run` into DIR/runs/<point-id>/,
// in parallel processes or as a Slurm job array (app/slurm_backend.hpp); then DIR/sweep.csv: one row per combination of axis values, policy and metric, with the
// mean, standard deviation and a 95 % interval over seeds (metrics/replication_interval.hpp). Points
// differing only in policy share their seed, hence their failures (common random numbers).
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "app/interrupt.hpp"
#include "app/run_launcher.hpp"
#include "app/slurm_backend.hpp"
#include "app/sweep_plan.hpp"
#include "config/scenario_config.hpp"
#include "config/sweep_config.hpp"
#include "config/yaml_overrides.hpp"
#include "core/input_error.hpp"
#include "core/worker_pool.hpp"
#include "metrics/output_files.hpp"
#include "metrics/replication_interval.hpp"
#include "metrics/run_metrics.hpp"

namespace orbitsim {
namespace {

constexpr size_t kPointsWithoutConfirmation = 10000;

struct SweepOptions {
  std::string file, out, backend = "local";
  unsigned jobs = static_cast<unsigned>(default_thread_count());
  int points_per_task = 4;
  std::vector<std::string> slurm_options;
  bool dry_run = false, resume = false, yes = false, aggregate_only = false;
};

// Every axis value, with the fixed overrides, must make a valid scenario: checked before anything runs,
// and reported at the axis's line in the sweep file.
void check_axes(const SweepConfig& c) {
  auto overrides = [&](const std::vector<std::string>& sets) {
    std::vector<YamlOverride> out;
    for (const auto& s : sets) out.push_back(parse_yaml_override(s, "set"));
    return out;
  };
  try {
    load_scenario_config(c.scenario_file, overrides(c.sets));
  } catch (const InputError& e) {
    throw InputError({c.file, 0}, fmt::format("the scenario with the sweep's set: {}", e.what()));
  }
  const auto first = c.combination(0);
  for (size_t a = 0; a < c.axes.size(); ++a)
    for (const auto& value : c.axes[a].values) {
      std::vector<std::string> sets = c.sets;
      for (size_t b = 0; b < c.axes.size(); ++b) sets.push_back(c.axes[b].key + "=" + (a == b ? value : first[b]));
      try {
        load_scenario_config(c.scenario_file, overrides(sets));
      } catch (const InputError& e) {
        throw InputError(c.axes[a].where, fmt::format("axis {} = {}: {}", c.axes[a].key, value, e.what()));
      }
    }
}

std::string csv_field(const std::string& text) {
  return text.find_first_of(",\"\n") == std::string::npos ? text : "\"" + text + "\"";
}

std::string aggregate(const SweepConfig& c, const std::vector<SweepPoint>& points, const std::string& runs_dir) {
  std::string csv = std::string("# ") + kReplicationIntervalMethod + "\ncombination";
  for (const auto& a : c.axes) csv += "," + csv_field(a.key);
  csv += ",policy,metric,runs,mean,sd,ci95_low,ci95_high\n";
  auto cell = [](double x) { return std::isfinite(x) ? fmt::format("{:.6g}", x) : std::string(); };
  for (const SweepGroup& g : aggregate_sweep(c, points, runs_dir)) {
    const auto values = c.combination(g.combination);
    for (const auto& name : c.metrics) {
      const ReplicationInterval& r = g.metrics.at(name);
      if (r.n == 0) continue;  // no complete run has this figure
      csv += std::to_string(g.combination);
      for (const auto& x : values) csv += "," + csv_field(x);
      csv += fmt::format(",{},{},{},{},{},{},{}\n", g.policy, name, r.n, cell(r.mean), cell(r.sd), cell(r.ci95_low), cell(r.ci95_high));
    }
  }
  return csv;
}

// Writes sweep.csv from the complete points (marked incomplete when some are missing) and returns the
// exit code: 0 when every point is complete, 1 when some failed or are missing, 130/143 on a signal.
int write_sweep_csv(const SweepConfig& c, const std::vector<SweepPoint>& points, const std::string& out_dir,
                    const std::vector<std::string>& failed, int signal) {
  const std::string runs_dir = out_dir + "/runs";
  std::string csv = aggregate(c, points, runs_dir);
  size_t done = 0;
  for (const SweepPoint& p : points) done += run_complete(runs_dir + "/" + p.id) ? 1 : 0;
  if (done < points.size()) {
    std::string ids;
    for (size_t i = 0; i < failed.size() && i < 20; ++i) ids += (i ? " " : "") + failed[i];
    csv = fmt::format("# incomplete: {} of {} points complete{}{}; `orbitsim sweep --resume` runs the others\n", done,
                      points.size(), signal ? fmt::format("; interrupted by {}", InterruptSignals::name(signal)) : "",
                      failed.empty() ? "" : fmt::format("; failed: {}{}", ids, failed.size() > 20 ? " ..." : "")) + csv;
  }
  write_file_atomically(out_dir + "/sweep.csv", csv);
  std::cout << fmt::format("sweep: {}/sweep.csv ({} of {} points complete, runs in {})\n", out_dir, done, points.size(), runs_dir);
  if (signal) return InterruptSignals::exit_code(signal);
  if (!failed.empty())
    std::cerr << fmt::format("orbitsim: sweep: {} points failed: {}\n", failed.size(), failed.front() + (failed.size() > 1 ? " ..." : ""));
  return done < points.size() ? 1 : 0;
}

int run_sweep(const SweepOptions& o) {
  const SweepConfig c = load_sweep_config(o.file);
  const std::vector<SweepPoint> points = plan_sweep(c);
  if (points.size() > kPointsWithoutConfirmation && !o.yes)
    throw InputError({o.file, 0}, fmt::format("{} points ({} combinations x {} policies x {} seeds): more than {} "
                                              "runs need --yes",
                                              points.size(), c.combinations(), std::max<size_t>(1, c.policies.size()),
                                              c.last_seed - c.first_seed + 1, kPointsWithoutConfirmation));
  check_axes(c);
  const std::string stem = std::filesystem::path(o.file).stem().string();
  const std::string out_dir = o.out.empty() ? "out/" + stem + "-sweep" : o.out;
  const std::string runs_dir = out_dir + "/runs";
  if (o.dry_run) {
    std::cout << fmt::format("sweep {}: {} points ({} combinations x {} policies x {} seeds) of {} into {}\n", o.file,
                             points.size(), c.combinations(), std::max<size_t>(1, c.policies.size()),
                             c.last_seed - c.first_seed + 1, c.scenario_file, runs_dir);
    for (const SweepPoint& p : points) {
      std::cout << p.id << "  --seed " << p.seed;
      for (const auto& s : p.sets) std::cout << " --set " << s;
      std::cout << (o.resume && run_complete(runs_dir + "/" + p.id) ? "  (complete)" : "") << "\n";
    }
    return 0;
  }
  if (o.aggregate_only) return write_sweep_csv(c, points, out_dir, {}, 0);
  std::filesystem::create_directories(runs_dir);
  std::vector<RunRequest> requests;
  std::vector<size_t> index;  // point of each request
  for (size_t i = 0; i < points.size(); ++i) {
    if (o.resume && run_complete(runs_dir + "/" + points[i].id)) continue;
    requests.push_back({runs_dir + "/" + points[i].id, points[i].seed, points[i].sets});
    index.push_back(i);
  }
  std::cerr << fmt::format("sweep: {} points, {} to run{}\n", points.size(), requests.size(),
                           o.resume ? fmt::format(" ({} complete)", points.size() - requests.size()) : "");
  const InterruptSignals interrupts;
  std::vector<std::string> failed;
  if (o.backend == "slurm" && !requests.empty()) {
    namespace fs = std::filesystem;
    SlurmSweep job{fs::absolute(out_dir + "/slurm").string(), fs::absolute(c.scenario_file).string(), requests,
                   o.points_per_task, o.slurm_options,
                   {fs::read_symlink("/proc/self/exe").string(), "sweep", fs::absolute(o.file).string(), "--out",
                    fs::absolute(out_dir).string(), "--aggregate-only"}};
    for (RunRequest& r : job.runs) r.dir = fs::absolute(r.dir).string();
    const SlurmOutcome outcome = run_on_slurm(job, [&] {
      size_t done = 0;
      for (const RunRequest& r : requests) done += std::filesystem::exists(r.dir + "/summary.json") ? 1 : 0;
      return done;
    }, interrupts);
    for (size_t r = 0; r < requests.size(); ++r)
      if (!run_complete(requests[r].dir)) failed.push_back(points[index[r]].id);
    if (!failed.empty() && !interrupts.received()) {
      std::string states;
      for (const auto& t : outcome.task_states) states += (states.empty() ? "" : ", ") + t;
      std::cerr << fmt::format("orbitsim: sweep: array {} tasks: {}; merge job {} {}\n", outcome.array_job, states,
                               outcome.merge_job, outcome.merged ? "completed" : "did not run");
    }
    if (outcome.merged && failed.empty()) {
      std::cout << fmt::format("sweep: {}/sweep.csv written by merge job {} ({} points)\n", out_dir, outcome.merge_job, points.size());
      return 0;
    }
  } else {
    const auto outcome = launch_runs(c.scenario_file, requests, o.jobs, "sweep", interrupts);
    for (size_t r = 0; r < outcome.size(); ++r)
      if (outcome[r] == RunOutcome::kFailed || outcome[r] == RunOutcome::kBadInput) failed.push_back(points[index[r]].id);
  }
  return write_sweep_csv(c, points, out_dir, failed, interrupts.received());
}

}  // namespace

CommandRunner add_sweep_command(CLI::App& app) {
  auto o = std::make_shared<SweepOptions>();
  app.add_option("sweep", o->file, "Sweep YAML file (scenario, combine, set, axes, policies, seeds, metrics)")->required();
  app.add_option("--out", o->out, "Output folder (default: out/<sweep file name>-sweep)");
  app.add_option("--jobs", o->jobs, "Runs in parallel (default: the number of cores)")->check(CLI::PositiveNumber);
  app.add_flag("--dry-run", o->dry_run, "List the points and their overrides; run nothing");
  app.add_flag("--resume", o->resume, "Run only the points without a complete output (summary.json of the whole horizon)");
  app.add_flag("--yes", o->yes, fmt::format("Allow more than {} points", kPointsWithoutConfirmation));
  app.add_option("--backend", o->backend, "local: parallel processes here (--jobs); slurm: a job array and a merge job")
      ->check(CLI::IsMember({"local", "slurm"}))
      ->capture_default_str();
  app.add_option("--points-per-task", o->points_per_task, "slurm: runs per array task (Slurm schedules in ~1 s waves)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--slurm-option", o->slurm_options,
                 "slurm: an sbatch option for both jobs, e.g. --slurm-option=--partition=long --slurm-option=--time=2:00:00")
      ->allow_extra_args(false);
  app.add_flag("--aggregate-only", o->aggregate_only, "Write sweep.csv from the runs already in DIR (the Slurm merge job's step)");
  app.footer(
      "Each point runs into DIR/runs/<point-id>/ (c<combination>[-<policy>]-s<seed>) with its effective scenario.yaml,\n"
      "so it can be re-run alone. sweep.csv: combination, the axis values, policy, metric, runs, mean, sd, ci95_low,\n"
      "ci95_high (percentile bootstrap of the mean over seeds; never outside the observed values). A failed point is\n"
      "reported by id, the others aggregated, and the exit code is 1; --resume then runs what is missing.\n"
      "Metrics: " + run_metric_names() + ".");
  return [o] { return run_sweep(*o); };
}

}  // namespace orbitsim
