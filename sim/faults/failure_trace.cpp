#include "faults/failure_trace.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>

#include <fmt/format.h>

#include "workload/csv_table.hpp"

namespace orbitsim {

std::vector<FailureEvent> read_failure_trace(const std::string& path, const std::vector<std::string>& names,
                                             int satellites) {
  const CsvTable t(path, {"time_s", "target", "kind", "duration_s"});
  for (const char* c : {"time_s", "target", "kind"}) t.require_column(c);
  std::map<std::string, int> node;
  for (size_t i = 0; i < names.size(); ++i) node[names[i]] = static_cast<int>(i);
  std::vector<FailureEvent> out;
  for (size_t r = 0; r < t.rows(); ++r) {
    FailureEvent e;
    e.time_s = t.number(r, "time_s", 0.0, 1e12);
    e.target = t.text(r, "target");
    e.kind = t.text(r, "kind");
    if (e.kind != "satellite" && e.kind != "station") t.fail(r, "kind", "satellite or station", "\"" + e.kind + "\"");
    const auto it = node.find(e.target);
    const bool is_satellite = it != node.end() && it->second < satellites;
    if (it == node.end() || is_satellite != (e.kind == "satellite"))
      t.fail(r, "target", "the name of a " + e.kind + " of the platform", "\"" + e.target + "\"");
    if (!t.empty(r, "duration_s") && t.text(r, "duration_s") != "inf") e.duration_s = t.number(r, "duration_s", 0.0, 1e12);
    out.push_back(e);
  }
  std::stable_sort(out.begin(), out.end(), [](const FailureEvent& a, const FailureEvent& b) { return a.time_s < b.time_s; });
  return out;
}

std::string failure_trace_csv(const std::vector<FailureEvent>& events) {
  std::string out = "time_s,target,kind,duration_s\n";
  for (const auto& e : events)
    // Shortest round-trip representation: a replay sees exactly the drawn times.
    out += fmt::format("{},{},{},{}\n", e.time_s, e.target, e.kind,
                       std::isfinite(e.duration_s) ? fmt::format("{}", e.duration_s) : "inf");
  return out;
}

std::vector<FailureEvent> draw_satellite_failures(const std::vector<std::string>& names, double rate_per_day,
                                                  double horizon_s, unsigned long seed) {
  std::vector<FailureEvent> out;
  if (rate_per_day <= 0.0) return out;
  // One stream for the whole constellation, consumed in satellite order: the draws do not depend on
  // anything a policy does.
  std::mt19937_64 rng(seed ^ 0x6661756c7473ULL);  // "faults"
  const double rate_per_s = rate_per_day / 86400.0;
  for (const auto& name : names) {
    const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
    const double t = -std::log1p(-u) / rate_per_s;
    if (t < horizon_s) out.push_back({t, name, "satellite", std::numeric_limits<double>::infinity()});
  }
  std::sort(out.begin(), out.end(), [](const FailureEvent& a, const FailureEvent& b) {
    return a.time_s != b.time_s ? a.time_s < b.time_s : a.target < b.target;
  });
  return out;
}

std::vector<FailureEvent> draw_initial_failures(const std::vector<std::string>& names, double fraction,
                                                unsigned long seed) {
  std::vector<size_t> order(names.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(seed ^ 0x6b696c6cULL);  // "kill"
  for (size_t i = order.size(); i > 1; --i) {  // Fisher-Yates with our own bounded draws
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % i;
    std::uint64_t x = rng();
    while (x >= limit) x = rng();
    std::swap(order[i - 1], order[static_cast<size_t>(x % i)]);
  }
  const auto count = static_cast<size_t>(std::llround(fraction * static_cast<double>(names.size())));
  std::vector<size_t> chosen(order.begin(), order.begin() + static_cast<long>(count));
  std::sort(chosen.begin(), chosen.end());
  std::vector<FailureEvent> out;
  for (size_t i : chosen) out.push_back({0.0, names[i], "satellite", std::numeric_limits<double>::infinity()});
  return out;
}

}  // namespace orbitsim
