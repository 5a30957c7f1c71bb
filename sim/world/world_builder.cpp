#include "world/world_builder.hpp"

#include <cmath>
#include <fmt/format.h>
#include <set>

#include "core/input_error.hpp"
#include "orbit/formation.hpp"
#include "orbit/omm_reader.hpp"
#include "orbit/sun_synchronous.hpp"
#include "orbit/tle_reader.hpp"

namespace orbitsim {
namespace {

void add_walker(const WalkerShellConfig& w, const EarthModel& earth, Constellation& out) {
  WalkerShell shell;
  shell.pattern = w.pattern;
  shell.phasing = w.phasing;
  shell.inclination_rad = w.inclination_deg * kDegToRad;
  shell.total = w.total;
  shell.planes = w.planes;
  shell.phasing_f = w.phasing_f;
  shell.semi_major_axis_m = walker_semi_major_axis_m(w, earth);
  shell.raan_offset_rad = w.raan_offset_deg * kDegToRad;
  out.begin_shell(w.name, w.planes, w.total / w.planes);
  for (const WalkerSlot& slot : walker_slots(shell))
    out.add({0, fmt::format("{}_p{}_s{}", w.name, slot.plane, slot.index), w.name, slot.plane, slot.index},
            slot.elements);
}

void add_formation(const FormationConfig& f, const PlatformConfig& config, Constellation& out) {
  CircularElements reference;
  reference.semi_major_axis_m = config.earth->radius_m + f.altitude_km * 1000.0;
  if (f.inclination_deg) {
    reference.inclination_rad = *f.inclination_deg * kDegToRad;
  } else {
    // The loader limits altitude to LEO, where a sun-synchronous inclination always exists.
    reference.inclination_rad = *sun_synchronous_inclination_rad(reference.semi_major_axis_m, *config.earth);
  }
  reference.raan_rad = f.raan_deg ? *f.raan_deg * kDegToRad : raan_for_ltan_rad(f.ltan_h, config.epoch);
  reference.arg_latitude_rad = f.arg_latitude_deg * kDegToRad;
  out.begin_shell(f.name);
  int index = 0;
  for (const FormationMember& m : formation_members(reference, f.satellites, f.radial_pitch_m)) {
    out.add({0, fmt::format("{}_m{}", f.name, index), f.name, -1, index}, m.elements);
    ++index;
  }
}

void add_element_set(const ElementSetConfig& e, Constellation& out) {
  std::vector<MeanElements> sets;
  switch (e.format) {
    case ElementFormat::kTle: sets = read_tle_file(e.resolved_path, {e.verify_checksum}); break;
    case ElementFormat::kOmmCsv: sets = read_omm_csv_file(e.resolved_path); break;
    case ElementFormat::kOmmJson: sets = read_omm_json_file(e.resolved_path); break;
    case ElementFormat::kHypatiaTle: sets = read_hypatia_tle_file(e.resolved_path, {e.verify_checksum}); break;
  }
  if (sets.empty()) throw InputError({e.resolved_path, 0}, "the element-set file holds no element sets");
  if (e.max_satellites && sets.size() > static_cast<size_t>(*e.max_satellites)) sets.resize(*e.max_satellites);
  if (e.planes && sets.size() != static_cast<size_t>(*e.planes) * static_cast<size_t>(*e.sats_per_plane))
    throw InputError({e.resolved_path, 0}, "planes x sats_per_plane",
                     fmt::format("{} element sets ({} x {}, shell {})", *e.planes * *e.sats_per_plane, *e.planes,
                                 *e.sats_per_plane, e.name),
                     std::to_string(sets.size()));
  out.begin_shell(e.name, e.planes.value_or(0), e.sats_per_plane.value_or(0));
  for (size_t k = 0; k < sets.size(); ++k) {
    const MeanElements& m = sets[k];
    const std::string name = m.name.empty() ? fmt::format("{}_{}", e.name, m.catalog_number) : m.name;
    const int plane = e.planes ? static_cast<int>(k) / *e.sats_per_plane : -1;
    const int index = e.planes ? static_cast<int>(k) % *e.sats_per_plane : -1;
    out.add({0, name, e.name, plane, index}, m);
  }
}

// Its servers, named <name>_s<k>, all at the site.
void add_datacenter(const DatacenterConfig& d, const EarthModel& earth, Constellation& out) {
  const Vec3 site = geodetic_to_ecef({d.latitude_deg * kDegToRad, d.longitude_deg * kDegToRad, d.altitude_m}, earth);
  out.begin_shell(d.name, 0, 0, true);
  for (int k = 0; k < d.servers; ++k) out.add_earth_fixed({0, fmt::format("{}_s{}", d.name, k), d.name, -1, k}, site);
}

}  // namespace

double walker_semi_major_axis_m(const WalkerShellConfig& shell, const EarthModel& earth) {
  if (shell.altitude_km) return earth.radius_m + *shell.altitude_km * 1000.0;
  const double n_radps = *shell.mean_motion_rev_per_day * kTwoPi / kSecondsPerDay;
  return std::cbrt(earth.mu_m3ps2 / (n_radps * n_radps));
}

World build_world(const PlatformConfig& config) {
  World world{Constellation(config.epoch, *config.earth, config.shadow), {}};
  for (const ShellConfig& shell : config.shells) {
    if (const auto* w = std::get_if<WalkerShellConfig>(&shell)) add_walker(*w, *config.earth, world.constellation);
    else if (const auto* f = std::get_if<FormationConfig>(&shell)) add_formation(*f, config, world.constellation);
    else if (const auto* d = std::get_if<DatacenterConfig>(&shell)) add_datacenter(*d, *config.earth, world.constellation);
    else add_element_set(std::get<ElementSetConfig>(shell), world.constellation);
  }
  std::set<std::string> names;
  for (size_t i = 0; i < world.constellation.size(); ++i) {
    const auto& info = world.constellation.info(i);
    if (!names.insert(info.name).second)
      throw InputError({config.source_file, 0}, "shells", "unique satellite names",
                       "\"" + info.name + "\" twice (shell " + info.shell + ")");
  }
  for (const GroundStationSource& source : config.ground_stations) {
    if (const auto* f = std::get_if<GroundStationFileConfig>(&source)) {
      for (auto& gs : read_ground_station_file(f->resolved_path, *config.earth)) {
        gs.radio_chains = f->radio_chains;
        world.ground_stations.push_back(gs);
      }
    } else {
      const auto& s = std::get<GroundStationSiteConfig>(source);
      world.ground_stations.push_back(make_ground_station(s.name, s.latitude_deg, s.longitude_deg, s.altitude_m, *config.earth));
      world.ground_stations.back().radio_chains = s.radio_chains;
    }
  }
  std::set<std::string> station_names;
  for (const auto& gs : world.ground_stations)
    if (!station_names.insert(gs.name).second || names.count(gs.name))
      throw InputError({config.source_file, 0}, "ground_stations", "unique station names (distinct from satellites)",
                       "\"" + gs.name + "\" twice");
  return world;
}

}  // namespace orbitsim
