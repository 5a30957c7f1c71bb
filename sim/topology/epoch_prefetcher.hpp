// Builds the coming epochs' TopologySnapshots, their Routers and the routing trees the simulation
// expects to ask for on background threads while the simulation runs the current one. Each of its lanes
// owns a thread, a World and a TopologyBuilder of its own, built from the same platform, so that nothing
// is shared with the simulation's thread; the lanes share only their builders' neighbour lists (read-only
// once built: one lane's list serves the other's epochs while valid). Epoch k is built by lane k mod
// lanes, so that with two lanes the next two epochs are built side by side, and each lane may build
// several of its epochs ahead, in order: lanes keep working while the simulation spends longer on an epoch
// than they do, and catch up with it after. An epoch is built for the failed nodes and terminals it was
// started with; the caller drops every build (drop_all) when they change, so that what it takes is what a
// build on the spot would give (a tree is a function of the snapshot alone).
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "world/world.hpp"
#include "topology/router.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {

class EpochPrefetcher {
 public:
  // `make_world`: a copy of the simulation's World, built from the same platform, for each lane (not
  // shared: it propagates on the lane's thread); `network` and `shell_links` as for TopologyBuilder.
  // `lanes` >= 1: epochs built at once; `threads_per_lane` >= 1: threads sharing one epoch's loops
  // (the lane's own thread included); `epochs_ahead_per_lane` >= 1: epochs each lane may build ahead (8:
  // a lane idles half as long as with 3 while the simulation lingers on an epoch, and a Gen1 day runs
  // 1.1x faster for 50-75 MB more; tools/README.md).
  EpochPrefetcher(const std::function<World()>& make_world, const NetworkConfig& network,
                  const std::vector<ShellLinks>& shell_links, int lanes, int threads_per_lane = 1,
                  int epochs_ahead_per_lane = 8);
  ~EpochPrefetcher();
  EpochPrefetcher(const EpochPrefetcher&) = delete;
  EpochPrefetcher& operator=(const EpochPrefetcher&) = delete;

  using FailedTerminals = std::set<std::pair<int, int>>;
  struct Epoch {
    std::unique_ptr<TopologySnapshot> snapshot;
    std::unique_ptr<Router> router;  // over *snapshot, with the trees asked for already computed
  };
  int lanes() const { return static_cast<int>(lanes_.size()); }
  // How many epochs past the current one to start: a few per lane.
  int epochs_ahead() const { return lanes() * epochs_ahead_per_lane_; }
  // Whether epoch `epoch` is being built (or was built and not yet taken).
  bool started(long epoch);
  // Queues epoch `epoch` (at t_s) on its lane for these failed nodes and terminals, with the routing trees
  // toward `trees_to`.
  void start(long epoch, double t_s, const std::vector<bool>& down, const FailedTerminals& failed_terminals,
             std::vector<int> trees_to = {});
  // Drops every build started (one under way ends for nobody): the failed nodes or terminals changed.
  void drop_all();
  // The epoch started for `epoch`, waiting for it if it is still being built; an empty Epoch if none
  // was. Builds for earlier epochs are dropped (the simulation does not go back in time). A build's
  // exception is rethrown here.
  Epoch take(long epoch);
  long handed_over() const { return handed_over_; }
  // CPU seconds each lane's own thread has used so far (its helper threads, if any, not counted).
  std::vector<double> lane_cpu_s() const;

 private:
  class Lane;
  Lane& lane_of(long epoch);
  TopologyBuilder::SharedNeighbourLists shared_lists_;  // among the lanes' builders; outlives them
  std::vector<std::unique_ptr<Lane>> lanes_;
  int epochs_ahead_per_lane_;
  long handed_over_ = 0;
};

}  // namespace orbitsim
