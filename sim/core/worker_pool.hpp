// A fixed set of threads that share the loops of one epoch (positions, link candidates): [0, n) is cut
// into contiguous chunks, one per thread, the calling thread taking the first. Results stay identical
// for any thread count when each chunk writes only its own indices, or its own output that the caller
// merges in chunk order.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace orbitsim {

class WorkerPool {
 public:
  // `threads` >= 1; 1 runs everything on the calling thread.
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }
  // Calls body(chunk, begin, end) on every chunk of [0, n) (fewer chunks than threads for small n) and
  // returns when all are done; the first exception a chunk throws is rethrown here.
  using ChunkBody = std::function<void(int chunk, size_t begin, size_t end)>;
  void for_chunks(size_t n, const ChunkBody& body);
  // How many chunks for_chunks(n) makes: 1 for a loop too short to be worth waking a thread.
  int chunks_for(size_t n) const;

 private:
  void work(int chunk);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const ChunkBody* body_ = nullptr;
  size_t n_ = 0;
  int chunks_ = 0;
  long generation_ = 0;
  int pending_ = 0;
  bool stopping_ = false;
  std::vector<std::exception_ptr> errors_;
};

// The thread count to use when the user gives none: the cores this process may run on.
int default_thread_count();

// The same on an optional pool: without one, a single chunk on the calling thread.
inline int chunks_for(const WorkerPool* pool, size_t n) { return pool ? pool->chunks_for(n) : 1; }
inline void for_chunks(WorkerPool* pool, size_t n, const WorkerPool::ChunkBody& body) {
  if (pool) pool->for_chunks(n, body);
  else body(0, 0, n);
}

}  // namespace orbitsim
