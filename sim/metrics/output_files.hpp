// Writing run outputs so that an interrupted run never leaves a half-written file: each file is written
// to a temporary name in the same folder and renamed into place.
#pragma once

#include <string>

namespace orbitsim {

void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace orbitsim
