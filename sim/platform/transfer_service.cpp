#include "platform/sim_platform_access.hpp"
#include "platform/transfer_service.hpp"

#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <algorithm>
#include <cmath>

namespace orbitsim {

using Access = SimPlatformAccess;  // SimGrid hosts and message tracking

namespace s4u = simgrid::s4u;

TransferService::TransferService(SimPlatform& platform) : platform_(platform) {
  platform_.add_route_break_listener([this](const SimPlatform::RouteBreak& b) { reroute_around(b); });
}

void TransferService::start_epoch_updater() {
  s4u::Actor::create("epoch-updater", Access::control_host(platform_), [this] {
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
    if (!t->comm || t->comm->get_state() != s4u::Activity::State::STARTED || t->interruption != Interruption::kNone)
      continue;
    const Path p = platform_.current_path(t->src, t->dst);
    if (p.reachable() && platform_.links_of(p) == t->links) continue;
    // Read the remaining bytes before cancelling: the kernel action is freed afterwards.
    t->remaining = t->comm->get_remaining();
    t->interruption = Interruption::kPathChanged;
    t->comm->cancel();
  }
}

void TransferService::reroute_around(const SimPlatform::RouteBreak& failure) {
  for (auto& [id, t] : active_) {
    if (!t->comm || t->comm->get_state() != s4u::Activity::State::STARTED || t->interruption != Interruption::kNone)
      continue;
    if (t->src == failure.node || t->dst == failure.node) continue;  // the transfer itself fails
    const bool crosses_node = std::find(t->nodes.begin(), t->nodes.end(), failure.node) != t->nodes.end();
    const bool uses_link = std::any_of(t->links.begin(), t->links.end(), [&](auto* l) {
      return std::find(failure.links.begin(), failure.links.end(), l) != failure.links.end();
    });
    if (!crosses_node && !uses_link) continue;
    t->remaining = t->comm->get_remaining();
    t->interruption = Interruption::kRelayFailed;
    t->comm->cancel();
  }
}

TransferResult TransferService::transfer(int src, int dst, double bytes) {
  TransferResult r;
  r.start_s = s4u::Engine::get_clock();
  ActiveTransfer t{src, dst, {}, {}, nullptr, Interruption::kNone, 0.0};
  const std::uint64_t id = next_id_++;
  active_[id] = &t;
  double remaining = bytes;  // not yet delivered
  bool continuation = false;
  while (true) {
    const Path p = platform_.current_path(src, dst);
    if (!p.reachable()) {
      r.failure = "unreachable";
      break;
    }
    if (!platform_.host_usable(src) || !platform_.host_usable(dst)) {  // a hung (SEFI) end still routes
      r.failure = "an end is down";
      break;
    }
    t.nodes = p.nodes;
    t.links = platform_.links_of(p);
    t.interruption = Interruption::kNone;
    if (continuation) platform_.mark_next_comm_as_continuation();
    // At least one byte: SimGrid 3.32 serialises concurrent 0-byte comms (see sim_runtime.cpp).
    const auto comm_bytes = static_cast<double>(std::max(1LL, std::llround(remaining)));
    t.comm = s4u::Comm::sendto_async(Access::host(platform_, src), Access::host(platform_, dst), static_cast<std::uint64_t>(comm_bytes));
    try {
      t.comm->wait();
      r.delivered = true;
      remaining = 0.0;
      break;
    } catch (const simgrid::NetworkFailureException&) {
      if (t.interruption == Interruption::kNone) {
        r.failure = "link failure";
        break;
      }
      if (t.interruption == Interruption::kPathChanged) {
        remaining = t.remaining;
        continuation = true;
        ++r.reroutes;
        ++reroutes_;
      } else {  // resend from the first byte of the chunk that was in flight
        const double sent = std::clamp(bytes - remaining + comm_bytes - t.remaining, 0.0, bytes);
        const double chunk = platform_.transfer_chunk_bytes();
        const double acknowledged = std::floor(sent / chunk) * chunk;
        r.bytes_resent += sent - acknowledged;
        remaining = bytes - acknowledged;
        continuation = false;  // a new route: its propagation delay is paid
        ++r.failure_reroutes;
        ++failure_reroutes_;
      }
    }
  }
  t.comm = nullptr;
  active_.erase(id);
  r.end_s = s4u::Engine::get_clock();
  r.bytes_delivered = bytes - remaining;
  return r;
}

}  // namespace orbitsim
