// Workload inputs: the model catalog's calibrated timing reproduces the measured table, derived sizes
// follow the model configs, and jobs.csv rows are checked with file:line errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/input_error.hpp"
#include "workload/model_catalog.hpp"
#include "workload/training_jobs.hpp"
#include "workload/training_memory.hpp"

namespace orbitsim {
namespace {

const std::string kModels = std::string(ORBITSIM_SOURCE_DIR) + "/workloads/models.yaml";
const TrainingHardware kRoomy{989e12, 1, 1e13};  // one H100's FLOP/s, memory never the limit

TEST(ModelCatalog, PrefillTableReproducesSplitwiseMediansAtMeasuredPoints) {
  const ModelCatalog catalog = load_model_catalog(kModels);
  const InferenceTiming& t = catalog.at("llama2-70b").inference.at("h100x8");
  // Medians of prompt_time in splitwise_perf_model.csv (llama2-70b, h100-80gb, TP8), recomputed here.
  std::ifstream in(std::string(ORBITSIM_SOURCE_DIR) + "/workloads/data/splitwise_perf_model.csv");
  std::string line;
  std::getline(in, line);
  std::map<double, std::vector<double>> by_tokens;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::vector<std::string> f;
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    if (f[0] != "llama2-70b" || f[1] != "h100-80gb" || f[10] != "8") continue;
    by_tokens[std::stod(f[2]) * std::stod(f[3])].push_back(std::stod(f[7]));
  }
  ASSERT_EQ(by_tokens.size(), t.prefill_tokens.size());
  for (auto& [tokens, ms] : by_tokens) {
    std::sort(ms.begin(), ms.end());
    const double median = ms.size() % 2 ? ms[ms.size() / 2] : 0.5 * (ms[ms.size() / 2 - 1] + ms[ms.size() / 2]);
    EXPECT_NEAR(t.prefill_s(tokens) * 1000.0, median, 0.06) << tokens << " tokens";
  }
  // Between points the table interpolates linearly; the decode line is within 3 % of 29.8 ms at batch 1.
  EXPECT_NEAR(t.prefill_s(1536), (0.0777 + 0.1344) / 2, 1e-4);
  EXPECT_NEAR(t.decode_step_s(512, 1), 0.0301, 0.0009);
}

// The phase power split reproduces what Splitwise measured: each A100 TP8 run's average power is the
// time-weighted mean of the prefill and decode fractions (runs with 8192-token prompts excluded, as
// by tools/calibrate_perf_model.py), within 2 % at the median and 5 % at every batch size's median.
TEST(ModelCatalog, PhasePowerFractionsReproduceTheMeasuredAveragePowerPerRun) {
  const ModelCatalog catalog = load_model_catalog(kModels);
  const InferenceTiming& t = catalog.at("llama2-70b").inference.at("h100x8");
  EXPECT_GT(t.prefill_power_fraction, t.decode_power_fraction);  // compute-bound prefill draws more
  std::ifstream in(std::string(ORBITSIM_SOURCE_DIR) + "/workloads/data/splitwise_perf_model.csv");
  std::string line;
  std::getline(in, line);
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
  };
  std::vector<double> errors;
  std::map<int, std::pair<std::vector<double>, std::vector<double>>> by_batch;  // measured, modelled
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::vector<std::string> f;
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    if (f[0] != "llama2-70b" || f[1] != "a100-80gb" || f[10] != "8" || std::stod(f[6]) <= 0 || f[2] == "8192") continue;
    const double measured = std::stod(f[6]), prefill_share = std::stod(f[7]) / std::stod(f[9]);
    const double modelled = t.prefill_power_fraction * prefill_share + t.decode_power_fraction * (1.0 - prefill_share);
    errors.push_back(std::abs(modelled - measured) / measured);
    by_batch[std::stoi(f[3])].first.push_back(measured);
    by_batch[std::stoi(f[3])].second.push_back(modelled);
  }
  ASSERT_EQ(errors.size(), 60u);
  EXPECT_LT(median(errors), 0.02);
  for (const auto& [batch, v] : by_batch)
    EXPECT_NEAR(median(v.second), median(v.first), 0.05 * median(v.first)) << "batch " << batch;
}

TEST(ModelCatalog, APowerFractionOutsideZeroToOneIsAnErrorWithFileLineAndKey) {
  const auto dir = std::filesystem::temp_directory_path() / "orbitsim_workload_inputs_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "models.yaml").string();
  std::ofstream(path) << "models:\n  m:\n    params: 1e9\n    layers: 1\n    hidden: 1\n    q_heads: 1\n"
                         "    kv_heads: 1\n    head_dim: 1\n    train: {flops_per_token: 1, grad_bytes: 1, checkpoint_bytes: 1}\n"
                         "    inference:\n      g:\n        prefill_tokens: [1, 2]\n        prefill_ms: [1, 2]\n"
                         "        decode_a_ms: 1\n        decode_power_fraction: 1.5\n";
  try {
    load_model_catalog(path);
    FAIL() << "accepted decode_power_fraction: 1.5";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path + ":15"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("decode_power_fraction"), std::string::npos) << e.what();
  }
}

TEST(ModelCatalog, KvBytesPerTokenFollowTheModelConfig) {
  const ModelCatalog catalog = load_model_catalog(kModels);
  EXPECT_EQ(catalog.at("llama2-70b").kv_bytes_per_token(), 327680.0);  // 2 x 80 x 8 x 128 x 2 B
  EXPECT_EQ(catalog.at("llama2-7b").kv_bytes_per_token(), 524288.0);   // 2 x 32 x 32 x 128 x 2 B
}

// Per-accelerator bytes against the ZeRO paper's accounting (2 + 2 + 12 B/param, sharded as each stage
// shards them) plus Korthikanti et al.'s activations, recomputed here from the model configs.
TEST(TrainingMemory, ZeroStagesShardTheModelStatesAsThePaperCountsThem) {
  const ModelCatalog catalog = load_model_catalog(kModels);
  for (const char* name : {"llama2-7b", "llama2-70b"}) {
    const ModelSpec& m = catalog.at(name);
    const double psi = m.params, s = 4096, h = m.hidden, layers = m.layers, a = m.q_heads;
    for (int n : {1, 8, 64})
      for (int stage = 0; stage <= 3; ++stage) {
        TrainingParallelism p;
        p.data_parallel = n;
        p.zero_stage = stage;
        const TrainingMemory mem = training_memory_per_accelerator(m, p);
        const double states = stage == 0 ? 16 * psi : stage == 1 ? 4 * psi + 12 * psi / n : stage == 2 ? 2 * psi + 14 * psi / n : 16 * psi / n;
        // 1e-3: the catalog gives grad_bytes and checkpoint_bytes to three significant digits.
        EXPECT_NEAR(mem.weights_bytes + mem.gradients_bytes + mem.optimizer_bytes, states, 1e-3 * states) << name << n << stage;
        EXPECT_NEAR(mem.activations_bytes, layers * s * h * 34.0, 1.0) << name;  // selective recomputation
      }
    TrainingParallelism none;
    none.recompute = ActivationRecompute::kNone;
    EXPECT_NEAR(training_memory_per_accelerator(m, none).activations_bytes, layers * s * h * (34.0 + 5.0 * a * s / h), 1.0);
    TrainingParallelism full;
    full.recompute = ActivationRecompute::kFull;
    EXPECT_NEAR(training_memory_per_accelerator(m, full).activations_bytes, layers * s * h * 2.0 + s * h * 34.0, 1.0);
  }
}

// A job one byte over its accelerators' memory is refused with file, line, job and sizes; with
// training.fit_memory it takes the smallest ZeRO stage that fits.
TEST(TrainingMemory, AJobOneByteOverTheLimitIsRefusedOrFittedOnRequest) {
  const ModelCatalog catalog = load_model_catalog(kModels);
  const auto dir = std::filesystem::temp_directory_path() / "orbitsim_workload_inputs_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "memory.csv").string();
  std::ofstream(path) << "job_id,arrival_s,model,num_nodes,iterations,tokens_per_iter,zero_stage\nbig,0,llama2-7b,8,3,1000,1\n";
  TrainingParallelism p;
  p.data_parallel = 8;
  p.zero_stage = 1;
  const double needed = training_memory_per_accelerator(catalog.at("llama2-7b"), p).total_bytes();
  const auto fits = read_training_jobs(path, catalog, {989e12, 1, needed}, 10);
  EXPECT_EQ(fits.jobs[0].memory_per_accelerator_bytes, needed);
  EXPECT_EQ(fits.jobs[0].min_ranks_in_memory, 8);  // the optimizer shards of 7 ranks would not fit: no shrinking
  EXPECT_EQ(read_training_jobs(path, catalog, {989e12, 1, 80e9}, 10).jobs[0].min_ranks_in_memory, 3);  // 72 GB at 3
  try {
    read_training_jobs(path, catalog, {989e12, 1, needed - 1.0}, 10);
    FAIL() << "one byte short was accepted";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(path + ":2: job big: needs ", 0), 0u) << what;
    EXPECT_NE(what.find("GB per accelerator with this parallelism"), std::string::npos) << what;
  }
  const auto fitted = read_training_jobs(path, catalog, {989e12, 1, needed - 1.0, true}, 10);
  EXPECT_EQ(fitted.jobs[0].parallelism.zero_stage, 2);
  EXPECT_LE(fitted.jobs[0].memory_per_accelerator_bytes, needed - 1.0);
}

TEST(TrainingJobs, ComputeTimeFromTokensAndErrorsWithFileAndLine) {
  const ModelCatalog catalog = load_model_catalog(kModels);
  const auto dir = std::filesystem::temp_directory_path() / "orbitsim_workload_inputs_test";
  std::filesystem::create_directories(dir);
  const std::string good = (dir / "good.csv").string(), bad = (dir / "bad.csv").string();
  std::ofstream(good) << "job_id,arrival_s,model,num_nodes,iterations,tokens_per_iter\nj,0,llama2-7b,2,3,1000\n";
  const auto jobs = read_training_jobs(good, catalog, kRoomy, 10);
  ASSERT_EQ(jobs.jobs.size(), 1u);
  EXPECT_NEAR(jobs.jobs[0].iter_compute_s, 1000 * 4.68e10 / (0.40 * 989e12), 1e-12);
  EXPECT_EQ(jobs.jobs[0].grad_bytes, 1.35e10);  // from the catalog
  std::ofstream(bad) << "job_id,arrival_s,model,num_nodes,iterations,iter_compute_s\nj,5,llama2-7b,2,3,1\nk,4,llama2-7b,2,3,1\n";
  try {
    read_training_jobs(bad, catalog, kRoomy, 10);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), bad + ":3: arrival_s: expected rows sorted by arrival time (>= 5.000000), got 4");
  }
  std::ofstream(bad) << "job_id,arrival_s,model,gpus\n";
  try {
    read_training_jobs(bad, catalog, kRoomy, 10);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(bad + ":1: header: expected columns among job_id, "), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace orbitsim
