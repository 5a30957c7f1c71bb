// What happened during a run, one row per state change (a job started, a request was rejected, a
// satellite failed): written as events.csv (time_s,subsystem,entity,event,detail), and echoed as log
// lines on stderr with the simulated time when the run's log level asks for them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace orbitsim {

enum class EventEcho { kNone, kInfo };

class EventLog {
 public:
  explicit EventLog(EventEcho echo = EventEcho::kNone) : echo_(echo) {}

  void record(double time_s, std::string_view subsystem, std::string_view entity, std::string_view event,
              std::string_view detail = "");
  // In the order recorded (the simulated time never goes back); fields quoted as RFC 4180 requires.
  std::string csv() const;
  // The rows up to `time_s` (an interrupted run writes what it reached).
  std::string csv_until(double time_s) const;
  size_t size() const { return rows_.size(); }

 private:
  struct Row {
    double time_s;
    std::string subsystem, entity, event, detail;
  };
  EventEcho echo_;
  std::vector<Row> rows_;
};

}  // namespace orbitsim
