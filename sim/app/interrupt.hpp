// SIGINT and SIGTERM during a long command, recorded instead of fatal, so that the command stops
// cleanly: `orbitsim run` writes its outputs as of the simulated time reached, `compare` hands the
// signal to its runs. Installed for the lifetime of the object (after SimGrid's engine, whose own
// SIGINT handler prints every actor and exits); the previous handlers come back when it is destroyed.
#pragma once

#include <csignal>

namespace orbitsim {

class InterruptSignals {
 public:
  InterruptSignals();
  ~InterruptSignals();
  InterruptSignals(const InterruptSignals&) = delete;
  InterruptSignals& operator=(const InterruptSignals&) = delete;

  // The first signal received (SIGINT or SIGTERM), or 0.
  int received() const;
  // The shell's convention: 128 + the signal number (130 for SIGINT, 143 for SIGTERM).
  static int exit_code(int signal) { return 128 + signal; }
  static const char* name(int signal) { return signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "a signal"; }

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
};

}  // namespace orbitsim
