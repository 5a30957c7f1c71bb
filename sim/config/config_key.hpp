// A configuration key defined once: how it is read (YamlObject's typed, range-checked read with file:line
// errors) and how it is written back to the effective YAML, under the same name. A section's keys are
// a table of these; the reader and the writer walk the same table, so neither can forget a key.
#pragma once

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/yaml_object.hpp"

namespace orbitsim {

template <typename Section>
struct ConfigKey {
  const char* name;
  std::function<void(YamlObject&, Section&)> read;
  std::function<void(YAML::Emitter&, const Section&)> write;
};

// A non-finite value (a permanent duration) is written as `inf`, which the duration reads accept.
inline void emit_number(YAML::Emitter& out, const char* name, double value) {
  out << YAML::Key << name << YAML::Value;
  if (std::isfinite(value)) out << value;
  else out << "inf";
}

template <typename S>
ConfigKey<S> number_key(const char* name, double S::*field, Range range) {
  return {name, [=](YamlObject& o, S& s) { s.*field = o.number_or(name, s.*field, range); },
          [=](YAML::Emitter& out, const S& s) { emit_number(out, name, s.*field); }};
}

// Seconds within `range`, or `inf` (permanent).
template <typename S>
ConfigKey<S> duration_key(const char* name, double S::*field, Range range) {
  return {name, [=](YamlObject& o, S& s) { s.*field = o.duration_or(name, s.*field, range); },
          [=](YAML::Emitter& out, const S& s) { emit_number(out, name, s.*field); }};
}

template <typename S>
ConfigKey<S> integer_key(const char* name, int S::*field, int lo, int hi) {
  return {name, [=](YamlObject& o, S& s) { s.*field = o.integer_or(name, s.*field, lo, hi); },
          [=](YAML::Emitter& out, const S& s) { out << YAML::Key << name << YAML::Value << s.*field; }};
}

template <typename S>
ConfigKey<S> boolean_key(const char* name, bool S::*field) {
  return {name, [=](YamlObject& o, S& s) { s.*field = o.boolean_or(name, s.*field); },
          [=](YAML::Emitter& out, const S& s) { out << YAML::Key << name << YAML::Value << s.*field; }};
}

template <typename S>
ConfigKey<S> choice_key(const char* name, std::string S::*field, std::vector<std::string> choices) {
  return {name, [=](YamlObject& o, S& s) { s.*field = o.choice_or(name, s.*field, choices); },
          [=](YAML::Emitter& out, const S& s) { out << YAML::Key << name << YAML::Value << s.*field; }};
}

// Free text; `omit_when_empty`: not written when empty (an optional name).
template <typename S>
ConfigKey<S> text_key(const char* name, std::string S::*field, bool omit_when_empty = false) {
  return {name, [=](YamlObject& o, S& s) { s.*field = o.string_or(name, s.*field); },
          [=](YAML::Emitter& out, const S& s) {
            if (!omit_when_empty || !(s.*field).empty()) out << YAML::Key << name << YAML::Value << s.*field;
          }};
}

template <typename S>
void read_keys(YamlObject& o, S& section, const std::vector<ConfigKey<S>>& keys) {
  for (const auto& k : keys) k.read(o, section);
}

template <typename S>
void write_keys(YAML::Emitter& out, const S& section, const std::vector<ConfigKey<S>>& keys) {
  for (const auto& k : keys) k.write(out, section);
}

}  // namespace orbitsim
