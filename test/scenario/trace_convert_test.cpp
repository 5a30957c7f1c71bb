// `orbitsim trace convert` end to end on samples of the public traces (Azure LLM, Mooncake, SWF, Alibaba
// GPU): the rows, times and tokens they carry, their provenance, the rows skipped and why.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "run_command.hpp"

namespace orbitsim {
namespace {

using testing::csv_rows;
using testing::first_column_ids;
using testing::read_all;
using testing::run_orbitsim;

std::string out_dir(const std::string& name) {
  return testing::vacant_temp_path("orbitsim_trace_convert_test_" + name);
}

TEST(TraceConvert, AzureSampleKeepsRowsTimesAndTokensAndWritesProvenance) {
  const std::string out = out_dir("azure") + ".csv";
  const auto r = run_orbitsim("trace convert --from azure-llm workloads/data/azure_llm_2023_code.csv --to " + out +
                              " --platform platforms/starlink_gen1_shell1.yaml --stations random --seed 3");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = read_all(out);
  EXPECT_EQ(first_column_ids(csv).size(), 8819u);  // every row of the trace
  EXPECT_NE(csv.find("# source: workloads/data/azure_llm_2023_code.csv"), std::string::npos);
  EXPECT_NE(csv.find("# rule: source_gs = uniform random (mt19937_64) over 100 stations, seed 3"), std::string::npos);
  EXPECT_NE(csv.find("\naz0,0.000000,"), std::string::npos);
  EXPECT_NE(csv.find(",llama2-7b,4808,10\n"), std::string::npos);      // first row's tokens, unchanged
  EXPECT_NE(csv.find("\naz8818,3435.948056,"), std::string::npos);   // last arrival: 19:14:19.928 - 18:17:03.980
  EXPECT_NE(csv.find(",llama2-7b,549,173\n"), std::string::npos);
  const auto again = run_orbitsim("trace convert --from azure-llm workloads/data/azure_llm_2023_code.csv --to " + out +
                                  ".2 --platform platforms/starlink_gen1_shell1.yaml --stations random --seed 3");
  EXPECT_EQ(read_all(out + ".2"), csv);  // seeded: identical
  // Demand by city size: the top-100 list is sorted by population, so Zipf's law gives Tokyo (rank 1)
  // about twice Delhi's (rank 2) requests; the shipped list carries no populations, so that rule is refused.
  const auto zipf = run_orbitsim("trace convert --from azure-llm workloads/data/azure_llm_2023_code.csv --to " + out +
                                 ".zipf --platform platforms/starlink_gen1_shell1.yaml --stations zipf --seed 3");
  ASSERT_EQ(zipf.exit_code, 0) << zipf.err;
  const std::string z = read_all(out + ".zipf");
  EXPECT_NE(z.find("# rule: source_gs = random by Zipf's law over the platform's station order (weight 1 / rank) over "
                   "100 stations, seed 3"), std::string::npos) << z.substr(0, 600);
  std::map<std::string, int> by_city;
  for (const auto& row : csv_rows(z)) ++by_city[row.at("source_gs")];
  EXPECT_NEAR(static_cast<double>(by_city["Tokyo"]) / by_city["Delhi"], 2.0, 0.35);
  const auto population = run_orbitsim("trace convert --from azure-llm workloads/data/azure_llm_2023_code.csv --to " +
                                       out + ".pop --platform platforms/starlink_gen1_shell1.yaml --stations population");
  EXPECT_EQ(population.exit_code, 2);
  EXPECT_NE(population.err.find("got none for Tokyo"), std::string::npos) << population.err;
}

TEST(TraceConvert, MooncakeSwfAndAlibabaFixturesKeepWhatTheTracesHave) {
  const std::string dir = out_dir("converters");
  std::filesystem::create_directories(dir);
  const auto mooncake = run_orbitsim("trace convert --from mooncake test/data/traces/mooncake_sample.jsonl --to " + dir +
                                     "/m.csv --platform platforms/starlink_gen1_shell1.yaml");
  ASSERT_EQ(mooncake.exit_code, 0) << mooncake.err;
  const std::string m = read_all(dir + "/m.csv");
  EXPECT_EQ(first_column_ids(m), (std::set<std::string>{"mc0", "mc1", "mc2", "mc4"}));  // mc3 has a zero-length prompt
  // 3,052 ms; hash_ids kept as the prompt's prefix blocks (11 shared with mc0's prompt: the same conversation,
  // so the same city, Tokyo); the next new conversation takes the next station (Delhi).
  EXPECT_NE(m.find("\nmc1,3.052000,Tokyo,llama2-7b,6472,26,46 47 48 49 50 51 52 53 54 55 56 60 61\n"), std::string::npos) << m;
  EXPECT_NE(m.find("\nmc2,3.053000,Delhi,llama2-7b,11239,51,62 63 64\n"), std::string::npos) << m;
  EXPECT_NE(m.find("# rows: 4 converted; 1 continue a conversation (first two prompt blocks seen before) and keep its "
                   "station, 1 skipped with zero input or output tokens"), std::string::npos) << m;

  const auto swf = run_orbitsim("trace convert --from swf test/data/traces/sample.swf --to " + dir +
                                "/s.csv --iter-compute-s 60 --gpus-per-satellite 4");
  ASSERT_EQ(swf.exit_code, 0) << swf.err;
  const std::string sw = read_all(dir + "/s.csv");
  EXPECT_EQ(first_column_ids(sw), (std::set<std::string>{"swf1", "swf3", "swf4", "swf5"}));  // job 2 has no run time
  EXPECT_NE(sw.find("\nswf5,700.000000,llama2-7b,1,1,25,25,1\n"), std::string::npos) << sw;  // 25 s: one iteration of 25 s
  EXPECT_NE(sw.find("# rows: 4 converted (1 shorter than one iteration), 1 skipped"), std::string::npos) << sw;
  EXPECT_NE(sw.find("\nswf1,0.000000,llama2-7b,2,60,60,3600,1\n"), std::string::npos);  // 8 procs / 4, 3600 s / 60
  EXPECT_NE(sw.find("\nswf3,120.000000,llama2-7b,1,10,60,600,1\n"), std::string::npos);  // requested procs used

  const auto ali = run_orbitsim("trace convert --from alibaba-gpu2023 test/data/traces/alibaba_pods_sample.csv --to " +
                                dir + "/a.csv");
  ASSERT_EQ(ali.exit_code, 0) << ali.err;
  const std::string a = read_all(dir + "/a.csv");
  EXPECT_EQ(first_column_ids(a), (std::set<std::string>{"openb-pod-0001", "openb-pod-0004"}));
  // pod 6 used a quarter of a GPU: not a whole satellite's job
  EXPECT_NE(a.find("skipped 1 CPU-only, 1 using a fraction of a GPU, 1 never scheduled, 1 without a lifetime"), std::string::npos) << a;
  EXPECT_LT(a.find("openb-pod-0004,0.000000"), a.find("openb-pod-0001,397.000000"));  // sorted, relative
  // pod 4 ended Failed after 595 s: it fails then, instead of running to completion; pod 1 succeeded.
  EXPECT_NE(a.find("\nopenb-pod-0004,0.000000,llama2-7b,2,10,60,595,Failed,595\n"), std::string::npos) << a;
  EXPECT_NE(a.find("\nopenb-pod-0001,397.000000,llama2-7b,1,48,60,2850,Succeeded,\n"), std::string::npos) << a;
  EXPECT_NE(a.find("# rows: 2 converted (1 replayed as failing at their recorded end)"), std::string::npos) << a;

  const auto missing = run_orbitsim("trace convert --from mooncake test/data/traces/mooncake_sample.jsonl --to " + dir + "/x.csv");
  EXPECT_EQ(missing.exit_code, 2);  // requests need a platform's stations
}

}  // namespace
}  // namespace orbitsim
