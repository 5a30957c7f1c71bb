#include "viewer/czml_writer.hpp"

#include <cmath>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "core/constants.hpp"
#include "topology/router.hpp"

namespace orbitsim {
namespace {

using Rgba = std::vector<int>;
const Rgba kStationColour{255, 210, 0, 255};
const Rgba kIslColour{90, 160, 255, 150};
const Rgba kGslColour{0, 255, 120, 200};
const Rgba kRouteColour{255, 255, 255, 255};

Rgba state_colour(NodeState state, const Rgba& normal) {
  switch (state) {
    case NodeState::kFailed: return {255, 0, 0, 255};
    case NodeState::kComputeOff: return {255, 0, 255, 255};
    case NodeState::kThrottled: return {255, 170, 0, 255};
    case NodeState::kEclipse: return {70, 90, 200, 255};
    case NodeState::kNormal: break;
  }
  return normal;
}

// Idle grey to busy cyan by the share of the run the satellite computed.
Rgba utilisation_colour(const std::vector<double>& utilisation, size_t node) {
  if (node >= utilisation.size()) return {230, 230, 230, 255};
  const double u = std::clamp(utilisation[node], 0.0, 1.0);
  auto mix = [u](int idle, int busy) { return static_cast<int>(std::lround(idle + u * (busy - idle))); };
  return {mix(170, 0), mix(170, 230), mix(170, 255), 255};
}

nlohmann::json solid(const Rgba& rgba) { return {{"solidColor", {{"color", {{"rgba", rgba}}}}}}; }

}  // namespace

std::string czml_node_id(int node, int satellites) {
  return node < satellites ? fmt::format("sat-{}", node) : fmt::format("gs-{}", node - satellites);
}

CzmlWriter::CzmlWriter(World& world, TopologyBuilder& topology, const NodeStates& states)
    : world_(world), topology_(topology), states_(states) {}

std::string CzmlWriter::iso(double t_s) const { return world_.constellation.epoch().plus_seconds(t_s).to_iso8601(); }

nlohmann::json CzmlWriter::colour_property(int node, const CzmlOptions& o, const Rgba& normal) const {
  const auto intervals = states_.intervals(node, o.start_s, o.stop_s);
  if (intervals.size() == 1) return {{"rgba", state_colour(intervals[0].state, normal)}};
  nlohmann::json out = nlohmann::json::array();
  for (const StateInterval& i : intervals)
    out.push_back({{"interval", interval(i.start_s, i.stop_s)}, {"rgba", state_colour(i.state, normal)}});
  return out;
}

nlohmann::json CzmlWriter::satellite_packet(size_t satellite, const CzmlOptions& o) {
  const SatelliteInfo& info = world_.constellation.info(satellite);
  std::string description = fmt::format("<p>shell {}", info.shell);
  if (info.plane >= 0) description += fmt::format(", plane {}, slot {}", info.plane, info.index);
  if (satellite < o.utilisation.size())
    description += fmt::format("<br>accelerators busy {:.1f} % of the run", 100.0 * o.utilisation[satellite]);
  // The battery's low point and the share of samples in eclipse over the interval (power.csv).
  const PowerSample* lowest = nullptr;
  int samples = 0, eclipsed = 0;
  for (const PowerSample& p : states_.power(static_cast<int>(satellite))) {
    if (p.t_s < o.start_s || p.t_s > o.stop_s) continue;
    ++samples;
    eclipsed += p.sunlit ? 0 : 1;
    if (!lowest || p.soc < lowest->soc) lowest = &p;
  }
  if (lowest)
    description += fmt::format("<br>battery state of charge down to {:.1f} % (t = {:.0f} s); in eclipse at {} of {} power samples",
                               100.0 * lowest->soc, lowest->t_s, eclipsed, samples);
  description += "</p>";
  return {{"id", czml_node_id(static_cast<int>(satellite), topology_.satellites())},
          {"name", info.name},
          {"description", description},
          {"point", {{"pixelSize", 5},
                     {"color", colour_property(static_cast<int>(satellite), o, utilisation_colour(o.utilisation, satellite))}}}};
}

nlohmann::json CzmlWriter::station_packet(int station, const CzmlOptions& o) const {
  const GroundStation& gs = world_.ground_stations[static_cast<size_t>(station)];
  const int node = topology_.satellites() + station;
  return {{"id", czml_node_id(node, topology_.satellites())},
          {"name", gs.name},
          {"description", fmt::format("<p>ground station, {:.4f} deg N, {:.4f} deg E, {:.0f} m; {} radio chain(s)</p>",
                                      gs.site.latitude_rad * kRadToDeg, gs.site.longitude_rad * kRadToDeg,
                                      gs.site.altitude_m, topology_.station_chains(station))},
          {"position", {{"cartesian", {gs.ecef_m.x, gs.ecef_m.y, gs.ecef_m.z}}}},
          {"point", {{"pixelSize", 7}, {"color", colour_property(node, o, kStationColour)}}},
          {"label", {{"text", gs.name}, {"font", "11px sans-serif"}, {"pixelOffset", {{"cartesian2", {8, 0}}}},
                     {"horizontalOrigin", "LEFT"}, {"fillColor", {{"rgba", kStationColour}}}}}};
}

using Runs = std::vector<std::pair<long, long>>;  // [first, end) topology instants

struct CzmlWriter::TopologyRuns {
  double start_s = 0.0, step_s = 0.0, stop_s = 0.0;
  long instants = 0;
  std::map<std::tuple<int, int, int>, Runs> links;               // (kind: 0 ISL, 1 GSL; a; b)
  std::vector<std::map<std::vector<int>, Runs>> routes;          // per route asked, per path
  std::vector<std::map<std::vector<int>, std::pair<double, double>>> route_delay_s;  // min, max
  double at(long k) const { return k < instants ? start_s + static_cast<double>(k) * step_s : stop_s; }
  static void extend(Runs& runs, long k) {
    if (!runs.empty() && runs.back().second == k) ++runs.back().second;
    else runs.emplace_back(k, k + 1);
  }
};

std::vector<nlohmann::json> CzmlWriter::position_samples(const CzmlOptions& o) {
  std::vector<nlohmann::json> samples(static_cast<size_t>(topology_.satellites()), nlohmann::json::array());
  std::vector<SatelliteState> states;
  const long count = static_cast<long>(std::ceil((o.stop_s - o.start_s) / kPositionSampleStep_s - 1e-9)) + 1;
  for (long k = 0; k < count; ++k) {
    const double t = o.start_s + static_cast<double>(k) * kPositionSampleStep_s;
    world_.constellation.states(t, states);
    for (size_t s : o.satellites)
      if (states[s].valid)  // rounded to the metre
        for (double v : {t - o.start_s, std::round(states[s].ecef_m.x), std::round(states[s].ecef_m.y), std::round(states[s].ecef_m.z)})
          samples[s].push_back(v);
  }
  return samples;
}

// Instants before the stop only: one at the stop would last no time.
CzmlWriter::TopologyRuns CzmlWriter::sample_topology(const CzmlOptions& o, const std::function<void(long, long)>& progress) {
  TopologyRuns runs;
  runs.start_s = o.start_s;
  runs.step_s = o.link_step_s;
  runs.stop_s = o.stop_s;
  runs.instants = static_cast<long>(std::ceil((o.stop_s - o.start_s) / o.link_step_s - 1e-9));
  runs.routes.resize(o.routes.size());
  runs.route_delay_s.resize(o.routes.size());
  std::vector<bool> drawn(static_cast<size_t>(topology_.satellites()), false);
  for (size_t s : o.satellites) drawn[s] = true;
  std::vector<bool> down(static_cast<size_t>(topology_.nodes()));
  for (long k = 0; k < runs.instants; ++k) {
    const double t = runs.at(k);
    for (int n = 0; n < topology_.nodes(); ++n) down[static_cast<size_t>(n)] = states_.down(n, t);
    const auto failed_terminals = states_.failed_terminals(t);
    const TopologySnapshot snapshot = topology_.build(t, &down, &failed_terminals);
    for (const TopologyLink& l : snapshot.links) {
      if (l.kind == LinkKind::kFibre || l.kind == LinkKind::kFabric) continue;  // terrestrial: not drawn
      const bool isl = l.kind == LinkKind::kIsl;
      if ((isl && !o.isls) || (!isl && !o.gsls) || !drawn[static_cast<size_t>(l.a)] || (isl && !drawn[static_cast<size_t>(l.b)]))
        continue;
      TopologyRuns::extend(runs.links[{isl ? 0 : 1, l.a, l.b}], k);
    }
    if (!o.routes.empty()) {
      Router router(snapshot, topology_.network().relay_through_ground);
      for (size_t r = 0; r < o.routes.size(); ++r) {
        const Path p = router.path(o.routes[r].first, o.routes[r].second);
        if (!p.reachable()) continue;
        TopologyRuns::extend(runs.routes[r][p.nodes], k);
        const auto [it, first] = runs.route_delay_s[r].try_emplace(p.nodes, p.delay_s, p.delay_s);
        it->second = {std::min(it->second.first, p.delay_s), std::max(it->second.second, p.delay_s)};
      }
    }
    if (progress) progress(k + 1, runs.instants);
  }
  return runs;
}

void CzmlWriter::add_link_packets(const TopologyRuns& runs, nlohmann::json& packets) const {
  const int sats = topology_.satellites();
  auto shown_while = [&](const Runs& link) {  // true on the runs, false between: the whole clock covered
    nlohmann::json out = nlohmann::json::array();
    long covered = 0;
    for (const auto& [first, end] : link) {
      if (first > covered) out.push_back({{"interval", interval(runs.at(covered), runs.at(first))}, {"boolean", false}});
      out.push_back({{"interval", interval(runs.at(first), runs.at(end))}, {"boolean", true}});
      covered = end;
    }
    if (covered < runs.instants) out.push_back({{"interval", interval(runs.at(covered), runs.stop_s)}, {"boolean", false}});
    return out;
  };
  for (const auto& [key, link] : runs.links) {
    const auto [kind, a, b] = key;
    const std::string ida = czml_node_id(a, sats), idb = czml_node_id(b, sats);
    packets.push_back({{"id", fmt::format("{}-{}-{}", kind == 0 ? "isl" : "gsl", ida, idb)},
                       {"name", fmt::format("{} {} - {}", kind == 0 ? "ISL" : "GSL", topology_.name(a), topology_.name(b))},
                       {"polyline", {{"positions", {{"references", {ida + "#position", idb + "#position"}}}},
                                     {"arcType", "NONE"},
                                     {"width", 1},
                                     {"material", solid(kind == 0 ? kIslColour : kGslColour)},
                                     {"show", shown_while(link)}}}});
  }
}

void CzmlWriter::add_route_packets(const CzmlOptions& o, const TopologyRuns& runs, nlohmann::json& packets) const {
  const int sats = topology_.satellites();
  for (size_t r = 0; r < o.routes.size(); ++r) {
    int index = 0;
    const auto [from, to] = o.routes[r];
    for (const auto& [nodes, path_runs] : runs.routes[r]) {
      nlohmann::json references = nlohmann::json::array(), availability = nlohmann::json::array();
      for (int n : nodes) references.push_back(czml_node_id(n, sats) + "#position");
      for (const auto& [first, end] : path_runs) availability.push_back(interval(runs.at(first), runs.at(end)));
      const auto [min_s, max_s] = runs.route_delay_s[r].at(nodes);
      packets.push_back(
          {{"id", fmt::format("route-{}-{}-{}", czml_node_id(from, sats), czml_node_id(to, sats), index++)},
           {"name", fmt::format("route {} - {}", topology_.name(from), topology_.name(to))},
           {"description", fmt::format("<p>{} hops, one-way propagation delay {:.3f} to {:.3f} ms</p>", nodes.size() - 1,
                                       1e3 * min_s, 1e3 * max_s)},
           {"availability", availability},
           {"polyline", {{"positions", {{"references", references}}}, {"arcType", "NONE"}, {"width", 3},
                         {"material", solid(kRouteColour)}}}});
    }
  }
}

nlohmann::json CzmlWriter::document(const CzmlOptions& o, CzmlCounts& counts, const std::function<void(long, long)>& progress) {
  nlohmann::json packets = nlohmann::json::array();
  packets.push_back({{"id", "document"},
                     {"name", o.name},
                     {"version", "1.0"},
                     {"description", o.description},
                     {"clock", {{"interval", interval(o.start_s, o.stop_s)},
                                {"currentTime", iso(o.start_s)},
                                {"multiplier", 60},
                                {"range", "LOOP_STOP"},
                                {"step", "SYSTEM_CLOCK_MULTIPLIER"}}}});
  std::vector<nlohmann::json> samples = position_samples(o);
  for (size_t s : o.satellites) {
    nlohmann::json p = satellite_packet(s, o);
    p["position"] = {{"epoch", iso(o.start_s)}, {"referenceFrame", "FIXED"}, {"interpolationAlgorithm", "LAGRANGE"},
                     {"interpolationDegree", kInterpolationDegree}, {"cartesian", std::move(samples[s])}};
    packets.push_back(std::move(p));
  }
  for (int g = 0; g < static_cast<int>(world_.ground_stations.size()); ++g) packets.push_back(station_packet(g, o));
  const TopologyRuns runs = sample_topology(o, progress);
  add_link_packets(runs, packets);
  add_route_packets(o, runs, packets);
  counts.satellites = o.satellites.size();
  counts.stations = world_.ground_stations.size();
  counts.links = runs.links.size();
  counts.routes = 0;
  for (const auto& paths : runs.routes) counts.routes += paths.size();
  counts.topology_instants = static_cast<size_t>(runs.instants);
  return packets;
}

}  // namespace orbitsim
