// SimPlatform's small messages in flight: flows (SimGrid comms) and delays (no SimGrid activity), and the
// failures that reach them on their path.
#include <simgrid/s4u/Engine.hpp>

#include <algorithm>
#include <mutex>

#include "platform/sim_platform.hpp"

namespace orbitsim {

std::uint64_t SimPlatform::track_message(simgrid::s4u::CommPtr comm, int src, int dst) {
  TrackedMessage m;
  m.comm = std::move(comm);
  m.path = current_path(src, dst).nodes;
  messages_.emplace(next_message_id_, std::move(m));
  return next_message_id_++;
}

// What SimGrid's CM02 gives a lone comm of `bytes` (no TCP window, factors of 1; simgrid_config.cpp): the
// route's latency, then the bytes at the narrowest link's bandwidth.
std::uint64_t SimPlatform::track_delay(int src, int dst, double bytes) {
  const Path& path = current_path(src, dst);
  TrackedMessage m;
  m.path = path.nodes;
  if (path.reachable())
    m.arrival_s = simgrid::s4u::Engine::get_clock() + path.delay_s + bytes / narrowest_link_Bps(path);
  else
    m.failed = true;
  messages_.emplace(next_message_id_, std::move(m));
  return next_message_id_++;
}

bool SimPlatform::wait_for_delay(std::uint64_t id) {
  TrackedMessage& m = messages_.at(id);  // in place until its SimMessage, whose actor waits here, untracks it
  if (m.failed || simgrid::s4u::Engine::get_clock() >= m.arrival_s) return !m.failed;
  if (!delay_waits_) delay_waits_ = simgrid::s4u::Mutex::create();
  if (!m.arrival_or_failure) m.arrival_or_failure = simgrid::s4u::ConditionVariable::create();
  std::unique_lock lock(*delay_waits_);
  // Woken either way: at its arrival (a timeout), or by fail_tracked_messages. Not compared with the
  // clock after a timeout: SimGrid may wake its sleepers an ulp before the date they asked for.
  while (!m.failed && m.arrival_or_failure->wait_until(lock, m.arrival_s) == std::cv_status::no_timeout) {
  }
  return !m.failed;
}

void SimPlatform::fail_tracked_messages(const Crosses& flow_crosses, const Crosses& delay_crosses) {
  const double now = simgrid::s4u::Engine::get_clock();
  const auto hit = [&](const TrackedMessage& m) {
    if (m.comm)
      return m.comm->get_state() == simgrid::s4u::Activity::State::STARTED && flow_crosses &&
             flow_crosses(m.path);
    return !m.failed && m.arrival_s > now && delay_crosses &&
           delay_crosses(m.path);  // a delay still on its way
  };
  std::vector<std::uint64_t> crossing;
  for (const auto& [id, m] : messages_)
    if (hit(m)) crossing.push_back(id);
  std::sort(crossing.begin(), crossing.end());  // failed in creation order, whatever the hash order
  for (std::uint64_t id : crossing) {
    const auto it = messages_.find(id);
    if (it == messages_.end()) continue;  // a waiter woken by an earlier cancel may have dropped it
    TrackedMessage& m = it->second;
    if (m.comm) {
      if (m.comm->get_state() == simgrid::s4u::Activity::State::STARTED) m.comm->cancel();
    } else {
      m.failed = true;
      if (m.arrival_or_failure) m.arrival_or_failure->notify_all();
    }
  }
}

}  // namespace orbitsim
