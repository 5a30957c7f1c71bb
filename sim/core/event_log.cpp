#include "core/event_log.hpp"

#include <limits>

#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace orbitsim {
namespace {

std::string quoted_if_needed(std::string_view field) {
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

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
    out += fmt::format("{:.6f},{},{},{},{}\n", r.time_s, r.subsystem, quoted_if_needed(r.entity), r.event,
                       quoted_if_needed(r.detail));
  }
  return out;
}

std::string EventLog::csv() const { return csv_until(std::numeric_limits<double>::infinity()); }

}  // namespace orbitsim
