// `orbitsim topology PLATFORM.yaml (--time T | --times START:STOP:STEP) [--format csv|graphml] [--nodes]`: the links that are up at
// time T with their lengths, delays and capacities (csv), the nodes with their positions (--nodes), or
// both as GraphML for graph tools.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "app/commands.hpp"
#include "app/time_grid.hpp"
#include "core/input_error.hpp"
#include "world/world_builder.hpp"
#include "core/constants.hpp"
#include "orbit/frames.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {
namespace {

struct TopologyOptions {
  std::string file, format = "csv";
  double time_s = 0.0;
  std::string times;  // START:STOP:STEP: csv rows for every instant, led by t_s
  bool nodes = false;
};

const char* kind_name(LinkKind k) {
  switch (k) {
    case LinkKind::kIsl: return "isl";
    case LinkKind::kGsl: return "gsl";
    case LinkKind::kFibre: return "fibre";
    case LinkKind::kFabric: return "fabric";
  }
  return "?";
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

int run_topology(const TopologyOptions& o) {
  if (!o.times.empty() && o.format != "csv")
    throw InputError({"command line", 0}, "--times", "--format csv (GraphML holds one instant: use --time)",
                     "--format " + o.format);
  const TimeGrid grid = o.times.empty() ? TimeGrid{o.time_s, o.time_s, 1.0} : parse_time_grid(o.times, "--times");
  const bool with_time = !o.times.empty();
  const PlatformConfig config = load_platform_config(o.file);
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  const EarthModel& earth = *config.earth;
  std::string out;
  if (o.format == "csv") {
    out += with_time ? "t_s," : "";
    out += o.nodes ? "node_id,name,kind,up,x_m,y_m,z_m,lat_deg,lon_deg,alt_m\n"
                   : "link_id,kind,node_a,node_b,name_a,name_b,length_m,one_way_delay_s,bandwidth_bps,port_a,port_b\n";
  }
  for (long k = 0; k < grid.count(); ++k) {
    const TopologySnapshot s = builder.build(grid.at(k));
    const std::string t = with_time ? fmt::format("{:.3f},", grid.at(k)) : "";
    auto node_kind = [&](int n) { return s.is_station(n) ? "ground_station" : "satellite"; };
    if (o.format == "csv" && o.nodes) {
      for (int n = 0; n < s.nodes(); ++n) {
        const Vec3& p = s.position_ecef_m[static_cast<size_t>(n)];
        const Geodetic g = ecef_to_geodetic(p, earth);
        out += t + fmt::format("{},{},{},{},{:.3f},{:.3f},{:.3f},{:.7f},{:.7f},{:.3f}\n", n, builder.name(n),
                               node_kind(n), s.node_up[static_cast<size_t>(n)] ? 1 : 0, p.x, p.y, p.z,
                               g.latitude_rad * kRadToDeg, g.longitude_rad * kRadToDeg, g.altitude_m);
      }
    } else if (o.format == "csv") {
      for (size_t i = 0; i < s.links.size(); ++i) {
        const TopologyLink& l = s.links[i];
        out += t + fmt::format("{},{},{},{},{},{},{:.3f},{:.9f},{:.0f},{},{}\n", i, kind_name(l.kind), l.a, l.b,
                               builder.name(l.a), builder.name(l.b), l.length_m, l.delay_s(),
                               l.bandwidth_bps, l.port_a, l.port_b);
      }
    } else {
      out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";
      out += "  <key id=\"kind\" for=\"all\" attr.name=\"kind\" attr.type=\"string\"/>\n";
      for (const char* k : {"x_m", "y_m", "z_m", "lat_deg", "lon_deg", "alt_m"})
        out += fmt::format("  <key id=\"{0}\" for=\"node\" attr.name=\"{0}\" attr.type=\"double\"/>\n", k);
      for (const char* k : {"length_m", "one_way_delay_s", "bandwidth_bps"})
        out += fmt::format("  <key id=\"{0}\" for=\"edge\" attr.name=\"{0}\" attr.type=\"double\"/>\n", k);
      out += fmt::format("  <graph id=\"t{:.3f}\" edgedefault=\"undirected\">\n", o.time_s);
      for (int n = 0; n < s.nodes(); ++n) {
        if (!s.node_up[static_cast<size_t>(n)]) continue;
        const Vec3& p = s.position_ecef_m[static_cast<size_t>(n)];
        const Geodetic g = ecef_to_geodetic(p, earth);
        out += fmt::format(
            "    <node id=\"{}\"><data key=\"kind\">{}</data><data key=\"x_m\">{:.3f}</data><data key=\"y_m\">{:.3f}"
            "</data><data key=\"z_m\">{:.3f}</data><data key=\"lat_deg\">{:.7f}</data><data key=\"lon_deg\">{:.7f}"
            "</data><data key=\"alt_m\">{:.3f}</data></node>\n",
            xml_escape(builder.name(n)), node_kind(n), p.x, p.y, p.z, g.latitude_rad * kRadToDeg,
            g.longitude_rad * kRadToDeg, g.altitude_m);
      }
      for (const TopologyLink& l : s.links)
        out += fmt::format(
            "    <edge source=\"{}\" target=\"{}\"><data key=\"kind\">{}</data><data key=\"length_m\">{:.3f}</data>"
            "<data key=\"one_way_delay_s\">{:.9f}</data><data key=\"bandwidth_bps\">{:.0f}</data></edge>\n",
            xml_escape(builder.name(l.a)), xml_escape(builder.name(l.b)), kind_name(l.kind), l.length_m,
            l.delay_s(), l.bandwidth_bps);
      out += "  </graph>\n</graphml>\n";
    }
  }
  std::cout << out;
  return 0;
}

}  // namespace

CommandRunner add_topology_command(CLI::App& app) {
  auto o = std::make_shared<TopologyOptions>();
  app.add_option("platform", o->file, "Platform YAML file")->required();
  app.add_option("--time", o->time_s, "Seconds after the platform epoch")->capture_default_str();
  app.add_option("--times", o->times,
                 "START:STOP:STEP: csv rows for every instant of the range, with a leading t_s column");
  app.add_option("--format", o->format, "csv (links, or nodes with --nodes) or graphml (both)")
      ->check(CLI::IsMember({"csv", "graphml"}))
      ->capture_default_str();
  app.add_flag("--nodes", o->nodes, "With csv: print the nodes (positions) instead of the links");
  app.footer(
      "Link columns: link_id,kind,node_a,node_b,name_a,name_b,length_m,one_way_delay_s,bandwidth_bps,port_a,port_b\n"
      "Node columns: node_id,name,kind,up,x_m,y_m,z_m,lat_deg,lon_deg,alt_m (ECEF metres, geodetic degrees)");
  return [o] { return run_topology(*o); };
}

}  // namespace orbitsim
