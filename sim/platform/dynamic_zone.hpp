// A SimGrid NetZone whose routes come from our own router: SimGrid asks `get_local_route` every time a
// communication starts (simgrid-notes.md 1.0-1.1), so each comm takes the path of the topology epoch
// that contains its start date. Link latencies stay 0 in SimGrid; the propagation delay of the whole
// path is the route's latency (changing link latencies at run time is buggy in 3.32, notes 1.2).
#pragma once

#include <simgrid/kernel/routing/NetPoint.hpp>
#include <simgrid/kernel/routing/NetZoneImpl.hpp>

#include <string>
#include <vector>

namespace orbitsim {

using SimLinkList = std::vector<simgrid::kernel::resource::StandardLinkImpl*>;

// What the zone asks for a route between two hosts, by their creation rank.
class RouteSource {
 public:
  virtual ~RouteSource() = default;
  // Appends the links from host `src` to host `dst` at the current simulated time and returns the
  // path's propagation delay in seconds. Must append at least one link.
  virtual double route(unsigned long src, unsigned long dst, SimLinkList& links) = 0;
  // Called right after `route` for the same communication: the latency factor to apply (1 normally,
  // 0 for the continuation of a rerouted transfer, which has already paid its latency).
  virtual double take_latency_factor() = 0;
};

class DynamicZone : public simgrid::kernel::routing::NetZoneImpl {
 public:
  // With `fair_sharing`, every route reports 1 s of latency to SimGrid (so that CM02 weighs all flows
  // equally: plain max-min sharing) and the real delay is restored through the latency-factor callback
  // (simgrid-notes.md 1.1, pitfall 3). `install_latency_callback` must be called once after creation.
  DynamicZone(const std::string& name, RouteSource& source, bool fair_sharing);

  void get_local_route(const simgrid::kernel::routing::NetPoint* src, const simgrid::kernel::routing::NetPoint* dst,
                       simgrid::kernel::routing::Route* into, double* latency) override;
  void install_latency_callback();

 private:
  RouteSource& source_;
  bool fair_sharing_;
  double last_delay_s_ = 0.0;
};

}  // namespace orbitsim
