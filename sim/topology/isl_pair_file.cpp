#include "topology/isl_pair_file.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "core/input_error.hpp"

namespace orbitsim {

std::vector<IslPair> read_isl_pair_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError({path, 0}, "cannot open the ISL pair file");
  std::vector<IslPair> pairs;
  std::map<std::pair<int, int>, int> line_of;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos || line[line.find_first_not_of(" \t")] == '#') continue;
    std::istringstream fields(line);
    long a = -1, b = -1;
    std::string rest;
    if (!(fields >> a >> b) || (fields >> rest) || a < 0 || b < 0 || a > 100'000'000 || b > 100'000'000)
      throw InputError({path, number}, "pair", "two satellite indices (0-based) separated by a space", "\"" + line + "\"");
    if (a == b) throw InputError({path, number}, "pair", "two different satellites", "\"" + line + "\"");
    const std::pair<int, int> key{static_cast<int>(std::min(a, b)), static_cast<int>(std::max(a, b))};
    if (const auto [it, inserted] = line_of.emplace(key, number); !inserted)
      throw InputError({path, number}, "pair", "a pair not listed before", "\"" + line + "\", as on line " + std::to_string(it->second));
    pairs.push_back({static_cast<int>(a), static_cast<int>(b), number});
  }
  return pairs;
}

}  // namespace orbitsim
