#include "metrics/output_files.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/input_error.hpp"

namespace orbitsim {

void write_file_atomically(const std::string& path, const std::string& content) {
  write_file_atomically(path, [&content](std::ostream& out) { out << content; });
}

void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  const std::string tmp = path + ".partial";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    write(out);
    out.flush();
    if (!out) throw InputError({path, 0}, "cannot write the output file");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw InputError({path, 0}, "cannot move the output file into place: " + ec.message());
}

}  // namespace orbitsim
