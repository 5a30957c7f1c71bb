#include "ground/ground_station.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>

#include "core/constants.hpp"
#include "core/input_error.hpp"

namespace orbitsim {
namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, ',')) {
    const auto b = field.find_first_not_of(" \t\r");
    const auto e = field.find_last_not_of(" \t\r");
    out.push_back(b == std::string::npos ? std::string() : field.substr(b, e - b + 1));
  }
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

double parse_number(const std::string& text, const SourceLocation& where, const std::string& field, double lo,
                    double hi) {
  double v = 0.0;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  const std::string range = "a number in [" + std::to_string(static_cast<int>(lo)) + ", " +
                            std::to_string(static_cast<int>(hi)) + "]";
  if (text.empty() || ec != std::errc() || p != end || !std::isfinite(v) || v < lo || v > hi)
    throw InputError(where, field, range, "\"" + text + "\"");
  return v;
}

}  // namespace

GroundStation make_ground_station(const std::string& name, double latitude_deg, double longitude_deg,
                                  double altitude_m, const EarthModel& earth) {
  GroundStation gs;
  gs.name = name;
  gs.site = {latitude_deg * kDegToRad, longitude_deg * kDegToRad, altitude_m};
  gs.ecef_m = geodetic_to_ecef(gs.site, earth);
  return gs;
}

std::vector<GroundStation> read_ground_station_file(const std::string& path, const EarthModel& earth) {
  std::ifstream in(path);
  if (!in) throw InputError({path, 0}, "cannot open the ground-station file");
  std::vector<GroundStation> out;
  std::string line;
  int line_number = 0;
  std::map<std::string, size_t> column{{"name", 1}, {"latitude_deg", 2}, {"longitude_deg", 3}, {"altitude_m", 4}};
  size_t min_fields = 5;
  bool basic_format = true;  // Hypatia's: a 6th field of 6 is the population (its extended format has 8)
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty() || line == "\r" || line[0] == '#') continue;
    auto fields = split(line);
    if (line_number == 1 && std::find(fields.begin(), fields.end(), "name") != fields.end()) {
      column.clear();
      basic_format = false;
      for (size_t i = 0; i < fields.size(); ++i) column[fields[i]] = i;
      for (const char* required : {"name", "latitude_deg", "longitude_deg"})
        if (!column.count(required))
          throw InputError({path, 1}, "header", std::string("a column named ") + required, "\"" + line + "\"");
      min_fields = 0;
      for (const auto& [k, i] : column) min_fields = std::max(min_fields, i + 1);
      continue;
    }
    const SourceLocation where{path, line_number};
    if (fields.size() < min_fields)
      throw InputError(where, "row", std::to_string(min_fields) + " comma-separated fields",
                       std::to_string(fields.size()) + " in \"" + line + "\"");
    const std::string& name = fields[column["name"]];
    if (name.empty()) throw InputError(where, "name", "a station name", "an empty field");
    const double lat = parse_number(fields[column["latitude_deg"]], where, "latitude_deg", -90, 90);
    const double lon = parse_number(fields[column["longitude_deg"]], where, "longitude_deg", -180, 180);
    double alt = 0.0;
    if (column.count("altitude_m")) alt = parse_number(fields[column["altitude_m"]], where, "altitude_m", -500, 9000);
    out.push_back(make_ground_station(name, lat, lon, alt, earth));
    const size_t population_field = column.count("population") ? column["population"]
                                  : basic_format && fields.size() == 6 ? 5  // not Hypatia's extended x,y,z
                                                                       : SIZE_MAX;
    if (population_field < fields.size() && !fields[population_field].empty())
      out.back().population = parse_number(fields[population_field], where, "population", 0, 1e11);
  }
  return out;
}

}  // namespace orbitsim
