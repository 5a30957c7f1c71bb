// Writes the effective platform configuration (every default filled in) as YAML.
#include <filesystem>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "config/platform_config.hpp"
#include "config/power_section.hpp"
#include "config/yaml_object.hpp"
#include "core/constants.hpp"
#include "orbit/sun_synchronous.hpp"

namespace orbitsim {
namespace {

void write_isl(YAML::Emitter& out, const IslConfig& isl, const std::string& dir) {
  out << YAML::Key << "isl" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "pattern" << YAML::Value << to_string(isl.pattern);
  if (isl.pattern == IslPattern::kFile)
    out << YAML::Key << "file" << YAML::Value << written_path(isl.pairs_file, isl.pairs_path, dir);
  out << YAML::Key << "bandwidth_bps" << YAML::Value << isl.bandwidth_bps;
  out << YAML::Key << "inter_plane_shift" << YAML::Value << isl.inter_plane_shift;
  out << YAML::Key << "latitude_cutoff_deg" << YAML::Value << isl.latitude_cutoff_deg;
  out << YAML::Key << "cross_seam" << YAML::Value << isl.cross_seam;
  if (isl.max_range_km) out << YAML::Key << "max_range_km" << YAML::Value << *isl.max_range_km;
  out << YAML::Key << "terminals" << YAML::Value << isl.terminals;
  out << YAML::EndMap;
}

struct ShellWriter {
  YAML::Emitter& out;
  const std::string& dir;
  const EarthModel& earth;
  void operator()(const WalkerShellConfig& w) const {
    out << YAML::Key << "name" << YAML::Value << w.name;
    out << YAML::Key << "type" << YAML::Value << (w.pattern == WalkerPattern::kDelta ? "walker-delta" : "walker-star");
    out << YAML::Key << "walker" << YAML::Value
        << (fmt::format("{:g}", w.inclination_deg) + ":" + std::to_string(w.total) + "/" +
            std::to_string(w.planes) + "/" + std::to_string(w.phasing_f));
    out << YAML::Key << "phasing" << YAML::Value
        << (w.phasing == WalkerPhasing::kWalkerF ? "walker" : "hypatia-half-slot");
    if (w.altitude_km) out << YAML::Key << "altitude_km" << YAML::Value << *w.altitude_km;
    if (w.mean_motion_rev_per_day)
      out << YAML::Key << "mean_motion_rev_per_day" << YAML::Value << *w.mean_motion_rev_per_day;
    out << YAML::Key << "raan_offset_deg" << YAML::Value << w.raan_offset_deg;
    write_isl(out, w.isl, dir);
  }
  void operator()(const FormationConfig& f) const {
    out << YAML::Key << "name" << YAML::Value << f.name;
    out << YAML::Key << "type" << YAML::Value << "formation";
    out << YAML::Key << "altitude_km" << YAML::Value << f.altitude_km;
    if (f.inclination_deg) out << YAML::Key << "inclination_deg" << YAML::Value << *f.inclination_deg;
    else  // left to be derived, so that a changed altitude stays sun-synchronous; the value shown beside it
      out << YAML::Key << "inclination_deg" << YAML::Value << YAML::Null
          << YAML::Comment(fmt::format("sun-synchronous: {:.3f} deg at {:g} km",
                                       *sun_synchronous_inclination_rad(earth.radius_m + f.altitude_km * 1000.0, earth) *
                                           kRadToDeg,
                                       f.altitude_km));
    out << YAML::Key << "ltan_h" << YAML::Value << f.ltan_h;
    if (f.raan_deg) out << YAML::Key << "raan_deg" << YAML::Value << *f.raan_deg;
    out << YAML::Key << "arg_latitude_deg" << YAML::Value << f.arg_latitude_deg;
    out << YAML::Key << "satellites" << YAML::Value << f.satellites;
    out << YAML::Key << "radial_pitch_m" << YAML::Value << f.radial_pitch_m;
    write_isl(out, f.isl, dir);
  }
  void operator()(const DatacenterConfig& d) const {
    out << YAML::Key << "name" << YAML::Value << d.name;
    out << YAML::Key << "type" << YAML::Value << "datacenter";
    out << YAML::Key << "latitude_deg" << YAML::Value << d.latitude_deg;
    out << YAML::Key << "longitude_deg" << YAML::Value << d.longitude_deg;
    out << YAML::Key << "altitude_m" << YAML::Value << d.altitude_m;
    out << YAML::Key << "servers" << YAML::Value << d.servers;
    out << YAML::Key << "fibre" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "bandwidth_bps" << YAML::Value << d.fibre.bandwidth_bps;
    out << YAML::Key << "route_factor" << YAML::Value << d.fibre.route_factor;
    out << YAML::EndMap;
    out << YAML::Key << "fabric" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "enabled" << YAML::Value << d.fabric.enabled;
    out << YAML::Key << "bandwidth_bps" << YAML::Value << d.fabric.bandwidth_bps;
    out << YAML::Key << "latency_s" << YAML::Value << d.fabric.latency_s;
    out << YAML::EndMap;
  }
  void operator()(const ElementSetConfig& e) const {
    out << YAML::Key << "name" << YAML::Value << e.name;
    out << YAML::Key << "type" << YAML::Value << "elements";
    out << YAML::Key << "file" << YAML::Value << written_path(e.file, e.resolved_path, dir);
    out << YAML::Key << "format" << YAML::Value
        << (e.format == ElementFormat::kTle       ? "tle"
            : e.format == ElementFormat::kOmmCsv  ? "omm-csv"
            : e.format == ElementFormat::kOmmJson ? "omm-json"
                                                  : "hypatia-tles");
    if (e.max_satellites) out << YAML::Key << "max_satellites" << YAML::Value << *e.max_satellites;
    if (e.planes) {
      out << YAML::Key << "planes" << YAML::Value << *e.planes;
      out << YAML::Key << "sats_per_plane" << YAML::Value << *e.sats_per_plane;
    }
    out << YAML::Key << "verify_checksum" << YAML::Value << e.verify_checksum;
    write_isl(out, e.isl, dir);
  }
};

struct StationWriter {
  YAML::Emitter& out;
  const std::string& dir;
  void operator()(const GroundStationFileConfig& f) const {
    out << YAML::Key << "file" << YAML::Value << written_path(f.file, f.resolved_path, dir);
    if (f.radio_chains > 0) out << YAML::Key << "radio_chains" << YAML::Value << f.radio_chains;
  }
  void operator()(const GroundStationSiteConfig& s) const {
    out << YAML::Key << "name" << YAML::Value << s.name;
    out << YAML::Key << "latitude_deg" << YAML::Value << s.latitude_deg;
    out << YAML::Key << "longitude_deg" << YAML::Value << s.longitude_deg;
    out << YAML::Key << "altitude_m" << YAML::Value << s.altitude_m;
    if (s.radio_chains > 0) out << YAML::Key << "radio_chains" << YAML::Value << s.radio_chains;
  }
};

}  // namespace

std::string written_path(const std::string& as_written, const std::string& resolved, const std::string& dir) {
  if (dir.empty()) return as_written;
  namespace fs = std::filesystem;
  return fs::absolute(resolved).lexically_normal().lexically_relative(fs::absolute(dir).lexically_normal()).generic_string();
}

std::string to_yaml(const PlatformConfig& c, const std::string& written_in_dir) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << c.name;
  out << YAML::Key << "description" << YAML::Value << c.description;
  out << YAML::Key << "epoch_utc" << YAML::Value << c.epoch.to_iso8601();
  out << YAML::Key << "ellipsoid" << YAML::Value << c.earth->name;
  out << YAML::Key << "shadow_model" << YAML::Value
      << (c.shadow == ShadowModel::kCylindrical ? "cylindrical" : "conical");
  out << YAML::Key << "shells" << YAML::Value << YAML::BeginSeq;
  for (const auto& shell : c.shells) {
    out << YAML::BeginMap;
    std::visit(ShellWriter{out, written_in_dir, *c.earth}, shell);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "ground_stations" << YAML::Value << YAML::BeginSeq;
  for (const auto& gs : c.ground_stations) {
    out << YAML::BeginMap;
    std::visit(StationWriter{out, written_in_dir}, gs);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  const NetworkConfig& n = c.network;
  out << YAML::Key << "network" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "topology_epoch_s" << YAML::Value << n.topology_epoch_s;
  out << YAML::Key << "grazing_altitude_km" << YAML::Value << n.grazing_altitude_km;
  out << YAML::Key << "relay_through_ground" << YAML::Value << n.relay_through_ground;
  out << YAML::Key << "transfer_chunk_bytes" << YAML::Value << n.transfer_chunk_bytes;
  out << YAML::Key << "gsl" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "min_elevation_deg" << YAML::Value << n.gsl.min_elevation_deg;
  if (n.gsl.max_range_km) out << YAML::Key << "max_range_km" << YAML::Value << *n.gsl.max_range_km;
  out << YAML::Key << "line_of_sight" << YAML::Value << n.gsl.line_of_sight;
  out << YAML::Key << "max_links_per_station" << YAML::Value << n.gsl.max_links_per_station;
  out << YAML::Key << "selection" << YAML::Value << n.gsl.selection;
  out << YAML::Key << "bandwidth_bps" << YAML::Value << n.gsl.bandwidth_bps;
  out << YAML::EndMap;
  out << YAML::Key << "inter_shell_isl" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "pattern" << YAML::Value << to_string(n.inter_shell_isl.pattern);
  out << YAML::Key << "terminals" << YAML::Value << n.inter_shell_isl.terminals;
  if (n.inter_shell_isl.max_range_km)
    out << YAML::Key << "max_range_km" << YAML::Value << *n.inter_shell_isl.max_range_km;
  out << YAML::Key << "bandwidth_bps" << YAML::Value << n.inter_shell_isl.bandwidth_bps;
  out << YAML::EndMap << YAML::EndMap;
  out << YAML::Key << "hardware" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "accelerators_per_satellite" << YAML::Value << c.hardware.accelerators_per_satellite;
  out << YAML::Key << "accelerator_peak_flops" << YAML::Value << c.hardware.accelerator_peak_flops;
  out << YAML::Key << "accelerator_memory_bytes" << YAML::Value << c.hardware.accelerator_memory_bytes;
  out << YAML::Key << "accelerator_memory_bandwidth_Bps" << YAML::Value << c.hardware.accelerator_memory_bandwidth_Bps;
  out << YAML::Key << "intra_satellite_bandwidth_bps" << YAML::Value << c.hardware.intra_satellite_bandwidth_bps;
  out << YAML::Key << "intra_satellite_latency_s" << YAML::Value << c.hardware.intra_satellite_latency_s;
  out << YAML::Key << "ground_station_flops" << YAML::Value << c.hardware.ground_station_flops;
  out << YAML::EndMap;
  write_power_section(out, c.power);
  out << YAML::EndMap;
  return with_shortest_numbers(out.c_str()) + "\n";
}

}  // namespace orbitsim
