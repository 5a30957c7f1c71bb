#include "topology/epoch_prefetcher.hpp"

#include <pthread.h>
#include <time.h>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <limits>
#include <list>
#include <mutex>
#include <optional>
#include <thread>

#include "core/worker_pool.hpp"

namespace orbitsim {

// One background thread building its epochs in the order they were started, with its own World and
// TopologyBuilder (whose neighbour lists it shares with the other lanes': SharedNeighbourLists).
class EpochPrefetcher::Lane {
 public:
  Lane(World world, const NetworkConfig& network, std::vector<ShellLinks> shell_links, int threads,
       TopologyBuilder::SharedNeighbourLists* shared_lists)
      : world_(std::move(world)), builder_(world_, network, std::move(shell_links)), workers_(threads),
        relay_through_ground_(network.relay_through_ground), thread_([this] { serve(); }) {
    builder_.use_workers(&workers_);
    builder_.share_neighbour_lists(shared_lists);
  }

  ~Lane() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  bool started(long epoch) {
    std::lock_guard lock(mutex_);
    return find(epoch) != entries_.end();
  }

  double cpu_s() {
    clockid_t clock{};
    timespec used{};
    if (pthread_getcpuclockid(thread_.native_handle(), &clock) != 0 || clock_gettime(clock, &used) != 0) return 0.0;
    return static_cast<double>(used.tv_sec) + static_cast<double>(used.tv_nsec) * 1e-9;
  }

  void start(long epoch, double t_s, const std::vector<bool>& down, const FailedTerminals& failed_terminals,
             std::vector<int> trees_to) {
    {
      std::lock_guard lock(mutex_);
      entries_.push_back({Job{epoch, t_s, down, failed_terminals, std::move(trees_to)}, State::kQueued, {}, nullptr});
    }
    changed_.notify_all();
  }

  // Drops the builds of the epochs before `epoch` (all of them: `epoch` = LONG_MAX).
  void drop_before(long epoch) {
    std::lock_guard lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (it->state == State::kDropped || it->job.epoch >= epoch) {
        ++it;
      } else if (it->state == State::kBuilding) {  // it ends first: its thread drops the result
        (it++)->state = State::kDropped;
      } else {
        it = entries_.erase(it);
      }
    }
  }

  std::optional<Epoch> take(long epoch) {
    std::unique_lock lock(mutex_);
    const auto entry = find(epoch);
    if (entry == entries_.end()) return {};
    changed_.wait(lock, [&] { return entry->state == State::kBuilt; });
    Entry taken = std::move(*entry);
    entries_.erase(entry);
    if (taken.error) std::rethrow_exception(taken.error);
    return std::move(taken.result);
  }

 private:
  struct Job {
    long epoch;
    double t_s;
    std::vector<bool> down;
    FailedTerminals failed_terminals;
    std::vector<int> trees_to;
  };
  enum class State { kQueued, kBuilding, kBuilt, kDropped };  // kDropped: still building, for nobody
  struct Entry {
    Job job;
    State state = State::kQueued;
    Epoch result;
    std::exception_ptr error;
  };

  // The build asked for (queued, in progress or done) of that epoch; with mutex_ held.
  std::list<Entry>::iterator find(long epoch) {
    return std::find_if(entries_.begin(), entries_.end(),
                        [&](const Entry& e) { return e.state != State::kDropped && e.job.epoch == epoch; });
  }

  void serve() {
    std::unique_lock lock(mutex_);
    for (;;) {
      auto queued = entries_.end();
      changed_.wait(lock, [&] {
        queued = std::find_if(entries_.begin(), entries_.end(), [](const Entry& e) { return e.state == State::kQueued; });
        return stopping_ || queued != entries_.end();
      });
      if (stopping_) return;
      queued->state = State::kBuilding;
      const Job& job = queued->job;  // entries_ keeps it in place while it is being built
      lock.unlock();
      Epoch built;
      std::exception_ptr error;
      try {
        built.snapshot = std::make_unique<TopologySnapshot>(builder_.build(job.t_s, &job.down, &job.failed_terminals));
        built.router = std::make_unique<Router>(*built.snapshot, relay_through_ground_);
        for (int destination : job.trees_to) built.router->tree_to(destination);
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      if (queued->state == State::kDropped) {
        entries_.erase(queued);
      } else {
        queued->result = std::move(built);
        queued->error = error;
        queued->state = State::kBuilt;
      }
      changed_.notify_all();
    }
  }

  World world_;
  TopologyBuilder builder_;
  WorkerPool workers_;
  bool relay_through_ground_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::list<Entry> entries_;  // in the order started; the thread builds the first queued one
  bool stopping_ = false;
  std::thread thread_;  // last: starts once everything above exists
};

EpochPrefetcher::EpochPrefetcher(const std::function<World()>& make_world, const NetworkConfig& network,
                                 const std::vector<ShellLinks>& shell_links, int lanes, int threads_per_lane,
                                 int epochs_ahead_per_lane)
    : epochs_ahead_per_lane_(std::max(epochs_ahead_per_lane, 1)) {
  for (int k = 0; k < std::max(lanes, 1); ++k)
    lanes_.push_back(std::make_unique<Lane>(make_world(), network, shell_links, threads_per_lane, &shared_lists_));
}

EpochPrefetcher::~EpochPrefetcher() = default;

EpochPrefetcher::Lane& EpochPrefetcher::lane_of(long epoch) {
  const long n = static_cast<long>(lanes_.size());
  return *lanes_[static_cast<size_t>(((epoch % n) + n) % n)];
}

bool EpochPrefetcher::started(long epoch) { return lane_of(epoch).started(epoch); }

void EpochPrefetcher::drop_all() {
  for (auto& lane : lanes_) lane->drop_before(std::numeric_limits<long>::max());
}

void EpochPrefetcher::start(long epoch, double t_s, const std::vector<bool>& down, const FailedTerminals& failed_terminals,
                            std::vector<int> trees_to) {
  lane_of(epoch).start(epoch, t_s, down, failed_terminals, std::move(trees_to));
}

std::vector<double> EpochPrefetcher::lane_cpu_s() const {
  std::vector<double> cpu_s;
  for (const auto& lane : lanes_) cpu_s.push_back(lane->cpu_s());
  return cpu_s;
}

EpochPrefetcher::Epoch EpochPrefetcher::take(long epoch) {
  for (auto& lane : lanes_) lane->drop_before(epoch);
  std::optional<Epoch> built = lane_of(epoch).take(epoch);
  if (!built) return {};
  ++handed_over_;
  return std::move(*built);
}

}  // namespace orbitsim
