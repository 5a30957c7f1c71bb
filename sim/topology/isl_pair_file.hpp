// ISL pair files (`isl.pattern: file`; Hypatia's isls.txt): one link per line, "A B", satellites by
// their 0-based index in the shell. Blank lines and lines starting with '#' are skipped.
#pragma once

#include <string>
#include <vector>

#include "topology/network_config.hpp"

namespace orbitsim {

// Throws InputError (file:line) on a malformed line, a satellite linked to itself or a pair listed twice.
std::vector<IslPair> read_isl_pair_file(const std::string& path);

}  // namespace orbitsim
