// Workload inputs: the model catalog's calibrated timing reproduces the measured table, derived sizes
// follow the model configs, and jobs.csv rows are checked with file:line errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "core/csv_table.hpp"
#include "core/input_error.hpp"
#include "core/constants.hpp"
#include "ground/ground_station.hpp"
#include "workload/fsdp_schedule.hpp"
#include "workload/inference_requests.hpp"
#include "workload/model_catalog.hpp"
#include "workload/pipeline_schedule.hpp"
#include "workload/tensor_parallel_comm.hpp"
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

// requests.csv's optional prefix_blocks: block hashes separated by spaces, first block first; anything
// else names the file, the line and the column.
TEST(InferenceRequests, PrefixBlocksAreReadInOrderAndABadOneNamesFileLineAndColumn) {
  const auto dir = std::filesystem::temp_directory_path() / "orbitsim_workload_inputs_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "requests.csv").string();
  const ModelCatalog catalog = load_model_catalog(kModels);
  const std::vector<GroundStation> stations{make_ground_station("A", 10.0, 20.0, 0.0, kWgs84)};
  std::ofstream(path) << "req_id,arrival_s,source_gs,model,input_tokens,output_tokens,prefix_blocks\n"
                         "r1,0,A,llama2-7b,1024,8,46 47 -3\n"
                         "r2,1,A,llama2-7b,100,8,\n";
  const InferenceRequestFile f = read_inference_requests(path, catalog, stations, kWgs84);
  ASSERT_EQ(f.requests.size(), 2u);
  EXPECT_EQ(f.requests[0].prefix_blocks, (std::vector<long>{46, 47, -3}));
  EXPECT_TRUE(f.requests[1].prefix_blocks.empty());
  std::ofstream(path) << "req_id,arrival_s,source_gs,model,input_tokens,output_tokens,prefix_blocks\n"
                         "r1,0,A,llama2-7b,1024,8,46 47\n"
                         "r2,1,A,llama2-7b,100,8,46 4x7\n";
  try {
    read_inference_requests(path, catalog, stations, kWgs84);
    FAIL() << "accepted a block hash 4x7";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path + ":3"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("prefix_blocks"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("4x7"), std::string::npos) << e.what();
  }
}

// A repeated id names the first line that repeats one, whichever id it is.
TEST(InferenceRequests, ARepeatedIdNamesTheFirstLineThatRepeatsOne) {
  const auto dir = std::filesystem::temp_directory_path() / "orbitsim_workload_inputs_test_ids";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "requests.csv").string();
  const ModelCatalog catalog = load_model_catalog(kModels);
  const std::vector<GroundStation> stations{make_ground_station("A", 10.0, 20.0, 0.0, kWgs84)};
  std::ofstream(path) << "req_id,arrival_s,source_gs,model,input_tokens,output_tokens\n"
                         "zz,0,A,llama2-7b,10,8\n"
                         "b,1,A,llama2-7b,10,8\n"
                         "b,2,A,llama2-7b,10,8\n"
                         "zz,3,A,llama2-7b,10,8\n"
                         "b,4,A,llama2-7b,10,8\n";
  try {
    read_inference_requests(path, catalog, stations, kWgs84);
    FAIL() << "accepted a repeated id";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path + ":4: req_id: expected a unique, non-empty id, got \"b\""), std::string::npos)
        << e.what();
  }
}

TEST(CsvTable, QuotedFieldsAreReadAsRfc4180HasThemAndAnOpenQuoteNamesItsLine) {
  const auto dir = std::filesystem::temp_directory_path() / "orbitsim_workload_inputs_test_csv";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "quoted.csv").string();
  // A station name with a comma, a quote, a field over two lines, metadata between records, spaces trimmed.
  std::ofstream(path) << "# provenance\nname , note\n"
                         "\"Washington, D.C.\",\"the \"\"capital\"\"\"\n"
                         "# between records\n"
                         "\"two\nlines\", plain \n"
                         "last,\n";
  const CsvTable t(path, {"name", "note"});
  ASSERT_EQ(t.rows(), 3u);
  EXPECT_EQ(t.text(0, "name"), "Washington, D.C.");
  EXPECT_EQ(t.text(0, "note"), "the \"capital\"");
  EXPECT_EQ(t.text(1, "name"), "two\nlines");
  EXPECT_EQ(t.text(1, "note"), "plain");
  EXPECT_TRUE(t.empty(2, "note"));
  EXPECT_EQ(t.location(2).line, 7);
  EXPECT_EQ(t.metadata(), (std::vector<std::string>{"# provenance", "# between records"}));
  // What the writers write, the reader reads back.
  std::ofstream(path) << "name,note\n" << csv_field("a,b") << "," << csv_field("say \"hi\"") << "\n";
  const CsvTable back(path, {"name", "note"});
  EXPECT_EQ(back.text(0, "name"), "a,b");
  EXPECT_EQ(back.text(0, "note"), "say \"hi\"");
  EXPECT_EQ(csv_field("plain"), "plain");
  std::ofstream(path) << "name,note\nok,1\nbad,\"open\nmore,2\nand,3\n";
  try {
    CsvTable bad(path, {"name", "note"});
    FAIL() << "accepted a quote never closed";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path + ":3: row: expected RFC 4180 fields"), std::string::npos) << e.what();
  }
  std::ofstream(path) << "name,note\nok,1\nthree,fields,here\n";
  try {
    CsvTable bad(path, {"name", "note"});
    FAIL() << "accepted three fields under two columns";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path + ":3: row: expected 2 fields as in the header, got 3"), std::string::npos)
        << e.what();
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


// The 1F1B graph's makespan, recomputed as its longest path (forward 1, backward 2, transfers free),
// is (m + p - 1) stage times, and no stage keeps more than p - s micro-batches' activations (what the
// memory model assumes).
TEST(PipelineSchedule, CriticalPathIsTheOneForwardOneBackwardFormula) {
  using Kind = PipelineOp::Kind;
  for (const auto& [p, m] : std::vector<std::pair<int, int>>{{1, 1}, {1, 6}, {2, 1}, {3, 2}, {4, 8}, {5, 3}, {8, 32}}) {
    const std::vector<PipelineOp> ops = one_f_one_b_schedule(p, m);
    EXPECT_EQ(ops.size(), static_cast<size_t>(2 * p * m + 2 * (p - 1) * m)) << p << " " << m;
    std::vector<double> end(ops.size(), 0.0);
    std::vector<int> in_flight(static_cast<size_t>(p), 0), most(static_cast<size_t>(p), 0);
    for (size_t i = 0; i < ops.size(); ++i) {
      double start = 0.0;
      for (int d : ops[i].after) {
        ASSERT_LT(static_cast<size_t>(d), i);  // topological order
        start = std::max(start, end[static_cast<size_t>(d)]);
      }
      const Kind k = ops[i].kind;
      end[i] = start + (k == Kind::kForward ? 1.0 : k == Kind::kBackward ? 2.0 : 0.0);
      auto& f = in_flight[static_cast<size_t>(ops[i].stage)];
      if (k == Kind::kForward) most[static_cast<size_t>(ops[i].stage)] = std::max(most[static_cast<size_t>(ops[i].stage)], ++f);
      if (k == Kind::kBackward) --f;
    }
    EXPECT_DOUBLE_EQ(*std::max_element(end.begin(), end.end()), (m + p - 1) * 3.0) << p << " " << m;
    for (int st = 0; st < p; ++st) EXPECT_EQ(most[static_cast<size_t>(st)], std::min(p - st, m)) << p << " " << m << " " << st;
  }
}

// Pipeline stages hold their layers' share and tensor-parallel ranks a 1/t slice of it; ZeRO divides
// what is left over the data-parallel ranks; the first stage keeps min(p, m) micro-batches of
// activations (Korthikanti et al. with sequence parallelism: 34 s b h / t per layer, selective).
TEST(TrainingMemory, PipelineAndTensorParallelismDivideTheStatesAndActivations) {
  const ModelCatalog catalog = load_model_catalog(kModels);
  for (const char* name : {"llama2-7b", "llama2-70b"}) {
    for (const auto& [dp, pp, tp] : std::vector<std::tuple<int, int, int>>{{1, 8, 8}, {4, 3, 2}, {16, 10, 1}, {2, 32, 4}})
      for (int stage : {0, 1, 2, 3}) {
        const ModelSpec& m = catalog.at(name);
        const double psi = m.params, s = 4096, h = m.hidden, total_layers = m.layers;
        TrainingParallelism p;
        p.data_parallel = dp;
        p.pipeline_stages = pp;
        p.tensor_parallel = tp;
        p.micro_batches = 6;
        p.zero_stage = stage;
        const TrainingMemory mem = training_memory_per_accelerator(m, p);
        const double layers = std::ceil(total_layers / pp), share = layers / total_layers / tp;
        const double states = share * (stage == 0   ? 16 * psi
                                       : stage == 1 ? 4 * psi + 12 * psi / dp
                                       : stage == 2 ? 2 * psi + 14 * psi / dp
                                                    : 16 * psi / dp);
        EXPECT_NEAR(mem.weights_bytes + mem.gradients_bytes + mem.optimizer_bytes, states, 1e-3 * states) << name << dp << pp << tp;
        EXPECT_NEAR(mem.activations_bytes, std::min(pp, 6) * layers * s * h * 34.0 / tp, 1.0) << name << dp << pp << tp;
      }
  }
}

// Tensor-parallel collectives inside a satellite: 4 ring all-reduces of s b h bf16 values per layer and
// micro-batch, 2 (t - 1) steps of B / t each at the NVLink bandwidth plus a step latency.
TEST(TrainingJobs, ParallelismColumnsDeriveMicroBatchesAndTensorParallelTime) {
  const ModelCatalog catalog = load_model_catalog(kModels);
  const auto dir = std::filesystem::temp_directory_path() / "orbitsim_workload_inputs_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "parallel.csv").string();
  const TrainingHardware eight{8 * 989e12, 8, 80e9, false, 3.6e12, 2e-6};
  const std::string header = "job_id,arrival_s,model,num_nodes,iterations,tokens_per_iter,iter_compute_s,zero_stage,"
                             "pipeline_stages,tensor_parallel,micro_batches\n";
  std::ofstream(path) << header << "big,0,llama2-70b,16,3,16384,,1,8,8,\n";
  const TrainingJobSpec j = read_training_jobs(path, catalog, eight, 20).jobs.at(0);
  EXPECT_EQ(j.parallelism.micro_batches, 32);  // 8 stages x 16,384 tokens / 4,096-token micro-batches
  EXPECT_EQ(j.parallelism.data_parallel, 2);   // two pipelines, one tensor-parallel group per satellite
  EXPECT_EQ(j.pipelines(), 2);
  EXPECT_EQ(j.min_ranks_in_memory, 8);         // one pipeline still holds the sharded optimizer states
  EXPECT_DOUBLE_EQ(j.activation_bytes, 4096.0 * 8192 * 2);
  const double step_s = 2e-6 + 4096.0 * 8192 * 2 / 8 * 8 / 3.6e12;
  EXPECT_NEAR(j.tensor_parallel_comm_s, 32 * 10 * 4 * 14 * step_s, 1e-9);
  EXPECT_LT(j.memory_per_accelerator_bytes, 80e9);
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"big,0,llama2-70b,16,3,16384,,1,3,8,", ":2: pipeline_stages: expected a divisor of num_nodes (16): whole pipelines, got 3"},
      {"big,0,llama2-70b,16,3,16384,,1,8,3,", ":2: tensor_parallel: expected a divisor of hardware.accelerators_per_satellite (8)"},
      {"big,0,llama2-70b,16,3,16384,,1,8,8,10", ":2: micro_batches: expected 32 = pipeline_stages x tokens_per_iter"},
      {"big,0,llama2-70b,16,3,,5.0,1,8,8,", ":2: micro_batches: expected a count of micro-batches per iteration"},
      {"big,0,llama2-70b,16,3,16384,,0,1,1,", ":2: job big: needs "}};
  for (const auto& [row, message] : bad) {
    std::ofstream(path) << header << row << "\n";
    try {
      read_training_jobs(path, catalog, eight, 20);
      ADD_FAILURE() << row << " was accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(path + message), std::string::npos) << e.what();
    }
  }
}


// The FSDP graph's longest path: with free compute, 3 U collectives of K - 1 ring steps one after
// another; with free transfers, the U forward and U backward computes one after another.
TEST(FsdpSchedule, CollectivesFollowOneStreamAndComputesAnother) {
  using Kind = FsdpOp::Kind;
  for (const auto& [k, u] : std::vector<std::pair<int, int>>{{2, 1}, {5, 3}, {12, 4}, {81, 4}}) {
    const std::vector<FsdpOp> ops = fsdp_schedule(k, u);
    EXPECT_EQ(ops.size(), static_cast<size_t>(2 * u * k + 3 * u * (k - 1) * k)) << k << " " << u;
    for (const bool free_compute : {true, false}) {
      std::vector<double> end(ops.size(), 0.0);
      for (size_t i = 0; i < ops.size(); ++i) {
        double start = 0.0;
        for (int d : ops[i].after) {
          ASSERT_LT(static_cast<size_t>(d), i);
          start = std::max(start, end[static_cast<size_t>(d)]);
        }
        const bool computes = ops[i].kind == Kind::kForward || ops[i].kind == Kind::kBackward;
        end[i] = start + (computes == free_compute ? 0.0 : 1.0);
      }
      EXPECT_DOUBLE_EQ(*std::max_element(end.begin(), end.end()), free_compute ? 3.0 * u * (k - 1) : 2.0 * u)
          << k << " " << u;
    }
  }
}

}  // namespace
}  // namespace orbitsim
