// Bulk transfers that follow the moving topology. A transfer is one SimGrid communication along the
// current path; at every epoch boundary an updater re-routes each transfer whose path changed by
// cancelling it and restarting it with the bytes it still had to send (simgrid-notes.md 1.1, "reroute"),
// without paying the propagation latency again. Few distinct event dates: one check per epoch.
#pragma once

#include <simgrid/s4u/Comm.hpp>

#include <cstdint>
#include <map>
#include <string>

#include "platform/sim_platform.hpp"

namespace orbitsim {

struct TransferResult {
  bool delivered = false;
  std::string failure;  // "unreachable" or "link failure" when not delivered
  double start_s = 0.0;
  double end_s = 0.0;
  int reroutes = 0;
  double bytes_delivered = 0.0;
};

class TransferService {
 public:
  explicit TransferService(SimPlatform& platform);

  // Starts the daemon actor (on the control host) that re-routes transfers at epoch boundaries.
  void start_epoch_updater();
  // Blocking; call from an actor. Moves `bytes` from node `src` to node `dst`.
  TransferResult transfer(int src, int dst, double bytes);

  long reroutes() const { return reroutes_; }

 private:
  struct ActiveTransfer {
    int src, dst;
    SimLinkList links;
    simgrid::s4u::CommPtr comm;
    bool rerouted = false;   // cancelled by the updater, not by a failure
    double remaining = 0.0;  // bytes left when rerouted
  };
  void reroute_changed_paths();

  SimPlatform& platform_;
  std::map<std::uint64_t, ActiveTransfer*> active_;  // by start order: deterministic iteration
  std::uint64_t next_id_ = 0;
  long reroutes_ = 0;
};

}  // namespace orbitsim
