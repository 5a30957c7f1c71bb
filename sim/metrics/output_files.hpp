// Writing run outputs so that an interrupted run never leaves a half-written file: each file is written
// to a temporary name in the same folder and renamed into place.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace orbitsim {

void write_file_atomically(const std::string& path, const std::string& content);
// The content written by `write` as it goes: a table of millions of rows is never held whole in memory.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

}  // namespace orbitsim
