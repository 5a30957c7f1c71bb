// Julian dates kept as two parts (a day number ending in .5 and a fraction of a day) so that the
// difference between two instants keeps microsecond precision, and ISO 8601 UTC parsing/printing.
// UTC is used in place of UT1 (|UT1-UTC| < 0.9 s moves a LEO ground track by < 0.5 km).
#pragma once

#include <optional>
#include <string>

namespace orbitsim {

struct JulianDate {
  double day = 2451544.5;  // midnight that starts the UTC day (x.5)
  double fraction = 0.0;   // [0, 1)

  static JulianDate from_calendar(int year, int month, int day, int hour, int minute, double second);
  // Year and 1-based fractional day of year, as in a TLE epoch (e.g. 2006, 176.82412014).
  static JulianDate from_year_and_day(int year, double day_of_year);

  double value() const { return day + fraction; }
  JulianDate plus_seconds(double seconds) const;
  double seconds_since(const JulianDate& earlier) const;
  // "2026-05-13T00:25:00.000Z"
  std::string to_iso8601() const;
};

// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]" with an optional "Z" or "+00:00"; returns nothing
// when the text is not such a UTC instant.
std::optional<JulianDate> parse_iso8601_utc(const std::string& text);

}  // namespace orbitsim
