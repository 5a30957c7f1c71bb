#include "platform/sim_runtime.hpp"

#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Exec.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <cstdint>

namespace orbitsim {

namespace s4u = simgrid::s4u;

double sim_now() { return s4u::Engine::get_clock(); }

void sim_sleep_until(double t_s) { s4u::this_actor::sleep_until(t_s); }

void sim_spawn(SimPlatform& platform, const std::string& name, std::function<void()> body, bool daemon) {
  s4u::Actor::create(name, platform.control_host(), [body = std::move(body), daemon] {
    if (daemon) s4u::Actor::self()->daemonize();
    body();
  });
}

namespace {
// Waits until every activity has completed, or until the first one fails: the others are then
// cancelled, so that a failure is seen when it happens rather than when the slowest peer ends.
template <typename Ptr, typename Failure>
bool wait_all_or_first_failure(std::vector<Ptr> pending) {
  while (!pending.empty()) {
    try {
      const ssize_t done = Ptr::element_type::wait_any(pending);
      pending.erase(pending.begin() + done);
    } catch (const Failure&) {
      for (auto& a : pending)
        if (a->get_state() == s4u::Activity::State::STARTED) a->cancel();
      return false;
    }
  }
  return true;
}
}  // namespace

bool compute_on_all(SimPlatform& platform, const std::vector<int>& nodes, double seconds) {
  std::vector<s4u::ExecPtr> execs;
  for (int n : nodes) {
    s4u::Host* host = platform.host(n);
    if (!host->is_on()) return false;
    // Not Host::exec_async: in 3.32 it runs on the calling actor's host, not on `host`.
    execs.push_back(s4u::this_actor::exec_init(seconds * host->get_speed())->set_host(host)->start());
  }
  return wait_all_or_first_failure<s4u::ExecPtr, simgrid::HostFailureException>(std::move(execs));
}

bool exchange(SimPlatform& platform, const std::vector<std::pair<int, int>>& pairs, double bytes) {
  std::vector<s4u::CommPtr> comms;
  // At least one byte: in SimGrid 3.32 concurrent 0-byte one-sided comms complete one latency after
  // another, in the order they are waited for, instead of together (measured: the k-th ends at k x latency).
  const auto size = static_cast<std::uint64_t>(std::max(1LL, std::llround(bytes)));
  for (const auto& [src, dst] : pairs) {
    if (!platform.host(src)->is_on() || !platform.host(dst)->is_on()) return false;
    comms.push_back(s4u::Comm::sendto_async(platform.host(src), platform.host(dst), size));
  }
  return wait_all_or_first_failure<s4u::CommPtr, simgrid::NetworkFailureException>(std::move(comms));
}

struct SimMessage::Impl {
  s4u::CommPtr comm;
};

SimMessage::SimMessage(SimPlatform& platform, int src, int dst, double bytes) : impl_(std::make_unique<Impl>()) {
  const auto size = static_cast<std::uint64_t>(std::max(1LL, std::llround(bytes)));  // see exchange()
  impl_->comm = s4u::Comm::sendto_async(platform.host(src), platform.host(dst), size);
}
SimMessage::~SimMessage() = default;
SimMessage::SimMessage(SimMessage&&) noexcept = default;
SimMessage& SimMessage::operator=(SimMessage&&) noexcept = default;

bool SimMessage::wait() {
  try {
    impl_->comm->wait();
    return true;
  } catch (const simgrid::NetworkFailureException&) {
    return false;
  }
}

double SimMessage::finish_time_s() const { return impl_->comm->get_finish_time(); }

bool transfer_all(SimPlatform& platform, TransferService& transfers, const std::vector<std::pair<int, int>>& pairs,
                  double bytes) {
  auto delivered = std::make_shared<std::vector<char>>(pairs.size(), 0);
  std::vector<s4u::ActorPtr> actors;
  for (size_t i = 0; i < pairs.size(); ++i)
    actors.push_back(s4u::Actor::create("transfer", platform.control_host(), [&transfers, delivered, i, p = pairs[i], bytes] {
      (*delivered)[i] = transfers.transfer(p.first, p.second, bytes).delivered ? 1 : 0;
    }));
  for (auto& a : actors) a->join();
  return std::all_of(delivered->begin(), delivered->end(), [](char d) { return d != 0; });
}

}  // namespace orbitsim
