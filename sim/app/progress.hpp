// A progress line on stderr for long runs: silent for the first 2 s of wall time and when quiet, then
// at most one update per second ("\r" updates on a terminal, a line every 10 s otherwise).
#pragma once

#include <chrono>
#include <string>

namespace orbitsim {

class Progress {
 public:
  Progress(std::string what, long total, bool quiet);
  void update(long done);
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  std::string what_;
  long total_;
  bool quiet_;
  bool terminal_;
  bool shown_ = false;
  Clock::time_point start_;
  Clock::time_point last_;
};

}  // namespace orbitsim
