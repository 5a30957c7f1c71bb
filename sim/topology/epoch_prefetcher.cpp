#include "topology/epoch_prefetcher.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "core/worker_pool.hpp"

namespace orbitsim {

// One background thread building one epoch at a time, with its own World and TopologyBuilder.
class EpochPrefetcher::Lane {
 public:
  Lane(World world, const NetworkConfig& network, std::vector<ShellLinks> shell_links, int threads)
      : world_(std::move(world)), builder_(world_, network, std::move(shell_links)), workers_(threads),
        relay_through_ground_(network.relay_through_ground), thread_([this] { serve(); }) {
    builder_.use_workers(&workers_);
  }

  ~Lane() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  bool started(long epoch, const std::vector<bool>& down, const FailedTerminals& failed_terminals) {
    std::lock_guard lock(mutex_);
    return holds(epoch, down, failed_terminals);
  }

  void start(long epoch, double t_s, const std::vector<bool>& down, const FailedTerminals& failed_terminals,
             std::vector<int> trees_to) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !queued_ && !building_; });
    job_ = Job{epoch, t_s, down, failed_terminals, std::move(trees_to)};
    result_ = {};
    error_ = nullptr;
    queued_ = true;
    lock.unlock();
    changed_.notify_all();
  }

  std::optional<Epoch> take(long epoch, const std::vector<bool>& down, const FailedTerminals& failed_terminals) {
    std::unique_lock lock(mutex_);
    if (!holds(epoch, down, failed_terminals)) return {};
    changed_.wait(lock, [this] { return !queued_ && !building_; });
    job_.reset();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
    return std::move(result_);
  }

 private:
  struct Job {
    long epoch;
    double t_s;
    std::vector<bool> down;
    FailedTerminals failed_terminals;
    std::vector<int> trees_to;
  };

  // Whether the job asked for (in progress or done) is that epoch for these inputs; with mutex_ held.
  bool holds(long epoch, const std::vector<bool>& down, const FailedTerminals& failed_terminals) const {
    return job_ && job_->epoch == epoch && job_->down == down && job_->failed_terminals == failed_terminals;
  }

  void serve() {
    std::unique_lock lock(mutex_);
    for (;;) {
      changed_.wait(lock, [this] { return stopping_ || queued_; });
      if (stopping_) return;
      queued_ = false;
      building_ = true;
      const Job job = *job_;
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
      result_ = std::move(built);
      error_ = error;
      building_ = false;
      changed_.notify_all();
    }
  }

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
  std::thread thread_;  // last: starts once everything above exists
};

EpochPrefetcher::EpochPrefetcher(const std::function<World()>& make_world, const NetworkConfig& network,
                                 const std::vector<ShellLinks>& shell_links, int lanes, int threads_per_lane) {
  for (int k = 0; k < std::max(lanes, 1); ++k)
    lanes_.push_back(std::make_unique<Lane>(make_world(), network, shell_links, threads_per_lane));
}

EpochPrefetcher::~EpochPrefetcher() = default;

EpochPrefetcher::Lane& EpochPrefetcher::lane_of(long epoch) {
  const long n = static_cast<long>(lanes_.size());
  return *lanes_[static_cast<size_t>(((epoch % n) + n) % n)];
}

bool EpochPrefetcher::started(long epoch, const std::vector<bool>& down, const FailedTerminals& failed_terminals) {
  return lane_of(epoch).started(epoch, down, failed_terminals);
}

void EpochPrefetcher::start(long epoch, double t_s, const std::vector<bool>& down, const FailedTerminals& failed_terminals,
                            std::vector<int> trees_to) {
  lane_of(epoch).start(epoch, t_s, down, failed_terminals, std::move(trees_to));
}

EpochPrefetcher::Epoch EpochPrefetcher::take(long epoch, const std::vector<bool>& down, const FailedTerminals& failed_terminals) {
  std::optional<Epoch> built = lane_of(epoch).take(epoch, down, failed_terminals);
  if (!built) return {};
  ++handed_over_;
  return std::move(*built);
}

}  // namespace orbitsim
