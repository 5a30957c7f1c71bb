// The inference cost model (sim/workload/inference_cost_model.hpp) on the shipped catalog: decode pays
// for the KV cache it reads, prefill beyond the measured table grows faster than linearly, the table is
// kept where it exists, and the extrapolation is checked against measured points it was not given.
#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <iostream>
#include <vector>

#include "workload/inference_cost_model.hpp"
#include "workload/model_catalog.hpp"

namespace orbitsim {
namespace {

constexpr double kH100Bandwidth_Bps = 3.35e12;  // the platform default (H100 SXM datasheet)

const ModelCatalog& catalog() {
  static const ModelCatalog c = load_model_catalog(std::string(ORBITSIM_SOURCE_DIR) + "/workloads/models.yaml");
  return c;
}

TEST(InferenceCost, ADecodeStepAt32kContextExceedsThe1kStepByTheKvReadAtMemoryBandwidth) {
  for (const auto& [name, group] : {std::pair{"llama3.1-8b", "h100x1"}, {"llama2-7b", "h100x1"}, {"llama2-70b", "h100x8"},
                                    {"llama3.1-70b", "h100x8"}}) {
    const ModelSpec& m = catalog().at(name);
    const InferenceTiming& t = m.inference.at(group);
    const InferenceCostModel cost(m, t, kH100Bandwidth_Bps);
    // KV bytes per token from the architecture: 2 (K, V) x layers x KV heads x head width x 2 B.
    const double kv_bytes = 2.0 * m.layers * m.kv_heads * m.head_dim * 2.0;
    const double expected_s = (32768.0 - 1024.0) * kv_bytes / (kH100Bandwidth_Bps * t.accelerators);
    const double grew_s = cost.decode_step_s(32768, 1) - cost.decode_step_s(1024, 1);
    EXPECT_NEAR(grew_s, expected_s, 0.01 * expected_s) << name;
  }
  // Grouped-query attention: Llama-3.1-8B keeps 8 KV heads of 32, a quarter of Llama-2-7B's KV cache.
  EXPECT_DOUBLE_EQ(catalog().at("llama3.1-8b").kv_bytes_per_token(), 131072.0);
  EXPECT_DOUBLE_EQ(catalog().at("llama2-7b").kv_bytes_per_token(), 524288.0);
  // Llama-3.1-70B: 80 layers x 8 KV heads: 320 KiB per token, a 128k-token context in 40 GiB.
  EXPECT_DOUBLE_EQ(catalog().at("llama3.1-70b").kv_bytes_per_token(), 327680.0);
  EXPECT_EQ(catalog().at("llama3.1-70b").context_window_tokens, 131072);
  // At 120k tokens of Llama-2-7B-sized KV (the figure): ~63 GB read, ~19 ms per step.
  const ModelSpec& l2 = catalog().at("llama2-7b");
  const InferenceCostModel cost(l2, l2.inference.at("h100x1"), kH100Bandwidth_Bps);
  EXPECT_NEAR(cost.decode_step_s(120000, 1) - cost.decode_step_s(0, 1), 120000 * 524288.0 / 3.35e12, 1e-9);
}

TEST(InferenceCost, PrefillKeepsTheTableAndBeyondItTwiceTheTokensCostMoreThanTwice) {
  for (const auto& [name, group] : {std::pair{"llama3.1-8b", "h100x1"}, {"llama2-70b", "h100x8"}, {"llama3.1-70b", "h100x8"}}) {
    const ModelSpec& m = catalog().at(name);
    const InferenceTiming& t = m.inference.at(group);
    const InferenceCostModel cost(m, t, kH100Bandwidth_Bps);
    for (size_t i = 0; i < t.prefill_tokens.size(); ++i) {
      const auto c = cost.prefill(t.prefill_tokens[i]);
      EXPECT_TRUE(c.measured);
      EXPECT_NEAR(c.seconds, t.prefill_ms[i] / 1000.0, 1e-12) << name << " point " << i;
    }
    const double last = t.prefill_tokens.back();
    EXPECT_FALSE(cost.prefill(last + 1).measured);
    EXPECT_NEAR(cost.prefill(last + 1).seconds, cost.prefill(last).seconds, 1e-3 * cost.prefill(last).seconds);  // continuous
    const double d = static_cast<double>(m.q_heads) * m.head_dim;
    for (double n : {last, 2 * last, 4 * last}) {
      EXPECT_GT(cost.prefill(2 * n).seconds, 2.0 * cost.prefill(n).seconds) << name << " at " << n;
      // From n to 2n: 2 P n FLOPs of weights and the attention 2 L d ((2n)^2 - n^2) of one prompt, at the
      // FLOP/s of the table's last segment (2 P per token over its token step).
      const size_t k = t.prefill_tokens.size() - 1;
      const double achieved = 2.0 * m.params * (t.prefill_tokens[k] - t.prefill_tokens[k - 1]) /
                              ((t.prefill_ms[k] - t.prefill_ms[k - 1]) / 1000.0);
      EXPECT_NEAR(cost.prefill(2 * n).seconds - cost.prefill(n).seconds,
                  (2.0 * m.params * n + 2.0 * m.layers * d * 3.0 * n * n) / achieved, 1e-9);
    }
    // Several prompts of the table's size or less pay no attention beyond it: only their tokens.
    EXPECT_NEAR(cost.prefill(std::vector<double>{last, last}).seconds,
                cost.prefill(last).seconds + 2.0 * m.params * last / cost.achieved_flops(), 1e-12);
  }
}

// Points of the Splitwise-calibrated Llama-2-70B table left out, predicted from the points left (as
// batches of prompts no longer than the last point kept: the table's variable is a batch's tokens):
// the errors a user can expect beyond a table, printed for the notes.
double left_out_error(const InferenceTiming& full, size_t keep, size_t predicted_point) {
  const ModelSpec& m = catalog().at("llama2-70b");
  InferenceTiming cut = full;
  cut.prefill_tokens.resize(keep);
  cut.prefill_ms.resize(keep);
  const InferenceCostModel cost(m, cut, kH100Bandwidth_Bps);
  const double tokens = full.prefill_tokens[predicted_point];
  std::vector<double> prompts;
  for (double left = tokens; left > 0; left -= cut.prefill_tokens.back()) prompts.push_back(std::min(left, cut.prefill_tokens.back()));
  const auto predicted = cost.prefill(prompts);
  EXPECT_FALSE(predicted.measured);
  const double measured_s = full.prefill_ms[predicted_point] / 1000.0;
  const double error = (predicted.seconds - measured_s) / measured_s;
  std::cout << "llama2-70b h100x8 prefill of " << tokens << " tokens: measured " << measured_s << " s, from the first "
            << keep << " points " << predicted.seconds << " s (" << 100.0 * error << " %)\n";
  return error;
}

TEST(InferenceCost, TheRooflinePredictsMeasuredPointsLeftOutOfTheTable) {
  const InferenceTiming& full = catalog().at("llama2-70b").inference.at("h100x8");
  ASSERT_EQ(full.prefill_tokens.size(), 9u);  // 128 .. 32,768 tokens
  EXPECT_LT(std::fabs(left_out_error(full, 8, 8)), 0.05);  // the last point from the others: within 5 %
  // The last three from the points up to 4,096 tokens, where the table's efficiency still grows.
  for (size_t i : {6, 7, 8}) EXPECT_LT(std::fabs(left_out_error(full, 6, i)), 0.30) << i;
}

}  // namespace
}  // namespace orbitsim
