// `orbitsim trace convert --from azure-llm IN --to OUT.csv --platform PLATFORM.yaml [options]`: turns a
// public trace into requests.csv, keeping what the trace has and adding stations and the model by the
// explicit rules that the output's header records.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "app/commands.hpp"
#include "config/world.hpp"
#include "metrics/output_files.hpp"
#include "workload/azure_llm_trace.hpp"

namespace orbitsim {

CommandRunner add_trace_command(CLI::App& app) {
  struct Options {
    std::string from, in, to, platform;
    AzureConversionOptions azure;
  };
  auto o = std::make_shared<Options>();
  app.require_subcommand(1);
  CLI::App* convert = app.add_subcommand("convert", "Convert a public trace into orbitsim's requests.csv");
  convert->add_option("--from", o->from, "Trace format")->required()->check(CLI::IsMember({"azure-llm"}));
  convert->add_option("input", o->in, "Trace file")->required()->check(CLI::ExistingFile);
  convert->add_option("--to", o->to, "Output requests.csv")->required();
  convert->add_option("--platform", o->platform, "Platform whose ground stations receive the requests")->required();
  convert->add_option("--stations", o->azure.station_rule, "Station assignment rule")
      ->check(CLI::IsMember({"round-robin", "random"}))
      ->capture_default_str();
  convert->add_option("--seed", o->azure.seed, "Seed of the random station rule")->capture_default_str();
  convert->add_option("--model", o->azure.model, "Model of every request (a name of workloads/models.yaml)")
      ->capture_default_str();
  convert->add_option("--time-scale", o->azure.time_scale, "Divide arrival times by this (10 = ten times the rate)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  convert->add_option("--max-arrival-s", o->azure.max_arrival_s, "Keep arrivals before this time (after scaling)");
  return [o] {
    const PlatformConfig config = load_platform_config(o->platform);
    const World world = build_world(config);
    for (const auto& gs : world.ground_stations) o->azure.stations.push_back(gs.name);
    o->azure.command_line = "orbitsim trace convert --from " + o->from + " " + o->in + " --platform " + o->platform +
                            " --stations " + o->azure.station_rule + " --seed " + std::to_string(o->azure.seed) +
                            " --model " + o->azure.model + " --time-scale " + fmt::format("{:g}", o->azure.time_scale) +
                            (o->azure.max_arrival_s >= 0 ? fmt::format(" --max-arrival-s {:g}", o->azure.max_arrival_s) : "");
    const ConversionResult r = convert_azure_llm_trace(o->in, o->azure);
    write_file_atomically(o->to, r.csv);
    std::cerr << "orbitsim: " << r.rows_written << " requests written to " << o->to << "\n";
    return 0;
  };
}

}  // namespace orbitsim
