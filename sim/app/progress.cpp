#include "app/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace orbitsim {

Progress::Progress(std::string what, long total, bool quiet)
    : what_(std::move(what)), total_(total), quiet_(quiet), terminal_(isatty(STDERR_FILENO) != 0),
      start_(Clock::now()), last_(start_) {}

void Progress::update(long done) {
  if (quiet_) return;
  const auto now = Clock::now();
  const double elapsed_s = std::chrono::duration<double>(now - start_).count();
  const double since_last_s = std::chrono::duration<double>(now - last_).count();
  if (elapsed_s < 2.0 || since_last_s < (terminal_ ? 1.0 : 10.0)) return;
  last_ = now;
  shown_ = true;
  const double fraction = total_ > 0 ? static_cast<double>(done) / total_ : 1.0;
  const double eta_s = fraction > 0 ? elapsed_s * (1.0 - fraction) / fraction : 0.0;
  std::fprintf(stderr, "%s%s: %ld/%ld (%.0f%%), %.0f s elapsed, ~%.0f s left%s", terminal_ ? "\r" : "",
               what_.c_str(), done, total_, 100.0 * fraction, elapsed_s, eta_s, terminal_ ? "   " : "\n");
}

void Progress::finish() {
  if (shown_ && terminal_) std::fprintf(stderr, "\n");
}

}  // namespace orbitsim
