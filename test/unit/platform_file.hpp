// A platform file written for a test, under the temporary folder (unit tests).
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace orbitsim::testing {

// Writes `yaml` to `folder`/platform.yaml under the temporary folder and returns its path. Each test file
// names its folders with a prefix of its own: ctest runs the files side by side.
inline std::string write_temp_platform(const std::string& folder, const std::string& yaml) {
  const auto dir = std::filesystem::temp_directory_path() / folder;
  std::filesystem::create_directories(dir);
  const auto path = (dir / "platform.yaml").string();
  std::ofstream(path) << yaml;
  return path;
}

}  // namespace orbitsim::testing
