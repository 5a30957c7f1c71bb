#include "platform/sim_platform.hpp"

#include <simgrid/s4u/Engine.hpp>
#include <simgrid/plugins/energy.h>
#include <simgrid/s4u/NetZone.hpp>
#include <xbt/log.h>

#include <algorithm>
#include <limits>
#include <cmath>
#include <fmt/format.h>

#include "core/input_error.hpp"

namespace orbitsim {
namespace {
// The scenario gives link rates in bits per second; SimGrid's bandwidths are bytes per second.
double bytes_per_s(double bps) { return bps / 8.0; }

// The energy plugin's `wattage_per_state` ("idle:busy" per pstate) for all of a satellite's accelerators.
std::string wattage_per_state(const PowerConfig& p, int accelerators) {
  std::string out;
  for (const auto& s : p.pstates)
    out += fmt::format("{}{:.17g}:{:.17g}", out.empty() ? "" : ",", p.accelerator_idle_w * accelerators,
                       p.accelerator_tdp_w * s.busy_power_fraction * accelerators);
  return out;
}
}  // namespace

SimPlatform::SimPlatform(TopologyBuilder& topology, const PlatformConfig& config, const SimPlatformOptions& options)
    : topology_(topology), epoch_s_(config.network.topology_epoch_s),
      transfer_chunk_bytes_(config.network.transfer_chunk_bytes),
      relay_through_ground_(config.network.relay_through_ground) {
  models_power_ = config.power.enabled;
  if (models_power_) {
    sg_host_energy_plugin_init();  // before the hosts exist: it hooks their creation
    xbt_log_control_set("host_energy.thres:warning");
  }
  zone_ = new DynamicZone("constellation", *this, options.fair_sharing);  // the first zone becomes the root
  auto* z = zone_->get_iface();
  const double satellite_flops = config.hardware.accelerators_per_satellite * config.hardware.accelerator_peak_flops;
  std::vector<double> satellite_speeds;
  for (const auto& s : config.power.pstates) satellite_speeds.push_back(std::max(satellite_flops, 1.0) * s.speed_fraction);
  if (!models_power_) satellite_speeds = {std::max(satellite_flops, 1.0)};
  // Hosts in node order so that a host's NetPoint id is its node id; the control host comes last.
  for (int n = 0; n < topology.nodes(); ++n) {
    const bool satellite = n < topology.satellites();
    auto* h = satellite ? z->create_host(topology.name(n), satellite_speeds)
                        : z->create_host(topology.name(n), config.hardware.ground_station_flops);
    if (models_power_)  // stations and the control host draw nothing from a satellite's battery
      h->set_property("wattage_per_state",
                      satellite ? wattage_per_state(config.power, config.hardware.accelerators_per_satellite) : "0:0");
    hosts_.push_back(h);
  }
  control_ = z->create_host("orbitsim-control", 1e9);
  if (models_power_) control_->set_property("wattage_per_state", "0:0");

  create_isl_terminals();
  const int stations = topology.nodes() - topology.satellites();
  gsl_up_.resize(static_cast<size_t>(stations));
  gsl_down_.resize(static_cast<size_t>(stations));
  for (int g = 0; g < stations; ++g)
    for (int c = 0; c < topology.station_chains(g); ++c) {
      const std::string& n = topology.name(topology.satellites() + g);
      gsl_up_[static_cast<size_t>(g)].push_back(
          z->create_link(fmt::format("gsl_up_{}_c{}", n, c), bytes_per_s(config.network.gsl.bandwidth_bps))->seal());
      gsl_down_[static_cast<size_t>(g)].push_back(
          z->create_link(fmt::format("gsl_down_{}_c{}", n, c), bytes_per_s(config.network.gsl.bandwidth_bps))->seal());
    }
  for (const TopologyLink& l : topology.fibre_links()) {
    const std::string ends = topology.name(l.b) + "_" + topology.name(l.a);
    fibre_[{l.a, l.b}] = {z->create_link("fibre_up_" + ends, bytes_per_s(l.bandwidth_bps))->seal(),
                          z->create_link("fibre_down_" + ends, bytes_per_s(l.bandwidth_bps))->seal()};
  }
  for (const TopologyLink& l : topology.fabric_links())
    for (int server : {l.a, l.b})
      if (!fabric_.count(server))
        fabric_[server] = {z->create_link("fabric_out_" + topology.name(server), bytes_per_s(l.bandwidth_bps))->seal(),
                           z->create_link("fabric_in_" + topology.name(server), bytes_per_s(l.bandwidth_bps))->seal()};
  loopback_ = z->create_link("loopback", 1e18)->set_sharing_policy(simgrid::s4u::Link::SharingPolicy::FATPIPE)->seal();
  unreachable_ = z->create_link("unreachable", 1.0)->seal();
  z->seal();
  down_.assign(hosts_.size(), false);
  compute_down_.assign(hosts_.size(), false);
  zone_->install_latency_callback();
  unreachable_->turn_off();
  refresh();
}

// One egress link per satellite terminal. With one rate for every laser the platform declares (the usual
// case), each terminal gets it once, here; else refresh() gives each terminal the rate of the link it
// carries at each epoch.
void SimPlatform::create_isl_terminals() {
  const int ports = std::max(topology_.max_satellite_ports(), 1);
  std::set<double> isl_rates_bps{topology_.network().inter_shell_isl.bandwidth_bps};
  for (const ShellLinks& shell : topology_.shell_links()) isl_rates_bps.insert(shell.isl.bandwidth_bps);
  isl_rates_vary_ = isl_rates_bps.size() > 1;
  const double initial_rate_Bps = isl_rates_vary_ ? 1.0 : bytes_per_s(*isl_rates_bps.begin());
  isl_egress_.resize(static_cast<size_t>(topology_.satellites()));
  for (int s = 0; s < topology_.satellites(); ++s)
    for (int p = 0; p < ports; ++p)
      isl_egress_[static_cast<size_t>(s)].push_back(
          zone_->get_iface()->create_link(fmt::format("isl_{}_t{}", topology_.name(s), p), initial_rate_Bps)->seal());
  isl_terminals_ = static_cast<size_t>(ports);
  isl_rate_Bps_.assign(static_cast<size_t>(topology_.satellites()) * isl_terminals_, initial_rate_Bps);
}

void SimPlatform::refresh() {
  const double now = simgrid::s4u::Engine::get_clock();
  const long index = static_cast<long>(std::floor(now / epoch_s_ + 1e-9));
  if (index == epoch_index_) return;
  epoch_index_ = index;
  router_.reset();
  ground_links_at_.clear();
  EpochPrefetcher::Epoch ahead = prefetcher_ ? prefetcher_->take(index) : EpochPrefetcher::Epoch{};
  if (ahead.snapshot) {
    snapshot_ = std::move(ahead.snapshot);
    router_ = std::move(ahead.router);
  } else {
    snapshot_ = std::make_unique<TopologySnapshot>(topology_.build(static_cast<double>(index) * epoch_s_, &down_, &failed_terminals_));
    router_ = std::make_unique<Router>(*snapshot_, relay_through_ground_);
  }
  if (prefetcher_)  // the next epochs, unless already under way
    for (long ahead = index + 1; ahead <= index + prefetcher_->epochs_ahead(); ++ahead)
      if (!prefetcher_->started(ahead)) {
        const double ahead_s = static_cast<double>(ahead) * epoch_s_;
        prefetcher_->start(ahead, ahead_s, down_, failed_terminals_, trees_forecast(ahead_s));
      }
  ++epochs_built_;
  active_isl_links_.clear();  // counted when first asked for (by the power model)
  if (!isl_rates_vary_) return;
  // ISL bandwidths are per link in the scenario: set each terminal's capacity for this epoch's links.
  for (const TopologyLink& l : snapshot_->links) {
    if (l.kind != LinkKind::kIsl) continue;
    for (auto [node, port] : {std::pair{l.a, l.port_a}, std::pair{l.b, l.port_b}}) {
      double& rate = isl_rate_Bps_[isl_terminals_ * static_cast<size_t>(node) + static_cast<size_t>(port)];  // no SimGrid call per link
      if (rate != bytes_per_s(l.bandwidth_bps))
        isl_egress_[static_cast<size_t>(node)][static_cast<size_t>(port)]->set_bandwidth(rate = bytes_per_s(l.bandwidth_bps));
    }
  }
}

// In one pass when first asked for in an epoch, never while refresh() runs: its set_bandwidth calls are
// simcalls, during which other actors run, and the power model read counts half made (issue 11).
void SimPlatform::count_active_links() {
  refresh();
  if (!active_isl_links_.empty()) return;
  active_isl_links_.assign(static_cast<size_t>(topology_.satellites()), 0);
  active_gsl_links_.assign(static_cast<size_t>(topology_.satellites()), 0);
  for (const TopologyLink& l : snapshot_->links) {
    if (l.kind == LinkKind::kGsl) ++active_gsl_links_[static_cast<size_t>(l.a)];
    if (l.kind == LinkKind::kIsl) ++active_isl_links_[static_cast<size_t>(l.a)], ++active_isl_links_[static_cast<size_t>(l.b)];
  }
}

void SimPlatform::rebuild_current_epoch() {
  if (prefetcher_) prefetcher_->drop_all();  // built for the failures before
  epoch_index_ = -1;
  refresh();
}

std::vector<int> SimPlatform::trees_forecast(double epoch_start_s) const {
  std::vector<int> trees_to;
  for (const TreeForecast& forecast : tree_forecasts_) {
    const std::vector<int> nodes = forecast(epoch_start_s, epoch_start_s + epoch_s_);
    trees_to.insert(trees_to.end(), nodes.begin(), nodes.end());
  }
  std::sort(trees_to.begin(), trees_to.end());
  trees_to.erase(std::unique(trees_to.begin(), trees_to.end()), trees_to.end());
  return trees_to;
}

void SimPlatform::set_node_down(int node, bool down) {
  if (down_[static_cast<size_t>(node)] == down) return;
  down_[static_cast<size_t>(node)] = down;
  std::vector<simgrid::s4u::Link*> links;
  if (node < topology_.satellites()) {
    links = isl_egress_[static_cast<size_t>(node)];
  } else {
    const auto g = static_cast<size_t>(node - topology_.satellites());
    links = gsl_up_[g];
    links.insert(links.end(), gsl_down_[g].begin(), gsl_down_[g].end());
  }
  for (auto* l : terrestrial_links_at(node)) links.push_back(l);
  rebuild_current_epoch();  // without (or with) the node
  if (down) {
    RouteBreak b{node, {}};
    for (auto* l : links) b.links.push_back(l->get_impl());
    for (const auto& listener : route_break_listeners_) listener(b);
    fail_tracked_messages(
        [node](const std::vector<int>& path) {  // a relay: SimGrid fails the comms the host sends or receives
          return path.size() > 2 && std::find(path.begin() + 1, path.end() - 1, node) != path.end() - 1;
        },
        [node](const std::vector<int>& path) { return std::find(path.begin(), path.end(), node) != path.end(); });
  }
  // Links first: comms crossing the node fail; then the host: computations and comms it ends fail.
  for (auto* l : links) down ? l->turn_off() : l->turn_on();
  down ? host(node)->turn_off() : host(node)->turn_on();
}

void SimPlatform::set_compute_down(int node, bool down) {
  compute_down_[static_cast<size_t>(node)] = down;  // before the simcall: see host_usable
  if (down)  // as SimGrid fails the comms a host sends or receives when it turns off
    fail_tracked_messages(nullptr, [node](const std::vector<int>& p) { return !p.empty() && (p.front() == node || p.back() == node); });
  down ? host(node)->turn_off() : host(node)->turn_on();
}

void SimPlatform::set_pstate(int satellite, int pstate) {
  if (host(satellite)->get_pstate() != static_cast<unsigned long>(pstate)) host(satellite)->set_pstate(pstate);
}

int SimPlatform::pstate(int satellite) const { return static_cast<int>(host(satellite)->get_pstate()); }

double SimPlatform::accelerator_energy_j(int satellite) const {
  return models_power_ ? sg_host_get_consumed_energy(host(satellite)) : 0.0;
}

double SimPlatform::accelerator_power_w(int satellite) const {
  return models_power_ ? sg_host_get_current_consumption(host(satellite)) : 0.0;
}

int SimPlatform::active_gsl_links(int satellite) {
  count_active_links();
  return down_[static_cast<size_t>(satellite)] ? 0 : active_gsl_links_[static_cast<size_t>(satellite)];
}

const std::vector<int>& SimPlatform::ground_links_at(int station_node) {
  refresh();
  if (ground_links_at_.empty()) {  // one pass per snapshot: requests ask for their station's links at every arrival
    ground_links_at_.resize(static_cast<size_t>(snapshot_->stations) + 1);
    // A snapshot lists its ISLs first (TopologySnapshot::links): most of its links, none of them ground links.
    const auto& links = snapshot_->links;
    const auto first_not_isl = std::partition_point(links.begin(), links.end(), [](const TopologyLink& l) { return l.kind == LinkKind::kIsl; });
    for (auto i = static_cast<size_t>(first_not_isl - links.begin()); i < links.size(); ++i) {
      const TopologyLink& l = snapshot_->links[i];
      if ((l.kind == LinkKind::kGsl || l.kind == LinkKind::kFibre) && snapshot_->is_station(l.b))
        ground_links_at_[static_cast<size_t>(l.b - snapshot_->satellites)].push_back(static_cast<int>(i));
    }
  }
  const bool station = snapshot_->is_station(station_node) && station_node < snapshot_->nodes();
  return ground_links_at_[station ? static_cast<size_t>(station_node - snapshot_->satellites) : ground_links_at_.size() - 1];
}

std::vector<int> SimPlatform::station_links(int station_node) {
  std::vector<int> out;
  for (int i : ground_links_at(station_node))
    if (const TopologyLink& l = snapshot_->links[static_cast<size_t>(i)]; l.kind == LinkKind::kGsl) out.push_back(l.a);
  return out;
}

std::vector<std::pair<int, double>> SimPlatform::direct_links(int station_node) {
  std::vector<std::pair<int, double>> out;
  for (int i : ground_links_at(station_node)) {
    const TopologyLink& l = snapshot_->links[static_cast<size_t>(i)];
    out.emplace_back(l.a, l.delay_s());
  }
  return out;
}

int SimPlatform::isl_terminals(int satellite) const { return topology_.failable_terminals(satellite); }

int SimPlatform::active_isl_links(int satellite) {
  count_active_links();
  return down_[static_cast<size_t>(satellite)] ? 0 : active_isl_links_[static_cast<size_t>(satellite)];
}

void SimPlatform::set_terminal_down(int satellite, int terminal, bool down) {
  if (terminal < 0 || terminal >= static_cast<int>(isl_egress_[static_cast<size_t>(satellite)].size())) return;
  if (down == (failed_terminals_.count({satellite, terminal}) > 0)) return;
  refresh();
  RouteBreak b;
  std::pair<int, int> ends{-1, -1};
  for (const TopologyLink& l : snapshot_->links)  // the link the terminal carries now, both directions
    if (l.kind == LinkKind::kIsl && ((l.a == satellite && l.port_a == terminal) || (l.b == satellite && l.port_b == terminal))) {
      ends = {l.a, l.b};
      for (auto [node, port] : {std::pair{l.a, l.port_a}, std::pair{l.b, l.port_b}})
        b.links.push_back(isl_egress_[static_cast<size_t>(node)][static_cast<size_t>(port)]->get_impl());
    }
  if (down) failed_terminals_.insert({satellite, terminal});
  else failed_terminals_.erase({satellite, terminal});
  rebuild_current_epoch();
  if (down) {
    for (const auto& listener : route_break_listeners_) listener(b);
    const auto crosses = [ends](const std::vector<int>& path) {  // either direction over the link
      for (size_t i = 0; i + 1 < path.size(); ++i)
        if (std::minmax(path[i], path[i + 1]) == std::minmax(ends.first, ends.second)) return true;
      return false;
    };
    fail_tracked_messages(crosses, crosses);
  }
  simgrid::s4u::Link* egress = isl_egress_[static_cast<size_t>(satellite)][static_cast<size_t>(terminal)];
  down ? egress->turn_off() : egress->turn_on();
}

namespace {
double utilisation(const std::vector<std::vector<simgrid::s4u::Link*>>& groups) {
  double load = 0.0, capacity = 0.0;
  for (const auto& links : groups)
    for (const auto* l : links)
      if (l->is_on()) load += l->get_usage(), capacity += l->get_bandwidth();
  return capacity > 0 ? load / capacity : 0.0;
}
}  // namespace

double SimPlatform::isl_utilisation() const { return utilisation(isl_egress_); }

double SimPlatform::gsl_utilisation() const {
  auto links = gsl_up_;
  links.insert(links.end(), gsl_down_.begin(), gsl_down_.end());
  return utilisation(links);
}

std::vector<simgrid::s4u::Link*> SimPlatform::terrestrial_links_at(int node) const {
  std::vector<simgrid::s4u::Link*> out;
  for (const auto& [ends, both] : fibre_)
    if (ends.first == node || ends.second == node) out.insert(out.end(), both.begin(), both.end());
  if (const auto it = fabric_.find(node); it != fabric_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  return out;
}

const Path& SimPlatform::current_path(int src, int dst) {
  refresh();
  return router_->path(src, dst);
}

double SimPlatform::current_path_bandwidth_bps(int src, int dst) {
  const Path& path = current_path(src, dst);
  if (!path.reachable()) return 0.0;
  double narrowest = std::numeric_limits<double>::infinity();
  for (int link : path.links) narrowest = std::min(narrowest, snapshot_->links[static_cast<size_t>(link)].bandwidth_bps);
  return path.links.empty() ? 0.0 : narrowest;
}

const RoutingTree& SimPlatform::current_tree_to(int node) {
  refresh();
  return router_->tree_to(node);
}

SimLinkList SimPlatform::links_of(const Path& path) {
  SimLinkList out;
  append_links_of(path, out);
  return out;
}

template <class Visit>
void SimPlatform::for_each_link_of(const Path& path, Visit&& visit) {
  for (size_t i = 0; i + 1 < path.nodes.size(); ++i) {
    const int from = path.nodes[i], to = path.nodes[i + 1];
    const TopologyLink& l = snapshot_->links[static_cast<size_t>(path.links[i])];
    if (l.kind == LinkKind::kIsl) {
      visit(isl_egress_[static_cast<size_t>(from)][static_cast<size_t>(from == l.a ? l.port_a : l.port_b)]);
    } else if (l.kind == LinkKind::kFibre) {
      visit(fibre_.at({l.a, l.b})[from == l.a ? 1 : 0]);
    } else if (l.kind == LinkKind::kFabric) {
      visit(fabric_.at(from)[0]);
      visit(fabric_.at(to)[1]);
    } else if (snapshot_->is_station(from)) {
      visit(gsl_up_[static_cast<size_t>(from - snapshot_->satellites)][static_cast<size_t>(l.port_b)]);
    } else {
      visit(gsl_down_[static_cast<size_t>(to - snapshot_->satellites)][static_cast<size_t>(l.port_b)]);
    }
  }
}

void SimPlatform::append_links_of(const Path& path, SimLinkList& out) {
  out.reserve(out.size() + path.links.size() + 1);
  for_each_link_of(path, [&out](simgrid::s4u::Link* link) { out.push_back(link->get_impl()); });
}

double SimPlatform::narrowest_link_Bps(const Path& path) {
  double narrowest = std::numeric_limits<double>::infinity();
  for_each_link_of(path, [&narrowest](simgrid::s4u::Link* link) { narrowest = std::min(narrowest, link->get_bandwidth()); });
  return narrowest;
}

double SimPlatform::route(unsigned long src, unsigned long dst, SimLinkList& links) {
  const auto n = static_cast<unsigned long>(hosts_.size());
  if (src == dst || src >= n || dst >= n) {  // the control host only talks to itself
    links.push_back(loopback_->get_impl());
    return 0.0;
  }
  refresh();
  const Path& p = router_->path(static_cast<int>(src), static_cast<int>(dst));  // SimGrid asks at every comm's start
  if (!p.reachable()) {
    links.push_back(unreachable_->get_impl());
    return 0.0;
  }
  append_links_of(p, links);
  return p.delay_s;
}

double SimPlatform::take_latency_factor() {
  const double factor = continuation_ ? 0.0 : 1.0;
  continuation_ = false;
  return factor;
}

}  // namespace orbitsim
