// The only layer that touches SimGrid: hosts for satellites and ground stations, links for ISL
// terminals and GSL radio chains, and the dynamic routing that follows the topology epochs.
//
// Links: each satellite has one egress link per ISL terminal (a hop a->b uses a's terminal toward b);
// each ground station has an uplink and a downlink per radio chain. Latency is carried by routes.
// Network model (simgrid-notes.md pitfall 4): CM02, no cross-traffic, no TCP window cap.
#pragma once

#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/ConditionVariable.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/Mutex.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "config/platform_config.hpp"
#include "platform/dynamic_zone.hpp"
#include "platform/simgrid_config.hpp"
#include "topology/router.hpp"
#include "topology/epoch_prefetcher.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {

class SimPlatform : public RouteSource {
 public:
  // An Engine must exist and no NetZone yet. Creates and seals the whole platform.
  SimPlatform(TopologyBuilder& topology, const PlatformConfig& config, const SimPlatformOptions& options = {});

  int nodes() const { return static_cast<int>(hosts_.size()); }
  int satellites() const { return topology_.satellites(); }
  const std::string& name(int node) const { return topology_.name(node); }
  double epoch_s() const { return epoch_s_; }
  double transfer_chunk_bytes() const { return transfer_chunk_bytes_; }

  // The path at the current simulated time: valid until the simulation advances (copy it to keep it
  // across a simcall: a new epoch replaces the router that holds it).
  const Path& current_path(int src, int dst);
  // The narrowest link's capacity on that path (bit/s); 0 when unreachable.
  double current_path_bandwidth_bps(int src, int dst);
  // Every node's next hop and delay toward `node` at the current simulated time.
  const RoutingTree& current_tree_to(int node);
  // The next communication to start pays no propagation latency (it continues a rerouted transfer).
  void mark_next_comm_as_continuation() { continuation_ = true; }
  // Makes sure the routes are those of the epoch containing the current time.
  void refresh();
  // Takes each epoch's snapshot from `prefetcher` (built from the same platform, outliving this) when it
  // has it for the current failures, and has it build the next epochs (one per lane) meanwhile.
  void use_prefetcher(EpochPrefetcher* prefetcher) { prefetcher_ = prefetcher; }
  // Nodes whose routing trees (current_tree_to) will be asked for in [from_s, to_s): with a prefetcher,
  // they are computed ahead with the epoch. Called on the simulation's thread; forecasts add up.
  using TreeForecast = std::function<std::vector<int>(double from_s, double to_s)>;
  void add_tree_forecast(TreeForecast forecast) { tree_forecasts_.push_back(std::move(forecast)); }
  long epochs_built() const { return epochs_built_; }
  // The network's snapshot of the last epoch a route was asked for (not necessarily now's).
  const TopologySnapshot& latest_snapshot() const { return *snapshot_; }
  // A failed node: its host and its links are turned off (activities on them fail) and routes avoid it
  // from now on; `false` brings it back.
  void set_node_down(int node, bool down);
  // An ISL terminal out of service (or back): its link is dropped from the routes and its egress link
  // turned off; messages already in flight the other way are still delivered.
  void set_terminal_down(int satellite, int terminal, bool down);
  // The host stops computing (an accelerator hang) but the node keeps relaying: links stay on.
  void set_compute_down(int node, bool down);
  void untrack_message(std::uint64_t id) { messages_.erase(id); }
  bool node_down(int node) const { return down_[static_cast<size_t>(node)]; }
  // Whether a computation or a transfer may start on the node's host now. Not just Host::is_on(): a
  // failure marks the node at once but turns its host off a few simcalls later, and an actor that saw
  // the host on in between would start a transfer that SimGrid 3.32 then meets with its host off: an
  // assertion (CommImpl.cpp:144 `to_->is_on()`) that aborts the run.
  bool host_usable(int node) const {
    return !down_[static_cast<size_t>(node)] && !compute_down_[static_cast<size_t>(node)] && host(node)->is_on();
  }
  // Accelerator performance states (only when the platform models power): SimGrid's host energy plugin
  // integrates each satellite's accelerator power exactly as its state, load and on/off change.
  bool models_power() const { return models_power_; }
  void set_pstate(int satellite, int pstate);
  int pstate(int satellite) const;
  double accelerator_energy_j(int satellite) const;  // consumed since the start
  double accelerator_power_w(int satellite) const;   // drawn now
  // Laser links the satellite holds at the current epoch (one powered terminal each); 0 when it is down.
  int active_isl_links(int satellite);
  // The satellites a ground station links to at the current epoch (none while it is down), and the shell
  // of a satellite: what a lost request's reason names.
  std::vector<int> station_links(int station_node);
  // The nodes linked to a ground station directly at the current epoch (GSL satellites, data-centre servers
  // over fibre) with that link's one-way delay: their shortest route to it, as a straight line is.
  std::vector<std::pair<int, double>> direct_links(int station_node);
  const std::string& shell_name(int satellite) const { return topology_.shell_name(satellite); }
  // Ground links the satellite holds at the current epoch (one powered radio chain each); 0 when it is down.
  int active_gsl_links(int satellite);
  // Laser terminals the satellite carries (those a failure trace may name).
  int isl_terminals(int satellite) const;
  // Instantaneous load over capacity, summed over the links in use now: ISL terminals, GSL radio chains.
  double isl_utilisation() const;
  double gsl_utilisation() const;


 private:
  // SimGrid's own objects stay inside sim/platform (sim_runtime.cpp, transfer_service.cpp).
  friend struct SimPlatformAccess;
  friend class TransferService;
  // The SimGrid links of a path at the current simulated time.
  SimLinkList links_of(const Path& path);
  void append_links_of(const Path& path, SimLinkList& out);
  // A node or a terminal about to go down: `node` (-1 for a terminal) and the SimGrid links it takes.
  struct RouteBreak {
    int node = -1;
    SimLinkList links;
  };
  // `listener` runs after the routes avoid the failure and before the links and host are turned off:
  // the activities crossing it are still running (TransferService re-routes them).
  void add_route_break_listener(std::function<void(const RouteBreak&)> listener) {
    route_break_listeners_.push_back(std::move(listener));
  }
  // DynamicZone asks for routes at every communication start.
  double route(unsigned long src, unsigned long dst, SimLinkList& links) override;
  double take_latency_factor() override;
  simgrid::s4u::Host* host(int node) const { return hosts_[static_cast<size_t>(node)]; }
  // A host outside the network for control actors (the epoch updater); it never fails.
  simgrid::s4u::Host* control_host() const { return control_; }
  // Small messages in flight (sim_platform_messages.cpp), tracked so that a failure on their path fails
  // them even where SimGrid would not notice: the last hop into a station is carried by the station's own
  // radio link, and only a failed terminal's own egress link is turned off. A flow is a SimGrid comm; a
  // delay is no SimGrid activity at all: it arrives after the route's latency plus its bytes at the
  // narrowest link's rate, unless a failure on its path comes first.
  std::uint64_t track_message(simgrid::s4u::CommPtr comm, int src, int dst);
  std::uint64_t track_delay(int src, int dst, double bytes);
  // Blocks until the delay arrives (true) or a failure on its path fails it (false, at the failure's time).
  bool wait_for_delay(std::uint64_t id);
  double delay_arrival_s(std::uint64_t id) const { return messages_.at(id).arrival_s; }
  // Calls `visit` with each SimGrid link of the path, in order (defined and used in sim_platform.cpp).
  template <class Visit> void for_each_link_of(const Path& path, Visit&& visit);
  double narrowest_link_Bps(const Path& path);  // the lowest bandwidth SimGrid gives the path's links

  TopologyBuilder& topology_;
  double epoch_s_;
  double transfer_chunk_bytes_;
  std::vector<std::function<void(const RouteBreak&)>> route_break_listeners_;
  std::set<std::pair<int, int>> failed_terminals_;
  struct TrackedMessage {
    simgrid::s4u::CommPtr comm;  // a flow; none for a delay
    std::vector<int> path;       // nodes, source to destination
    double arrival_s = 0.0;      // a delay: when it arrives
    bool failed = false;         // a delay: a failure on its path came first (or it had no route)
    simgrid::s4u::ConditionVariablePtr arrival_or_failure;  // a delay somebody waits for
  };
  // By id, ids growing with creation (0 is no message: run_task_graphs' computations). Hashed: hundreds
  // to thousands are in flight (streamed tokens are waited for only at delivery), and every message is
  // added and removed once, while a failure's scan is rare and puts the ids in order first.
  std::unordered_map<std::uint64_t, TrackedMessage> messages_;
  std::uint64_t next_message_id_ = 1;
  simgrid::s4u::MutexPtr delay_waits_;  // the lock a delay's waiters hold around their condition variable
  // Fails the tracked messages in flight whose path crosses the failure: flows for which `flow_crosses`
  // (a predicate on the path; none: SimGrid fails them itself) and delays for which `delay_crosses` holds.
  using Crosses = std::function<bool(const std::vector<int>&)>;
  void fail_tracked_messages(const Crosses& flow_crosses, const Crosses& delay_crosses);
  DynamicZone* zone_ = nullptr;
  std::vector<simgrid::s4u::Host*> hosts_;
  simgrid::s4u::Host* control_ = nullptr;
  std::vector<std::vector<simgrid::s4u::Link*>> isl_egress_;   // [satellite][terminal]
  size_t isl_terminals_ = 1;           // per satellite
  std::vector<double> isl_rate_Bps_;  // the rate each egress link was last given, [satellite * terminals + terminal]: one
                                     // array, as refresh() reads it for every link of every epoch
  std::vector<std::vector<simgrid::s4u::Link*>> gsl_up_;       // [station][chain]
  std::vector<std::vector<simgrid::s4u::Link*>> gsl_down_;     // [station][chain]
  // Terrestrial fibre of the data centres: (server, station) -> {station to server, server to station}.
  std::map<std::pair<int, int>, std::array<simgrid::s4u::Link*, 2>> fibre_;
  // A data centre's fabric: server -> {its interface out, its interface in}. A transfer between two servers
  // crosses the sender's out and the receiver's in, as through a non-blocking switch.
  std::map<int, std::array<simgrid::s4u::Link*, 2>> fabric_;
  // The fibre and fabric links that end at `node` (a server or a station), both directions.
  std::vector<simgrid::s4u::Link*> terrestrial_links_at(int node) const;
  simgrid::s4u::Link* loopback_ = nullptr;
  simgrid::s4u::Link* unreachable_ = nullptr;  // turned off: a comm routed over it fails at once
  long epoch_index_ = -1;
  long epochs_built_ = 0;
  std::unique_ptr<TopologySnapshot> snapshot_;
  std::unique_ptr<Router> router_;
  EpochPrefetcher* prefetcher_ = nullptr;
  std::vector<TreeForecast> tree_forecasts_;
  // Per station, then one empty list for any other node: the indices of the current snapshot's GSLs and
  // fibre ending there, in snapshot order; empty until first asked for in an epoch.
  std::vector<std::vector<int>> ground_links_at_;
  const std::vector<int>& ground_links_at(int station_node);
  // After a change of the failed nodes or terminals: the current epoch's routes, and the builds ahead, for them.
  void rebuild_current_epoch();
  std::vector<int> trees_forecast(double epoch_start_s) const;  // every forecast's nodes for that epoch, sorted
  bool relay_through_ground_;
  bool continuation_ = false;
  std::vector<bool> down_;
  std::vector<bool> compute_down_;
  bool models_power_ = false;
  std::vector<int> active_isl_links_;  // per satellite, at the current epoch; empty until counted
  std::vector<int> active_gsl_links_;
  void count_active_links();  // for the current epoch, once
  void create_isl_terminals();  // in the constructor
  bool isl_rates_vary_ = true;  // lasers of several rates: refresh() sets each terminal's per epoch
};

}  // namespace orbitsim
