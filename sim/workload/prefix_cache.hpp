// Prompt-prefix blocks whose KV cache an engine still holds (automatic prefix caching, as vLLM and
// Mooncake do it): a request whose first blocks are here skips their prefill. Blocks are identified by
// the trace's hashes (Mooncake's hash_ids: a block's hash covers it and everything before it, so equal
// ids mean equal prefixes). They live in KV memory the running requests do not use, and the least
// recently used go first when that memory shrinks. Per engine: a request served elsewhere finds nothing.
#pragma once

#include <cstddef>
#include <list>
#include <unordered_map>
#include <vector>

namespace orbitsim {

class PrefixCache {
 public:
  // How many of `blocks`, from the first, are cached (the longest cached prefix); they become the most
  // recently used.
  size_t match(const std::vector<long>& blocks);
  // The same count, leaving the order alone (what a placement decision may look at).
  size_t cached_prefix(const std::vector<long>& blocks) const;
  // Keeps `blocks` as the most recently used, then drops the least recently used beyond `capacity_blocks`.
  void insert(const std::vector<long>& blocks, size_t capacity_blocks);
  // Drops the least recently used beyond `capacity_blocks`.
  void shrink_to(size_t capacity_blocks);
  size_t size() const { return order_.size(); }

 private:
  void touch(long block);
  std::list<long> order_;  // most recently used first
  std::unordered_map<long, std::list<long>::iterator> where_;
};

}  // namespace orbitsim
