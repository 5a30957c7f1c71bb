// The satellites of a platform and their propagators: synthetic orbits (Walker shells, formation
// clusters) use the Kepler+J2 model, element sets (TLE/OMM) use SGP4. Time t is seconds after the
// platform epoch; element sets are propagated to epoch + t from their own epochs.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "core/constants.hpp"
#include "core/vec3.hpp"
#include "core/worker_pool.hpp"
#include "orbit/frames.hpp"
#include "orbit/julian_date.hpp"
#include "orbit/kepler_j2.hpp"
#include "orbit/sgp4.hpp"
#include "orbit/sgp4_knots.hpp"
#include "orbit/sun.hpp"

namespace orbitsim {

struct SatelliteInfo {
  int id = 0;          // dense index 0..N-1 in platform order
  std::string name;    // unique within the platform
  std::string shell;   // name of the shell/cluster/element set it belongs to
  int plane = -1;      // plane number for Walker shells, -1 otherwise
  int index = -1;      // slot in the plane (Walker) or member number (formation), -1 for element sets
  bool earth_fixed = false;  // a server of a terrestrial data centre: fixed on the ground, never in orbit
};

// A shell (Walker shell, formation or element set) in platform order: its satellites are the contiguous
// ids [first, first + count). `planes` x `per_plane` when its satellites form planes (0 otherwise).
struct ShellRange {
  std::string name;
  int first = 0;
  int count = 0;
  int planes = 0;
  int per_plane = 0;
  bool earth_fixed = false;  // a terrestrial data centre's servers
};

struct SatelliteState {
  bool valid = true;  // false when SGP4 reports an error (e.g. the object has decayed)
  Vec3 eci_m;
  Vec3 ecef_m;
  Geodetic geodetic;
  bool sunlit = false;
};

class Constellation {
 public:
  Constellation(const JulianDate& epoch, const EarthModel& earth, ShadowModel shadow);

  // The satellites added after this call belong to the shell `name` (a first add() without it opens a
  // shell named after the satellite's).
  void begin_shell(std::string name, int planes = 0, int per_plane = 0, bool earth_fixed = false);
  void add(SatelliteInfo info, const CircularElements& elements);
  void add(SatelliteInfo info, const MeanElements& elements);
  // A compute node fixed on the ground (a data centre's server) at `ecef_m`, in an earth_fixed shell.
  void add_earth_fixed(SatelliteInfo info, const Vec3& ecef_m);

  size_t size() const { return infos_.size(); }
  const SatelliteInfo& info(size_t i) const { return infos_[i]; }
  const std::vector<ShellRange>& shells() const { return shells_; }
  bool earth_fixed(size_t i) const { return infos_[i].earth_fixed; }
  // The satellite's orbit as a NORAD mean element set: the one it was given, or its circular Kepler
  // elements at the platform epoch (an earth-fixed node's are empty: it has no orbit) (Kepler mean motion, not SGP4's Brouwer convention: exported to
  // SGP4 such an orbit drifts from the Kepler + J2 one by a few km per day).
  const MeanElements& mean_elements(size_t i) const { return mean_elements_[i]; }
  const JulianDate& epoch() const { return epoch_; }
  const EarthModel& earth() const { return earth_; }
  ShadowModel shadow_model() const { return shadow_; }

  // Inertial position of one satellite; `valid` false on an SGP4 error.
  Vec3 position_eci_m(size_t i, double t_s, bool* valid = nullptr);
  // Full state of every satellite at t (ECEF, geodetic, sunlit); `out` is resized to size(). With
  // `workers`, satellites are shared among its threads (each propagator is used by one thread only).
  // Without `geodetic`, that conversion is skipped (and `geodetic` left as it was).
  void states(double t_s, std::vector<SatelliteState>& out, WorkerPool* workers = nullptr, bool geodetic = true);
  // Where every satellite is at t (ECEF), as states() gives it, and whether its propagator succeeded, without
  // the geodetic and shadow parts: the topology's epochs. `ecef_m` and `valid` hold size() values or more.
  void positions_ecef_m(double t_s, std::span<Vec3> ecef_m, std::span<char> valid, WorkerPool* workers = nullptr);
  // From now on, positions_ecef_m() takes near-Earth element sets' positions from SGP4 evaluated every
  // Sgp4Knots::kStep_s (within a centimetre of SGP4 at t, else SGP4 at t): for a caller asking for times
  // closer together than that. Call once the satellites are added.
  void interpolate_element_sets();
  // Earth rotation angle (GMST) at t.
  double gmst_rad(double t_s) const;

 private:
  void append(SatelliteInfo& info);
  // An element set's position at t through knots_ (or SGP4 at t where they are not close enough).
  Vec3 element_set_eci_m(size_t i, double t_s, bool* valid);

  JulianDate epoch_;
  EarthModel earth_;
  ShadowModel shadow_;
  std::vector<SatelliteInfo> infos_;
  std::vector<ShellRange> shells_;
  struct EarthFixedSite {
    Vec3 ecef_m;
  };
  std::vector<std::variant<KeplerJ2, Sgp4, EarthFixedSite>> propagators_;
  std::vector<double> sgp4_epoch_offset_min_;  // platform epoch minus element epoch, minutes
  std::vector<MeanElements> mean_elements_;
  std::optional<Sgp4Knots> knots_;  // set: interpolate_element_sets() was called
};

}  // namespace orbitsim
