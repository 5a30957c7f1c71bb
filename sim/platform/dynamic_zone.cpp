#include "platform/dynamic_zone.hpp"

#include <simgrid/kernel/resource/NetworkModelIntf.hpp>
#include <simgrid/s4u/NetZone.hpp>

namespace orbitsim {

DynamicZone::DynamicZone(const std::string& name, RouteSource& source, bool fair_sharing)
    : NetZoneImpl(name), source_(source), fair_sharing_(fair_sharing) {}

void DynamicZone::get_local_route(const simgrid::kernel::routing::NetPoint* src,
                                  const simgrid::kernel::routing::NetPoint* dst,
                                  simgrid::kernel::routing::Route* into, double* latency) {
  last_delay_s_ = source_.route(src->id(), dst->id(), into->link_list_);
  if (latency) *latency += fair_sharing_ ? 1.0 : last_delay_s_;  // get_graph() passes nullptr
}

void DynamicZone::install_latency_callback() {
  get_iface()->get_network_model()->set_lat_factor_cb(
      [this](double, const simgrid::s4u::Host*, const simgrid::s4u::Host*, const std::vector<simgrid::s4u::Link*>&,
             const std::unordered_set<simgrid::s4u::NetZone*>&) {
        const double factor = source_.take_latency_factor();
        // With fair sharing the route reported 1 s: the factor turns it into the real delay.
        return fair_sharing_ ? last_delay_s_ * factor : factor;
      });
}

}  // namespace orbitsim
