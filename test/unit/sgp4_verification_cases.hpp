// The 33 cases of Vallado et al.'s SGP4 verification set (test/data/sgp4/SGP4-VER.TLE): each element set
// with the time range testcpp propagates it over (minutes from its epoch).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "orbit/tle_reader.hpp"

namespace orbitsim {

struct Sgp4VerificationCase {
  MeanElements elements;
  double start_min = 0, stop_min = 0, step_min = 0;
};

inline std::vector<Sgp4VerificationCase> read_sgp4_verification_cases() {
  std::ifstream in(std::string(ORBITSIM_TEST_DATA_DIR) + "/sgp4/SGP4-VER.TLE");
  EXPECT_TRUE(in.good());
  std::vector<Sgp4VerificationCase> cases;
  std::string line1, line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '1') {
      line1 = line;
      continue;
    }
    Sgp4VerificationCase c;
    c.elements = parse_tle("", line1, line.substr(0, 69), {"SGP4-VER.TLE", line_number - 1}, {.verify_checksum = false});
    std::istringstream(line.substr(69)) >> c.start_min >> c.stop_min >> c.step_min;
    cases.push_back(c);
  }
  return cases;
}

}  // namespace orbitsim
