#include "app/time_grid.hpp"

#include <charconv>
#include <cmath>

#include "core/input_error.hpp"

namespace orbitsim {

long TimeGrid::count() const {
  return static_cast<long>(std::floor((stop_s - start_s) / step_s + 1e-9)) + 1;
}

TimeGrid parse_time_grid(const std::string& text, const std::string& option) {
  const std::string expected = "START:STOP:STEP in seconds with STEP > 0 and STOP >= START, e.g. 0:600:10";
  double v[3] = {0, 0, 0};
  size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    const size_t end = i < 2 ? text.find(':', pos) : text.size();
    if (end == std::string::npos) throw InputError({"command line", 0}, option, expected, "\"" + text + "\"");
    const char* b = text.data() + pos;
    const char* e = text.data() + end;
    auto [p, ec] = std::from_chars(b, e, v[i]);
    if (b == e || ec != std::errc() || p != e || !std::isfinite(v[i]))
      throw InputError({"command line", 0}, option, expected, "\"" + text + "\"");
    pos = end + 1;
  }
  TimeGrid g{v[0], v[1], v[2]};
  if (g.step_s <= 0.0 || g.stop_s < g.start_s) throw InputError({"command line", 0}, option, expected, "\"" + text + "\"");
  if (g.count() > 100'000'000L)
    throw InputError({"command line", 0}, option, "at most 1e8 instants", std::to_string(g.count()));
  return g;
}

}  // namespace orbitsim
