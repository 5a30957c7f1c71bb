#include "orbit/tle_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/constants.hpp"

namespace orbitsim {
namespace {

constexpr double kMinutesPerDay = 1440.0;

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

class LineFields {
 public:
  LineFields(const std::string& line, SourceLocation where, int line_number_in_set)
      : line_(line), where_(std::move(where)), which_("line " + std::to_string(line_number_in_set)) {}

  // Columns are 1-based and inclusive, as in the format's definition.
  std::string columns(int first, int last) const {
    if (static_cast<int>(line_.size()) < first) return {};
    return line_.substr(first - 1, std::min<int>(last - first + 1, static_cast<int>(line_.size()) - first + 1));
  }

  double number(const char* field, int first, int last) const {
    const std::string text = trim(columns(first, last));
    double value = 0.0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value))
      fail(field, first, last, "a decimal number", text);
    return value;
  }

  long integer(const char* field, int first, int last) const {
    const std::string text = trim(columns(first, last));
    long value = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end) fail(field, first, last, "an integer", text);
    return value;
  }

  // Digits with an implied leading decimal point, e.g. eccentricity "0030035" = 0.0030035.
  double implied_decimal(const char* field, int first, int last) const {
    const std::string text = trim(columns(first, last));
    for (char c : text)
      if (!std::isdigit(static_cast<unsigned char>(c))) fail(field, first, last, "digits", text);
    if (text.empty()) fail(field, first, last, "digits", text);
    return std::stod("0." + text);
  }

  // "±NNNNN±E" = ±0.NNNNN × 10^±E (B* and the second derivative of mean motion). Blanks read as zeros.
  double exponential(const char* field, int first, int last) const {
    std::string text = columns(first, last);
    const std::string shown = trim(text);
    if (trim(text).empty()) return 0.0;
    for (char& c : text)
      if (c == ' ') c = '0';
    // Column `first` holds the sign (blank, '+' or '-'), then the mantissa, then a signed exponent digit.
    const char sign = text[0];
    const std::string mantissa = text.substr(1, text.size() - 3);
    const std::string exponent = text.substr(text.size() - 2);
    const bool ok = (sign == '0' || sign == '+' || sign == '-') && !mantissa.empty() &&
                    std::all_of(mantissa.begin(), mantissa.end(), [](char c) { return std::isdigit(c); }) &&
                    (exponent[0] == '-' || exponent[0] == '+' || exponent[0] == '0') &&
                    std::isdigit(static_cast<unsigned char>(exponent[1]));
    if (!ok) fail(field, first, last, "a mantissa and exponent such as ' 12345-3'", shown);
    const double value = std::stod("0." + mantissa) * std::pow(10.0, std::stoi(exponent));
    return sign == '-' ? -value : value;
  }

  [[noreturn]] void fail(const char* field, int first, int last, const std::string& expected,
                         const std::string& got) const {
    throw InputError(where_, which_ + " " + field + " (columns " + std::to_string(first) + "-" +
                                 std::to_string(last) + ")",
                     expected, "\"" + got + "\"");
  }

  const SourceLocation& where() const { return where_; }

 private:
  const std::string& line_;
  SourceLocation where_;
  std::string which_;
};

int checksum(const std::string& line) {
  int sum = 0;
  for (int i = 0; i < 68 && i < static_cast<int>(line.size()); ++i) {
    const char c = line[i];
    if (std::isdigit(static_cast<unsigned char>(c))) sum += c - '0';
    if (c == '-') sum += 1;
  }
  return sum % 10;
}

void check_line(const std::string& line, char expected_first, const LineFields& fields, int number,
                const TleParseOptions& options) {
  if (line.size() < 68 || line[0] != expected_first || line[1] != ' ')
    throw InputError(fields.where(), "line " + std::to_string(number) + " of a TLE",
                     "at least 68 columns starting with \"" + std::string(1, expected_first) + " \"",
                     "\"" + trim(line).substr(0, 30) + "\" (" + std::to_string(line.size()) + " columns)");
  if (options.verify_checksum && line.size() >= 69 && std::isdigit(static_cast<unsigned char>(line[68]))) {
    const int expected = checksum(line);
    if (line[68] - '0' != expected)
      throw InputError(fields.where(), "line " + std::to_string(number) + " checksum (column 69)",
                       std::to_string(expected), std::string("\"") + line[68] + "\"");
  }
}

}  // namespace

MeanElements parse_tle(const std::string& title, const std::string& line1_raw, const std::string& line2_raw,
                       const SourceLocation& where1, const TleParseOptions& options) {
  const std::string line1 = line1_raw.substr(0, line1_raw.find_last_not_of(" \r") + 1);
  const std::string line2 = line2_raw.substr(0, line2_raw.find_last_not_of(" \r") + 1);
  const LineFields f1(line1, where1, 1);
  const LineFields f2(line2, {where1.file, where1.line > 0 ? where1.line + 1 : 0}, 2);
  check_line(line1, '1', f1, 1, options);
  check_line(line2, '2', f2, 2, options);

  MeanElements e;
  e.name = trim(title);
  if (!e.name.empty() && e.name.rfind("0 ", 0) == 0) e.name = trim(e.name.substr(2));
  e.catalog_number = f1.integer("catalog number", 3, 7);
  const long catalog2 = f2.integer("catalog number", 3, 7);
  if (catalog2 != e.catalog_number)
    f2.fail("catalog number", 3, 7, "the same number as line 1 (" + std::to_string(e.catalog_number) + ")",
            std::to_string(catalog2));
  const long two_digit_year = f1.integer("epoch year", 19, 20);
  const double day_of_year = f1.number("epoch day", 21, 32);
  if (day_of_year < 1.0 || day_of_year >= 367.0) f1.fail("epoch day", 21, 32, "a day of year in [1, 367)", f1.columns(21, 32));
  const int year = static_cast<int>(two_digit_year < 57 ? 2000 + two_digit_year : 1900 + two_digit_year);
  e.epoch = JulianDate::from_year_and_day(year, day_of_year);
  e.mean_motion_dot_rev_per_day2 = f1.number("mean motion derivative", 34, 43);
  e.mean_motion_ddot_rev_per_day3 = f1.exponential("mean motion second derivative", 45, 52);
  e.bstar_per_earth_radii = f1.exponential("B* drag term", 54, 61);

  e.inclination_rad = f2.number("inclination", 9, 16) * kDegToRad;
  e.raan_rad = f2.number("right ascension of the ascending node", 18, 25) * kDegToRad;
  e.eccentricity = f2.implied_decimal("eccentricity", 27, 33);
  e.arg_perigee_rad = f2.number("argument of perigee", 35, 42) * kDegToRad;
  e.mean_anomaly_rad = f2.number("mean anomaly", 44, 51) * kDegToRad;
  const double rev_per_day = f2.number("mean motion", 53, 63);
  if (rev_per_day <= 0.0) f2.fail("mean motion", 53, 63, "a positive number of revolutions per day", f2.columns(53, 63));
  e.mean_motion_rad_per_min = rev_per_day / (kMinutesPerDay / kTwoPi);
  return e;
}

std::vector<MeanElements> read_tle_stream(std::istream& in, const std::string& file_name,
                                          const TleParseOptions& options) {
  std::vector<MeanElements> out;
  std::string line, title;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty() || line[0] == '#') continue;
    if (line.rfind("1 ", 0) == 0 && line.size() >= 68) {
      std::string line2;
      const int line1_number = line_number;
      if (!std::getline(in, line2))
        throw InputError({file_name, line1_number}, "line 2 of a TLE", "a line starting with \"2 \"", "end of file");
      ++line_number;
      out.push_back(parse_tle(title, line, line2, {file_name, line1_number}, options));
      title.clear();
    } else {
      if (!title.empty())
        throw InputError({file_name, line_number}, "TLE line 1", "a line starting with \"1 \" after title \"" + title + "\"",
                         "\"" + trim(line).substr(0, 30) + "\"");
      title = line;
    }
  }
  if (!title.empty())
    throw InputError({file_name, line_number}, "TLE line 1", "a line starting with \"1 \" after title \"" + title + "\"",
                     "end of file");
  return out;
}

std::vector<MeanElements> read_tle_file(const std::string& path, const TleParseOptions& options) {
  std::ifstream in(path);
  if (!in) throw InputError({path, 0}, "cannot open the TLE file");
  return read_tle_stream(in, path, options);
}

HypatiaTleHeader read_hypatia_tle_header(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError({path, 0}, "cannot open the TLE file");
  std::string line;
  std::getline(in, line);
  std::istringstream fields(line);
  HypatiaTleHeader h;
  std::string rest;
  if (!(fields >> h.planes >> h.sats_per_plane) || (fields >> rest) || h.planes < 1 || h.sats_per_plane < 1)
    throw InputError({path, 1}, "header", "\"<orbits> <satellites per orbit>\" (Hypatia's tles.txt)", "\"" + line + "\"");
  return h;
}

std::vector<MeanElements> read_hypatia_tle_file(const std::string& path, const TleParseOptions& options) {
  const HypatiaTleHeader h = read_hypatia_tle_header(path);
  std::ifstream in(path);
  std::stringstream text;
  text << '#' << in.rdbuf();  // the header as a comment: the element sets keep their line numbers
  std::vector<MeanElements> sets = read_tle_stream(text, path, options);
  const long declared = static_cast<long>(h.planes) * h.sats_per_plane;
  if (static_cast<long>(sets.size()) != declared)
    throw InputError({path, 1}, "header", std::to_string(declared) + " element sets (" + std::to_string(h.planes) +
                                              " orbits x " + std::to_string(h.sats_per_plane) + ")",
                     std::to_string(sets.size()) + " in the file");
  return sets;
}

}  // namespace orbitsim
