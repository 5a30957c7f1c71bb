// InferenceServer's token streams: each generated token sent down to the station, a stream handed to another
// satellite when its route is gone, and the delivery that settles a request.
#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "workload/inference_server.hpp"
#include "workload/inference_server_state.hpp"

namespace orbitsim {

bool InferenceServer::emit_token(Active& a) {
  InferenceRequestRecord& r = records_[a.index];
  const int gs = station_node(r.spec.station);
  const Path& down = platform_.current_path(a.satellite, gs);  // read before the token's comm starts
  if (!down.reachable() && !platform_.node_down(a.satellite)) {
    if (a.cut_s < 0) a.cut_s = sim_now();
    if (options_.stream_handover) return false;
  }
  const int via = down.reachable() && down.nodes.size() >= 2 ? down.nodes[down.nodes.size() - 2] : -1;
  if (a.last_downlink_satellite >= 0 && via != a.last_downlink_satellite) ++a.downlink_handovers;
  a.last_downlink_satellite = via;
  if (a.milestones.first_token_generated_s < 0) {
    a.milestones.first_token_generated_s = sim_now();
    a.milestones.downlink_hops = down.reachable() ? down.hops() : -1;
  }
  a.tokens.emplace_back(platform_, a.satellite, gs, options_.output_bytes_per_token, token_model());
  ++a.generated;
  a.milestones.last_token_generated_s = sim_now();
  return true;
}

void InferenceServer::hand_over(std::shared_ptr<Active> a) {
  for (size_t i = 0; i < a->tokens.size(); ++i) {
    if (!a->tokens[i].wait()) break;  // later tokens come again, in order, from the next satellite
    a->token_arrival_s.push_back(a->tokens[i].finish_time_s());
  }
  a->tokens.clear();
  continue_elsewhere(a);
}

void InferenceServer::continue_elsewhere(std::shared_ptr<Active> a) {
  if (stale(a->index, a->generation)) return;
  InferenceRequestRecord& r = records_[a->index];
  const int gs = station_node(r.spec.station);
  std::optional<int> next;
  if (options_.stream_handover) {
    std::vector<ServingCandidate> options = candidates(r);
    options.erase(std::remove_if(options.begin(), options.end(), [&](const ServingCandidate& c) { return c.satellite == a->satellite; }),
                  options.end());
    next = policy_.choose(options);
  }
  if (!next) {
    std::string reason = no_route_reason("token downlink failed", a->satellite, gs, a->cut_s);
    if (options_.stream_handover) reason += fmt::format("; no satellite within {} hops to hand over to", options_.max_hops);
    return copy_failed(a->index, a->generation, reason);
  }
  ++r.stream_handovers;
  if (events_)
    events_->record(sim_now(), "inference", r.spec.req_id, "stream_handover",
                    fmt::format("from {} to {} after {} tokens", platform_.name(a->satellite), platform_.name(*next),
                                a->token_arrival_s.size()));
  run_copy(a->index, *next, a->generation, a);
}

// The satellites the station links to now, with their shells (no commas: a reason stays one plain
// field of requests.csv that a naive split still reads).
std::string InferenceServer::station_links_text(int station) {
  std::string links;
  for (int s : platform_.station_links(station))
    links += fmt::format("{}{} (shell {})", links.empty() ? "" : " / ", platform_.name(s), platform_.shell_name(s));
  return links.empty() ? "the station has no link" : "the station links to " + links;
}

std::string InferenceServer::no_route_reason(const std::string& what, int satellite, int station, double since_s) {
  return fmt::format("{}: no route from {} (shell {}) to {} since {:.1f} s; {}", what, platform_.name(satellite),
                     platform_.shell_name(satellite), platform_.name(station), since_s, station_links_text(station));
}

void InferenceServer::deliver(std::shared_ptr<Active> a) {
  InferenceRequestRecord& r = records_[a->index];
  const int gs = station_node(r.spec.station);
  for (auto& token : a->tokens) {
    for (int resends = 0; !token.wait();) {
      if (stale(a->index, a->generation)) return;
      if (++resends > kMaxResendsPerMessage || !resend_allowed(a->index, a->satellite)) {
        // Lost for want of any route from a live satellite: a network matter, not a failover one.
        if (!platform_.node_down(a->satellite) && !platform_.current_path(a->satellite, gs).reachable()) {
          if (a->cut_s < 0) a->cut_s = sim_now();
          a->tokens.clear();
          return continue_elsewhere(a);
        }
        return copy_failed(a->index, a->generation, "token downlink failed (unreachable)");
      }
      ++r.resends;
      token = SimMessage(platform_, a->satellite, gs, options_.output_bytes_per_token, token_model());
    }
    a->token_arrival_s.push_back(token.finish_time_s());
  }
  if (stale(a->index, a->generation)) return;  // another copy answered first
  attempt_[a->index].settled = true;
  r.serving_satellite = a->satellite;
  r.token_arrival_s = a->token_arrival_s;
  r.downlink_handovers = a->downlink_handovers;
  r.corrupted = a->corrupted;
  r.answered = a->milestones;
  tokens_delivered_ += static_cast<long>(a->token_arrival_s.size());
  settle(r, RequestStatus::kFinished, "");
}

}  // namespace orbitsim
