// Bulk transfers that follow the moving topology. A transfer is one SimGrid communication along the
// current path; at every epoch boundary an updater re-routes each transfer whose path changed by
// cancelling it and restarting it with the bytes it still had to send (simgrid-notes.md 1.1, "reroute"),
// without paying the propagation latency again. Few distinct event dates: one check per epoch.
// When a satellite (or an ISL terminal) relaying a transfer fails, the transfer is routed around it at once: the chunk in
// flight (network.transfer_chunk_bytes) is lost and sent again from its first byte over the new route,
// paying that route's propagation delay. A failed source or destination fails the transfer.
#pragma once

#include <simgrid/s4u/Comm.hpp>

#include <cstdint>
#include <map>
#include <string>

#include "platform/sim_platform.hpp"

namespace orbitsim {

struct TransferResult {
  bool delivered = false;
  std::string failure;  // "unreachable", "an end is down" or "link failure" when not delivered
  double start_s = 0.0;
  double end_s = 0.0;
  int reroutes = 0;          // at epoch boundaries (no bytes lost)
  int failure_reroutes = 0;  // around a failed relay
  double bytes_delivered = 0.0;
  double bytes_resent = 0.0;  // parts of interrupted chunks sent again
};

class TransferService {
 public:
  explicit TransferService(SimPlatform& platform);

  // Starts the daemon actor (on the control host) that re-routes transfers at epoch boundaries.
  void start_epoch_updater();
  // Blocking; call from an actor. Moves `bytes` from node `src` to node `dst`.
  TransferResult transfer(int src, int dst, double bytes);

  long reroutes() const { return reroutes_; }
  long failure_reroutes() const { return failure_reroutes_; }

 private:
  enum class Interruption { kNone, kPathChanged, kRelayFailed };
  struct ActiveTransfer {
    int src, dst;
    std::vector<int> nodes;  // of the current path
    SimLinkList links;
    simgrid::s4u::CommPtr comm;
    Interruption interruption = Interruption::kNone;  // why we cancelled it (a failure cancels nothing)
    double remaining = 0.0;  // bytes of this communication left when interrupted
  };
  void reroute_changed_paths();
  void reroute_around(const SimPlatform::RouteBreak& failure);

  SimPlatform& platform_;
  std::map<std::uint64_t, ActiveTransfer*> active_;  // by start order: deterministic iteration
  std::uint64_t next_id_ = 0;
  long reroutes_ = 0;
  long failure_reroutes_ = 0;
};

}  // namespace orbitsim
