#include "platform/transfer_service.hpp"

#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <algorithm>
#include <cmath>

namespace orbitsim {

namespace s4u = simgrid::s4u;

TransferService::TransferService(SimPlatform& platform) : platform_(platform) {}

void TransferService::start_epoch_updater() {
  s4u::Actor::create("epoch-updater", platform_.control_host(), [this] {
    s4u::Actor::self()->daemonize();
    for (long k = 1;; ++k) {
      s4u::this_actor::sleep_until(static_cast<double>(k) * platform_.epoch_s());
      reroute_changed_paths();
    }
  });
}

void TransferService::reroute_changed_paths() {
  platform_.refresh();
  for (auto& [id, t] : active_) {
    if (!t->comm || t->comm->get_state() != s4u::Activity::State::STARTED) continue;
    const Path p = platform_.current_path(t->src, t->dst);
    if (p.reachable() && platform_.links_of(p) == t->links) continue;
    // Read the remaining bytes before cancelling: the kernel action is freed afterwards.
    t->remaining = t->comm->get_remaining();
    t->rerouted = true;
    t->comm->cancel();
  }
}

TransferResult TransferService::transfer(int src, int dst, double bytes) {
  TransferResult r;
  r.start_s = s4u::Engine::get_clock();
  ActiveTransfer t{src, dst, {}, nullptr, false, 0.0};
  const std::uint64_t id = next_id_++;
  active_[id] = &t;
  double remaining = bytes;
  bool continuation = false;
  while (true) {
    const Path p = platform_.current_path(src, dst);
    if (!p.reachable()) {
      r.failure = "unreachable";
      break;
    }
    t.links = platform_.links_of(p);
    t.rerouted = false;
    if (continuation) platform_.mark_next_comm_as_continuation();
    // At least one byte: SimGrid 3.32 serialises concurrent 0-byte comms (see sim_runtime.cpp).
    t.comm = s4u::Comm::sendto_async(platform_.host(src), platform_.host(dst),
                                     static_cast<std::uint64_t>(std::max(1LL, std::llround(remaining))));
    try {
      t.comm->wait();
      r.delivered = true;
      remaining = 0.0;
      break;
    } catch (const simgrid::NetworkFailureException&) {
      if (!t.rerouted) {
        r.failure = "link failure";
        break;
      }
      remaining = t.remaining;
      continuation = true;
      ++r.reroutes;
      ++reroutes_;
    }
  }
  t.comm = nullptr;
  active_.erase(id);
  r.end_s = s4u::Engine::get_clock();
  r.bytes_delivered = bytes - remaining;
  return r;
}

}  // namespace orbitsim
