// Parses platform YAML files into PlatformConfig. Every accepted key, its unit, default and range are
// listed here and in platforms/README.md; anything else is rejected with its file and line.
#include <algorithm>
#include <type_traits>
#include <filesystem>
#include <map>
#include <fstream>
#include <regex>

#include <fmt/format.h>

#include "config/platform_config.hpp"
#include "config/power_section.hpp"
#include "config/yaml_object.hpp"
#include "config/yaml_overrides.hpp"
#include "orbit/tle_reader.hpp"
#include "policy/gsl/gsl_selection_policy.hpp"
#include "topology/isl_pair_file.hpp"

namespace orbitsim {
namespace {

// Physical ranges: below ~160 km an orbit decays within days; above 2,000 km is not LEO (and the
// Kepler+J2 model ignores lunar-solar terms that matter there).
constexpr Range kAltitudeKm{160.0, 2000.0, false, false};
constexpr Range kInclinationDeg{0.0, 180.0};
constexpr Range kAngleDeg{-360.0, 360.0};
constexpr Range kLeoMeanMotion{11.0, 16.5};  // rev/day for 160-2,000 km circular orbits

std::string resolve(const std::string& base_file, const std::string& relative) {
  const std::filesystem::path p(relative);
  if (p.is_absolute()) return p.string();
  return (std::filesystem::path(base_file).parent_path() / p).lexically_normal().string();
}

// `isl:` inside a shell; `defaults` are the shell type's defaults.
IslConfig parse_isl(YamlObject& shell, IslConfig defaults) {
  auto section = shell.optional_object("isl");
  if (!section) return defaults;
  YamlObject& o = *section;
  IslConfig c = defaults;
  const std::string pattern =
      o.choice_or("pattern", to_string(defaults.pattern), {"plus-grid", "ring", "none", "all-within-range", "file"});
  for (IslPattern p :
       {IslPattern::kPlusGrid, IslPattern::kRing, IslPattern::kNone, IslPattern::kAllWithinRange, IslPattern::kFile})
    if (pattern == to_string(p)) c.pattern = p;
  if (c.pattern == IslPattern::kFile || o.has("file")) {
    if (c.pattern != IslPattern::kFile) o.fail("file", "no pair file unless pattern is file", "\"" + o.string("file") + "\"");
    if (o.has("file") || defaults.pairs_path.empty()) {
      c.pairs_file = o.string("file");
      c.pairs_path = resolve(o.file(), c.pairs_file);
      if (!std::filesystem::is_regular_file(c.pairs_path))
        o.fail("file", "an existing ISL pair file", "\"" + c.pairs_file + "\" (looked for " + c.pairs_path + ")");
      c.pairs = read_isl_pair_file(c.pairs_path);
    }
  }
  c.bandwidth_bps = o.number_or("bandwidth_bps", defaults.bandwidth_bps, Range{1e3, 1e15});
  c.inter_plane_shift = o.integer_or("inter_plane_shift", defaults.inter_plane_shift, -10000, 10000);
  c.latitude_cutoff_deg = o.number_or("latitude_cutoff_deg", defaults.latitude_cutoff_deg, Range{0.0, 90.0});
  c.cross_seam = o.boolean_or("cross_seam", defaults.cross_seam);
  const auto range = o.optional_number("max_range_km", Range{0.001, 20000.0});
  if (range) c.max_range_km = range;
  else if (c.pattern != defaults.pattern) c.max_range_km = std::nullopt;  // the default range is the default pattern's
  c.terminals = o.integer_or("terminals", defaults.terminals, 0, 10000);
  o.finish();
  return c;
}

WalkerShellConfig parse_walker(YamlObject& o, const std::string& type) {
  WalkerShellConfig w;
  w.name = o.string("name");
  w.pattern = type == "walker-star" ? WalkerPattern::kStar : WalkerPattern::kDelta;
  const std::string notation = o.string("walker");
  static const std::regex kNotation(R"(^\s*([0-9]+(?:\.[0-9]+)?)\s*:\s*([0-9]+)\s*/\s*([0-9]+)\s*/\s*([0-9]+)\s*$)");
  std::smatch m;
  const std::string expected = "Walker notation i:t/p/f, e.g. 53:1584/72/1";
  if (!std::regex_match(notation, m, kNotation)) o.fail("walker", expected, "\"" + notation + "\"");
  w.inclination_deg = std::stod(m[1]);
  w.total = std::stoi(m[2]);
  w.planes = std::stoi(m[3]);
  w.phasing_f = std::stoi(m[4]);
  if (w.inclination_deg > 180.0) o.fail("walker", "an inclination in [0, 180] deg", m[1].str());
  if (w.total < 1 || w.planes < 1 || w.total % w.planes != 0)
    o.fail("walker", "t a positive multiple of p", "t=" + m[2].str() + ", p=" + m[3].str());
  if (w.phasing_f >= w.planes) o.fail("walker", "f in [0, p-1]", "f=" + m[4].str() + " with p=" + m[3].str());
  w.phasing = o.choice_or("phasing", "walker", {"walker", "hypatia-half-slot"}) == "walker"
                  ? WalkerPhasing::kWalkerF
                  : WalkerPhasing::kHypatiaHalfSlot;
  w.altitude_km = o.optional_number("altitude_km", kAltitudeKm);
  w.mean_motion_rev_per_day = o.optional_number("mean_motion_rev_per_day", kLeoMeanMotion);
  if (w.altitude_km.has_value() == w.mean_motion_rev_per_day.has_value())
    o.fail("altitude_km", "exactly one of altitude_km or mean_motion_rev_per_day",
           w.altitude_km ? "both" : "neither");
  w.raan_offset_deg = o.number_or("raan_offset_deg", 0.0, kAngleDeg);
  // A Walker star's first and last planes counter-rotate: no links across that seam by default.
  w.isl = parse_isl(o, IslConfig{IslPattern::kPlusGrid, 100e9, 0, 90.0, w.pattern == WalkerPattern::kDelta,
                                 std::nullopt, 4, {}, {}, {}});
  return w;
}

FormationConfig parse_formation(YamlObject& o) {
  FormationConfig f;
  f.name = o.string("name");
  f.altitude_km = o.number_or("altitude_km", f.altitude_km, kAltitudeKm);
  f.inclination_deg = o.optional_number("inclination_deg", kInclinationDeg);
  f.ltan_h = o.number_or("ltan_h", f.ltan_h, Range{0.0, 24.0, false, true});
  f.raan_deg = o.optional_number("raan_deg", kAngleDeg);
  f.arg_latitude_deg = o.number_or("arg_latitude_deg", f.arg_latitude_deg, kAngleDeg);
  f.satellites = o.integer_or("satellites", f.satellites, 1, 10000);
  f.radial_pitch_m = o.number_or("radial_pitch_m", f.radial_pitch_m, Range{1.0, 10000.0});
  f.isl = parse_isl(o, f.isl);
  if (f.isl.pattern == IslPattern::kPlusGrid || f.isl.pattern == IslPattern::kRing)
    o.fail("isl", "pattern all-within-range or none for a formation (it has no planes)", to_string(f.isl.pattern));
  return f;
}

DatacenterConfig parse_datacenter(YamlObject& o) {
  DatacenterConfig d;
  d.name = o.string("name");
  d.latitude_deg = o.number("latitude_deg", Range{-90.0, 90.0});
  d.longitude_deg = o.number("longitude_deg", Range{-180.0, 180.0});
  d.altitude_m = o.number_or("altitude_m", d.altitude_m, Range{-500.0, 9000.0});
  d.servers = o.integer_or("servers", d.servers, 1, 100000);
  if (auto fibre = o.optional_object("fibre")) {
    d.fibre.bandwidth_bps = fibre->number_or("bandwidth_bps", d.fibre.bandwidth_bps, Range{1e3, 1e15});
    d.fibre.route_factor = fibre->number_or("route_factor", d.fibre.route_factor, Range{1.0, 10.0});
    fibre->finish();
  }
  if (auto fabric = o.optional_object("fabric")) {
    d.fabric.enabled = fabric->boolean_or("enabled", d.fabric.enabled);
    d.fabric.bandwidth_bps = fabric->number_or("bandwidth_bps", d.fabric.bandwidth_bps, Range{1e3, 1e15});
    d.fabric.latency_s = fabric->number_or("latency_s", d.fabric.latency_s, Range{0.0, 1.0});
    fabric->finish();
  }
  if (d.fabric.enabled && d.servers > kMaxFabricServers)
    o.fail("servers", fmt::format("at most {} servers with a fabric (a link per server pair; set fabric.enabled: "
                                  "false for a data centre that only serves)", kMaxFabricServers),
           "\"" + std::to_string(d.servers) + "\"");
  return d;
}

ElementSetConfig parse_element_set(YamlObject& o) {
  ElementSetConfig e;
  e.name = o.string("name");
  e.file = o.string("file");
  e.resolved_path = resolve(o.file(), e.file);
  const std::string ext = std::filesystem::path(e.file).extension().string();
  const std::string guessed = ext == ".csv" ? "omm-csv" : ext == ".json" ? "omm-json" : "tle";
  const std::string format = o.choice_or("format", guessed, {"tle", "omm-csv", "omm-json", "hypatia-tles"});
  e.format = format == "tle"       ? ElementFormat::kTle
             : format == "omm-csv" ? ElementFormat::kOmmCsv
             : format == "omm-json" ? ElementFormat::kOmmJson
                                    : ElementFormat::kHypatiaTle;
  if (o.has("max_satellites")) e.max_satellites = o.integer_or("max_satellites", 0, 1, 10'000'000);
  else o.integer_or("max_satellites", 0, 0, 0);
  e.verify_checksum = o.boolean_or("verify_checksum", true);
  if (!std::filesystem::is_regular_file(e.resolved_path))
    o.fail("file", "an existing element-set file", "\"" + e.file + "\" (looked for " + e.resolved_path + ")");
  if (o.has("planes") || o.has("sats_per_plane")) {
    e.planes = o.integer_or("planes", 0, 1, 100000);
    e.sats_per_plane = o.integer_or("sats_per_plane", 0, 1, 100000);
  }
  if (e.format == ElementFormat::kHypatiaTle) {
    const HypatiaTleHeader h = read_hypatia_tle_header(e.resolved_path);
    if (e.planes && (*e.planes != h.planes || *e.sats_per_plane != h.sats_per_plane))
      o.fail("planes", "the layout of the file's header (" + std::to_string(h.planes) + " x " +
                           std::to_string(h.sats_per_plane) + ")",
             std::to_string(*e.planes) + " x " + std::to_string(*e.sats_per_plane));
    e.planes = h.planes;
    e.sats_per_plane = h.sats_per_plane;
  }
  e.isl = parse_isl(o, e.isl);
  if ((e.isl.pattern == IslPattern::kPlusGrid || e.isl.pattern == IslPattern::kRing) && !e.planes)
    o.fail("isl", "pattern all-within-range, file or none for element sets without planes and sats_per_plane",
           to_string(e.isl.pattern));
  return e;
}

// A Hypatia satellite_networks_state folder, read as is: tles.txt (with its header) and isls.txt make an
// element-set shell; description.txt's max_isl_length_m its ISL range. The folder's ground_stations.txt
// and max_gsl_length_m go to the platform (`hypatia_stations`, `hypatia_gsl_range_km`).
ElementSetConfig parse_hypatia_folder(YamlObject& o, std::vector<std::string>& hypatia_stations,
                                      std::optional<double>& hypatia_gsl_range_km) {
  const std::string folder = o.string("folder");
  const std::string dir = resolve(o.file(), folder);
  auto in_folder = [&](const char* name) {
    const std::string path = (std::filesystem::path(dir) / name).string();
    if (!std::filesystem::is_regular_file(path))
      o.fail("folder", std::string("a Hypatia state folder with ") + name, "\"" + folder + "\" (looked for " + path + ")");
    return path;
  };
  ElementSetConfig e;
  e.name = o.string("name");
  e.file = (std::filesystem::path(folder) / "tles.txt").string();
  e.resolved_path = in_folder("tles.txt");
  e.format = ElementFormat::kHypatiaTle;
  e.verify_checksum = o.boolean_or("verify_checksum", true);
  const HypatiaTleHeader h = read_hypatia_tle_header(e.resolved_path);
  e.planes = h.planes;
  e.sats_per_plane = h.sats_per_plane;
  // description.txt: "key=value" lines.
  const std::string description = in_folder("description.txt");
  std::map<std::string, std::pair<double, int>> values;
  std::ifstream in(description);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    try {
      values[line.substr(0, eq)] = {std::stod(line.substr(eq + 1)), number};
    } catch (const std::exception&) {
      throw InputError({description, number}, line.substr(0, eq), "a number", "\"" + line.substr(eq + 1) + "\"");
    }
  }
  for (const char* key : {"max_isl_length_m", "max_gsl_length_m"})
    if (!values.count(key)) throw InputError({description, 0}, key, "a line " + std::string(key) + "=<metres>", "none");
  IslConfig defaults{IslPattern::kFile, 100e9, 0, 90.0, true, values["max_isl_length_m"].first / 1000.0, 0, {}, {}, {}};
  defaults.pairs_file = (std::filesystem::path(folder) / "isls.txt").string();
  defaults.pairs_path = in_folder("isls.txt");
  defaults.pairs = read_isl_pair_file(defaults.pairs_path);
  e.isl = parse_isl(o, defaults);
  hypatia_stations.push_back(in_folder("ground_stations.txt"));
  hypatia_gsl_range_km = values["max_gsl_length_m"].first / 1000.0;
  return e;
}

GroundStationSource parse_ground_station(YamlObject& o) {
  if (o.has("file")) {
    GroundStationFileConfig f;
    f.file = o.string("file");
    f.resolved_path = resolve(o.file(), f.file);
    if (!std::filesystem::is_regular_file(f.resolved_path))
      o.fail("file", "an existing ground-station file", "\"" + f.file + "\" (looked for " + f.resolved_path + ")");
    f.radio_chains = o.integer_or("radio_chains", 0, 0, 1000);
    return f;
  }
  GroundStationSiteConfig s;
  s.name = o.string("name");
  s.latitude_deg = o.number("latitude_deg", Range{-90.0, 90.0});
  s.longitude_deg = o.number("longitude_deg", Range{-180.0, 180.0});
  s.altitude_m = o.number_or("altitude_m", 0.0, Range{-500.0, 9000.0});
  s.radio_chains = o.integer_or("radio_chains", 0, 0, 1000);
  return s;
}

NetworkConfig parse_network(YamlObject& top, size_t shells) {
  NetworkConfig n;
  auto section = top.optional_object("network");
  if (!section) return n;
  YamlObject& o = *section;
  n.topology_epoch_s = o.number_or("topology_epoch_s", n.topology_epoch_s, Range{0.001, 86400.0});
  n.grazing_altitude_km = o.number_or("grazing_altitude_km", n.grazing_altitude_km, Range{0.0, 1000.0});
  n.relay_through_ground = o.boolean_or("relay_through_ground", n.relay_through_ground);
  n.transfer_chunk_bytes = o.number_or("transfer_chunk_bytes", n.transfer_chunk_bytes, Range{1.0, 1e15});
  if (auto gsl = o.optional_object("gsl")) {
    YamlObject& g = *gsl;
    n.gsl.min_elevation_deg = g.number_or("min_elevation_deg", n.gsl.min_elevation_deg, Range{0.0, 90.0});
    const auto range = g.optional_number("max_range_km", Range{1.0, 50000.0});
    if (range) n.gsl.max_range_km = range;
    n.gsl.line_of_sight = g.boolean_or("line_of_sight", n.gsl.line_of_sight);
    n.gsl.max_links_per_station = g.integer_or("max_links_per_station", n.gsl.max_links_per_station, 1, 1000);
    n.gsl.selection = g.choice_or("selection", n.gsl.selection, policy_names(gsl_selection_policies()));
    n.gsl.bandwidth_bps = g.number_or("bandwidth_bps", n.gsl.bandwidth_bps, Range{1e3, 1e15});
    g.finish();
  }
  if (auto inter = o.optional_object("inter_shell_isl")) {
    YamlObject& i = *inter;
    InterShellIslConfig& c = n.inter_shell_isl;
    const std::string pattern = i.choice_or("pattern", to_string(c.pattern), {"none", "nearest-within-range"});
    c.pattern = pattern == "none" ? InterShellIslPattern::kNone : InterShellIslPattern::kNearestWithinRange;
    if (c.pattern != InterShellIslPattern::kNone && shells < 2) i.fail("pattern", "none for a platform of one shell", pattern);
    c.terminals = i.integer_or("terminals", c.terminals, 1, 64);
    c.max_range_km = i.optional_number("max_range_km", Range{0.001, 20000.0});
    c.bandwidth_bps = i.number_or("bandwidth_bps", c.bandwidth_bps, Range{1e3, 1e15});
    i.finish();
  }
  o.finish();
  return n;
}

HardwareConfig parse_hardware(YamlObject& top) {
  HardwareConfig h;
  auto section = top.optional_object("hardware");
  if (!section) return h;
  YamlObject& o = *section;
  h.accelerators_per_satellite = o.integer_or("accelerators_per_satellite", h.accelerators_per_satellite, 0, 100000);
  h.accelerator_peak_flops = o.number_or("accelerator_peak_flops", h.accelerator_peak_flops, Range{1e6, 1e18});
  h.accelerator_memory_bytes = o.number_or("accelerator_memory_bytes", h.accelerator_memory_bytes, Range{1e6, 1e15});
  h.accelerator_memory_bandwidth_Bps =
      o.number_or("accelerator_memory_bandwidth_Bps", h.accelerator_memory_bandwidth_Bps, Range{1e6, 1e16});
  h.intra_satellite_bandwidth_bps =
      o.number_or("intra_satellite_bandwidth_bps", h.intra_satellite_bandwidth_bps, Range{1e6, 1e15});
  h.intra_satellite_latency_s = o.number_or("intra_satellite_latency_s", h.intra_satellite_latency_s, Range{0.0, 1.0});
  h.ground_station_flops = o.number_or("ground_station_flops", h.ground_station_flops, Range{1e3, 1e18});
  o.finish();
  return h;
}

}  // namespace

PlatformConfig load_platform_config(const std::string& path, const std::vector<YamlOverride>& overrides) {
  YAML::Node doc = load_yaml_file(path);
  apply_yaml_overrides(doc, overrides);
  YamlObject top(doc, path, "");
  PlatformConfig c;
  c.source_file = path;
  c.name = top.string("name");
  c.description = top.string_or("description", "");
  c.epoch_text = top.string("epoch_utc");
  const auto epoch = parse_iso8601_utc(c.epoch_text);
  if (!epoch) top.fail("epoch_utc", "an ISO 8601 UTC time such as 2026-05-13T00:00:00Z", "\"" + c.epoch_text + "\"");
  c.epoch = *epoch;
  c.earth = top.choice_or("ellipsoid", "wgs84", {"wgs84", "wgs72"}) == "wgs84" ? &kWgs84 : &kWgs72;
  c.shadow = top.choice_or("shadow_model", "cylindrical", {"cylindrical", "conical"}) == "cylindrical"
                 ? ShadowModel::kCylindrical
                 : ShadowModel::kConical;

  std::vector<YamlObject> shells = top.objects("shells");
  if (shells.empty()) top.fail("shells", "a list with at least one shell", "none");
  std::vector<std::string> names;
  std::vector<std::string> hypatia_stations;
  std::optional<double> hypatia_gsl_range_km;
  for (auto& s : shells) {
    const std::string type =
        s.choice_or("type", "walker-delta", {"walker-delta", "walker-star", "formation", "elements", "hypatia", "datacenter"});
    if (type == "formation") c.shells.emplace_back(parse_formation(s));
    else if (type == "datacenter") c.shells.emplace_back(parse_datacenter(s));
    else if (type == "elements") c.shells.emplace_back(parse_element_set(s));
    else if (type == "hypatia") c.shells.emplace_back(parse_hypatia_folder(s, hypatia_stations, hypatia_gsl_range_km));
    else c.shells.emplace_back(parse_walker(s, type));
    const std::string name = std::visit([](const auto& x) { return x.name; }, c.shells.back());
    if (std::find(names.begin(), names.end(), name) != names.end())
      s.fail("name", "a shell name not used before", "\"" + name + "\"");
    names.push_back(name);
    s.finish();
  }
  for (auto& g : top.objects("ground_stations")) {
    c.ground_stations.push_back(parse_ground_station(g));
    g.finish();
  }
  for (const std::string& path : hypatia_stations) c.ground_stations.push_back(GroundStationFileConfig{path, path});
  c.network = parse_network(top, c.shells.size());
  // Hypatia's GSL rule unless the platform sets one of its own: a station reaches every satellite within
  // max_gsl_length_m and routes pick among them (satgenpy's free-one algorithms).
  if (hypatia_gsl_range_km) {
    if (!c.network.gsl.max_range_km) c.network.gsl.max_range_km = hypatia_gsl_range_km;
    const YAML::Node& const_doc = doc;
    const bool selection_set = const_doc["network"] && const_doc["network"]["gsl"] && const_doc["network"]["gsl"]["selection"];
    if (!selection_set) c.network.gsl.selection = "all-visible";
    const bool sight_set = const_doc["network"] && const_doc["network"]["gsl"] && const_doc["network"]["gsl"]["line_of_sight"];
    if (!sight_set) c.network.gsl.line_of_sight = false;
  }
  c.hardware = parse_hardware(top);
  c.power = parse_power_section(top);
  if (c.power.enabled && has_datacenter(c.shells))
    top.fail("power", "no power block with a datacenter shell (the power model is the satellites'; put the data "
                      "centre in a platform of its own, or set power.enabled: false)", "a power block");
  top.finish();
  return c;
}

std::vector<ShellLinks> shell_links(const std::vector<ShellConfig>& shells) {
  std::vector<ShellLinks> out;
  for (const ShellConfig& shell : shells)
    out.push_back(std::visit(
        [](const auto& s) -> ShellLinks {
          if constexpr (std::is_same_v<std::decay_t<decltype(s)>, DatacenterConfig>) {
            IslConfig none;
            none.pattern = IslPattern::kNone;
            return {none, s.fibre, s.fabric};
          } else {
            return {s.isl, std::nullopt, {}};
          }
        },
        shell));
  return out;
}

bool has_datacenter(const std::vector<ShellConfig>& shells) {
  return std::any_of(shells.begin(), shells.end(),
                     [](const ShellConfig& s) { return std::holds_alternative<DatacenterConfig>(s); });
}

}  // namespace orbitsim
