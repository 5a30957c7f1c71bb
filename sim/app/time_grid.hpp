// A START:STOP:STEP time range in seconds after the platform epoch (command-line `--times`).
#pragma once

#include <string>

namespace orbitsim {

struct TimeGrid {
  double start_s = 0.0;
  double stop_s = 0.0;
  double step_s = 1.0;

  // Number of instants start, start+step, ... <= stop (computed by index, so no drift accumulates).
  long count() const;
  double at(long k) const { return start_s + static_cast<double>(k) * step_s; }
};

// Throws InputError naming `option` on malformed text, step <= 0, stop < start or > 1e8 instants.
TimeGrid parse_time_grid(const std::string& text, const std::string& option);

}  // namespace orbitsim
