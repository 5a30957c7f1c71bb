#include "core/worker_pool.hpp"

#include <sched.h>

#include <algorithm>
#include <utility>

namespace orbitsim {
namespace {
// Below this many items a loop runs on the calling thread: waking a worker costs a few microseconds.
constexpr size_t kMinItemsPerChunk = 64;

std::pair<size_t, size_t> chunk_range(size_t n, int chunks, int chunk) {
  return {n * static_cast<size_t>(chunk) / static_cast<size_t>(chunks),
          n * static_cast<size_t>(chunk + 1) / static_cast<size_t>(chunks)};
}
}  // namespace

WorkerPool::WorkerPool(int threads) {
  for (int chunk = 1; chunk < std::max(threads, 1); ++chunk) workers_.emplace_back([this, chunk] { work(chunk); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& w : workers_) w.join();
}

int WorkerPool::chunks_for(size_t n) const {
  return static_cast<int>(std::clamp<size_t>(n / kMinItemsPerChunk, 1, static_cast<size_t>(threads())));
}

void WorkerPool::for_chunks(size_t n, const ChunkBody& body) {
  const int chunks = chunks_for(n);
  if (chunks == 1) {
    body(0, 0, n);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    body_ = &body;
    n_ = n;
    chunks_ = chunks;
    pending_ = chunks - 1;
    errors_.assign(static_cast<size_t>(chunks), nullptr);
    ++generation_;
  }
  wake_.notify_all();
  try {
    const auto [begin, end] = chunk_range(n, chunks, 0);
    body(0, begin, end);
  } catch (...) {
    errors_[0] = std::current_exception();
  }
  std::unique_lock lock(mutex_);
  done_.wait(lock, [this] { return pending_ == 0; });
  body_ = nullptr;
  for (const auto& e : errors_)
    if (e) std::rethrow_exception(e);
}

void WorkerPool::work(int chunk) {
  long seen = 0;
  for (;;) {
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
    if (stopping_) return;
    seen = generation_;
    if (chunk >= chunks_) continue;  // a short loop: fewer chunks than threads
    const ChunkBody& body = *body_;
    const auto [begin, end] = chunk_range(n_, chunks_, chunk);
    lock.unlock();
    std::exception_ptr error;
    try {
      body(chunk, begin, end);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    errors_[static_cast<size_t>(chunk)] = error;
    if (--pending_ == 0) done_.notify_one();
  }
}

int default_thread_count() {
  cpu_set_t allowed;  // a Slurm task or taskset may allow fewer cores than the machine has
  if (sched_getaffinity(0, sizeof(allowed), &allowed) == 0) return std::max(1, CPU_COUNT(&allowed));
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace orbitsim
