#include "app/slurm_backend.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "app/progress.hpp"
#include "metrics/output_files.hpp"

namespace orbitsim {
namespace {

struct CommandResult {
  int status = -1;
  std::string output;  // stdout and stderr
};

CommandResult run(const std::vector<std::string>& argv) {
  std::string command;
  for (const auto& a : argv) command += (command.empty() ? "" : " ") + shell_quote(a);
  CommandResult r;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot start " + argv.front());
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) r.output.append(buffer, n);
  const int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// "JOBID" or "JOBID;cluster" from sbatch --parsable.
std::string submit(std::vector<std::string> argv) {
  argv.insert(argv.begin(), {"sbatch", "--parsable"});
  const CommandResult r = run(argv);
  const std::string out = trimmed(r.output);
  if (r.status != 0 || out.empty() || out.find_first_not_of("0123456789;") != std::string::npos)
    throw std::runtime_error("sbatch failed (" + std::to_string(r.status) + "): " + out);
  return out.substr(0, out.find(';'));
}

}  // namespace

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

SlurmOutcome run_on_slurm(const SlurmSweep& s, const std::function<size_t()>& runs_done, const InterruptSignals& interrupts) {
  namespace fs = std::filesystem;
  fs::create_directories(s.work_dir);
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  std::string commands;
  for (const RunRequest& r : s.runs) {
    std::vector<std::string> argv{self, "run", s.scenario_file, "--quiet", "--seed", std::to_string(r.seed), "--out", r.dir,
                                  "--threads", "1"};
    for (const auto& set : r.sets) argv.insert(argv.end(), {"--set", set});
    std::string line;
    for (const auto& a : argv) line += (line.empty() ? "" : " ") + shell_quote(a);
    commands += line + "\n";
  }
  // Slurm's default MaxArraySize allows indices 0..1000: more runs share a task rather than fail sbatch.
  constexpr size_t kMaxTasks = 1000;
  const size_t per_task = std::max(static_cast<size_t>(s.points_per_task), (s.runs.size() + kMaxTasks - 1) / kMaxTasks);
  const std::string commands_file = s.work_dir + "/commands.txt", task_file = s.work_dir + "/task.sh";
  write_file_atomically(commands_file, commands);
  write_file_atomically(task_file, fmt::format(
      "#!/bin/bash\n"
      "# One task of an orbitsim sweep's job array: lines {{task * {0} + 1 .. + {0}}} of commands.txt, each an\n"
      "# `orbitsim run`; fails when any of them fails (the merge job then never starts).\n"
      "first=$((SLURM_ARRAY_TASK_ID * {0} + 1))\n"
      "status=0\n"
      "while IFS= read -r line; do\n"
      "  eval \"$line\" < /dev/null || {{ echo \"orbitsim sweep task: failed: $line\" >&2; status=1; }}\n"
      "done < <(sed -n \"${{first}},$((first + {0} - 1))p\" {1})\n"
      "exit $status\n",
      per_task, shell_quote(commands_file)));
  fs::permissions(task_file, fs::perms::owner_all, fs::perm_options::add);

  SlurmOutcome out;
  const size_t tasks = (s.runs.size() + per_task - 1) / per_task;
  std::vector<std::string> array{fmt::format("--array=0-{}", tasks - 1), "--job-name=orbitsim-sweep", "--ntasks=1",
                                 "--cpus-per-task=1", "--output=" + s.work_dir + "/task_%A_%a.log"};
  array.insert(array.end(), s.sbatch_options.begin(), s.sbatch_options.end());
  array.push_back(task_file);
  out.array_job = submit(array);
  std::string merge_line;
  for (const auto& a : s.merge_command) merge_line += (merge_line.empty() ? "" : " ") + shell_quote(a);
  std::vector<std::string> merge{"--dependency=afterok:" + out.array_job, "--kill-on-invalid-dep=yes",
                                 "--job-name=orbitsim-sweep-merge", "--ntasks=1", "--output=" + s.work_dir + "/merge_%j.log"};
  merge.insert(merge.end(), s.sbatch_options.begin(), s.sbatch_options.end());
  merge.push_back("--wrap=" + merge_line);
  out.merge_job = submit(merge);
  std::cerr << fmt::format("sweep: Slurm job array {} ({} tasks of up to {} runs), merge job {}; logs in {}\n", out.array_job,
                           tasks, per_task, out.merge_job, s.work_dir);

  Progress progress("sweep on Slurm (runs)", static_cast<long>(s.runs.size()), false);
  const std::string jobs = out.array_job + "," + out.merge_job;
  for (;;) {
    if (interrupts.received()) {
      run({"scancel", out.array_job, out.merge_job});
      break;
    }
    const CommandResult q = run({"squeue", "-h", "-j", jobs, "-t", "PD,R,CG,CF,S", "-o", "%i"});
    if (q.status != 0 && q.output.find("Invalid job id") != std::string::npos) break;  // forgotten after MinJobAge
    if (q.status != 0) throw std::runtime_error("squeue failed: " + trimmed(q.output));
    progress.update(static_cast<long>(runs_done()));
    if (trimmed(q.output).empty()) break;
    std::this_thread::sleep_for(std::chrono::duration<double>(s.poll_interval_s));
  }
  progress.update(static_cast<long>(runs_done()));
  progress.finish();
  std::istringstream states(run({"squeue", "-h", "--states=all", "-j", out.array_job, "-o", "%K %T"}).output);
  for (std::string line; std::getline(states, line);)
    if (!trimmed(line).empty()) out.task_states.push_back(trimmed(line));
  out.merged = trimmed(run({"squeue", "-h", "--states=all", "-j", out.merge_job, "-o", "%T"}).output) == "COMPLETED";
  return out;
}

}  // namespace orbitsim
