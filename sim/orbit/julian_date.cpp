#include "orbit/julian_date.hpp"

#include <cmath>
#include <cstdio>
#include <regex>

#include <fmt/format.h>

namespace orbitsim {
namespace {
constexpr double kSecondsPerDay = 86400.0;

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

JulianDate normalised(double day, double fraction) {
  const double whole = std::floor(fraction);
  return {day + whole, fraction - whole};
}
}  // namespace

JulianDate JulianDate::from_calendar(int year, int month, int day, int hour, int minute, double second) {
  // Fliegel & Van Flandern integer algorithm (CACM 11(10), 1968) for the Gregorian calendar.
  const int a = (14 - month) / 12;
  const int y = year + 4800 - a;
  const int m = month + 12 * a - 3;
  const long jdn = day + (153 * m + 2) / 5 + 365L * y + y / 4 - y / 100 + y / 400 - 32045;
  return normalised(static_cast<double>(jdn) - 0.5, (hour * 3600.0 + minute * 60.0 + second) / kSecondsPerDay);
}

JulianDate JulianDate::from_year_and_day(int year, double day_of_year) {
  const JulianDate jan1 = from_calendar(year, 1, 1, 0, 0, 0.0);
  const double whole_days = std::floor(day_of_year);
  return normalised(jan1.day + whole_days - 1.0, day_of_year - whole_days);
}

JulianDate JulianDate::plus_seconds(double seconds) const {
  return normalised(day, fraction + seconds / kSecondsPerDay);
}

double JulianDate::seconds_since(const JulianDate& earlier) const {
  return ((day - earlier.day) + (fraction - earlier.fraction)) * kSecondsPerDay;
}

std::string JulianDate::to_iso8601() const {
  // Inverse of Fliegel & Van Flandern.
  long l = static_cast<long>(day + 0.5) + 68569;
  const long n = 4 * l / 146097;
  l = l - (146097 * n + 3) / 4;
  const long i = 4000 * (l + 1) / 1461001;
  l = l - 1461 * i / 4 + 31;
  const long j = 80 * l / 2447;
  const long d = l - 2447 * j / 80;
  l = j / 11;
  const long m = j + 2 - 12 * l;
  const long y = 100 * (n - 49) + i + l;
  const long millis = std::lround(fraction * kSecondsPerDay * 1000.0);
  if (millis >= 86'400'000) return normalised(day + 1.0, 0.0).to_iso8601();
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}Z", y, m, d, millis / 3'600'000,
                     millis / 60'000 % 60, millis / 1000 % 60, millis % 1000);
}

std::optional<JulianDate> parse_iso8601_utc(const std::string& text) {
  static const std::regex kPattern(
      R"(^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(Z|\+00:00|\+0000)?$)");
  std::smatch m;
  if (!std::regex_match(text, m, kPattern)) return std::nullopt;
  const int year = std::stoi(m[1]), month = std::stoi(m[2]), day = std::stoi(m[3]);
  const int hour = m[4].matched ? std::stoi(m[4]) : 0;
  const int minute = m[5].matched ? std::stoi(m[5]) : 0;
  const double second = m[6].matched ? std::stod(m[6]) : 0.0;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 ||
      second >= 61.0)
    return std::nullopt;
  return JulianDate::from_calendar(year, month, day, hour, minute, second);
}

}  // namespace orbitsim
