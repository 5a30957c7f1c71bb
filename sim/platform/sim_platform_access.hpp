// SimGrid's objects behind a SimPlatform, for the files of sim/platform only: the rest of orbitsim
// reaches the platform through node numbers (SimPlatform's public API) and sim_runtime.hpp.
#pragma once

#include "platform/sim_platform.hpp"

namespace orbitsim {

struct SimPlatformAccess {
  static simgrid::s4u::Host* host(const SimPlatform& p, int node) { return p.host(node); }
  static simgrid::s4u::Host* control_host(const SimPlatform& p) { return p.control_host(); }
  static std::uint64_t track_message(SimPlatform& p, simgrid::s4u::CommPtr comm, int src, int dst) {
    return p.track_message(std::move(comm), src, dst);
  }
  static std::uint64_t track_delay(SimPlatform& p, int src, int dst, double bytes) { return p.track_delay(src, dst, bytes); }
  static bool wait_for_delay(SimPlatform& p, std::uint64_t id) { return p.wait_for_delay(id); }
  static double delay_arrival_s(const SimPlatform& p, std::uint64_t id) { return p.delay_arrival_s(id); }
};

}  // namespace orbitsim
