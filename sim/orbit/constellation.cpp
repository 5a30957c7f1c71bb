#include "orbit/constellation.hpp"

#include <cmath>

#include "orbit/sidereal_time.hpp"

namespace orbitsim {

Constellation::Constellation(const JulianDate& epoch, const EarthModel& earth, ShadowModel shadow)
    : epoch_(epoch), earth_(earth), shadow_(shadow) {}

void Constellation::begin_shell(std::string name, int planes, int per_plane, bool earth_fixed) {
  shells_.push_back({std::move(name), static_cast<int>(size()), 0, planes, per_plane, earth_fixed});
}

void Constellation::append(SatelliteInfo& info) {
  if (shells_.empty()) begin_shell(info.shell);
  info.id = static_cast<int>(infos_.size());
  info.shell = shells_.back().name;
  info.earth_fixed = shells_.back().earth_fixed;
  ++shells_.back().count;
  infos_.push_back(std::move(info));
}

void Constellation::add(SatelliteInfo info, const CircularElements& elements) {
  append(info);
  propagators_.emplace_back(KeplerJ2(elements, earth_.mu_m3ps2, earth_.radius_m, earth_.j2));
  sgp4_epoch_offset_min_.push_back(0.0);
  MeanElements m;
  m.name = infos_.back().name;
  m.catalog_number = infos_.back().id + 1;
  m.epoch = epoch_;
  m.inclination_rad = elements.inclination_rad;
  m.raan_rad = elements.raan_rad;
  m.eccentricity = std::hypot(elements.eccentricity_x, elements.eccentricity_y);
  m.arg_perigee_rad = m.eccentricity > 0.0 ? std::atan2(elements.eccentricity_y, elements.eccentricity_x) : 0.0;
  m.mean_anomaly_rad = elements.arg_latitude_rad - m.arg_perigee_rad;
  const double a = elements.semi_major_axis_m;
  m.mean_motion_rad_per_min = std::sqrt(earth_.mu_m3ps2 / (a * a * a)) * 60.0;
  mean_elements_.push_back(m);
}

void Constellation::add(SatelliteInfo info, const MeanElements& elements) {
  append(info);
  propagators_.emplace_back(Sgp4(elements));
  sgp4_epoch_offset_min_.push_back(epoch_.seconds_since(elements.epoch) / 60.0);
  mean_elements_.push_back(elements);
}

void Constellation::add_earth_fixed(SatelliteInfo info, const Vec3& ecef_m) {
  append(info);
  propagators_.emplace_back(EarthFixedSite{ecef_m});
  sgp4_epoch_offset_min_.push_back(0.0);
  MeanElements none;
  none.name = infos_.back().name;
  none.catalog_number = infos_.back().id + 1;
  none.epoch = epoch_;
  mean_elements_.push_back(none);
}

double Constellation::gmst_rad(double t_s) const { return gmst_iau82_rad(epoch_.plus_seconds(t_s).value()); }

Vec3 Constellation::position_eci_m(size_t i, double t_s, bool* valid) {
  if (valid) *valid = true;
  auto& p = propagators_[i];
  if (const auto* kepler = std::get_if<KeplerJ2>(&p)) return kepler->position_eci_m(t_s);
  if (const auto* site = std::get_if<EarthFixedSite>(&p)) return ecef_to_eci(site->ecef_m, gmst_rad(t_s));
  const TemeState s = std::get<Sgp4>(p).propagate(sgp4_epoch_offset_min_[i] + t_s / 60.0);
  if (valid) *valid = s.error == Sgp4Error::kNone;
  return s.position_km * 1000.0;
}

void Constellation::interpolate_element_sets() { knots_.emplace(size()); }

Vec3 Constellation::element_set_eci_m(size_t i, double t_s, bool* valid) {
  auto& sgp4 = std::get<Sgp4>(propagators_[i]);
  if (!sgp4.deep_space()) {
    const std::optional<Vec3> at = knots_->position(i, t_s, [&](double knot_s) -> std::optional<Vec3> {
      const TemeState s = sgp4.propagate(sgp4_epoch_offset_min_[i] + knot_s / 60.0);
      if (s.error != Sgp4Error::kNone) return std::nullopt;
      return s.position_km * 1000.0;
    });
    if (at) {
      *valid = true;
      return *at;
    }
  }
  return position_eci_m(i, t_s, valid);
}

void Constellation::states(double t_s, std::vector<SatelliteState>& out, WorkerPool* workers, bool geodetic) {
  out.resize(size());
  const JulianDate when = epoch_.plus_seconds(t_s);
  const double gmst = gmst_iau82_rad(when.value());
  const EarthRotation rotation(gmst);
  const Vec3 sun = sun_position_eci_m(when);
  for_chunks(workers, size(), [&](int, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      SatelliteState& s = out[i];
      if (const auto* site = std::get_if<EarthFixedSite>(&propagators_[i])) {
        s.valid = true;
        s.ecef_m = site->ecef_m;  // exactly where it stands, not through a rotation and back
        s.eci_m = ecef_to_eci(s.ecef_m, gmst);
      } else {
        s.eci_m = position_eci_m(i, t_s, &s.valid);
        if (!s.valid) continue;
        s.ecef_m = rotation.eci_to_ecef(s.eci_m);
      }
      if (geodetic) s.geodetic = ecef_to_geodetic(s.ecef_m, earth_);
      s.sunlit = is_sunlit(s.eci_m, sun, earth_.radius_m, shadow_);
    }
  });
}

void Constellation::positions_ecef_m(double t_s, std::span<Vec3> ecef_m, std::span<char> valid, WorkerPool* workers) {
  const EarthRotation rotation(gmst_rad(t_s));
  for_chunks(workers, size(), [&](int, size_t begin, size_t end) {
    NodeSinCos node;
    for (size_t i = begin; i < end; ++i) {
      valid[i] = 1;
      if (const auto* kepler = std::get_if<KeplerJ2>(&propagators_[i])) {
        ecef_m[i] = rotation.eci_to_ecef(kepler->position_eci_m(t_s, &node));
      } else if (const auto* site = std::get_if<EarthFixedSite>(&propagators_[i])) {
        ecef_m[i] = site->ecef_m;
      } else {
        bool ok = true;
        const Vec3 eci_m = knots_ ? element_set_eci_m(i, t_s, &ok) : position_eci_m(i, t_s, &ok);
        ecef_m[i] = ok ? rotation.eci_to_ecef(eci_m) : Vec3{};  // nowhere near the others: no neighbour lists' churn
        valid[i] = ok ? 1 : 0;
      }
    }
  });
}

}  // namespace orbitsim
