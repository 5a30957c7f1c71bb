#include "orbit/tle_writer.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/constants.hpp"

namespace orbitsim {

namespace {
char checksum(const std::string& line) {
  int sum = 0;
  for (size_t i = 0; i < 68 && i < line.size(); ++i) {
    if (line[i] >= '0' && line[i] <= '9') sum += line[i] - '0';
    else if (line[i] == '-') sum += 1;
  }
  return static_cast<char>('0' + sum % 10);
}
double degrees_in_turn(double rad) {
  const double deg = std::fmod(rad * kRadToDeg, 360.0);
  return deg < 0.0 ? deg + 360.0 : deg;
}
// TLE "decimal point assumed" exponent fields: ±NNNNN±E meaning ±0.NNNNN × 10^±E.
std::string exponent_field(double value) {
  if (value == 0.0) return " 00000-0";
  int exponent = static_cast<int>(std::floor(std::log10(std::fabs(value)))) + 1;
  long mantissa = std::lround(std::fabs(value) / std::pow(10.0, exponent) * 1e5);
  if (mantissa >= 100000) mantissa /= 10, ++exponent;
  return fmt::format("{}{:05d}{}{}", value < 0 ? '-' : ' ', mantissa, exponent < 0 ? '-' : '+', std::abs(exponent));
}
}  // namespace

std::array<std::string, 2> format_tle(const MeanElements& e) {
  const std::string iso = e.epoch.to_iso8601();
  const int year = std::stoi(iso.substr(0, 4));
  const double day_of_year = e.epoch.seconds_since(JulianDate::from_calendar(year, 1, 1, 0, 0, 0.0)) / 86400.0 + 1.0;
  const long catalog = e.catalog_number % 100000;
  const double ndot = e.mean_motion_dot_rev_per_day2;
  std::string line1 = fmt::format("1 {:05d}U 00000A   {:02d}{:012.8f} {}{} {} {} 0  999", catalog, year % 100,
                                  day_of_year, ndot < 0 ? '-' : ' ', fmt::format("{:.8f}", std::fabs(ndot)).substr(1),
                                  exponent_field(e.mean_motion_ddot_rev_per_day3), exponent_field(e.bstar_per_earth_radii));
  const long ecc = std::lround(e.eccentricity * 1e7);
  const double rev_per_day = e.mean_motion_rad_per_min * 1440.0 / kTwoPi;
  std::string line2 = fmt::format("2 {:05d} {:8.4f} {:8.4f} {:07d} {:8.4f} {:8.4f} {:11.8f}    0", catalog,
                                  e.inclination_rad * kRadToDeg, degrees_in_turn(e.raan_rad), ecc,
                                  degrees_in_turn(e.arg_perigee_rad), degrees_in_turn(e.mean_anomaly_rad), rev_per_day);
  line1 += checksum(line1);
  line2 += checksum(line2);
  return {line1, line2};
}

}  // namespace orbitsim
