// Small messages (SimMessage) on SimGrid: a delay (no SimGrid activity) arrives when a flow alone on its
// links would, and the failures that fail a flow fail a delay too, at the failure's time.
#include <gtest/gtest.h>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <vector>

#include "faults/fault_injector.hpp"
#include "network_fixture.hpp"
#include "platform/sim_platform_access.hpp"
#include "platform/sim_runtime.hpp"

namespace orbitsim {
namespace {

namespace s4u = simgrid::s4u;

struct Sent {
  bool delivered = false;
  double finish_s = -1.0;  // finish_time_s() when delivered
  double woken_s = -1.0;   // when wait() returned
};

// Sends `bytes` from `src` to `dst` at `at_s` as `model` and waits for it.
void send(NetworkFixture& f, int src, int dst, double bytes, MessageModel model, double at_s, Sent& out) {
  s4u::Actor::create("sender", SimPlatformAccess::control_host(*f.platform),
                     [&f, src, dst, bytes, model, at_s, &out] {
                       s4u::this_actor::sleep_until(at_s);
                       SimMessage m(*f.platform, src, dst, bytes, model);
                       out.delivered = m.wait();
                       out.woken_s = s4u::Engine::get_clock();
                       if (out.delivered) out.finish_s = m.finish_time_s();
                     });
}

TEST(MessageSim, ADelayArrivesWhenALoneFlowWould) {
  NetworkFixture f(write_platform(kGridPlatform));
  ASSERT_EQ(f.platform->current_path(0, 2).nodes, (std::vector<int>{0, 1, 2}));
  const std::vector<double> sizes{4.0, 1e6, 1e9};  // a token; 1 ms and 1 s at 8 Gbit/s
  std::vector<Sent> flows(sizes.size()), delays(sizes.size());
  for (size_t i = 0; i < sizes.size(); ++i) {  // one at a time, all in the first epoch
    send(f, 0, 2, sizes[i], MessageModel::kFlow, 10.0 * static_cast<double>(2 * i), flows[i]);
    send(f, 0, 2, sizes[i], MessageModel::kDelay, 10.0 * static_cast<double>(2 * i + 1), delays[i]);
  }
  f.engine.run();
  const double latency_s = f.platform->current_path(0, 2).delay_s;
  for (size_t i = 0; i < sizes.size(); ++i) {
    ASSERT_TRUE(flows[i].delivered);
    ASSERT_TRUE(delays[i].delivered);
    const double flow_start_s = 10.0 * static_cast<double>(2 * i), delay_start_s = flow_start_s + 10.0;
    EXPECT_NEAR(flows[i].finish_s - flow_start_s, latency_s + sizes[i] / 1e9, 1e-9) << sizes[i];
    EXPECT_NEAR(delays[i].finish_s - delay_start_s, flows[i].finish_s - flow_start_s, 1e-9) << sizes[i];
    EXPECT_NEAR(delays[i].woken_s, delays[i].finish_s, 1e-9) << sizes[i];  // its waiter wakes when it arrives
  }
}

TEST(MessageSim, ADelayAlreadyArrivedIsDeliveredAtOnce) {
  NetworkFixture f(write_platform(kGridPlatform));
  bool delivered = false;
  double arrival_s = 0.0, woken_s = 0.0;
  s4u::Actor::create("sender", SimPlatformAccess::control_host(*f.platform), [&] {
    SimMessage m(*f.platform, 0, 2, 4.0, MessageModel::kDelay);
    s4u::this_actor::sleep_for(1.0);
    delivered = m.wait();
    arrival_s = m.finish_time_s();
    woken_s = s4u::Engine::get_clock();
  });
  FaultInjector faults(*f.platform, {{0.5, f.platform->name(1), FailureKind::kSatellite}},
                       {});  // after it arrived
  faults.start();
  f.engine.run();
  EXPECT_TRUE(delivered);
  EXPECT_LT(arrival_s, 0.1);
  EXPECT_DOUBLE_EQ(woken_s, 1.0);
}

// A 2-second message from 0 to 2 over relay 1, and a failure at 0.5 s: each model's outcome.
std::vector<Sent> under_failure(const FailureEvent& failure) {
  NetworkFixture f(write_platform(kGridPlatform));
  EXPECT_EQ(f.platform->current_path(0, 2).nodes, (std::vector<int>{0, 1, 2}));
  std::vector<Sent> sent(2);
  send(f, 0, 2, 2e9, MessageModel::kFlow, 0.0, sent[0]);
  send(f, 0, 2, 2e9, MessageModel::kDelay, 0.0, sent[1]);
  FaultInjector faults(*f.platform, {failure}, {});
  faults.start();
  f.engine.run();
  return sent;
}

TEST(MessageSim, AFailedRelayFailsADelayAtTheFailureTimeAsItFailsAFlow) {
  for (const Sent& s : under_failure({0.5, "s_p0_s1", FailureKind::kSatellite})) {
    EXPECT_FALSE(s.delivered);
    EXPECT_NEAR(s.woken_s, 0.5, 1e-9);
  }
}

TEST(MessageSim, AFailedTerminalOnThePathFailsADelay) {
  for (const Sent& s : under_failure({0.5, "s_p0_s0:0", FailureKind::kIsl})) {  // the 0 -> 1 link
    EXPECT_FALSE(s.delivered);
    EXPECT_NEAR(s.woken_s, 0.5, 1e-9);
  }
}

TEST(MessageSim, AHungSourceFailsADelay) {
  for (const Sent& s : under_failure({0.5, "s_p0_s0", FailureKind::kSefi, 60.0})) {
    EXPECT_FALSE(s.delivered);
    EXPECT_NEAR(s.woken_s, 0.5, 1e-9);
  }
}

TEST(MessageSim, AHungRelayDoesNotFailADelay) {
  const std::vector<Sent> relayed = under_failure({0.5, "s_p0_s1", FailureKind::kSefi, 60.0});
  for (const Sent& s : relayed) EXPECT_TRUE(s.delivered);
  EXPECT_NEAR(relayed[1].finish_s, relayed[0].finish_s, 1e-9);  // a delay loads no link: the flow ran alone
}

TEST(MessageSim, ADelayWithoutARouteFailsAtOnce) {
  NetworkFixture f(write_platform(kGridPlatform));
  Sent sent;
  s4u::Actor::create("failure", SimPlatformAccess::control_host(*f.platform),
                     [&] { f.platform->set_node_down(2, true); });
  send(f, 1, 2, 4.0, MessageModel::kDelay, 0.1, sent);  // 2 is down: no route to it
  f.engine.run();
  EXPECT_FALSE(sent.delivered);
  EXPECT_DOUBLE_EQ(sent.woken_s, 0.1);
}

}  // namespace
}  // namespace orbitsim
