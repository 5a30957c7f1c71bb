// What failed (FailureKind) and which model or trace said so (FailureCause): typed in the simulation,
// text only in failures.csv, events.csv and the summaries (the names below, workloads/README.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace orbitsim {

enum class FailureKind {
  kSatellite,     // the whole satellite: no compute, no relaying
  kStation,       // a ground station
  kSefi,          // a single-event functional interrupt: the accelerators hang, the satellite still relays
  kSeu,           // an uncorrectable upset: the step in progress is corrupted (duration 0)
  kIsl,           // one ISL terminal ("<satellite>:<terminal>")
  kShed,          // accelerators switched off for power or heat; the satellite still relays
  kShedTraining,  // the satellite stops training for lack of energy; it still serves and relays
};

enum class FailureCause {
  kTrace,            // replayed from a trace that does not say
  kExponential,      // satellite lifetime models
  kWeibull,
  kInfantMortality,
  kKillAtStart,
  kSefi,             // radiation
  kSeu,
  kSeuSaa,
  kIslTerminal,      // link and station outages
  kStationOutage,
  kMaintenance,
  kPlane,            // correlated failures
  kSolarStorm,
  kBrownout,         // the power model
  kOverheat,
};

const char* to_string(FailureKind kind);
const char* to_string(FailureCause cause);
std::optional<FailureKind> parse_failure_kind(std::string_view text);
std::optional<FailureCause> parse_failure_cause(std::string_view text);
// "a, b or c": every name, for error messages.
std::string failure_kind_names();
std::string failure_cause_names();

}  // namespace orbitsim
