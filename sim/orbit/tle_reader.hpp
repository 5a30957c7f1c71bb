// Reads NORAD two-line element sets, with or without a title line (2-line and 3-line formats).
// Fields are taken by the fixed columns of the format; a malformed field or a checksum mismatch throws
// InputError naming the file, line, field and columns.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "core/input_error.hpp"
#include "orbit/mean_elements.hpp"

namespace orbitsim {

struct TleParseOptions {
  bool verify_checksum = true;  // modulo-10 checksum in column 69 of both lines
};

// Parses one element set from its two data lines; `line1_number` is line 1's 1-based line number.
MeanElements parse_tle(const std::string& title, const std::string& line1, const std::string& line2,
                       const SourceLocation& line1_location, const TleParseOptions& options = {});

// Reads every element set in a stream (blank lines and lines starting with '#' are skipped).
std::vector<MeanElements> read_tle_stream(std::istream& in, const std::string& file_name,
                                          const TleParseOptions& options = {});
std::vector<MeanElements> read_tle_file(const std::string& path, const TleParseOptions& options = {});

// Hypatia's tles.txt: a first line "<orbits> <satellites per orbit>", then 3-line element sets in plane
// order. The header is checked against the element sets (file:1 error when they disagree).
struct HypatiaTleHeader {
  int planes = 0;
  int sats_per_plane = 0;
};
HypatiaTleHeader read_hypatia_tle_header(const std::string& path);
std::vector<MeanElements> read_hypatia_tle_file(const std::string& path, const TleParseOptions& options = {});

}  // namespace orbitsim
