// describe(): the summary statistics every report prints, checked against numpy's values and against the
// plain definition (a sorted copy), which the selection it uses must reproduce exactly; and the inference
// summary's latency breakdown, present only when some request finished.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

#include "metrics/inference_report.hpp"
#include "metrics/statistics.hpp"

namespace orbitsim {
namespace {

double sorted_percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const double rank = p / 100.0 * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(rank));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (rank - static_cast<double>(lo));
}

TEST(Describe, GivesNumpysLinearPercentiles) {
  // numpy.percentile(range(1, 11), [50, 90, 99]) = 5.5, 9.1, 9.91
  const nlohmann::json j = describe({10, 3, 1, 7, 2, 9, 4, 8, 6, 5});
  EXPECT_EQ(j["count"], 10);
  EXPECT_DOUBLE_EQ(j["mean"].get<double>(), 5.5);
  EXPECT_DOUBLE_EQ(j["p50"].get<double>(), 5.5);
  EXPECT_DOUBLE_EQ(j["p90"].get<double>(), 9.1);
  EXPECT_DOUBLE_EQ(j["p99"].get<double>(), 9.91);
  EXPECT_DOUBLE_EQ(j["max"].get<double>(), 10.0);
}

TEST(Describe, SkipsNonFiniteValuesAndGivesNullsWithoutValues) {
  const nlohmann::json one = describe({NAN, 4.0, INFINITY});
  EXPECT_EQ(one["count"], 1);
  for (const char* k : {"mean", "p50", "p90", "p99", "max"}) EXPECT_DOUBLE_EQ(one[k].get<double>(), 4.0) << k;
  const nlohmann::json none = describe({NAN});
  EXPECT_EQ(none["count"], 0);
  EXPECT_TRUE(none["p50"].is_null());
}

TEST(Describe, PercentilesAreExactlyThoseOfASortedCopy) {
  std::mt19937_64 rng(7);
  for (size_t n : {1, 2, 3, 10, 99, 100, 101, 1000, 12345}) {
    for (bool ties : {false, true}) {
      std::vector<double> v(n);
      for (double& x : v) x = ties ? static_cast<double>(rng() % 7) : std::ldexp(static_cast<double>(rng() >> 11), -53);
      const nlohmann::json j = describe(v);
      for (double p : {50.0, 90.0, 99.0})
        EXPECT_EQ(j["p" + std::to_string(static_cast<int>(p))].get<double>(), sorted_percentile(v, p)) << n << " " << p;
    }
  }
}

TEST(InferenceSummary, BreaksDownTheTimeOfFinishedRequestsOnly) {
  std::vector<InferenceRequestRecord> records(2);
  const nlohmann::json none = inference_summary(records, {}, 60.0)["latency_breakdown"];
  EXPECT_FALSE(none.contains("decode_s")) << none.dump();
  InferenceRequestRecord& r = records[1];
  r.status = RequestStatus::kFinished;
  r.spec.arrival_s = 1.0;
  r.answered = {1.0, 1.1, 1.2, 1.5, 2.0, 1, 1};  // upload, delivered, prefill, first and last token; hops
  r.token_arrival_s = {1.6, 2.1};
  const nlohmann::json one = inference_summary(records, {}, 60.0)["latency_breakdown"];
  EXPECT_EQ(one["decode_s"]["count"], 1);
  EXPECT_DOUBLE_EQ(one["decode_s"]["mean"].get<double>(), 0.5);
  EXPECT_NEAR(one["downlink_s"]["p50"].get<double>(), 0.1, 1e-12);
}

// SimGrid's clock can wake a request's actor an ulp before its arrival: no negative wait, in the summary or
// in requests.csv (where it read "-0.000000").
TEST(InferenceSummary, AnUploadStartedAnUlpBeforeArrivalWaitedNoTime) {
  std::vector<InferenceRequestRecord> records(1);
  InferenceRequestRecord& r = records[0];
  r.status = RequestStatus::kFinished;
  r.spec.arrival_s = 2616.100452;
  const double upload_s = std::nextafter(r.spec.arrival_s, 0.0);
  r.answered = {upload_s, upload_s + 0.1, upload_s + 0.2, upload_s + 0.5, upload_s + 1.0, 1, 1};
  r.token_arrival_s = {upload_s + 0.6, upload_s + 1.1};
  const nlohmann::json wait = inference_summary(records, {}, 60.0)["latency_breakdown"]["retry_wait_s"];
  EXPECT_EQ(wait["mean"].get<double>(), 0.0) << wait.dump();
  EXPECT_FALSE(std::signbit(wait["mean"].get<double>())) << wait.dump();
  std::ostringstream csv;
  write_requests_csv(csv, records, {"Lepe"}, 0, {});
  EXPECT_EQ(csv.str().find("-0.000000"), std::string::npos) << csv.str();
}

}  // namespace
}  // namespace orbitsim
