// Alibaba GPU cluster trace 2023 pods (name, cpu_milli, memory_mib, num_gpu, gpu_milli, gpu_spec, qos,
// pod_phase, creation_time, deletion_time, scheduled_time) -> jobs.csv. Kept: creation time (arrival),
// GPU count, lifetime (deletion - scheduled) and phase (orig_*); a pod that ended Failed fails after its
// lifetime of running (fails_after_s), not running to completion. Skipped, with counts in the header:
// CPU-only pods, pods that used a fraction of a GPU (gpu_milli < 1000: a satellite's accelerators are not
// shared among jobs), pods never scheduled (Pending) and pods still running at the end of the trace.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/csv_table.hpp"
#include "workload/trace_conversion.hpp"

namespace orbitsim {

ConversionResult convert_alibaba_gpu2023_trace(const std::string& path, const JobConversionOptions& o) {
  const CsvTable t(path, {"name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli", "gpu_spec", "qos", "pod_phase",
                          "creation_time", "deletion_time", "scheduled_time"});
  for (const char* c : {"name", "num_gpu", "pod_phase", "creation_time", "deletion_time", "scheduled_time"}) t.require_column(c);
  struct Job {
    double arrival;
    std::string rest;  // the fields after arrival_s
    std::string name;
  };
  std::vector<Job> jobs;
  long cpu_only = 0, fractional = 0, unscheduled = 0, unfinished = 0, failed = 0;
  for (size_t i = 0; i < t.rows(); ++i) {
    const long gpus = t.integer(i, "num_gpu", 0, 1024);
    const std::string phase = t.text(i, "pod_phase");
    if (gpus == 0) { ++cpu_only; continue; }
    if (phase == "Pending" || t.empty(i, "scheduled_time")) { ++unscheduled; continue; }
    if (phase == "Running" || t.empty(i, "deletion_time")) { ++unfinished; continue; }
    if (!t.empty(i, "gpu_milli") && t.number(i, "gpu_milli", 0.0, 1000.0) < 1000.0) { ++fractional; continue; }
    const double created = t.number(i, "creation_time", 0.0, 1e12);
    const double lifetime = t.number(i, "deletion_time", 0.0, 1e12) - t.number(i, "scheduled_time", 0.0, 1e12);
    if (lifetime <= 0) { ++unfinished; continue; }
    const long nodes = static_cast<long>(std::ceil(static_cast<double>(gpus) / o.gpus_per_satellite));
    const long iterations = std::max(1L, std::lround(lifetime / o.iter_compute_s));
    // Arrival written after sorting (relative to the earliest pod kept): keep the fields until then.
    const bool failed_pod = phase == "Failed";
    failed += failed_pod ? 1 : 0;
    jobs.push_back({created / o.time_scale,
                    fmt::format(",{},{},{},{:g},{:.0f},{},{}\n", o.model, nodes, iterations, o.iter_compute_s, lifetime,
                                phase, failed_pod ? fmt::format("{:.0f}", lifetime) : ""),
                    t.text(i, "name")});
  }
  // The pod list is not sorted by creation time; jobs.csv is, with arrivals relative to the earliest.
  std::stable_sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.arrival < b.arrival; });
  const double first = jobs.empty() ? 0.0 : jobs.front().arrival;
  ConversionResult r;
  r.csv = fmt::format(
      "# source: {} (Alibaba cluster-trace-gpu-v2023, alibaba/clusterdata; Weng et al., ATC 2023)\n"
      "# converter: {}\n# kept from the trace: creation times (relative to the earliest kept pod, divided by time_scale {:g}), GPU counts, lifetimes "
      "(deletion - scheduled, as orig_runtime_s) and pod phases (orig_status)\n"
      "# rule: num_nodes = ceil(num_gpu / {}) ; iterations = round(lifetime / {:g} s) ; model = {}\n"
      "# rule: a pod that ended Failed fails after its lifetime of running (fails_after_s), as it did\n"
      "# rows: {} converted ({} replayed as failing at their recorded end); skipped {} CPU-only, {} using a fraction "
      "of a GPU, {} never scheduled, {} without a lifetime (still running)\n",
      path, o.command_line, o.time_scale, o.gpus_per_satellite, o.iter_compute_s, o.model, jobs.size(), failed,
      cpu_only, fractional, unscheduled, unfinished);
  r.csv += "job_id,arrival_s,model,num_nodes,iterations,iter_compute_s,orig_runtime_s,orig_status,fails_after_s\n";
  for (const auto& j : jobs) r.csv += fmt::format("{},{:.6f}", j.name, j.arrival - first) + j.rest;
  r.rows_written = static_cast<long>(jobs.size());
  r.rows_skipped = cpu_only + fractional + unscheduled + unfinished;
  return r;
}

}  // namespace orbitsim
