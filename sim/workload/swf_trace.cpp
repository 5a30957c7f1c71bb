// Standard Workload Format (Parallel Workloads Archive, v2.2: 18 whitespace-separated fields, -1 =
// unknown, ';' header comments) -> jobs.csv. Kept: submit time, processors (allocated, else requested),
// run time and status (as orig_*). Added by rule: the model, and iterations = round(runtime /
// iter_compute_s) so that an unloaded replay lasts about the original runtime; a job shorter than one
// iteration keeps its run time as its single iteration instead of growing to a whole one.
#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/input_error.hpp"
#include "workload/trace_conversion.hpp"

namespace orbitsim {

ConversionResult convert_swf_trace(const std::string& path, const JobConversionOptions& o) {
  std::ifstream in(path);
  if (!in) throw InputError({path, 0}, "cannot open the trace");
  ConversionResult r;
  std::string body = "job_id,arrival_s,model,num_nodes,iterations,iter_compute_s,orig_runtime_s,orig_status\n";
  std::string line;
  int n = 0;
  long unknown = 0, short_jobs = 0;
  double last_submit = -1.0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos || line[line.find_first_not_of(" \t")] == ';') continue;
    std::istringstream fields(line);
    std::vector<double> f;
    for (double v; fields >> v;) f.push_back(v);
    if (f.size() < 18 || !fields.eof())
      throw InputError({path, n}, "job line", "18 numeric fields (SWF v2.2)", fmt::format("{} fields", f.size()));
    const double submit = f[1], runtime = f[3];
    const double procs = f[4] > 0 ? f[4] : f[7];
    if (submit < last_submit) throw InputError({path, n}, "field 2 (submit time)", "lines sorted by submit time", fmt::format("{:g}", submit));
    last_submit = submit;
    if (runtime <= 0 || procs <= 0) {
      ++unknown;
      continue;
    }
    const long nodes = static_cast<long>(std::ceil(procs / o.gpus_per_satellite));
    const bool shorter_than_an_iteration = runtime < o.iter_compute_s;
    short_jobs += shorter_than_an_iteration ? 1 : 0;
    const long iterations = std::max(1L, std::lround(runtime / o.iter_compute_s));
    body += fmt::format("swf{:.0f},{:.6f},{},{},{},{:g},{:.0f},{:.0f}\n", f[0], submit / o.time_scale, o.model, nodes,
                        iterations, shorter_than_an_iteration ? runtime : o.iter_compute_s, runtime, f[10]);
    ++r.rows_written;
  }
  r.rows_skipped = unknown;
  r.csv = fmt::format(
              "# source: {} (Standard Workload Format, Parallel Workloads Archive; cite Feitelson et al., JPDC 2014)\n"
              "# converter: {}\n# kept from the trace: submit times (divided by time_scale {:g}), processors, run "
              "times and statuses (orig_runtime_s, orig_status)\n"
              "# rule: num_nodes = ceil(processors / {}) ; iterations = round(runtime / {:g} s) ; model = {}; a job "
              "shorter than one iteration runs one iteration of its run time\n"
              "# rows: {} converted ({} shorter than one iteration), {} skipped (unknown run time or processors)\n",
              path, o.command_line, o.time_scale, o.gpus_per_satellite, o.iter_compute_s, o.model, r.rows_written,
              short_jobs, r.rows_skipped) +
          body;
  return r;
}

}  // namespace orbitsim
