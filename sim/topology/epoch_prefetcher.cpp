#include "topology/epoch_prefetcher.hpp"

namespace orbitsim {

EpochPrefetcher::EpochPrefetcher(World world, const NetworkConfig& network, std::vector<ShellLinks> shell_links,
                                 int threads)
    : world_(std::move(world)), builder_(world_, network, std::move(shell_links)), workers_(threads),
      relay_through_ground_(network.relay_through_ground), thread_([this] { serve(); }) {
  builder_.use_workers(&workers_);
}

EpochPrefetcher::~EpochPrefetcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void EpochPrefetcher::start(long epoch, double t_s, const std::vector<bool>& down, const FailedTerminals& failed_terminals,
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

EpochPrefetcher::Epoch EpochPrefetcher::take(long epoch, const std::vector<bool>& down, const FailedTerminals& failed_terminals) {
  std::unique_lock lock(mutex_);
  if (!job_ || job_->epoch != epoch || job_->down != down || job_->failed_terminals != failed_terminals) return {};
  changed_.wait(lock, [this] { return !queued_ && !building_; });
  job_.reset();
  if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  ++handed_over_;
  return std::move(result_);
}

void EpochPrefetcher::serve() {
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

}  // namespace orbitsim
