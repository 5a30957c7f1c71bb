// `orbitsim sweep SWEEP.yaml [--out DIR] [--jobs N] [--dry-run] [--resume] [--yes]`: every point of a
// sweep (config/sweep_config.hpp) as its own `orbitsim run` into DIR/runs/<point-id>/, in parallel
// processes; then DIR/sweep.csv: one row per combination of axis values, policy and metric, with the
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
  std::string file, out;
  unsigned jobs = static_cast<unsigned>(default_thread_count());
  bool dry_run = false, resume = false, yes = false;
};

struct Point {
  std::string id;
  size_t combination;
  std::string policy;
  long seed;
  std::vector<std::string> sets;
};

std::vector<Point> plan(const SweepConfig& c) {
  std::vector<std::vector<std::string>> policy_overrides;
  for (const auto& p : c.policies) {
    try {
      policy_overrides.push_back(policy_sets(p, "policies"));
    } catch (const InputError&) {
      throw InputError(c.policies_where, "policies", "policies among " + policy_names_by_kind(), "\"" + p + "\"");
    }
  }
  const std::vector<std::string> policies = c.policies.empty() ? std::vector<std::string>{""} : c.policies;
  const int digits = static_cast<int>(std::to_string(c.combinations()).size());
  std::vector<Point> points;
  for (size_t k = 0; k < c.combinations(); ++k) {
    const auto values = c.combination(k);
    for (size_t p = 0; p < policies.size(); ++p)
      for (long seed = c.first_seed; seed <= c.last_seed; ++seed) {
        Point pt{fmt::format("c{:0{}}{}-s{}", k, digits, policies[p].empty() ? "" : "-" + policies[p], seed), k, policies[p], seed, c.sets};
        for (size_t a = 0; a < c.axes.size(); ++a) pt.sets.push_back(c.axes[a].key + "=" + values[a]);
        if (!c.policies.empty()) pt.sets.insert(pt.sets.end(), policy_overrides[p].begin(), policy_overrides[p].end());
        points.push_back(std::move(pt));
      }
  }
  return points;
}

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

// A point is done when its run wrote a summary of the whole horizon.
bool complete(const std::string& dir) {
  std::ifstream in(dir + "/summary.json");
  if (!in) return false;
  const auto s = nlohmann::json::parse(in, nullptr, false);
  return !s.is_discarded() && s.value("interrupted", true) == false;
}

std::string csv_field(const std::string& text) {
  return text.find_first_of(",\"\n") == std::string::npos ? text : "\"" + text + "\"";
}

std::string aggregate(const SweepConfig& c, const std::vector<Point>& points, const std::string& runs_dir) {
  std::string csv = std::string("# ") + kReplicationIntervalMethod + "\ncombination";
  for (const auto& a : c.axes) csv += "," + csv_field(a.key);
  csv += ",policy,metric,runs,mean,sd,ci95_low,ci95_high\n";
  auto cell = [](double x) { return std::isfinite(x) ? fmt::format("{:.6g}", x) : std::string(); };
  for (size_t first = 0; first < points.size();) {
    size_t end = first;
    while (end < points.size() && points[end].combination == points[first].combination && points[end].policy == points[first].policy) ++end;
    std::vector<nlohmann::json> summaries;
    for (size_t i = first; i < end; ++i)
      if (complete(runs_dir + "/" + points[i].id)) {
        std::ifstream in(runs_dir + "/" + points[i].id + "/summary.json");
        summaries.push_back(nlohmann::json::parse(in));
      }
    const auto values = c.combination(points[first].combination);
    for (const auto& name : c.metrics) {
      std::vector<double> v;
      for (const auto& s : summaries) v.push_back(find_run_metric(name)->read(s));
      const ReplicationInterval r = replication_interval(v);
      if (r.n == 0) continue;  // no completed run has this figure
      csv += std::to_string(points[first].combination);
      for (const auto& x : values) csv += "," + csv_field(x);
      csv += fmt::format(",{},{},{},{},{},{},{}\n", points[first].policy, name, r.n, cell(r.mean), cell(r.sd), cell(r.ci95_low),
                         cell(r.ci95_high));
    }
    first = end;
  }
  return csv;
}

int run_sweep(const SweepOptions& o) {
  const SweepConfig c = load_sweep_config(o.file);
  const std::vector<Point> points = plan(c);
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
    for (const Point& p : points) {
      std::cout << p.id << "  --seed " << p.seed;
      for (const auto& s : p.sets) std::cout << " --set " << s;
      std::cout << (o.resume && complete(runs_dir + "/" + p.id) ? "  (complete)" : "") << "\n";
    }
    return 0;
  }
  std::filesystem::create_directories(runs_dir);
  std::vector<RunRequest> requests;
  std::vector<size_t> index;  // point of each request
  for (size_t i = 0; i < points.size(); ++i) {
    if (o.resume && complete(runs_dir + "/" + points[i].id)) continue;
    requests.push_back({runs_dir + "/" + points[i].id, points[i].seed, points[i].sets});
    index.push_back(i);
  }
  std::cerr << fmt::format("sweep: {} points, {} to run{}\n", points.size(), requests.size(),
                           o.resume ? fmt::format(" ({} complete)", points.size() - requests.size()) : "");
  const InterruptSignals interrupts;
  const auto outcome = launch_runs(c.scenario_file, requests, o.jobs, "sweep", interrupts);
  std::vector<std::string> failed;
  for (size_t r = 0; r < outcome.size(); ++r)
    if (outcome[r] == RunOutcome::kFailed) failed.push_back(points[index[r]].id);

  std::string csv = aggregate(c, points, runs_dir);
  const int signal = interrupts.received();
  size_t done = 0;
  for (const Point& p : points) done += complete(runs_dir + "/" + p.id) ? 1 : 0;
  if (signal || !failed.empty()) {
    std::string ids;
    for (size_t i = 0; i < failed.size() && i < 20; ++i) ids += (i ? " " : "") + failed[i];
    csv = fmt::format("# incomplete: {} of {} points complete{}{}; `orbitsim sweep --resume` runs the others\n", done,
                      points.size(), signal ? fmt::format("; interrupted by {}", InterruptSignals::name(signal)) : "",
                      failed.empty() ? "" : fmt::format("; failed: {}{}", ids, failed.size() > 20 ? " ..." : "")) + csv;
  }
  write_file_atomically(out_dir + "/sweep.csv", csv);
  std::cout << fmt::format("sweep: {}/sweep.csv ({} of {} points complete, runs in {})\n", out_dir, done, points.size(), runs_dir);
  if (signal) return InterruptSignals::exit_code(signal);
  if (!failed.empty()) {
    std::cerr << fmt::format("orbitsim: sweep: {} points failed: {}\n", failed.size(), failed.front() + (failed.size() > 1 ? " ..." : ""));
    return 1;
  }
  return 0;
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
  app.footer(
      "Each point runs into DIR/runs/<point-id>/ (c<combination>[-<policy>]-s<seed>) with its effective scenario.yaml,\n"
      "so it can be re-run alone. sweep.csv: combination, the axis values, policy, metric, runs, mean, sd, ci95_low,\n"
      "ci95_high (percentile bootstrap of the mean over seeds; never outside the observed values). A failed point is\n"
      "reported by id, the others aggregated, and the exit code is 1; --resume then runs what is missing.\n"
      "Metrics: " + run_metric_names() + ".");
  return [o] { return run_sweep(*o); };
}

}  // namespace orbitsim
