// `orbitsim trace convert --from FORMAT IN --to OUT.csv [options]`: turns a public trace into
// requests.csv or jobs.csv, keeping what the trace has and adding stations and the model by the
// explicit rules that the output's header records.
// `orbitsim trace generate --kind poisson|diurnal|trace-shaped ...`: seeded synthetic requests.csv.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "app/commands.hpp"
#include "world/world_builder.hpp"
#include "metrics/output_files.hpp"
#include "core/input_error.hpp"
#include "workload/trace_conversion.hpp"
#include "workload/request_generator.hpp"
#include "workload/station_weights.hpp"

namespace orbitsim {

CommandRunner add_trace_command(CLI::App& app) {
  struct Options {
    std::string from, in, to, platform;
    RequestConversionOptions requests;
    JobConversionOptions jobs;
  };
  auto o = std::make_shared<Options>();
  app.require_subcommand(1);
  CLI::App* convert = app.add_subcommand("convert", "Convert a public trace into requests.csv or jobs.csv");
  convert->add_option("--from", o->from,
                      "Trace format: azure-llm, mooncake (-> requests.csv); swf, alibaba-gpu2023 (-> jobs.csv)")
      ->required()
      ->check(CLI::IsMember({"azure-llm", "mooncake", "swf", "alibaba-gpu2023"}));
  convert->add_option("input", o->in, "Trace file")->required()->check(CLI::ExistingFile);
  convert->add_option("--to", o->to, "Output file")->required();
  convert->add_option("--platform", o->platform, "Requests: platform whose ground stations receive them");
  convert->add_option("--stations", o->requests.station_rule,
                      "Requests: station assignment rule: round-robin; random (uniform); population (in proportion to "
                      "the station file's population column); zipf (weight 1 / rank in the platform's station order, "
                      "for lists sorted by population: Zipf's law for cities)")
      ->check(CLI::IsMember({"round-robin", "random", "population", "zipf"}))
      ->capture_default_str();
  convert->add_option("--seed", o->requests.seed, "Requests: seed of the random station rule")->capture_default_str();
  convert->add_option("--model", o->requests.model, "Model of every request or job (a name of workloads/models.yaml)")
      ->capture_default_str();
  convert->add_option("--time-scale", o->requests.time_scale, "Divide arrival times by this (10 = ten times the rate)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  convert->add_option("--max-arrival-s", o->requests.max_arrival_s, "Requests: keep arrivals before this time (after scaling)");
  convert->add_option("--iter-compute-s", o->jobs.iter_compute_s, "Jobs: iteration time; iterations = runtime / this")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  convert->add_option("--gpus-per-satellite", o->jobs.gpus_per_satellite, "Jobs: num_nodes = ceil(GPUs / this)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();

  struct GenerateOptions {
    std::string platform, to, lengths_from;
    std::string weighting = "uniform";
    GeneratorOptions g;
  };
  auto gen = std::make_shared<GenerateOptions>();
  CLI::App* generate = app.add_subcommand("generate", "Generate seeded synthetic requests.csv (Poisson, diurnal, trace-shaped)");
  generate->add_option("--kind", gen->g.kind, "Arrival process")
      ->check(CLI::IsMember({"poisson", "diurnal", "trace-shaped"}))
      ->capture_default_str();
  generate->add_option("--platform", gen->platform, "Platform whose ground stations receive the requests")->required();
  generate->add_option("--to", gen->to, "Output requests.csv")->required();
  generate->add_option("--duration-s", gen->g.duration_s, "Arrivals in [0, duration)")->check(CLI::PositiveNumber)->capture_default_str();
  generate->add_option("--rate", gen->g.rate_per_s, "Mean requests per second (all stations)")->check(CLI::PositiveNumber)->capture_default_str();
  generate->add_option("--seed", gen->g.seed, "Seed")->capture_default_str();
  generate->add_option("--model", gen->g.model, "Model of every request")->capture_default_str();
  generate->add_option("--lengths-from", gen->lengths_from, "Azure-format trace to resample lengths (and inter-arrivals for trace-shaped) from")
      ->check(CLI::ExistingFile);
  generate->add_option("--input-tokens", gen->g.input_tokens, "Fixed prompt length without --lengths-from")->capture_default_str();
  generate->add_option("--output-tokens", gen->g.output_tokens, "Fixed output length without --lengths-from")->capture_default_str();
  generate->add_option("--diurnal-amplitude", gen->g.diurnal_amplitude, "Diurnal: relative amplitude A")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  generate->add_option("--peak-local-hour", gen->g.peak_local_hour, "Diurnal: local solar hour of the peak")
      ->check(CLI::Range(0.0, 24.0))
      ->capture_default_str();
  generate->add_option("--stations", gen->weighting,
                       "How arrivals spread over the stations: uniform; population (the station file's population "
                       "column); zipf (weight 1 / rank in the platform's station order: Zipf's law for cities)")
      ->check(CLI::IsMember({"uniform", "population", "zipf"}))
      ->capture_default_str();
  return [o, gen, generate] {
    if (generate->parsed()) {
      const PlatformConfig config = load_platform_config(gen->platform);
      const World world = build_world(config);
      gen->g.stations = world.ground_stations;
      gen->g.station_weighting = parse_station_weighting(gen->weighting);
      gen->g.epoch = config.epoch;
      if (!gen->lengths_from.empty()) gen->g.samples = read_azure_samples(gen->lengths_from);
      gen->g.command_line = fmt::format(
          "orbitsim trace generate --kind {} --platform {} --duration-s {:g} --rate {:g} --seed {} --model {}{}",
          gen->g.kind, gen->platform, gen->g.duration_s, gen->g.rate_per_s, gen->g.seed, gen->g.model,
          gen->lengths_from.empty() ? "" : " --lengths-from " + gen->lengths_from) +
          (gen->weighting == "uniform" ? "" : " --stations " + gen->weighting);
      write_file_atomically(gen->to, generate_requests(gen->g));
      std::cerr << "orbitsim: requests written to " << gen->to << "\n";
      return 0;
    }
    const bool requests = o->from == "azure-llm" || o->from == "mooncake";
    std::string command = "orbitsim trace convert --from " + o->from + " " + o->in + " --model " + o->requests.model +
                          fmt::format(" --time-scale {:g}", o->requests.time_scale);
    ConversionResult r;
    if (requests) {
      if (o->platform.empty())
        throw InputError({"command line", 0}, "--platform", "a platform file (requests need ground stations)", "none");
      const PlatformConfig config = load_platform_config(o->platform);
      const World world = build_world(config);
      for (const auto& gs : world.ground_stations) o->requests.stations.push_back(gs.name);
      if (o->requests.station_rule == "population" || o->requests.station_rule == "zipf")
        o->requests.station_weights =
            station_weights(world.ground_stations, parse_station_weighting(o->requests.station_rule));
      o->requests.command_line =
          command + " --platform " + o->platform + " --stations " + o->requests.station_rule + " --seed " +
          std::to_string(o->requests.seed) +
          (o->requests.max_arrival_s >= 0 ? fmt::format(" --max-arrival-s {:g}", o->requests.max_arrival_s) : "");
      r = o->from == "azure-llm" ? convert_azure_llm_trace(o->in, o->requests) : convert_mooncake_trace(o->in, o->requests);
    } else {
      o->jobs.model = o->requests.model;
      o->jobs.time_scale = o->requests.time_scale;
      o->jobs.command_line = command + fmt::format(" --iter-compute-s {:g} --gpus-per-satellite {}",
                                                   o->jobs.iter_compute_s, o->jobs.gpus_per_satellite);
      r = o->from == "swf" ? convert_swf_trace(o->in, o->jobs) : convert_alibaba_gpu2023_trace(o->in, o->jobs);
    }
    write_file_atomically(o->to, r.csv);
    std::cerr << "orbitsim: " << r.rows_written << (requests ? " requests" : " jobs") << " written to " << o->to
              << (r.rows_skipped ? fmt::format(" ({} rows skipped, see its header)", r.rows_skipped) : "") << "\n";
    return 0;
  };
}

}  // namespace orbitsim
