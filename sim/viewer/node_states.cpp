#include "viewer/node_states.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace orbitsim {

const char* node_state_name(NodeState state) {
  switch (state) {
    case NodeState::kNormal: return "normal";
    case NodeState::kEclipse: return "eclipse";
    case NodeState::kThrottled: return "throttled";
    case NodeState::kComputeOff: return "compute-off";
    case NodeState::kFailed: return "failed";
  }
  return "normal";
}

NodeStates::NodeStates(const std::vector<std::string>& names, int satellites, const std::vector<FailureEvent>& failures,
                       const std::vector<PowerSample>& power)
    : failures_(names.size()), power_(static_cast<size_t>(satellites)) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < names.size(); ++i) index.emplace(names[i], i);
  for (const FailureEvent& e : failures) {
    const NodeState state = e.kind == FailureKind::kSatellite || e.kind == FailureKind::kStation ? NodeState::kFailed
                            : e.kind == FailureKind::kSefi || e.kind == FailureKind::kShed       ? NodeState::kComputeOff
                                                                                                 : NodeState::kNormal;
    if (e.kind == FailureKind::kIsl) {  // "<satellite>:<terminal>"
      const auto colon = e.target.rfind(':');
      const auto sat = index.find(e.target.substr(0, colon));
      if (colon != std::string::npos && sat != index.end())
        terminal_failures_.push_back({{static_cast<int>(sat->second), std::stoi(e.target.substr(colon + 1))},
                                      {e.time_s, e.time_s + e.duration_s, NodeState::kNormal}});
      continue;
    }
    const auto it = index.find(e.target);
    if (state == NodeState::kNormal || it == index.end()) continue;  // upsets: no node colour
    failures_[it->second].push_back({e.time_s, e.time_s + e.duration_s, state});
  }
  for (const PowerSample& p : power)
    if (p.satellite >= 0 && p.satellite < satellites) power_[static_cast<size_t>(p.satellite)].push_back(p);
  for (auto& samples : power_)
    std::stable_sort(samples.begin(), samples.end(), [](const PowerSample& a, const PowerSample& b) { return a.t_s < b.t_s; });
}

bool NodeStates::down(int node, double t_s) const {
  for (const Span& s : failures_[static_cast<size_t>(node)])
    if (s.state == NodeState::kFailed && s.start_s <= t_s && t_s < s.stop_s) return true;
  return false;
}

std::set<std::pair<int, int>> NodeStates::failed_terminals(double t_s) const {
  std::set<std::pair<int, int>> out;
  for (const auto& [terminal, span] : terminal_failures_)
    if (span.start_s <= t_s && t_s < span.stop_s) out.insert(terminal);
  return out;
}

std::vector<StateInterval> NodeStates::intervals(int node, double start_s, double stop_s) const {
  const auto& spans = failures_[static_cast<size_t>(node)];
  static const std::vector<PowerSample> kNone;
  const auto& samples = static_cast<size_t>(node) < power_.size() ? power_[static_cast<size_t>(node)] : kNone;
  std::set<double> cuts{start_s, stop_s};
  for (const Span& s : spans)
    for (double t : {s.start_s, s.stop_s})
      if (t > start_s && t < stop_s) cuts.insert(t);
  for (const PowerSample& p : samples)
    if (p.t_s > start_s && p.t_s < stop_s) cuts.insert(p.t_s);
  std::vector<StateInterval> out;
  for (auto it = cuts.begin(); std::next(it) != cuts.end(); ++it) {
    const double a = *it, b = *std::next(it);
    NodeState state = NodeState::kNormal;
    for (const Span& s : spans)
      if (s.start_s <= a && a < s.stop_s) state = std::max(state, s.state);
    // The power sample in force at a: the last one at or before it.
    const auto after = std::upper_bound(samples.begin(), samples.end(), a, [](double t, const PowerSample& p) { return t < p.t_s; });
    if (after != samples.begin()) {
      const PowerSample& p = *std::prev(after);
      if (p.shed) state = std::max(state, NodeState::kComputeOff);
      if (p.throttled) state = std::max(state, NodeState::kThrottled);
      if (!p.sunlit) state = std::max(state, NodeState::kEclipse);
    }
    if (!out.empty() && out.back().state == state) out.back().stop_s = b;
    else out.push_back({a, b, state});
  }
  return out;
}

}  // namespace orbitsim
