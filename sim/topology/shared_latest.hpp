// The latest of a value that several threads each build now and then, for the others to adopt when it
// suits them: the prefetcher's lanes build every other epoch each, and one lane's neighbour lists, while
// still valid, serve the other's epochs too instead of being built again.
#pragma once

#include <memory>
#include <mutex>
#include <utility>

namespace orbitsim {

template <typename T>
class SharedLatest {
 public:
  std::shared_ptr<const T> get() const {
    std::lock_guard lock(mutex_);
    return latest_;
  }
  void publish(std::shared_ptr<const T> value) {
    std::lock_guard lock(mutex_);
    latest_ = std::move(value);
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const T> latest_;
};

}  // namespace orbitsim
