// The DVFS governors shipped with orbitsim (one implementation file each).
#pragma once

#include "policy/power/dvfs_governor.hpp"

namespace orbitsim {

struct MaxPerformance : DvfsGovernor {
  int choose(const GovernorView& view) const override;
};
struct EnergyAware : DvfsGovernor {
  int choose(const GovernorView& view) const override;
  bool reads_eclipse_forecast() const override { return true; }
};
struct ThermalAware : DvfsGovernor {
  int choose(const GovernorView& view) const override;
};

}  // namespace orbitsim
