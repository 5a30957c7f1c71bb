#include "app/run_launcher.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "app/progress.hpp"
#include "core/input_error.hpp"
#include "core/worker_pool.hpp"
#include "policy/failover/inference_failover_policy.hpp"
#include "policy/failover/training_failover_policy.hpp"
#include "policy/power/dvfs_governor.hpp"
#include "policy/power/eclipse_training_policy.hpp"

extern char** environ;

namespace orbitsim {

std::vector<RunOutcome> launch_runs(const std::string& scenario_file, const std::vector<RunRequest>& runs, unsigned jobs,
                                    const std::string& label, const InterruptSignals& interrupts) {
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  // The cores are shared among the runs in parallel rather than within each.
  const int threads = std::max(1, default_thread_count() / static_cast<int>(std::max<size_t>(1, std::min<size_t>(jobs, runs.size()))));
  size_t next = 0, done = 0;
  std::map<pid_t, size_t> running;
  std::vector<RunOutcome> outcome(runs.size(), RunOutcome::kNotRun);
  bool forwarded = false;
  Progress progress(label + " (runs)", static_cast<long>(runs.size()), false);
  while (done < runs.size() && !(forwarded && running.empty())) {
    while (!interrupts.received() && next < runs.size() && running.size() < jobs) {
      const RunRequest& r = runs[next];
      std::vector<std::string> args{self, "run", scenario_file, "--quiet", "--seed", std::to_string(r.seed), "--out", r.dir,
                                    "--threads", std::to_string(threads)};
      for (const auto& s : r.sets) args.insert(args.end(), {"--set", s});
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      posix_spawn_file_actions_t actions;
      posix_spawn_file_actions_init(&actions);
      posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
      pid_t pid = 0;
      const int rc = posix_spawn(&pid, self.c_str(), &actions, nullptr, argv.data(), environ);
      posix_spawn_file_actions_destroy(&actions);
      if (rc != 0) throw InputError({"command line", 0}, "cannot start " + self);
      running[pid] = next++;
    }
    if (const int signal = interrupts.received(); signal && !forwarded) {
      for (const auto& [child, index] : running) kill(child, signal);
      forwarded = true;
      if (running.empty()) break;
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0 && errno == EINTR) continue;  // a signal: handed on at the top of the loop
    if (pid < 0) break;
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok && !forwarded) std::cerr << "orbitsim: " << label << ": run " << runs[it->second].dir << " failed\n";
    const bool bad_input = WIFEXITED(status) && WEXITSTATUS(status) == 2;
    outcome[it->second] = ok          ? RunOutcome::kCompleted
                          : forwarded ? RunOutcome::kNotRun
                          : bad_input ? RunOutcome::kBadInput
                                      : RunOutcome::kFailed;
    running.erase(it);
    progress.update(static_cast<long>(++done));
  }
  progress.finish();
  return outcome;
}

std::string policy_names_by_kind() {
  std::string training, inference, both, governors, eclipse;
  auto append = [](std::string& list, const std::string& name) { list += (list.empty() ? "" : ", ") + name; };
  for (const auto& p : training_failover_policies()) append(make_inference_failover_policy(p.name) ? both : training, p.name);
  for (const auto& p : inference_failover_policies())
    if (!make_training_failover_policy(p.name)) append(inference, p.name);
  for (const auto& g : dvfs_governors()) append(governors, g.name);
  for (const auto& e : eclipse_training_policies()) append(eclipse, e.name);
  return "training failover (" + training + "), inference failover (" + inference + "), both (" + both +
         "), DVFS governors (" + governors + ", power.governor) or eclipse training policies (" + eclipse +
         ", power.eclipse_training)";
}

std::vector<std::string> policy_sets(const std::string& policy, const std::string& option) {
  std::vector<std::string> sets;
  if (make_training_failover_policy(policy)) sets.push_back("failover.training=" + policy);
  if (make_inference_failover_policy(policy)) sets.push_back("failover.inference=" + policy);
  if (make_dvfs_governor(policy)) sets.push_back("power.governor=" + policy);
  if (make_eclipse_training_policy(policy)) sets.push_back("power.eclipse_training=" + policy);
  if (sets.empty()) throw InputError({"command line", 0}, option, "policies among " + policy_names_by_kind(), "\"" + policy + "\"");
  return sets;
}

}  // namespace orbitsim
