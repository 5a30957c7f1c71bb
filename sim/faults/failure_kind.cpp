#include "faults/failure_kind.hpp"

#include <array>
#include <utility>

namespace orbitsim {
namespace {

constexpr std::array kKinds{
    std::pair{FailureKind::kSatellite, "satellite"}, std::pair{FailureKind::kStation, "station"},
    std::pair{FailureKind::kSefi, "sefi"},           std::pair{FailureKind::kSeu, "seu"},
    std::pair{FailureKind::kIsl, "isl"},             std::pair{FailureKind::kShed, "shed"},
    std::pair{FailureKind::kShedTraining, "shed-training"},
};

constexpr std::array kCauses{
    std::pair{FailureCause::kTrace, "trace"},
    std::pair{FailureCause::kExponential, "exponential"},
    std::pair{FailureCause::kWeibull, "weibull"},
    std::pair{FailureCause::kInfantMortality, "infant-mortality"},
    std::pair{FailureCause::kKillAtStart, "kill-at-start"},
    std::pair{FailureCause::kSefi, "sefi"},
    std::pair{FailureCause::kSeu, "seu"},
    std::pair{FailureCause::kSeuSaa, "seu-saa"},
    std::pair{FailureCause::kIslTerminal, "isl-terminal"},
    std::pair{FailureCause::kStationOutage, "station-outage"},
    std::pair{FailureCause::kMaintenance, "maintenance"},
    std::pair{FailureCause::kPlane, "plane"},
    std::pair{FailureCause::kSolarStorm, "solar-storm"},
    std::pair{FailureCause::kBrownout, "brownout"},
    std::pair{FailureCause::kOverheat, "overheat"},
};

template <typename Table, typename Enum>
const char* name_in(const Table& table, Enum value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "?";
}

template <typename Enum, typename Table>
std::optional<Enum> value_in(const Table& table, std::string_view text) {
  for (const auto& [v, name] : table)
    if (text == name) return v;
  return std::nullopt;
}

template <typename Table>
std::string names_in(const Table& table) {
  std::string out;
  for (size_t i = 0; i < table.size(); ++i)
    out += (i == 0 ? "" : i + 1 == table.size() ? " or " : ", ") + std::string(table[i].second);
  return out;
}

}  // namespace

const char* to_string(FailureKind kind) { return name_in(kKinds, kind); }
const char* to_string(FailureCause cause) { return name_in(kCauses, cause); }
std::optional<FailureKind> parse_failure_kind(std::string_view text) { return value_in<FailureKind>(kKinds, text); }
std::optional<FailureCause> parse_failure_cause(std::string_view text) { return value_in<FailureCause>(kCauses, text); }
std::string failure_kind_names() { return names_in(kKinds); }
std::string failure_cause_names() { return names_in(kCauses); }

}  // namespace orbitsim
