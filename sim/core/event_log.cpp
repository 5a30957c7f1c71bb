#include "core/event_log.hpp"

#include <limits>

#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/csv_table.hpp"

namespace orbitsim {
namespace {

// One logger per subsystem, on stderr; its lines carry the simulated time, not the wall clock.
std::shared_ptr<spdlog::logger> subsystem_logger(std::string_view subsystem) {
  const std::string name(subsystem);
  if (auto logger = spdlog::get(name)) return logger;
  auto logger = spdlog::stderr_logger_st(name);
  logger->set_pattern("[%n] %v");
  return logger;
}

}  // namespace

void EventLog::record(double time_s, std::string_view subsystem, std::string_view entity, std::string_view event,
                      std::string_view detail) {
  rows_.push_back({time_s, std::string(subsystem), std::string(entity), std::string(event), std::string(detail)});
  if (echo_ == EventEcho::kInfo)
    subsystem_logger(subsystem)->info("t={:.6f} s {} {}{}{}", time_s, entity, event, detail.empty() ? "" : ": ", detail);
}

std::string EventLog::csv_until(double time_s) const {
  std::string out = "time_s,subsystem,entity,event,detail\n";
  for (const Row& r : rows_) {
    if (r.time_s > time_s) break;
    out += fmt::format("{:.6f},{},{},{},{}\n", r.time_s, r.subsystem, csv_field(r.entity), r.event,
                       csv_field(r.detail));
  }
  return out;
}

std::string EventLog::csv() const { return csv_until(std::numeric_limits<double>::infinity()); }

}  // namespace orbitsim
