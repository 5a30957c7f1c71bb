#include "workload/training_jobs.hpp"

#include <set>

#include "workload/csv_table.hpp"

namespace orbitsim {

TrainingJobFile read_training_jobs(const std::string& path, const ModelCatalog& catalog, double satellite_flops,
                                   int satellites) {
  const CsvTable t(path, {"job_id", "arrival_s", "model", "num_nodes", "iterations", "iter_compute_s",
                          "tokens_per_iter", "grad_bytes", "ckpt_interval_iters", "ckpt_bytes", "orig_runtime_s",
                          "orig_status"});
  for (const char* c : {"job_id", "arrival_s", "model", "num_nodes", "iterations"}) t.require_column(c);
  if (!t.has_column("iter_compute_s") && !t.has_column("tokens_per_iter"))
    throw InputError({path, 0}, "header", "a column iter_compute_s or tokens_per_iter", "neither");
  TrainingJobFile out;
  out.metadata = t.metadata();
  std::set<std::string> ids;
  for (size_t r = 0; r < t.rows(); ++r) {
    TrainingJobSpec j;
    j.job_id = t.text(r, "job_id");
    if (j.job_id.empty() || !ids.insert(j.job_id).second) t.fail(r, "job_id", "a unique, non-empty id", "\"" + j.job_id + "\"");
    j.arrival_s = t.number(r, "arrival_s", 0.0, 1e12);
    if (!out.jobs.empty() && j.arrival_s < out.jobs.back().arrival_s)
      t.fail(r, "arrival_s", "rows sorted by arrival time (>= " + std::to_string(out.jobs.back().arrival_s) + ")",
             t.text(r, "arrival_s"));
    j.model = t.text(r, "model");
    const auto model = catalog.find(j.model);
    if (model == catalog.end()) t.fail(r, "model", "a model of the catalog", "\"" + j.model + "\"");
    j.num_nodes = static_cast<int>(t.integer(r, "num_nodes", 1, satellites));
    j.iterations = t.integer(r, "iterations", 1, 1'000'000'000L);
    if (!t.empty(r, "iter_compute_s")) {
      j.iter_compute_s = t.number(r, "iter_compute_s", 0.0, 1e9);
    } else if (!t.empty(r, "tokens_per_iter")) {
      const double tokens = t.number(r, "tokens_per_iter", 1.0, 1e15);
      j.iter_compute_s = tokens * model->second.train.flops_per_token / (model->second.train.mfu * satellite_flops);
    } else {
      t.fail(r, "iter_compute_s", "a compute time (or tokens_per_iter)", "an empty cell");
    }
    j.grad_bytes = t.empty(r, "grad_bytes") ? model->second.train.grad_bytes : t.number(r, "grad_bytes", 0.0, 1e16);
    j.checkpoint_interval_iters = t.empty(r, "ckpt_interval_iters") ? 0 : t.integer(r, "ckpt_interval_iters", -1, 1'000'000'000L);
    j.checkpoint_bytes =
        t.empty(r, "ckpt_bytes") ? model->second.train.checkpoint_bytes : t.number(r, "ckpt_bytes", 0.0, 1e17);
    out.jobs.push_back(j);
  }
  return out;
}

}  // namespace orbitsim
