// A small 3-vector for positions and directions (metres unless a name says otherwise).
#pragma once

#include <cmath>

namespace orbitsim {

struct Vec3 {
  double x = 0, y = 0, z = 0;

  constexpr Vec3 operator+(const Vec3& o) const { return {x + o.x, y + o.y, z + o.z}; }
  constexpr Vec3 operator-(const Vec3& o) const { return {x - o.x, y - o.y, z - o.z}; }
  constexpr Vec3 operator*(double k) const { return {x * k, y * k, z * k}; }
  constexpr Vec3 operator-() const { return {-x, -y, -z}; }
  constexpr double dot(const Vec3& o) const { return x * o.x + y * o.y + z * o.z; }
  constexpr Vec3 cross(const Vec3& o) const {
    return {y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x};
  }
  double norm() const { return std::sqrt(dot(*this)); }
  Vec3 unit() const { return *this * (1.0 / norm()); }
};

inline double distance(const Vec3& a, const Vec3& b) { return (a - b).norm(); }

}  // namespace orbitsim
