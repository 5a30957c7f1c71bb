#include "app/interrupt.hpp"

namespace orbitsim {
namespace {

// A signal handler can only reach static storage: the one piece of process-wide state, written by the
// handler and read by the command's own loop.
volatile std::sig_atomic_t g_received = 0;

extern "C" void record_signal(int signal) {
  if (g_received == 0) g_received = signal;
}

}  // namespace

InterruptSignals::InterruptSignals() {
  g_received = 0;
  struct sigaction action {};
  action.sa_handler = record_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking waitpid returns (EINTR) so that compare can act at once
  sigaction(SIGINT, &action, &previous_int_);
  sigaction(SIGTERM, &action, &previous_term_);
}

InterruptSignals::~InterruptSignals() {
  sigaction(SIGINT, &previous_int_, nullptr);
  sigaction(SIGTERM, &previous_term_, nullptr);
}

int InterruptSignals::received() const { return g_received; }

}  // namespace orbitsim
