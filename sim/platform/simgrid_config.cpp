#include "platform/simgrid_config.hpp"

#include <simgrid/s4u/Engine.hpp>
#include <xbt/config.hpp>
#include <xbt/log.h>

namespace orbitsim {

void configure_simgrid(const SimPlatformOptions& options) {
  namespace s4u = simgrid::s4u;
  xbt_log_control_set("xbt_cfg.thres:warning");
  // Only settings the user did not give with --cfg= on the command line.
  auto set = [](const char* name, const std::string& value) {
    if (simgrid::config::is_default(name)) s4u::Engine::set_config(std::string(name) + ":" + value);
  };
  set("network/model", "CM02");
  set("network/crosstraffic", "0");
  set("network/TCP-gamma", "1e18");  // 0 means "off" only from SimGrid 3.34
  set("network/optim", options.network_optim);
  // Re-solve only the flows that share a link, transitively, with one that changed: the rates of the
  // others cannot move. Each token is a comm, so most solves touch a station's link and not the
  // training rings. Rates are a whole-system solve's but for floating-point rounding (README.md here).
  set("network/maxmin-selective-update", "yes");
  // Actors come and go with every request (arrival, copies, delivery: ~4 each): SimGrid's default 8 MiB
  // stack behind a guard page costs an mmap, an mprotect and a munmap each (TLB shootdowns on every core),
  // ~15 % of the simulation thread's time on Gen1's diurnal load. 64 KiB from the heap without a guard
  // (SimGrid zeroes each: 256 KiB cost a Gen1 day ~2 %): the whole test suite, a Gen1 day and the TLE
  // constellation's first 600 s run with 16 KiB stacks and their guard pages (measured; README.md here).
  set("contexts/stack-size", "64");
  set("contexts/guard-size", "0");
}

}  // namespace orbitsim
