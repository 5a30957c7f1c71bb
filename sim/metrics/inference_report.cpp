#include "metrics/inference_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <map>

#include <fmt/format.h>

#include "core/csv_table.hpp"
#include "metrics/statistics.hpp"

namespace orbitsim::request_cells {
// requests.csv's cells that may be empty, formatted in place (no string per cell: a day's file has 70 million cells).
struct Seconds {
  double value;  // empty when not finite
};
struct Hops {
  const InferenceRequestRecord& request;
  int hops;  // empty when negative or the request did not finish
};
}  // namespace orbitsim::request_cells

template <>
struct fmt::formatter<orbitsim::request_cells::Seconds> : fmt::formatter<std::string_view> {
  auto format(orbitsim::request_cells::Seconds s, format_context& ctx) const {
    return std::isfinite(s.value) ? fmt::format_to(ctx.out(), "{:.6f}", s.value) : ctx.out();
  }
};

template <>
struct fmt::formatter<orbitsim::request_cells::Hops> : fmt::formatter<std::string_view> {
  auto format(orbitsim::request_cells::Hops h, format_context& ctx) const {
    const bool known = h.request.status == orbitsim::RequestStatus::kFinished && h.hops >= 0;
    return known ? fmt::format_to(ctx.out(), "{}", h.hops) : ctx.out();
  }
};

namespace orbitsim {
namespace {

using request_cells::Hops;
using request_cells::Seconds;

struct Latencies {
  double ttft = NAN, tpot = NAN, e2e = NAN, max_gap = NAN;
};

// TTFT = first token - arrival; TPOT = (last - first) / (n - 1) (vLLM's definition); E2E = last - arrival.
Latencies latencies(const InferenceRequestRecord& r) {
  Latencies l;
  const auto& t = r.token_arrival_s;
  if (r.status != RequestStatus::kFinished || t.empty()) return l;
  l.ttft = t.front() - r.spec.arrival_s;
  l.e2e = t.back() - r.spec.arrival_s;
  if (t.size() > 1) {
    l.tpot = (t.back() - t.front()) / static_cast<double>(t.size() - 1);
    l.max_gap = 0.0;
    for (size_t i = 1; i < t.size(); ++i) l.max_gap = std::max(l.max_gap, t[i] - t[i - 1]);
  }
  return l;
}

// A finished request's time from arrival to its last token, in consecutive parts (they sum to E2E): waiting
// for the attempt that answered (retries), prompt upload, queueing on the satellite, prefill, decode, and
// the last token's downlink; the first token's downlink completes TTFT.
struct Breakdown {
  double retry_wait = NAN, uplink = NAN, queue = NAN, prefill = NAN, decode = NAN, downlink = NAN, first_downlink = NAN;
};

Breakdown breakdown(const InferenceRequestRecord& r) {
  Breakdown b;
  const RequestMilestones& m = r.answered;
  if (r.status != RequestStatus::kFinished || r.token_arrival_s.empty() || m.last_token_generated_s < 0) return b;
  // Never below 0: the request's actor sleeps until its arrival, and SimGrid's clock then reads
  // now + (arrival - now), which rounding can leave an ulp before arrival_s (6 of goal 3's 2.1 M requests).
  b.retry_wait = std::max(0.0, m.upload_start_s - r.spec.arrival_s);
  b.uplink = m.prompt_delivered_s - m.upload_start_s;
  b.queue = m.prefill_start_s - m.prompt_delivered_s;
  b.prefill = m.first_token_generated_s - m.prefill_start_s;
  b.decode = m.last_token_generated_s - m.first_token_generated_s;
  b.downlink = r.token_arrival_s.back() - m.last_token_generated_s;
  b.first_downlink = r.token_arrival_s.front() - m.first_token_generated_s;
  return b;
}

double slo(double per_request, double fallback) { return per_request >= 0.0 ? per_request : fallback; }

// All SLOs that apply (a zero default means "no such SLO").
bool meets_slo(const InferenceRequestRecord& r, const Latencies& l, const InferenceScenarioConfig& o) {
  if (r.status != RequestStatus::kFinished) return false;
  const double ttft = slo(r.spec.slo_ttft_s, o.slo_ttft_s), tpot = slo(r.spec.slo_tpot_s, o.slo_tpot_s),
               e2e = slo(r.spec.slo_e2e_s, o.slo_e2e_s);
  return (ttft <= 0 || l.ttft <= ttft) && (tpot <= 0 || !std::isfinite(l.tpot) || l.tpot <= tpot) &&
         (e2e <= 0 || l.e2e <= e2e);
}

// Each part of the finished requests' time, and the shares of their summed E2E spent in the network
// (uplink and downlink), waiting (retries and queueing) and computing (prefill and decode).
nlohmann::json latency_breakdown(const std::vector<InferenceRequestRecord>& records) {
  constexpr std::array<const char*, 7> kParts{"retry_wait_s", "uplink_s",   "queue_s",
                                              "prefill_s",    "decode_s",   "downlink_s",
                                              "first_token_downlink_s"};
  std::array<std::vector<double>, kParts.size()> parts;
  std::vector<double> uplink_hops, downlink_hops;
  double network = 0.0, waiting = 0.0, compute = 0.0, total = 0.0;
  for (const auto& r : records) {
    const Breakdown b = breakdown(r);
    if (!std::isfinite(b.uplink)) continue;
    const std::array<double, kParts.size()> values{b.retry_wait, b.uplink,   b.queue,         b.prefill,
                                                   b.decode,     b.downlink, b.first_downlink};
    for (size_t k = 0; k < kParts.size(); ++k) parts[k].push_back(values[k]);
    uplink_hops.push_back(r.answered.uplink_hops);
    downlink_hops.push_back(r.answered.downlink_hops);
    network += b.uplink + b.downlink;
    waiting += b.retry_wait + b.queue;
    compute += b.prefill + b.decode;
    total += b.retry_wait + b.uplink + b.queue + b.prefill + b.decode + b.downlink;
  }
  nlohmann::json j;
  for (size_t k = 0; k < kParts.size(); ++k)  // only with finished requests, as ever
    if (!parts[k].empty()) j[kParts[k]] = describe(std::move(parts[k]));
  j["uplink_hops"] = describe(std::move(uplink_hops));
  j["downlink_hops"] = describe(std::move(downlink_hops));
  const auto share = [&](double x) { return total > 0 ? nlohmann::json(x / total) : nlohmann::json(); };
  j["network_time_share"] = share(network);
  j["waiting_time_share"] = share(waiting);
  j["compute_time_share"] = share(compute);
  return j;
}

// Between consecutive tokens of each finished request, in request order; reserved at once (a day has 57
// million: doubling would hold twice their 460 MB).
std::vector<double> inter_token_gaps(const std::vector<InferenceRequestRecord>& records) {
  auto finished = [](const InferenceRequestRecord& r) { return r.status == RequestStatus::kFinished && !r.token_arrival_s.empty(); };
  size_t count = 0;
  for (const auto& r : records)
    if (finished(r)) count += r.token_arrival_s.size() - 1;
  std::vector<double> gaps;
  gaps.reserve(count);
  for (const auto& r : records)
    if (finished(r))
      for (size_t i = 1; i < r.token_arrival_s.size(); ++i) gaps.push_back(r.token_arrival_s[i] - r.token_arrival_s[i - 1]);
  return gaps;
}

// Prefix caching over the prefilled requests that carry prompt blocks (their last prefill).
nlohmann::json prefix_cache_summary(const std::vector<InferenceRequestRecord>& records) {
  long with_blocks = 0, looked_up = 0, hit = 0, saved = 0;
  for (const auto& r : records)
    if (!r.spec.prefix_blocks.empty() && !r.timing_source.empty()) {
      ++with_blocks;
      looked_up += static_cast<long>(r.spec.prefix_blocks.size());
      hit += r.prefix_blocks_hit;
      saved += r.cached_prompt_tokens;
    }
  const nlohmann::json hit_rate = looked_up > 0 ? nlohmann::json(static_cast<double>(hit) / static_cast<double>(looked_up)) : nlohmann::json();
  return {{"requests_with_blocks", with_blocks}, {"blocks_looked_up", looked_up}, {"blocks_hit", hit},
          {"hit_rate", hit_rate}, {"prompt_tokens_saved", saved}};
}

}  // namespace

void write_requests_csv(std::ostream& out, const std::vector<InferenceRequestRecord>& records,
                        const std::vector<std::string>& names, int satellites, const InferenceScenarioConfig& options) {
  out << "req_id,model,source_gs,arrival_s,input_tokens,output_tokens,status,reason,serving_satellite,prompt_delivered_s,"
         "first_token_s,last_token_s,ttft_s,tpot_s,e2e_s,max_token_gap_s,downlink_handovers,stream_handovers,attempts,resends,"
         "meets_slo,corrupted,prompt_tokens_dropped,timing_source,cached_prompt_tokens,"
         "retry_wait_s,uplink_s,queue_s,prefill_s,decode_s,downlink_s,first_token_downlink_s,uplink_hops,downlink_hops\n";
  fmt::memory_buffer rows;  // a few MB at a time: a day's 2 million rows take 500 MB
  for (const auto& r : records) {
    const Latencies l = latencies(r);
    const Breakdown b = breakdown(r);
    const bool tokens = !r.token_arrival_s.empty();
    fmt::format_to(std::back_inserter(rows), "{},{},{},{:.6f},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},"
                   "{},{},{},{},{},{},{},{},{}\n", r.spec.req_id, r.spec.model,
                   names[static_cast<size_t>(satellites + r.spec.station)], r.spec.arrival_s, r.spec.input_tokens,
                   r.spec.output_tokens, to_string(r.status), csv_field(r.reason),
                   r.serving_satellite >= 0 ? std::string_view(names[static_cast<size_t>(r.serving_satellite)]) : "",
                   Seconds{r.prompt_delivered_s >= 0 ? r.prompt_delivered_s : NAN},
                   Seconds{tokens ? r.token_arrival_s.front() : NAN}, Seconds{tokens ? r.token_arrival_s.back() : NAN},
                   Seconds{l.ttft}, Seconds{l.tpot}, Seconds{l.e2e}, Seconds{l.max_gap}, r.downlink_handovers,
                   r.stream_handovers, r.attempts, r.resends, meets_slo(r, l, options) ? 1 : 0, r.corrupted ? 1 : 0,
                   r.prompt_tokens_dropped, r.timing_source, r.cached_prompt_tokens, Seconds{b.retry_wait},
                   Seconds{b.uplink}, Seconds{b.queue}, Seconds{b.prefill}, Seconds{b.decode}, Seconds{b.downlink},
                   Seconds{b.first_downlink}, Hops{r, r.answered.uplink_hops}, Hops{r, r.answered.downlink_hops});
    if (rows.size() > (1 << 22)) {
      out.write(rows.data(), static_cast<std::streamsize>(rows.size()));
      rows.clear();
    }
  }
  out.write(rows.data(), static_cast<std::streamsize>(rows.size()));
}

nlohmann::json inference_summary(const std::vector<InferenceRequestRecord>& records,
                                 const InferenceScenarioConfig& options, double horizon_s) {
  std::vector<double> ttft, tpot, e2e;
  std::array<int, static_cast<size_t>(RequestStatus::kRejected) + 1> count_of{};  // by status
  long tokens = 0;
  int good = 0, handovers = 0, stream_handovers = 0;
  for (const auto& r : records) {
    ++count_of[static_cast<size_t>(r.status)];
    const Latencies l = latencies(r);
    if (r.status == RequestStatus::kFinished) {
      ttft.push_back(l.ttft);
      e2e.push_back(l.e2e);
      if (std::isfinite(l.tpot)) tpot.push_back(l.tpot);
      good += meets_slo(r, l, options) ? 1 : 0;
      handovers += r.downlink_handovers > 0 ? 1 : 0;
      stream_handovers += r.stream_handovers > 0 ? 1 : 0;
    }
    tokens += static_cast<long>(r.token_arrival_s.size());
  }
  std::map<std::string, int> by_status;  // the statuses some request has
  for (size_t k = 0; k < count_of.size(); ++k)
    if (count_of[k] > 0) by_status[std::string(to_string(static_cast<RequestStatus>(k)))] = count_of[k];
  const auto not_arrived = by_status.find("not_arrived");
  const size_t arrived = records.size() - (not_arrived == by_status.end() ? 0 : static_cast<size_t>(not_arrived->second));
  nlohmann::json j;
  j["requests_submitted"] = records.size();
  j["requests_by_status"] = by_status;
  j["ttft_s"] = describe(std::move(ttft));
  j["tpot_s"] = describe(std::move(tpot));
  j["e2e_s"] = describe(std::move(e2e));
  j["inter_token_gap_s"] = describe(inter_token_gaps(records));
  const auto finished = by_status.find("finished");
  // Undefined (null) when no request arrived.
  const auto ratio = [&](double x) { return arrived > 0 ? nlohmann::json(x / static_cast<double>(arrived)) : nlohmann::json(); };
  j["availability"] = ratio(finished == by_status.end() ? 0.0 : finished->second);  // finished over arrived
  j["slo_attainment"] = ratio(good);
  j["goodput_requests_per_s"] = arrived > 0 && horizon_s > 0 ? nlohmann::json(good / horizon_s) : nlohmann::json();
  j["output_tokens_per_s"] = horizon_s > 0 ? static_cast<double>(tokens) / horizon_s : 0.0;
  j["requests_with_downlink_handover"] = handovers;
  j["finished_requests_with_stream_handover"] = stream_handovers;
  j["corrupted_requests"] = std::count_if(records.begin(), records.end(), [](const auto& r) { return r.corrupted; });
  // Requests whose prompt + output exceed their model's context window (inference.over_context).
  j["requests_over_context_window"] = {
      {"rejected", std::count_if(records.begin(), records.end(),
                                 [](const auto& r) { return r.reason.starts_with("context window exceeded"); })},
      {"truncated", std::count_if(records.begin(), records.end(), [](const auto& r) { return r.prompt_tokens_dropped > 0; })}};
  std::map<std::string, int> by_timing_source;
  for (const auto& r : records)
    if (!r.timing_source.empty()) ++by_timing_source[r.timing_source];
  j["prefills_by_timing_source"] = by_timing_source;
  j["prefix_cache"] = prefix_cache_summary(records);
  j["latency_breakdown"] = latency_breakdown(records);
  j["slo"] = {{"ttft_s", options.slo_ttft_s}, {"tpot_s", options.slo_tpot_s}, {"e2e_s", options.slo_e2e_s}};
  return j;
}

}  // namespace orbitsim
