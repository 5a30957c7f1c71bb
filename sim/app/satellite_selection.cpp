#include "app/satellite_selection.hpp"

#include <charconv>
#include <set>
#include <sstream>

#include "core/input_error.hpp"

namespace orbitsim {
namespace {
bool parse_index(const std::string& s, long& out) {
  const auto* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, out);
  return !s.empty() && ec == std::errc() && p == end;
}
}  // namespace

std::vector<size_t> select_satellites(const Constellation& c, const std::string& text) {
  std::vector<size_t> all(c.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  if (text.empty()) return all;
  std::set<size_t> chosen;
  std::stringstream ss(text);
  std::string item;
  const long n = static_cast<long>(c.size());
  while (std::getline(ss, item, ',')) {
    long a = 0, b = 0;
    const auto dots = item.find("..");
    if (parse_index(item, a)) {
      b = a;
    } else if (dots != std::string::npos && parse_index(item.substr(0, dots), a) &&
               parse_index(item.substr(dots + 2), b)) {
    } else {
      bool found = false;
      for (size_t i = 0; i < c.size(); ++i)
        if (c.info(i).name == item || c.info(i).shell == item) chosen.insert(i), found = true;
      if (!found)
        throw InputError({"command line", 0}, "--sats",
                         "satellite ids (0.." + std::to_string(n - 1) + "), ranges a..b, satellite or shell names",
                         "\"" + item + "\"");
      continue;
    }
    if (a < 0 || b >= n || a > b)
      throw InputError({"command line", 0}, "--sats", "ids within 0.." + std::to_string(n - 1), "\"" + item + "\"");
    for (long i = a; i <= b; ++i) chosen.insert(static_cast<size_t>(i));
  }
  return {chosen.begin(), chosen.end()};
}

}  // namespace orbitsim
