// `orbitsim run SCENARIO.yaml [--out DIR] [--seed N] [--set key=value ...] [--threads N] [--quiet]`: simulates a
// scenario on SimGrid and writes its outputs to one folder:
//   jobs.csv, requests.csv, nodes.csv, timeseries.csv, failures.csv, events.csv, summary.json
//                                                         simulated results (byte-identical for a seed)
//   scenario.yaml, platform.yaml                          the effective configuration
//   run_info.json                       wall time, peak memory, threads, versions (kept apart)
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>

#include "app/commands.hpp"
#include "app/interrupt.hpp"
#include "app/progress.hpp"
#include "app/run_outputs.hpp"
#include "app/run_printout.hpp"
#include "app/scenario_inputs.hpp"
#include "config/scenario_config.hpp"
#include "config/yaml_overrides.hpp"
#include "core/event_log.hpp"
#include "core/worker_pool.hpp"
#include "faults/fault_injector.hpp"
#include "faults/failure_trace.hpp"
#include "metrics/output_files.hpp"
#include "metrics/timeseries.hpp"
#include "orbit/frames.hpp"
#include "platform/sim_platform.hpp"
#include "platform/sim_runtime.hpp"
#include "platform/transfer_service.hpp"
#include "policy/failover/inference_failover_policy.hpp"
#include "policy/failover/training_failover_policy.hpp"
#include "policy/placement/placement_policy.hpp"
#include "policy/power/eclipse_training_policy.hpp"
#include "policy/serving/serving_policy.hpp"
#include "power/power_controller.hpp"
#include "topology/epoch_prefetcher.hpp"
#include "topology/topology_builder.hpp"
#include "workload/inference_server.hpp"
#include "workload/training_runner.hpp"
#include "world/world_builder.hpp"

namespace orbitsim {
namespace {

struct RunOptions {
  std::string file, out;
  std::vector<std::string> sets;
  long seed = -1;
  bool quiet = false;
  std::string log_level = "warn";
  int threads = default_thread_count();
  std::vector<std::string> simgrid_args;
};

// CPU seconds the calling thread has used: on the simulation's thread, the setup, SimGrid and every actor.
double this_thread_cpu_s() {
  timespec used{};
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &used) != 0) return 0.0;
  return static_cast<double>(used.tv_sec) + static_cast<double>(used.tv_nsec) * 1e-9;
}

// Wall time, peak memory and versions: kept apart from the simulated outputs, which must compare byte
// for byte between runs of the same scenario and seed.
void write_run_info(const std::string& path, const std::string& scenario_file,
                    std::chrono::steady_clock::time_point wall_start, const nlohmann::json& execution,
                    const nlohmann::json& interruption) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  nlohmann::json info{
      {"wall_time_s", std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count()},
      {"peak_rss_mb", static_cast<double>(usage.ru_maxrss) / 1024.0},
      {"orbitsim_version", ORBITSIM_VERSION},
      {"simgrid_version", simgrid_version()},
      {"scenario_file", scenario_file},
      {"interrupted", !interruption.is_null()}};
  info.update(execution);
  if (!interruption.is_null()) info["interruption"] = interruption;
  write_file_atomically(path, info.dump(2) + "\n");
}

// The power model, when the platform has one, started and wired to the workload's power-aware choices.
std::unique_ptr<PowerController> start_power_model(const ScenarioConfig& scenario, World& world, SimPlatform& platform,
                                                   FaultInjector& faults, TrainingRunner& training,
                                                   InferenceServer& inference, const EclipseTrainingPolicy& eclipse) {
  if (!scenario.platform.power.enabled) return nullptr;
  auto power = std::make_unique<PowerController>(platform, faults, world.constellation, scenario.platform.power,
                                                 scenario.power, scenario.platform.hardware.accelerators_per_satellite,
                                                 scenario.timeseries_interval_s, scenario.duration_s);
  power->start();
  PowerController* p = power.get();
  training.set_power_endurance([p](int s) { return p->endurance_s(s); });
  inference.set_power_endurance([p](int s) { return p->endurance_s(s); });
  inference.set_power_activity([&design = scenario.platform.power](double fraction_of_rated) {
    return design.activity_for_power_fraction(fraction_of_rated);
  });
  training.set_eclipse_policy(eclipse, [p](int s, Eclipse& e) { return p->next_eclipse(s, e); });
  return power;
}

std::vector<YamlOverride> overrides_of(const RunOptions& o) {
  std::vector<YamlOverride> overrides;
  for (const auto& s : o.sets) overrides.push_back(parse_yaml_override(s, "--set"));
  if (o.seed >= 0) overrides.emplace_back("seed", std::to_string(o.seed));
  return overrides;
}

// The policies the scenario names, each chosen once.
struct RunPolicies {
  explicit RunPolicies(const ScenarioConfig& s)
      : placement(make_training_placement_policy(s.training.placement)),
        serving(make_serving_policy(s.inference.placement)),
        training_failover(make_training_failover_policy(s.failover.training,
                                                        {s.failover.hot_spares, s.failover.elastic_min_fraction})),
        inference_failover(make_inference_failover_policy(s.failover.inference)),
        eclipse_training(make_eclipse_training_policy(s.power.eclipse_training)) {}
  std::unique_ptr<TrainingPlacementPolicy> placement;
  std::unique_ptr<ServingPolicy> serving;
  std::unique_ptr<TrainingFailoverPolicy> training_failover;
  std::unique_ptr<InferenceFailoverPolicy> inference_failover;
  std::unique_ptr<EclipseTrainingPolicy> eclipse_training;
};

// Epochs built ahead at once. Each is built by a thread of its own while the simulation's thread, mostly
// waiting for them on a large constellation, runs the current one: on 2 cores, 2 epochs at once beat 1 and
// 3 (tools/README.md). Capped because every lane holds a copy of the World.
int prefetch_lanes(int threads) { return std::min(threads, 4); }

// The SimGrid side of the constellation: hosts and links per epoch, with the next epochs built ahead on
// other threads when there are, and the transfers re-routed at epoch boundaries.
struct SimulatedNetwork {
  SimulatedNetwork(ScenarioInputs& inputs, int threads)
      : prefetcher(threads > 1 ? std::make_unique<EpochPrefetcher>([&] { return build_world(inputs.scenario.platform); },
                                                                   inputs.scenario.platform.network,
                                                                   shell_links(inputs.scenario.platform.shells),
                                                                   prefetch_lanes(threads), std::max(1, threads / prefetch_lanes(threads)))
                               : nullptr),
        platform(inputs.topology, inputs.scenario.platform),
        transfers(platform) {
    platform.use_prefetcher(prefetcher.get());
    transfers.start_epoch_updater();
  }
  std::unique_ptr<EpochPrefetcher> prefetcher;
  SimPlatform platform;
  TransferService transfers;
};

// The training jobs and the inference requests, started.
struct Workloads {
  Workloads(ScenarioInputs& inputs, SimulatedNetwork& net, const RunPolicies& policies, EventLog& events)
      : training({net.platform, net.transfers, *policies.placement, *policies.training_failover, inputs.scenario.training,
                  inputs.scenario.failover, satellites_of(inputs.world), positions_of(inputs.world)},
                 inputs.jobs.jobs),
        inference({net.platform, *policies.serving, *policies.inference_failover, inputs.catalog, inputs.scenario.inference,
                   serving_hardware(inputs.scenario.platform.hardware), inputs.scenario.failover.request_timeout_s},
                  std::move(inputs.requests.requests)) {  // the server keeps the only copy: millions of rows on a day
    training.set_event_log(&events);
    training.set_interruption_rate(
        interruptions_per_satellite_day(inputs.failures, net.platform.satellites(), inputs.scenario.duration_s));
    training.start();
    inference.set_event_log(&events);
    inference.start();
  }
  static std::vector<SatelliteInfo> satellites_of(const World& world) {
    std::vector<SatelliteInfo> out;
    for (size_t i = 0; i < world.constellation.size(); ++i) out.push_back(world.constellation.info(i));
    return out;
  }
  static std::function<Vec3(int)> positions_of(World& world) {
    return [&world](int s) {
      const double t = sim_now();
      return eci_to_ecef(world.constellation.position_eci_m(static_cast<size_t>(s), t), world.constellation.gmst_rad(t));
    };
  }
  static ServingHardware serving_hardware(const HardwareConfig& hw) {
    return {hw.accelerators_per_satellite * hw.accelerator_memory_bytes, hw.accelerator_memory_bandwidth_Bps};
  }
  TrainingRunner training;
  InferenceServer inference;
};

// What a failure (or recovery) tells the workloads.
FaultObserver workload_observer(Workloads& w) {
  return {[&w](int satellite, bool unusable) {
            w.training.set_satellite_failed(satellite, unusable);
            w.inference.set_satellite_unusable(satellite, unusable);
          },
          [&w](int satellite) {
            w.training.note_upset(satellite);
            w.inference.note_upset(satellite);
          },
          [&w](int satellite, bool shed) { w.training.set_training_shed(satellite, shed); }};
}

// One row of timeseries.csv every interval up to the horizon (not a daemon: the series covers it all).
void start_sampler(const ScenarioConfig& scenario, SimPlatform& platform, const Workloads& w,
                   const FaultInjector& faults, std::vector<RunSample>& samples) {
  sim_spawn(platform, "sampler", [&] {
    for (long k = 0;; ++k) {
      const double t = static_cast<double>(k) * scenario.timeseries_interval_s;
      if (t > scenario.duration_s) break;
      sim_sleep_until(t);
      samples.push_back({t, w.training.running_jobs(), w.training.queued_jobs(), w.training.busy_satellites(),
                         w.inference.requests_in_flight(), w.inference.tokens_delivered(), platform.isl_utilisation(),
                         platform.gsl_utilisation(), faults.satellites_down(), faults.stations_down()});
    }
  });
}

// Simulates to the horizon, then `finish(reached_s, 0)`. A progress actor also watches for SIGINT and
// SIGTERM: at its next tick (every thousandth of the horizon, at least 1 simulated s) it calls
// `finish(now, signal)`. `finish` does not return.
void run_to_horizon(SimEngine& engine, SimPlatform& platform, double horizon_s, bool quiet,
                    const std::function<void(double, int)>& finish) {
  const InterruptSignals interrupts;
  Progress progress("run (simulated s)", static_cast<long>(horizon_s), quiet);
  sim_spawn(platform, "progress", [&] {
    for (long k = 1;; ++k) {
      sim_sleep_until(static_cast<double>(k) * std::max(1.0, horizon_s / 1000.0));
      progress.update(static_cast<long>(sim_now()));
      if (const int signal = interrupts.received()) {
        progress.finish();
        finish(sim_now(), signal);
      }
    }
  }, true);
  engine.run_until(horizon_s);
  progress.finish();
  finish(sim_now(), 0);
}

int run_scenario(const RunOptions& o) {
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start_s = this_thread_cpu_s();  // both from here: the process's loading is in neither
  // 1. The scenario and every input it references, cross-checked before the simulation starts.
  ScenarioInputs inputs(o.file, overrides_of(o));
  const ScenarioConfig& scenario = inputs.scenario;
  const std::string out_dir = o.out.empty() ? "out/" + scenario.name : o.out;
  // 2. Its policies, and the workers that share each epoch's geometry.
  const RunPolicies policies(scenario);
  WorkerPool workers(o.threads);
  inputs.topology.use_workers(&workers);
  // 3. SimGrid and the network.
  SimEngine engine(o.simgrid_args, "run");
  configure_simgrid({true, scenario.network_optim});
  SimulatedNetwork net(inputs, o.threads);
  // 4. The workloads, the failures, the power model and the time series.
  EventLog events(o.log_level == "info" ? EventEcho::kInfo : EventEcho::kNone);
  Workloads work(inputs, net, policies, events);
  FaultInjector faults(net.platform, inputs.failures, workload_observer(work));
  faults.set_event_log(&events);
  faults.start();
  const auto power = start_power_model(scenario, inputs.world, net.platform, faults, work.training, work.inference,
                                       *policies.eclipse_training);
  std::vector<RunSample> samples;
  start_sampler(scenario, net.platform, work, faults, samples);
  // 5. To the horizon (or a signal), then the outputs as of then.
  const RunRecords records{scenario, inputs.failures, net.platform, net.transfers, work.training, work.inference,
                           faults,   power.get(),     events,       samples};
  run_to_horizon(engine, net.platform, scenario.duration_s, o.quiet, [&](double reached_s, int signal) {
    const nlohmann::json summary = write_run_outputs(records, out_dir, reached_s, signal != 0);
    write_run_info(out_dir + "/run_info.json", o.file, wall_start,
                   {{"threads", o.threads},
                    {"topology_epochs_built_ahead", net.prefetcher ? net.prefetcher->handed_over() : 0},
                    {"cpu_time_s", {{"simulation_thread", this_thread_cpu_s() - cpu_start_s},
                                    {"prefetch_lanes", net.prefetcher ? net.prefetcher->lane_cpu_s() : std::vector<double>{}}}}},
                   signal ? nlohmann::json{{"signal", InterruptSignals::name(signal)}, {"simulated_s", reached_s}}
                          : nlohmann::json());
    if (signal)
      std::cerr << fmt::format("orbitsim: interrupted by {} at simulated t = {:.1f} s of {:g}; outputs as of then in {}/\n",
                               InterruptSignals::name(signal), reached_s, scenario.duration_s, out_dir);
    else
      print_run_summary(summary, out_dir);
    std::cout.flush();
    std::fflush(stdout);
    // Actors are still alive (at the horizon, or mid-run): skip SimGrid's teardown of them.
    std::_Exit(signal ? InterruptSignals::exit_code(signal) : 0);
  });
  return 0;  // not reached: the outputs' writer exits
}

}  // namespace

CommandRunner add_run_command(CLI::App& app) {
  auto o = std::make_shared<RunOptions>();
  app.add_option("scenario", o->file, "Scenario YAML file")->required();
  app.add_option("--out", o->out, "Output folder (default: out/<scenario name>)");
  app.add_option("--seed", o->seed, "Seed (overrides the scenario's)")->check(CLI::Range(0L, 4294967295L));
  app.add_option("--set", o->sets, "Override a scenario key: key.path=value (platform.* for the platform file)")
      ->take_all();
  app.add_flag("--quiet", o->quiet, "No progress line on stderr");
  app.add_option("--log-level", o->log_level,
                 "info: one line on stderr per event of events.csv (job and request state changes, failures), "
                 "with the simulated time")
      ->check(CLI::IsMember({"warn", "info"}))
      ->capture_default_str();
  app.add_option("--threads", o->threads,
                 "Threads that build the coming epochs' topology and routes ahead of the simulation (up to 4 epochs "
                 "at once) and share each epoch's positions and link candidates (default: the cores this process "
                 "may use); outputs are identical for any count")
      ->check(CLI::Range(1, 256));
  app.allow_extras();
  app.footer(
      "Outputs: jobs.csv, requests.csv, nodes.csv, timeseries.csv, failures.csv (replayable), events.csv, summary.json,\n"
      "power.csv (when the platform has a power: block),\n"
      "scenario.yaml, platform.yaml,\n"
      "run_info.json.\n"
      "SimGrid options such as --cfg=network/optim:Lazy are passed to SimGrid.");
  return [o, &app] {
    o->simgrid_args = app.remaining();
    return run_scenario(*o);
  };
}

}  // namespace orbitsim
