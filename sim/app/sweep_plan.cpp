#include "app/sweep_plan.hpp"

#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/run_launcher.hpp"
#include "metrics/run_metrics.hpp"

namespace orbitsim {

std::vector<SweepPoint> plan_sweep(const SweepConfig& c) {
  std::vector<std::vector<std::string>> policy_overrides;
  for (const auto& p : c.policies) {
    try {
      policy_overrides.push_back(policy_sets(p, "policies"));
    } catch (const InputError&) {
      throw InputError(c.policies_where, "policies", "policies among " + policy_names_by_kind(), "\"" + p + "\"");
    }
  }
  const std::vector<std::string> policies = c.policies.empty() ? std::vector<std::string>{""} : c.policies;
  const int digits = static_cast<int>(std::to_string(c.combinations() - 1).size());
  std::vector<SweepPoint> points;
  for (size_t k = 0; k < c.combinations(); ++k) {
    const auto values = c.combination(k);
    for (size_t p = 0; p < policies.size(); ++p)
      for (long seed = c.first_seed; seed <= c.last_seed; ++seed) {
        SweepPoint pt{fmt::format("c{:0{}}{}-s{}", k, digits, policies[p].empty() ? "" : "-" + policies[p], seed), k,
                      policies[p], seed, c.sets};
        for (size_t a = 0; a < c.axes.size(); ++a) pt.sets.push_back(c.axes[a].key + "=" + values[a]);
        if (!c.policies.empty()) pt.sets.insert(pt.sets.end(), policy_overrides[p].begin(), policy_overrides[p].end());
        points.push_back(std::move(pt));
      }
  }
  return points;
}

bool run_complete(const std::string& dir) {
  std::ifstream in(dir + "/summary.json");
  if (!in) return false;
  const auto s = nlohmann::json::parse(in, nullptr, false);
  return !s.is_discarded() && s.value("interrupted", true) == false;
}

std::vector<SweepGroup> aggregate_sweep(const SweepConfig& c, const std::vector<SweepPoint>& points, const std::string& runs_dir) {
  std::vector<SweepGroup> groups;
  for (size_t first = 0; first < points.size();) {
    size_t end = first;
    while (end < points.size() && points[end].combination == points[first].combination && points[end].policy == points[first].policy)
      ++end;
    std::vector<nlohmann::json> summaries;
    for (size_t i = first; i < end; ++i)
      if (run_complete(runs_dir + "/" + points[i].id)) {
        std::ifstream in(runs_dir + "/" + points[i].id + "/summary.json");
        summaries.push_back(nlohmann::json::parse(in));
      }
    SweepGroup g{points[first].combination, points[first].policy, summaries.size(), {}};
    for (const auto& name : c.metrics) {
      std::vector<double> v;
      for (const auto& s : summaries) v.push_back(find_run_metric(name)->read(s));
      g.metrics[name] = replication_interval(v);
    }
    groups.push_back(std::move(g));
    first = end;
  }
  return groups;
}

}  // namespace orbitsim
