// Resolves a node name given on the command line (a ground station or a satellite).
#pragma once

#include <string>

#include "core/input_error.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {

// Throws InputError naming `option` (with the closest names) when no node has that name.
inline int node_from_option(const TopologyBuilder& topology, const std::string& name, const char* option) {
  const int node = topology.node_named(name);
  if (node < 0)
    throw InputError({"command line", 0}, option,
                     "the name of a ground station or satellite of the platform (orbitsim stations PLATFORM lists them)",
                     "\"" + name + "\"" + topology.node_names().did_you_mean(name));
  return node;
}

}  // namespace orbitsim
