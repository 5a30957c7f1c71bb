// orbitsim's settings of SimGrid's engine (network model, solver, actor stacks), applied before the platform
// is built.
#pragma once

#include <string>

namespace orbitsim {

struct SimPlatformOptions {
  bool fair_sharing = true;            // max-min sharing instead of CM02's 1/latency weighting
  std::string network_optim = "Full";  // SimGrid's network/optim: Full for end-to-end flows, Lazy for hop mode
};

// Applies orbitsim's SimGrid configuration where the user gave no --cfg= of their own; call after
// creating the Engine and before SimPlatform.
void configure_simgrid(const SimPlatformOptions& options);

}  // namespace orbitsim
