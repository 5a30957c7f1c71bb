#include <algorithm>
#include "metrics/inference_report.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/csv_table.hpp"
#include "metrics/statistics.hpp"

namespace orbitsim {
namespace {

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
  b.retry_wait = m.upload_start_s - r.spec.arrival_s;
  b.uplink = m.prompt_delivered_s - m.upload_start_s;
  b.queue = m.prefill_start_s - m.prompt_delivered_s;
  b.prefill = m.first_token_generated_s - m.prefill_start_s;
  b.decode = m.last_token_generated_s - m.first_token_generated_s;
  b.downlink = r.token_arrival_s.back() - m.last_token_generated_s;
  b.first_downlink = r.token_arrival_s.front() - m.first_token_generated_s;
  return b;
}

std::string hops_cell(const InferenceRequestRecord& r, int hops) { return r.status == RequestStatus::kFinished && hops >= 0 ? std::to_string(hops) : ""; }

double slo(double per_request, double fallback) { return per_request >= 0.0 ? per_request : fallback; }

// All SLOs that apply (a zero default means "no such SLO").
bool meets_slo(const InferenceRequestRecord& r, const Latencies& l, const InferenceScenarioConfig& o) {
  if (r.status != RequestStatus::kFinished) return false;
  const double ttft = slo(r.spec.slo_ttft_s, o.slo_ttft_s), tpot = slo(r.spec.slo_tpot_s, o.slo_tpot_s),
               e2e = slo(r.spec.slo_e2e_s, o.slo_e2e_s);
  return (ttft <= 0 || l.ttft <= ttft) && (tpot <= 0 || !std::isfinite(l.tpot) || l.tpot <= tpot) &&
         (e2e <= 0 || l.e2e <= e2e);
}

std::string cell(double v) { return std::isfinite(v) ? fmt::format("{:.6f}", v) : ""; }

// Each part of the finished requests' time, and the shares of their summed E2E spent in the network
// (uplink and downlink), waiting (retries and queueing) and computing (prefill and decode).
nlohmann::json latency_breakdown(const std::vector<InferenceRequestRecord>& records) {
  std::map<std::string, std::vector<double>> parts;
  std::vector<double> uplink_hops, downlink_hops;
  double network = 0.0, waiting = 0.0, compute = 0.0, total = 0.0;
  for (const auto& r : records) {
    const Breakdown b = breakdown(r);
    if (!std::isfinite(b.uplink)) continue;
    for (const auto& [name, v] : {std::pair{"retry_wait_s", b.retry_wait}, std::pair{"uplink_s", b.uplink},
                                  std::pair{"queue_s", b.queue}, std::pair{"prefill_s", b.prefill},
                                  std::pair{"decode_s", b.decode}, std::pair{"downlink_s", b.downlink},
                                  std::pair{"first_token_downlink_s", b.first_downlink}})
      parts[name].push_back(v);
    uplink_hops.push_back(r.answered.uplink_hops);
    downlink_hops.push_back(r.answered.downlink_hops);
    network += b.uplink + b.downlink;
    waiting += b.retry_wait + b.queue;
    compute += b.prefill + b.decode;
    total += b.retry_wait + b.uplink + b.queue + b.prefill + b.decode + b.downlink;
  }
  nlohmann::json j;
  for (const auto& [name, values] : parts) j[name] = describe(values);
  j["uplink_hops"] = describe(uplink_hops);
  j["downlink_hops"] = describe(downlink_hops);
  const auto share = [&](double x) { return total > 0 ? nlohmann::json(x / total) : nlohmann::json(); };
  j["network_time_share"] = share(network);
  j["waiting_time_share"] = share(waiting);
  j["compute_time_share"] = share(compute);
  return j;
}

}  // namespace

std::string requests_csv(const std::vector<InferenceRequestRecord>& records, const std::vector<std::string>& names,
                         int satellites, const InferenceScenarioConfig& options) {
  std::string out =
      "req_id,model,source_gs,arrival_s,input_tokens,output_tokens,status,reason,serving_satellite,prompt_delivered_s,"
      "first_token_s,last_token_s,ttft_s,tpot_s,e2e_s,max_token_gap_s,downlink_handovers,stream_handovers,attempts,resends,meets_slo,corrupted,"
      "prompt_tokens_dropped,timing_source,cached_prompt_tokens,"
      "retry_wait_s,uplink_s,queue_s,prefill_s,decode_s,downlink_s,first_token_downlink_s,uplink_hops,downlink_hops\n";
  for (const auto& r : records) {
    const Latencies l = latencies(r);
    const Breakdown b = breakdown(r);
    out += fmt::format("{},{},{},{:.6f},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},"
                       "{},{},{},{},{},{},{},{},{}\n", r.spec.req_id, r.spec.model,
                       names[static_cast<size_t>(satellites + r.spec.station)], r.spec.arrival_s, r.spec.input_tokens, r.spec.output_tokens, to_string(r.status), csv_field(r.reason),
                       r.serving_satellite >= 0 ? names[static_cast<size_t>(r.serving_satellite)] : "",
                       r.prompt_delivered_s >= 0 ? fmt::format("{:.6f}", r.prompt_delivered_s) : "",
                       r.token_arrival_s.empty() ? "" : fmt::format("{:.6f}", r.token_arrival_s.front()),
                       r.token_arrival_s.empty() ? "" : fmt::format("{:.6f}", r.token_arrival_s.back()), cell(l.ttft),
                       cell(l.tpot), cell(l.e2e), cell(l.max_gap), r.downlink_handovers, r.stream_handovers, r.attempts, r.resends,
                       meets_slo(r, l, options) ? 1 : 0, r.corrupted ? 1 : 0, r.prompt_tokens_dropped, r.timing_source,
                       r.cached_prompt_tokens, cell(b.retry_wait), cell(b.uplink), cell(b.queue), cell(b.prefill),
                       cell(b.decode), cell(b.downlink), cell(b.first_downlink), hops_cell(r, r.answered.uplink_hops),
                       hops_cell(r, r.answered.downlink_hops));
  }
  return out;
}

nlohmann::json inference_summary(const std::vector<InferenceRequestRecord>& records,
                                 const InferenceScenarioConfig& options, double horizon_s) {
  std::vector<double> ttft, tpot, e2e, gaps;
  std::map<std::string, int> by_status;
  long tokens = 0;
  int good = 0, handovers = 0, stream_handovers = 0;
  for (const auto& r : records) {
    ++by_status[std::string(to_string(r.status))];
    const Latencies l = latencies(r);
    if (r.status == RequestStatus::kFinished) {
      ttft.push_back(l.ttft);
      e2e.push_back(l.e2e);
      if (std::isfinite(l.tpot)) tpot.push_back(l.tpot);
      for (size_t i = 1; i < r.token_arrival_s.size(); ++i) gaps.push_back(r.token_arrival_s[i] - r.token_arrival_s[i - 1]);
      good += meets_slo(r, l, options) ? 1 : 0;
      handovers += r.downlink_handovers > 0 ? 1 : 0;
      stream_handovers += r.stream_handovers > 0 ? 1 : 0;
    }
    tokens += static_cast<long>(r.token_arrival_s.size());
  }
  const auto not_arrived = by_status.find("not_arrived");
  const size_t arrived = records.size() - (not_arrived == by_status.end() ? 0 : static_cast<size_t>(not_arrived->second));
  nlohmann::json j;
  j["requests_submitted"] = records.size();
  j["requests_by_status"] = by_status;
  j["ttft_s"] = describe(ttft);
  j["tpot_s"] = describe(tpot);
  j["e2e_s"] = describe(e2e);
  j["inter_token_gap_s"] = describe(gaps);
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
  // Prefix caching over the prefilled requests that carry prompt blocks (their last prefill).
  long with_blocks = 0, looked_up = 0, hit = 0, saved = 0;
  for (const auto& r : records)
    if (!r.spec.prefix_blocks.empty() && !r.timing_source.empty()) {
      ++with_blocks;
      looked_up += static_cast<long>(r.spec.prefix_blocks.size());
      hit += r.prefix_blocks_hit;
      saved += r.cached_prompt_tokens;
    }
  j["prefix_cache"] = {{"requests_with_blocks", with_blocks}, {"blocks_looked_up", looked_up}, {"blocks_hit", hit},
                       {"hit_rate", looked_up > 0 ? nlohmann::json(static_cast<double>(hit) / static_cast<double>(looked_up)) : nlohmann::json()},
                       {"prompt_tokens_saved", saved}};
  j["latency_breakdown"] = latency_breakdown(records);
  j["slo"] = {{"ttft_s", options.slo_ttft_s}, {"tpot_s", options.slo_tpot_s}, {"e2e_s", options.slo_e2e_s}};
  return j;
}

}  // namespace orbitsim
