#include "workload/prefix_cache.hpp"

namespace orbitsim {

void PrefixCache::touch(long block) {
  if (const auto it = where_.find(block); it != where_.end()) {
    order_.splice(order_.begin(), order_, it->second);
    return;
  }
  order_.push_front(block);
  where_[block] = order_.begin();
}

size_t PrefixCache::cached_prefix(const std::vector<long>& blocks) const {
  size_t n = 0;
  while (n < blocks.size() && where_.count(blocks[n])) ++n;
  return n;
}

size_t PrefixCache::match(const std::vector<long>& blocks) {
  const size_t n = cached_prefix(blocks);
  // Touch from the last matched back to the first, so that a prefix's head is the last to go.
  for (size_t i = n; i-- > 0;) touch(blocks[i]);
  return n;
}

void PrefixCache::insert(const std::vector<long>& blocks, size_t capacity_blocks) {
  for (size_t i = blocks.size(); i-- > 0;) touch(blocks[i]);
  shrink_to(capacity_blocks);
}

void PrefixCache::shrink_to(size_t capacity_blocks) {
  while (order_.size() > capacity_blocks) {
    where_.erase(order_.back());
    order_.pop_back();
  }
}

}  // namespace orbitsim
