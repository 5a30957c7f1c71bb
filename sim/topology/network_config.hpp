// Network parameters of a platform: inter-satellite link (ISL) patterns per shell, ground-satellite
// link (GSL) visibility and selection, and routing options. Defaults and sources: platforms/README.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace orbitsim {

enum class IslPattern {
  kPlusGrid,        // 2 intra-plane + 2 inter-plane neighbours (Walker shells)
  kRing,            // intra-plane neighbours only
  kNone,            // no ISLs
  kAllWithinRange,  // every satellite within range, nearest first up to `terminals` (clusters, TLE sets)
  kFile,            // an explicit list of satellite pairs (Hypatia's isls.txt)
};

// One line of an ISL pair file: satellites by their index in the shell (0-based, platform order).
struct IslPair {
  int a = 0, b = 0;
  int line = 0;
};

struct IslConfig {
  IslPattern pattern = IslPattern::kPlusGrid;
  double bandwidth_bps = 100e9;           // physics.md 3a: 100 Gbps per Starlink laser link
  int inter_plane_shift = 0;              // plus-grid: slot s of plane p links to slot s+shift of plane p+1
  double latitude_cutoff_deg = 90.0;      // inter-plane links are down while either end is above |lat|
  bool cross_seam = true;                 // link the last plane to the first (false at a counter-rotating seam)
  std::optional<double> max_range_km;     // terminal range; the grazing-altitude rule applies regardless
  int terminals = 4;                      // all-within-range: links per satellite (0 = unlimited)
  std::string pairs_file;                 // file: as written in the platform
  std::string pairs_path;                 // file: resolved
  std::vector<IslPair> pairs;             // file: read and checked at load (indices against the shell when built)
};

// Terrestrial fibre from every ground station to each server of a data centre: a link as long as the
// great circle between the two sites times `route_factor`, at c / kFibreRefractiveIndex.
struct FibreConfig {
  double bandwidth_bps = 100e9;  // per station and server [E]: one 100 Gbit/s wavelength (platforms/README.md)
  double route_factor = 1.0;     // route length / great-circle distance [E]: 1 = the geodesic, a lower bound
};
constexpr double kFibreRefractiveIndex = 1.468;  // physics.md: light in fibre at c / 1.468 (~204,000 km/s)

// The network inside a data centre, between its servers: a non-blocking switched fabric, each server on
// it through one network interface (a link per server pair in the topology; a transfer crosses the
// sender's interface out and the receiver's in). Defaults and sources: platforms/README.md.
struct FabricConfig {
  bool enabled = true;
  double bandwidth_bps = 400e9;  // per server and direction: one InfiniBand NDR / ConnectX-7 port per GPU
  double latency_s = 2e-6;       // server to server through the switches [E]
};
constexpr int kMaxFabricServers = 1024;  // the fabric is a link per server pair: n(n-1)/2 of them

// One shell's links, as TopologyBuilder takes them: its ISL settings and, for a data centre, its fibre
// to the stations and the fabric between its servers.
struct ShellLinks {
  IslConfig isl;
  std::optional<FibreConfig> fibre;
  FabricConfig fabric;
};

struct GslConfig {
  double min_elevation_deg = 25.0;      // physics.md 2b: Starlink user terminals, FCC 2021 order
  std::optional<double> max_range_km;   // alternative visibility rule (Hypatia's); replaces the elevation mask
  bool line_of_sight = true;            // with max_range_km: only above the horizon (false: range alone, as satgenpy)
  int max_links_per_station = 1;
  std::string selection = "nearest";    // a policy in sim/policy/gsl (see gsl_selection_policy.hpp)
  double bandwidth_bps = 20e9;          // physics.md 9: per-satellite downlink 20 Gbps (Starlink V1)
};

// Laser links between satellites of different shells, chosen anew at each epoch: candidate pairs within
// range (and above the grazing altitude), accepted nearest first while both ends have a free inter-shell
// terminal. Ties break on satellite ids, so the choice is deterministic.
enum class InterShellIslPattern { kNone, kNearestWithinRange };

struct InterShellIslConfig {
  InterShellIslPattern pattern = InterShellIslPattern::kNone;
  int terminals = 1;                    // per satellite, beyond its shell's ISL terminals [E] (platforms/README.md)
  std::optional<double> max_range_km;   // unset: the grazing-altitude rule alone (physics.md: 5,017 km at 550 km)
  double bandwidth_bps = 100e9;         // physics.md 3a: 100 Gbps per Starlink laser link
};

struct NetworkConfig {
  double topology_epoch_s = 1.0;        // routes are recomputed for every epoch of this length
  double grazing_altitude_km = 80.0;    // an ISL whose chord dips below this altitude is down (physics.md 9)
  bool relay_through_ground = false;    // may routes pass through ground stations?
  // Retransmission unit of bulk transfers: when a relay on a transfer's path fails, the chunk in flight
  // is lost and sent again, from its first byte, over the new route ([E] an application block size).
  double transfer_chunk_bytes = 64.0 * 1024 * 1024;
  GslConfig gsl;
  InterShellIslConfig inter_shell_isl;
};

const char* to_string(IslPattern p);
const char* to_string(InterShellIslPattern p);

}  // namespace orbitsim
