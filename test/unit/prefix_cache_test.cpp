// The engines' prefix cache: the longest cached prefix, least recently used evicted first.
#include <gtest/gtest.h>

#include "workload/prefix_cache.hpp"

namespace orbitsim {
namespace {

TEST(PrefixCache, MatchesTheLongestCachedPrefixAndEvictsTheLeastRecentlyUsed) {
  PrefixCache cache;
  cache.insert({1, 2, 3}, 10);
  EXPECT_EQ(cache.match({1, 2, 3, 4}), 3u);
  EXPECT_EQ(cache.match({1, 2, 9, 3}), 2u);  // a prefix: a later block alone does not count
  // (Hashes cover everything before their block, so a trace never starts a prompt with another's block 2.)
  EXPECT_EQ(cache.match({}), 0u);
  cache.insert({7, 8}, 10);                  // most recent: 7 8, then 1 2 3
  EXPECT_EQ(cache.size(), 5u);
  EXPECT_EQ(cache.match({1}), 1u);           // 1 becomes the most recent: 1 7 8 2 3
  cache.shrink_to(3);                        // 2 and 3 go
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.match({1, 2}), 1u);
  EXPECT_EQ(cache.match({7, 8}), 2u);
  cache.insert({4, 5, 6}, 2);                // more than fits: the prefix's head is kept last to go
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.match({4, 5}), 2u);
  EXPECT_EQ(cache.match({7}), 0u);
  cache.shrink_to(0);
  EXPECT_EQ(cache.size(), 0u);
}

}  // namespace
}  // namespace orbitsim
