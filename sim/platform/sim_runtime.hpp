// The SimGrid activities the workload layer needs, behind a small interface so that only this folder
// includes SimGrid: actors, the clock, parallel computations and parallel point-to-point exchanges.
// Call the blocking functions from an actor. Actors are cooperative: code between two of these calls
// runs without interruption, so shared bookkeeping needs no locks.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "platform/sim_platform.hpp"
#include "platform/transfer_service.hpp"

namespace orbitsim {

// SimGrid's engine for a command that simulates: created from SimGrid's own command-line options
// (--cfg=name:value, --log=...), which our parser left over; anything else is an InputError naming
// `command`. Create it before the SimPlatform, then configure_simgrid().
class SimEngine {
 public:
  SimEngine(const std::vector<std::string>& simgrid_args, const std::string& command);
  ~SimEngine();
  void run();                   // until no actor is left
  void run_until(double t_s);   // until that simulated time
 private:
  std::unique_ptr<simgrid::s4u::Engine> engine_;
};

// "3.32.0": the SimGrid library this binary runs on.
std::string simgrid_version();

double sim_now();
void sim_sleep_until(double t_s);
// Starts an actor on the platform's control host (it never fails); `daemon` actors end with the run.
void sim_spawn(SimPlatform& platform, const std::string& name, std::function<void()> body, bool daemon = false);

// Runs `seconds` of work at full speed on every node at once and waits for all; false if one failed
// (the others are then cancelled at once, so that the failure is seen when it happens).
// `activity` (0, 1] is the share of the accelerators' dynamic power the work draws: below 1 (a
// memory-bound decode step) it runs at that share of the full-clock rate, so the energy plugin's
// linear model draws idle + activity x (busy - idle) over the same duration at full clocks; under a
// slower pstate it is not slowed until its rate exceeds the pstate's speed, as memory-bound kernels
// barely slow with core clocks.
bool compute_on_all(SimPlatform& platform, const std::vector<int>& nodes, double seconds, double activity = 1.0);
// Sends `bytes` along every (src, dst) pair at once over the current routes and waits for all; false
// if one failed (unreachable or a link failure).
bool exchange(SimPlatform& platform, const std::vector<std::pair<int, int>>& pairs, double bytes);

// The same for independent groups running side by side (the replicas of a redundant job): a group
// stops at its own first failure, the others go on. Returns, per group, whether it completed.
std::vector<bool> compute_on_groups(SimPlatform& platform, const std::vector<std::vector<int>>& groups, double seconds,
                                     double activity = 1.0);
std::vector<bool> exchange_in_groups(SimPlatform& platform, const std::vector<std::vector<std::pair<int, int>>>& groups,
                                     double bytes);

// One activity of a task graph: `amount` seconds of full-speed work on `node` (when `to` < 0), or
// `amount` bytes sent from `node` to `to` over the current route.
struct SimTask {
  int node = 0;
  int to = -1;
  double amount = 0.0;
  std::vector<int> after;  // tasks of the same graph that must complete first
};
struct TaskGraphRun {
  std::vector<bool> ok;                       // per graph: every task completed
  std::vector<std::vector<double>> elapsed_s;  // per graph and task: from its start to its end (NaN: not run)
};
// Runs independent task graphs side by side (the pipelines of a job), each task as soon as those it
// depends on completed. A graph stops at its first failure (its running tasks are cancelled); the
// others go on.
TaskGraphRun run_task_graphs(SimPlatform& platform, const std::vector<std::vector<SimTask>>& graphs);

// How a SimMessage crosses the network. kFlow: a SimGrid comm, sharing each link's bandwidth max-min with
// everything else on it (its latency, then its bytes: two simulation events, and under network/optim:Full
// each event scans every flow running). kDelay: no SimGrid activity, the route's latency plus its bytes at
// the narrowest link's full rate, fixed when it is sent: what kFlow gives a message alone on its links. A
// kDelay loads no link and is not slowed by others: for a few bytes the two differ by nanoseconds (a
// 4-byte token at a 1/100 share of a 20 Gbps link: 160 ns against a route's milliseconds), since the
// flow model has no queues. Failures on the path fail both, at the failure's time.
enum class MessageModel { kFlow, kDelay };

// A one-sided transfer started now over the current route (for small messages such as prompts and
// output tokens); it proceeds whether or not anybody waits for it.
class SimMessage {
 public:
  SimMessage(SimPlatform& platform, int src, int dst, double bytes, MessageModel model = MessageModel::kFlow);
  ~SimMessage();
  SimMessage(SimMessage&&) noexcept;
  SimMessage& operator=(SimMessage&&) noexcept;
  bool wait();                  // blocks; false when the message could not be delivered
  double finish_time_s() const;  // valid after wait() returned true

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Long transfers along every pair at once, each re-routed at epoch boundaries (TransferService);
// waits for all and returns false if one was not delivered.
bool transfer_all(SimPlatform& platform, TransferService& transfers, const std::vector<std::pair<int, int>>& pairs,
                  double bytes);

}  // namespace orbitsim
