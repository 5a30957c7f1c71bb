// Builds the next epoch's TopologySnapshot, its Router and the routing trees the simulation expects to
// ask for on a background thread while the simulation runs the current one. It owns a World and
// TopologyBuilder of its own, built from the same platform, so that nothing is shared with the
// simulation's thread. A snapshot is handed over only when it was started
// for the epoch asked and exactly the same failed nodes and terminals, so it is the snapshot a build on
// the spot would give (a tree is a function of the snapshot alone); anything else (a failure since) is
// refused and the caller builds it itself.
#pragma once

#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "world/world.hpp"
#include "core/worker_pool.hpp"
#include "topology/router.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {

class EpochPrefetcher {
 public:
  // `world`: a copy of the simulation's, built from the same platform (not shared: it propagates on the
  // background thread); `network` and `shell_links` as for TopologyBuilder. `threads`: those its builds
  // may use (at least 1: the background thread itself).
  EpochPrefetcher(World world, const NetworkConfig& network, std::vector<ShellLinks> shell_links, int threads);
  ~EpochPrefetcher();
  EpochPrefetcher(const EpochPrefetcher&) = delete;
  EpochPrefetcher& operator=(const EpochPrefetcher&) = delete;

  using FailedTerminals = std::set<std::pair<int, int>>;
  struct Epoch {
    std::unique_ptr<TopologySnapshot> snapshot;
    std::unique_ptr<Router> router;  // over *snapshot, with the trees asked for already computed
  };
  // Starts building epoch `epoch` (at t_s) for these failed nodes and terminals, and the routing trees
  // toward `trees_to`, once the build in progress, if any, has ended (its result is then dropped).
  void start(long epoch, double t_s, const std::vector<bool>& down, const FailedTerminals& failed_terminals,
             std::vector<int> trees_to = {});
  // The epoch started for `epoch` and exactly these inputs, waiting for it if it is still being
  // built; an empty Epoch if none was. A build's exception is rethrown here.
  Epoch take(long epoch, const std::vector<bool>& down, const FailedTerminals& failed_terminals);
  long handed_over() const { return handed_over_; }

 private:
  struct Job {
    long epoch;
    double t_s;
    std::vector<bool> down;
    FailedTerminals failed_terminals;
    std::vector<int> trees_to;
  };
  void serve();

  World world_;
  TopologyBuilder builder_;
  WorkerPool workers_;
  bool relay_through_ground_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<Job> job_;  // the inputs of the build asked for, in progress or done
  bool queued_ = false, building_ = false, stopping_ = false;
  Epoch result_;
  std::exception_ptr error_;
  long handed_over_ = 0;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace orbitsim
