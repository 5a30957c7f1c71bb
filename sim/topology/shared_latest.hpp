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

// Keeps `current` if `covers` it (a predicate on `const T*`, null included), else adopts `shared`'s latest
// if that covers, else builds one (`build()`: std::shared_ptr<T>) and publishes it to `shared` (which
// may be null: not shared). Returns true when it built.
template <typename T, typename Covers, typename Build>
bool keep_adopt_or_build(std::shared_ptr<const T>& current, SharedLatest<T>* shared, Covers&& covers, Build&& build) {
  if (covers(current.get())) return false;
  if (shared)
    if (auto latest = shared->get(); latest != current && covers(latest.get())) {
      current = std::move(latest);
      return false;
    }
  std::shared_ptr<const T> built = build();
  current = built;
  if (shared) shared->publish(std::move(built));
  return true;
}

}  // namespace orbitsim
