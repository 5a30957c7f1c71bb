#include "platform/sim_platform_access.hpp"
#include "platform/sim_runtime.hpp"

#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Exec.hpp>
#include <simgrid/version.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <cstdint>
#include <limits>

#include "core/input_error.hpp"

namespace orbitsim {

using Access = SimPlatformAccess;  // SimGrid hosts and message tracking

SimEngine::SimEngine(const std::vector<std::string>& simgrid_args, const std::string& command) {
  std::vector<std::string> args{"orbitsim"};
  for (const auto& a : simgrid_args) {
    if (a.rfind("--cfg=", 0) != 0 && a.rfind("--log=", 0) != 0)
      throw InputError({"command line", 0}, command, "orbitsim options or SimGrid's --cfg=/--log=", "\"" + a + "\"");
    args.push_back(a);
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  engine_ = std::make_unique<simgrid::s4u::Engine>(&argc, argv.data());  // SimGrid consumes what it knows
}

SimEngine::~SimEngine() = default;
void SimEngine::run() { engine_->run(); }
void SimEngine::run_until(double t_s) { engine_->run_until(t_s); }

std::string simgrid_version() {
  int major = 0, minor = 0, patch = 0;
  sg_version_get(&major, &minor, &patch);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

namespace s4u = simgrid::s4u;

double sim_now() { return s4u::Engine::get_clock(); }

void sim_sleep_until(double t_s) { s4u::this_actor::sleep_until(t_s); }

void sim_spawn(SimPlatform& platform, const std::string& name, std::function<void()> body, bool daemon) {
  s4u::Actor::create(name, Access::control_host(platform), [body = std::move(body), daemon] {
    if (daemon) s4u::Actor::self()->daemonize();
    body();
  });
}

namespace {
// Waits until every activity has completed, or until a group's first failure: that group's other
// activities are then cancelled, so that a failure is seen when it happens rather than when the
// slowest peer ends. `group_of[i]` is the group of `pending[i]`; `ok` says which groups are still whole.
template <typename Ptr, typename Failure>
void wait_groups(std::vector<Ptr> pending, std::vector<size_t> group_of, std::vector<bool>& ok) {
  auto drop_failed_groups = [&] {
    for (size_t i = pending.size(); i-- > 0;) {
      if (ok[group_of[i]]) continue;
      if (pending[i]->get_state() == s4u::Activity::State::STARTED) pending[i]->cancel();
      pending.erase(pending.begin() + static_cast<long>(i));
      group_of.erase(group_of.begin() + static_cast<long>(i));
    }
  };
  drop_failed_groups();
  while (!pending.empty()) {
    try {
      const auto done = static_cast<size_t>(Ptr::element_type::wait_any(pending));
      pending.erase(pending.begin() + static_cast<long>(done));
      group_of.erase(group_of.begin() + static_cast<long>(done));
    } catch (const Failure&) {
      bool found = false;
      for (size_t i = 0; i < pending.size(); ++i) {
        const auto state = pending[i]->get_state();
        if (state == s4u::Activity::State::FAILED || state == s4u::Activity::State::CANCELED)
          ok[group_of[i]] = false, found = true;
      }
      if (!found) ok.assign(ok.size(), false);  // never wait again on an activity we cannot place
      drop_failed_groups();
    }
  }
}
}  // namespace

std::vector<bool> compute_on_groups(SimPlatform& platform, const std::vector<std::vector<int>>& groups, double seconds,
                                     double activity) {
  std::vector<bool> ok(groups.size(), true);
  std::vector<s4u::ExecPtr> execs;
  std::vector<size_t> group_of;
  for (size_t g = 0; g < groups.size(); ++g)
    for (int n : groups[g]) {
      s4u::Host* host = Access::host(platform, n);
      if (!platform.host_usable(n)) {
        ok[g] = false;
        continue;
      }
      // Work in seconds at full clocks (pstate 0): a throttled host takes longer.
      // Not Host::exec_async: in 3.32 it runs on the calling actor's host, not on `host`.
      const double full_rate = host->get_pstate_speed(0);
      s4u::ExecPtr exec = s4u::this_actor::exec_init(seconds * full_rate * activity)->set_host(host);
      if (activity < 1.0) exec->set_bound(full_rate * activity);
      execs.push_back(exec->start());
      group_of.push_back(g);
    }
  wait_groups<s4u::ExecPtr, simgrid::HostFailureException>(std::move(execs), std::move(group_of), ok);
  return ok;
}

std::vector<bool> exchange_in_groups(SimPlatform& platform, const std::vector<std::vector<std::pair<int, int>>>& groups,
                                     double bytes) {
  std::vector<bool> ok(groups.size(), true);
  std::vector<s4u::CommPtr> comms;
  std::vector<size_t> group_of;
  std::vector<std::uint64_t> tracked;
  // At least one byte: in SimGrid 3.32 concurrent 0-byte one-sided comms complete one latency after
  // another, in the order they are waited for, instead of together (measured: the k-th ends at k x latency).
  const auto size = static_cast<std::uint64_t>(std::max(1LL, std::llround(bytes)));
  for (size_t g = 0; g < groups.size(); ++g)
    for (const auto& [src, dst] : groups[g]) {
      if (!platform.host_usable(src) || !platform.host_usable(dst)) {
        ok[g] = false;
        continue;
      }
      comms.push_back(s4u::Comm::sendto_async(Access::host(platform, src), Access::host(platform, dst), size));
      tracked.push_back(Access::track_message(platform, comms.back(), src, dst));  // failures on the path fail it
      group_of.push_back(g);
    }
  wait_groups<s4u::CommPtr, simgrid::NetworkFailureException>(std::move(comms), std::move(group_of), ok);
  for (std::uint64_t id : tracked) platform.untrack_message(id);
  return ok;
}

bool compute_on_all(SimPlatform& platform, const std::vector<int>& nodes, double seconds, double activity) {
  return compute_on_groups(platform, {nodes}, seconds, activity)[0];
}

bool exchange(SimPlatform& platform, const std::vector<std::pair<int, int>>& pairs, double bytes) {
  return exchange_in_groups(platform, {pairs}, bytes)[0];
}

TaskGraphRun run_task_graphs(SimPlatform& platform, const std::vector<std::vector<SimTask>>& graphs) {
  TaskGraphRun run;
  run.ok.assign(graphs.size(), true);
  std::vector<std::vector<int>> unmet(graphs.size());                 // dependencies not yet completed
  std::vector<std::vector<std::vector<int>>> successors(graphs.size());
  for (size_t g = 0; g < graphs.size(); ++g) {
    run.elapsed_s.emplace_back(graphs[g].size(), std::numeric_limits<double>::quiet_NaN());
    unmet[g].assign(graphs[g].size(), 0);
    successors[g].resize(graphs[g].size());
    for (size_t t = 0; t < graphs[g].size(); ++t)
      for (int d : graphs[g][t].after) {
        ++unmet[g][t];
        successors[g][static_cast<size_t>(d)].push_back(static_cast<int>(t));
      }
  }
  struct Running {
    s4u::ActivityPtr activity;
    size_t graph, task;
    double start_s;
    std::uint64_t tracked;  // a comm's tracking id (0: a computation)
  };
  std::vector<Running> running;
  auto start = [&](size_t g, size_t t) {
    const SimTask& task = graphs[g][t];
    s4u::Host* host = Access::host(platform, task.node);
    if (!platform.host_usable(task.node) || (task.to >= 0 && !platform.host_usable(task.to))) {
      run.ok[g] = false;
      return;
    }
    if (task.to < 0) {  // as compute_on_groups: seconds at full clocks on the node itself
      const double flops = task.amount * host->get_pstate_speed(0);
      running.push_back({s4u::this_actor::exec_init(flops)->set_host(host)->start(), g, t, sim_now(), 0});
    } else {  // at least one byte, as exchange_in_groups
      const auto size = static_cast<std::uint64_t>(std::max(1LL, std::llround(task.amount)));
      s4u::CommPtr comm = s4u::Comm::sendto_async(host, Access::host(platform, task.to), size);
      running.push_back({comm, g, t, sim_now(), Access::track_message(platform, comm, task.node, task.to)});
    }
  };
  auto drop_failed_graphs = [&] {
    for (size_t i = running.size(); i-- > 0;) {
      if (run.ok[running[i].graph]) continue;
      if (running[i].activity->get_state() == s4u::Activity::State::STARTED) running[i].activity->cancel();
      if (running[i].tracked != 0) platform.untrack_message(running[i].tracked);
      running.erase(running.begin() + static_cast<long>(i));
    }
  };
  for (size_t g = 0; g < graphs.size(); ++g)
    for (size_t t = 0; t < graphs[g].size() && run.ok[g]; ++t)
      if (unmet[g][t] == 0) start(g, t);
  drop_failed_graphs();
  while (!running.empty()) {
    std::vector<s4u::ActivityPtr> activities;
    for (const Running& r : running) activities.push_back(r.activity);
    try {
      const auto done = static_cast<size_t>(s4u::Activity::wait_any(activities));
      const Running r = running[done];
      running.erase(running.begin() + static_cast<long>(done));
      if (r.tracked != 0) platform.untrack_message(r.tracked);
      run.elapsed_s[r.graph][r.task] = sim_now() - r.start_s;
      for (int next : successors[r.graph][r.task])
        if (--unmet[r.graph][static_cast<size_t>(next)] == 0 && run.ok[r.graph]) start(r.graph, static_cast<size_t>(next));
    } catch (const simgrid::Exception&) {  // a host or a link of the path failed, or the platform cancelled the comm
      bool found = false;
      for (const Running& r : running) {
        const auto state = r.activity->get_state();
        if (state == s4u::Activity::State::FAILED || state == s4u::Activity::State::CANCELED)
          run.ok[r.graph] = false, found = true;
      }
      if (!found) run.ok.assign(run.ok.size(), false);  // never wait again on an activity we cannot place
    }
    drop_failed_graphs();
  }
  return run;
}

struct SimMessage::Impl {
  SimPlatform* platform;
  s4u::CommPtr comm;  // a flow whose ends could send; none for a delay
  std::uint64_t id;
  bool delay = false;
  ~Impl() {
    platform->untrack_message(id);
    // Abandoned in flight (a hedged copy that lost, a request that failed): stop using the links.
    if (comm && comm->get_state() == s4u::Activity::State::STARTED && s4u::Actor::self()) comm->cancel();
  }
};

SimMessage::SimMessage(SimPlatform& platform, int src, int dst, double bytes, MessageModel model) {
  if (!platform.host_usable(src) || !platform.host_usable(dst)) {  // SimGrid asserts on such a comm
    impl_.reset(new Impl{&platform, nullptr, Access::track_message(platform, nullptr, src, dst)});
    return;
  }
  const auto size = static_cast<std::uint64_t>(std::max(1LL, std::llround(bytes)));  // see exchange()
  if (model == MessageModel::kDelay) {
    impl_.reset(new Impl{&platform, nullptr, Access::track_delay(platform, src, dst, static_cast<double>(size)), true});
    return;
  }
  auto comm = s4u::Comm::sendto_async(Access::host(platform, src), Access::host(platform, dst), size);
  const std::uint64_t id = Access::track_message(platform, comm, src, dst);
  impl_.reset(new Impl{&platform, std::move(comm), id});  // in place: a moved-from Impl would untrack it
}
SimMessage::~SimMessage() = default;
SimMessage::SimMessage(SimMessage&&) noexcept = default;
SimMessage& SimMessage::operator=(SimMessage&&) noexcept = default;

bool SimMessage::wait() {
  if (impl_->delay) return Access::wait_for_delay(*impl_->platform, impl_->id);
  if (!impl_->comm) return false;  // an end was down when it was sent
  try {
    impl_->comm->wait();
    return true;
  } catch (const simgrid::NetworkFailureException&) {
    return false;
  } catch (const simgrid::CancelException&) {  // cancelled by a failure on its path (SimPlatform)
    return false;
  }
}

double SimMessage::finish_time_s() const {
  return impl_->delay ? Access::delay_arrival_s(*impl_->platform, impl_->id) : impl_->comm->get_finish_time();
}

bool transfer_all(SimPlatform& platform, TransferService& transfers, const std::vector<std::pair<int, int>>& pairs,
                  double bytes) {
  auto delivered = std::make_shared<std::vector<char>>(pairs.size(), 0);
  std::vector<s4u::ActorPtr> actors;
  for (size_t i = 0; i < pairs.size(); ++i)
    actors.push_back(s4u::Actor::create("transfer", Access::control_host(platform), [&transfers, delivered, i, p = pairs[i], bytes] {
      (*delivered)[i] = transfers.transfer(p.first, p.second, bytes).delivered ? 1 : 0;
    }));
  for (auto& a : actors) a->join();
  return std::all_of(delivered->begin(), delivered->end(), [](char d) { return d != 0; });
}

}  // namespace orbitsim
