// What `orbitsim run` prints on stdout at the end: a section for each workload the scenario has
// (training, inference), its failures by kind, its power; then where the outputs are.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace orbitsim {

// `summary`: summary.json's content.
void print_run_summary(const nlohmann::json& summary, const std::string& out_dir);

}  // namespace orbitsim
