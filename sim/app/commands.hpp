// The subcommands of the orbitsim command line. Each registers its options on a CLI11 subcommand and
// returns a runner; `run_cli` dispatches, prints InputError as one line and maps it to exit code 2.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace orbitsim {

using CommandRunner = std::function<int()>;

CommandRunner add_validate_command(CLI::App& app);
CommandRunner add_positions_command(CLI::App& app);
CommandRunner add_summary_command(CLI::App& app);
CommandRunner add_stations_command(CLI::App& app);
CommandRunner add_route_command(CLI::App& app);
CommandRunner add_topology_command(CLI::App& app);
CommandRunner add_transfer_command(CLI::App& app);
CommandRunner add_run_command(CLI::App& app);
CommandRunner add_trace_command(CLI::App& app);
CommandRunner add_compare_command(CLI::App& app);
CommandRunner add_sweep_command(CLI::App& app);
CommandRunner add_export_command(CLI::App& app);

int run_cli(int argc, char** argv);

}  // namespace orbitsim
