#include "topology/network_config.hpp"

namespace orbitsim {

const char* to_string(IslPattern p) {
  switch (p) {
    case IslPattern::kPlusGrid: return "plus-grid";
    case IslPattern::kRing: return "ring";
    case IslPattern::kNone: return "none";
    case IslPattern::kAllWithinRange: return "all-within-range";
    case IslPattern::kFile: return "file";
  }
  return "?";
}

const char* to_string(InterShellIslPattern p) {
  return p == InterShellIslPattern::kNone ? "none" : "nearest-within-range";
}

}  // namespace orbitsim
