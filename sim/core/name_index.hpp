// Names users type (ground stations, satellites): found exactly, else case-insensitively when only one
// name matches that way; an unknown name gets the closest known ones as a "did you mean".
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace orbitsim {

class NameIndex {
 public:
  NameIndex() = default;
  explicit NameIndex(std::vector<std::string> names);

  // The index of `name`, or -1 when no name matches it exactly or, unambiguously, ignoring case.
  int find(std::string_view name) const;
  // Up to three known names closest to `name` in edit distance ignoring case, quoted and comma-separated
  // ("\"London\", \"Lagos\""); empty when none is within a third of the name's length (at least 2 edits).
  std::string closest(std::string_view name) const;
  // "; did you mean ...?" when closest() has something, else "".
  std::string did_you_mean(std::string_view name) const;

  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, int> exact_;
  std::unordered_map<std::string, int> folded_;  // lower-cased name -> index, or -2 when several share it
};

}  // namespace orbitsim
