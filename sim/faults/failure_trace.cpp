#include "faults/failure_trace.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "core/name_index.hpp"
#include "core/csv_table.hpp"

namespace orbitsim {

std::vector<FailureEvent> read_failure_trace(const std::string& path, const std::vector<std::string>& names,
                                             int satellites, const std::vector<int>& terminals) {
  const CsvTable t(path, {"time_s", "target", "kind", "duration_s", "cause"});
  for (const char* c : {"time_s", "target", "kind"}) t.require_column(c);
  const NameIndex node(names);
  std::vector<FailureEvent> out;
  for (size_t r = 0; r < t.rows(); ++r) {
    FailureEvent e;
    e.time_s = t.number(r, "time_s", 0.0, 1e12);
    e.target = t.text(r, "target");
    const auto kind = parse_failure_kind(t.text(r, "kind"));
    if (!kind) t.fail(r, "kind", failure_kind_names(), "\"" + t.text(r, "kind") + "\"");
    e.kind = *kind;
    std::string node_name = e.target;
    if (e.kind == FailureKind::kIsl) {
      const auto colon = e.target.rfind(':');
      const std::string terminal = colon == std::string::npos ? "" : e.target.substr(colon + 1);
      if (terminal.empty() || terminal.find_first_not_of("0123456789") != std::string::npos || terminal.size() > 6)
        t.fail(r, "target", "<satellite>:<terminal number> for an isl failure", "\"" + e.target + "\"");
      node_name = e.target.substr(0, colon);
    }
    const int found = node.find(node_name);
    const bool station = e.kind == FailureKind::kStation;
    if (found < 0 || (found < satellites) == station)
      t.fail(r, "target", std::string("the name of a ") + (station ? "station" : "satellite") + " of the platform",
             "\"" + node_name + "\"" + (found < 0 ? node.did_you_mean(node_name) : ""));
    // Written back as the platform spells it (names are matched ignoring case).
    e.target = names[static_cast<size_t>(found)] + e.target.substr(node_name.size());
    if (e.kind == FailureKind::kIsl && !terminals.empty()) {
      const int count = terminals[static_cast<size_t>(found)];
      if (std::stoi(e.target.substr(node_name.size() + 1)) >= count)
        t.fail(r, "target", fmt::format("a terminal of {} (it has {}: 0 to {})", node_name, count, count - 1),
               "\"" + e.target + "\"");
    }
    if (!t.empty(r, "duration_s") && t.text(r, "duration_s") != "inf") e.duration_s = t.number(r, "duration_s", 0.0, 1e12);
    if (e.kind == FailureKind::kSeu) e.duration_s = 0.0;
    if (t.has_column("cause") && !t.empty(r, "cause")) {
      const auto cause = parse_failure_cause(t.text(r, "cause"));
      if (!cause) t.fail(r, "cause", failure_cause_names(), "\"" + t.text(r, "cause") + "\"");
      e.cause = *cause;
    }
    out.push_back(e);
  }
  sort_failures(out);
  return out;
}

double interruptions_per_satellite_day(const std::vector<FailureEvent>& events, int satellites, double horizon_s) {
  if (satellites <= 0 || horizon_s <= 0.0) return 0.0;
  const auto stops = std::count_if(events.begin(), events.end(), [](const FailureEvent& e) {
    return e.kind == FailureKind::kSatellite || e.kind == FailureKind::kSefi;
  });
  return static_cast<double>(stops) / (satellites * horizon_s / 86400.0);
}

void sort_failures(std::vector<FailureEvent>& events) {
  std::stable_sort(events.begin(), events.end(), [](const FailureEvent& a, const FailureEvent& b) {
    // Kinds in alphabetical order of their names, as failures.csv has always listed them.
    const std::string_view kind_a = to_string(a.kind), kind_b = to_string(b.kind);
    return std::tie(a.time_s, a.target, kind_a) < std::tie(b.time_s, b.target, kind_b);
  });
}

std::string failure_trace_csv(const std::vector<FailureEvent>& events) {
  std::string out = "time_s,target,kind,duration_s,cause\n";
  for (const auto& e : events)
    // Shortest round-trip representation: a replay sees exactly the drawn times.
    out += fmt::format("{},{},{},{},{}\n", e.time_s, e.target, to_string(e.kind),
                       std::isfinite(e.duration_s) ? fmt::format("{}", e.duration_s) : "inf", to_string(e.cause));
  return out;
}

}  // namespace orbitsim
