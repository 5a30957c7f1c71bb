// Typed, range-checked reads from one YAML mapping, with errors that name file, line and key path.
// Every key read is remembered; `finish()` rejects the keys nobody asked for, listing the valid ones.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/input_error.hpp"

namespace orbitsim {

// A closed or open numeric interval for range checks; printed as "(160, 2000]".
struct Range {
  double lo, hi;
  bool lo_open = false, hi_open = false;
  bool contains(double v) const {
    return (lo_open ? v > lo : v >= lo) && (hi_open ? v < hi : v <= hi);
  }
  std::string describe() const;
};

class YamlObject {
 public:
  // `node` must be a mapping; `path` is its key path ("" at the top, "shells[2]" below).
  YamlObject(const YAML::Node& node, std::string file, std::string path);

  bool has(const std::string& key) const;
  std::string string(const std::string& key);
  std::string string_or(const std::string& key, const std::string& fallback);
  double number(const std::string& key, const Range& range);
  double number_or(const std::string& key, double fallback, const Range& range);
  std::optional<double> optional_number(const std::string& key, const Range& range);
  // A duration in seconds within `range`, or `inf` (permanent).
  double duration_or(const std::string& key, double fallback, const Range& range);
  int integer_or(const std::string& key, int fallback, int lo, int hi);
  bool boolean_or(const std::string& key, bool fallback);
  // One of `choices`; the error lists them.
  std::string choice_or(const std::string& key, const std::string& fallback, const std::vector<std::string>& choices);
  // A nested mapping with path "key", or nothing when the key is absent.
  std::optional<YamlObject> optional_object(const std::string& key);
  // A sequence of mappings; each element comes back as a YamlObject with path "key[i]".
  std::vector<YamlObject> objects(const std::string& key);

  // A list of single values, as text; empty when the key is absent.
  std::vector<std::string> string_list(const std::string& key);
  // Every key of this mapping, in file order (for mappings keyed by names, such as models).
  std::vector<std::string> keys() const;

  // Throws on the first key that was never read.
  void finish() const;

  SourceLocation location() const { return {file_, line_of(node_)}; }
  SourceLocation location_of(const std::string& key) const;
  std::string key_path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  const std::string& file() const { return file_; }

  [[noreturn]] void fail(const std::string& key, const std::string& expected, const std::string& got) const;

 private:
  static int line_of(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }
  YAML::Node value(const std::string& key);
  std::string scalar_text(const std::string& key, const YAML::Node& v) const;

  YAML::Node node_;
  std::string file_;
  std::string path_;
  std::set<std::string> read_;
};

// Loads a YAML file into a node; a missing file or a syntax error becomes an InputError.
YAML::Node load_yaml_file(const std::string& path);

// yaml-cpp writes doubles with 17 significant digits (0.20000000000000001): each such number of an
// emitted document rewritten in the shortest form that reads back as the same double (0.2).
std::string with_shortest_numbers(const std::string& emitted);

}  // namespace orbitsim
