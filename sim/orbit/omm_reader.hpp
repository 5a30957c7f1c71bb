// Reads CCSDS Orbit Mean-Elements Messages (OMM, CCSDS 502.0-B-3) in the CSV and JSON encodings that
// CelesTrak and Space-Track publish: one record per object with EPOCH, MEAN_MOTION (rev/day),
// ECCENTRICITY, INCLINATION, RA_OF_ASC_NODE, ARG_OF_PERICENTER, MEAN_ANOMALY (deg), BSTAR, ...
#pragma once

#include <string>
#include <vector>

#include "orbit/mean_elements.hpp"

namespace orbitsim {

std::vector<MeanElements> read_omm_csv_file(const std::string& path);
std::vector<MeanElements> read_omm_json_file(const std::string& path);

}  // namespace orbitsim
