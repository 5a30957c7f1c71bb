// Ground stations (user cities, gateways): fixed sites on the rotating Earth.
#pragma once

#include <string>
#include <vector>

#include "core/vec3.hpp"
#include "orbit/frames.hpp"

namespace orbitsim {

struct GroundStation {
  std::string name;
  Geodetic site;  // geodetic latitude/longitude, altitude above the ellipsoid
  Vec3 ecef_m;    // Earth-fixed position
  int radio_chains = 0;  // GSLs it keeps at once; 0: the platform's network.gsl.max_links_per_station
  double population = 0.0;  // people it serves (station files' optional population column); 0: not given
};

// Reads a ground-station list. Two CSV layouts are accepted:
//  - with a header naming `name,latitude_deg,longitude_deg,altitude_m` (any column order);
//  - Hypatia's headerless "basic" format `gid,name,latitude_deg,longitude_deg,elevation_m`.
// Either may carry a population (a `population` column; a 6th field of the basic format), which weights
// requests by population (trace convert/generate --stations population).
// Latitudes and longitudes are WGS-84 geodetic degrees (north and east positive).
std::vector<GroundStation> read_ground_station_file(const std::string& path, const EarthModel& earth);

GroundStation make_ground_station(const std::string& name, double latitude_deg, double longitude_deg,
                                  double altitude_m, const EarthModel& earth);

}  // namespace orbitsim
