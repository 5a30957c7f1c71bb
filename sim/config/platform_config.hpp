// The platform part of a scenario, parsed once and fully validated: constellation layout (shells),
// ground stations, Earth and shadow models. Documented field by field in platforms/README.md.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/constants.hpp"
#include "orbit/julian_date.hpp"
#include "orbit/sun.hpp"
#include "orbit/walker.hpp"
#include "power/power_config.hpp"
#include "topology/network_config.hpp"

namespace orbitsim {

struct WalkerShellConfig {
  std::string name;
  WalkerPattern pattern = WalkerPattern::kDelta;
  WalkerPhasing phasing = WalkerPhasing::kWalkerF;
  double inclination_deg = 0.0;
  int total = 0;
  int planes = 0;
  int phasing_f = 0;
  std::optional<double> altitude_km;              // one of altitude_km ...
  std::optional<double> mean_motion_rev_per_day;  // ... or mean_motion_rev_per_day
  double raan_offset_deg = 0.0;
  IslConfig isl;
};

struct FormationConfig {
  std::string name;
  double altitude_km = 650.0;
  std::optional<double> inclination_deg;  // default: sun-synchronous at this altitude
  double ltan_h = 18.0;                   // local time of the ascending node (used unless raan_deg is set)
  std::optional<double> raan_deg;
  double arg_latitude_deg = 0.0;
  int satellites = 81;
  double radial_pitch_m = 100.0;
  IslConfig isl{IslPattern::kAllWithinRange, 1.6e12, 0, 90.0, true, 0.3, 0, {}, {}, {}};  // physics.md 9: 1.6 Tbps demo, all-to-all within 300 m
};

enum class ElementFormat { kTle, kOmmCsv, kOmmJson, kHypatiaTle };  // hypatia: TLEs after an "<orbits> <per orbit>" line

struct ElementSetConfig {
  std::string name;
  std::string file;           // as written in the scenario
  std::string resolved_path;  // relative to the scenario file's folder
  ElementFormat format = ElementFormat::kTle;
  std::optional<int> max_satellites;
  bool verify_checksum = true;
  // The plane layout, when declared (or read from a Hypatia header): satellite k of the file is slot
  // k mod sats_per_plane of plane k / sats_per_plane, as Hypatia numbers them; plus-grid and ring need it.
  std::optional<int> planes;
  std::optional<int> sats_per_plane;
  // Nearest 4 within 1,000 km: enough for the dense 2026 constellation (mean link ~220 km) at 0.2 s/epoch.
  IslConfig isl{IslPattern::kAllWithinRange, 100e9, 0, 90.0, true, 1000.0, 4, {}, {}, {}};
};

// A terrestrial data centre (`type: datacenter`): `servers` compute nodes at one site, each with the
// platform's `hardware` like a satellite, reached from every ground station over fibre (FibreConfig),
// linked to each other by the data centre's fabric (FabricConfig), on which training jobs run.
// No ISLs, no GSLs, never in eclipse: the ground baseline against which orbits are compared.
struct DatacenterConfig {
  std::string name;
  double latitude_deg = 0, longitude_deg = 0, altitude_m = 0;
  int servers = 1;
  FibreConfig fibre;
  FabricConfig fabric;
};

using ShellConfig = std::variant<WalkerShellConfig, FormationConfig, ElementSetConfig, DatacenterConfig>;

// Each shell's links, in platform order (what TopologyBuilder takes beside the network config).
std::vector<ShellLinks> shell_links(const std::vector<ShellConfig>& shells);
bool has_datacenter(const std::vector<ShellConfig>& shells);

// `radio_chains`: GSLs a station keeps at once (0: `network.gsl.max_links_per_station`).
struct GroundStationFileConfig {
  std::string file;
  std::string resolved_path;
  int radio_chains = 0;
};
struct GroundStationSiteConfig {
  std::string name;
  double latitude_deg = 0, longitude_deg = 0, altitude_m = 0;
  int radio_chains = 0;
};
using GroundStationSource = std::variant<GroundStationFileConfig, GroundStationSiteConfig>;

// Compute hardware per satellite (SimGrid host speed = accelerators x peak FLOP/s).
struct HardwareConfig {
  int accelerators_per_satellite = 1;
  double accelerator_peak_flops = 989e12;  // NVIDIA H100 SXM, dense BF16 (datasheet)
  double accelerator_memory_bytes = 80e9;  // H100 SXM HBM3 (datasheet)
  double accelerator_memory_bandwidth_Bps = 3.35e12;  // H100 SXM HBM3, 3.35 TB/s (datasheet): decode's KV read
  // Between the accelerators of one satellite, for tensor-parallel collectives (never over ISLs).
  double intra_satellite_bandwidth_bps = 3.6e12;  // NVLink 4: 900 GB/s per H100 both ways, 450 GB/s each way
  double intra_satellite_latency_s = 2e-6;        // per ring step [E]: NVLink hop + NCCL launch, order of µs
  double ground_station_flops = 1e12;      // nominal; ground stations relay, they do not compute
};

struct PlatformConfig {
  std::string source_file;
  std::string name;
  std::string description;
  JulianDate epoch;
  std::string epoch_text;
  const EarthModel* earth = &kWgs84;
  ShadowModel shadow = ShadowModel::kCylindrical;
  std::vector<ShellConfig> shells;
  std::vector<GroundStationSource> ground_stations;
  NetworkConfig network;
  HardwareConfig hardware;
  PowerConfig power;
};

// Reads and validates a platform file, after applying `overrides` (--set); throws InputError on the
// first problem.
PlatformConfig load_platform_config(const std::string& path, const std::vector<std::pair<std::string, std::string>>& overrides = {});

// The effective configuration with every default filled in, as YAML (what `orbitsim validate` prints).
// `written_in_dir`: the folder the text will be saved in, so that its file paths still resolve there;
// empty: the paths as written in the source.
std::string to_yaml(const PlatformConfig& config, const std::string& written_in_dir = "");
// A data-file path for a configuration written into `dir` (see to_yaml).
std::string written_path(const std::string& as_written, const std::string& resolved, const std::string& dir);

}  // namespace orbitsim
