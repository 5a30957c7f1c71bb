#include "config/sweep_config.hpp"

#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "config/yaml_object.hpp"
#include "metrics/run_metrics.hpp"

namespace orbitsim {
namespace {

constexpr Range kAnyNumber{-1e300, 1e300};

std::vector<std::string> range_values(YamlObject& r) {
  std::vector<std::string> out;
  if (r.has("log_from") || r.has("log_to")) {
    const double from = r.number("log_from", {0.0, 1e300, true}), to = r.number("log_to", {0.0, 1e300, true});
    const int n = r.integer_or("n", 0, 1, 1000000);
    if (n == 0) r.fail("n", "how many values, spaced evenly in log between log_from and log_to", "nothing");
    for (int k = 0; k < n; ++k)
      out.push_back(fmt::format("{:.12g}", n == 1 ? from : from * std::pow(to / from, static_cast<double>(k) / (n - 1))));
  } else {
    const double from = r.number("from", kAnyNumber), to = r.number("to", kAnyNumber);
    const double step = r.number("step", {0.0, 1e300, true});
    for (long k = 0; from + static_cast<double>(k) * step <= to + 1e-9 * step; ++k) {
      if (k >= 1000000) r.fail("step", "at most 1,000,000 values from `from` to `to`", fmt::format("{:g}", step));
      out.push_back(fmt::format("{:.12g}", from + static_cast<double>(k) * step));
    }
    if (out.empty()) r.fail("to", fmt::format("a value >= from ({:g}): the range is empty", from), fmt::format("{:g}", to));
  }
  r.finish();
  return out;
}

}  // namespace

size_t SweepConfig::combinations() const {
  if (axes.empty()) return 1;
  if (zip) return axes.front().values.size();
  size_t n = 1;
  for (const auto& a : axes) n *= a.values.size();
  return n;
}

std::vector<std::string> SweepConfig::combination(size_t c) const {
  std::vector<std::string> out(axes.size());
  for (size_t i = axes.size(); i-- > 0;) {  // the last axis varies fastest
    const auto& values = axes[i].values;
    out[i] = values[zip ? c : c % values.size()];
    if (!zip) c /= values.size();
  }
  return out;
}

size_t SweepConfig::points() const {
  return combinations() * std::max<size_t>(1, policies.size()) * static_cast<size_t>(last_seed - first_seed + 1);
}

SweepConfig load_sweep_config(const std::string& path) {
  YAML::Node doc = load_yaml_file(path);
  if (!doc.IsMap()) throw InputError({path, 1}, "a sweep: a mapping with scenario, axes, policies, seeds, metrics");
  YamlObject top(doc, path, "");
  SweepConfig c;
  c.file = path;
  const std::string scenario = top.string("scenario");
  c.scenario_file = (std::filesystem::path(path).parent_path() / scenario).lexically_normal().string();
  if (std::filesystem::path(scenario).is_absolute()) c.scenario_file = scenario;
  c.zip = top.choice_or("combine", "grid", {"grid", "zip"}) == "zip";
  if (auto set = top.optional_object("set")) {
    for (const auto& key : set->keys()) c.sets.push_back(key + "=" + set->string(key));
    set->finish();
  }
  for (YamlObject& a : top.objects("axes")) {
    SweepAxis axis;
    axis.where = a.location();
    axis.key = a.string("key");
    if (a.has("values")) {
      axis.values = a.string_list("values");
      if (axis.values.empty()) a.fail("values", "at least one value", "an empty list");
    } else if (auto r = a.optional_object("range")) {
      axis.values = range_values(*r);
    } else {
      a.fail("values", "a list of values, or range: {from, to, step} or {log_from, log_to, n}", "neither");
    }
    a.finish();
    for (const auto& other : c.axes)
      if (other.key == axis.key) a.fail("key", "a key no other axis sweeps", axis.key);
    if (c.zip && !c.axes.empty() && axis.values.size() != c.axes.front().values.size())
      a.fail("values", fmt::format("{} values, as many as the first axis (combine: zip)", c.axes.front().values.size()),
             std::to_string(axis.values.size()));
    c.axes.push_back(std::move(axis));
  }
  c.policies_where = top.has("policies") ? top.location_of("policies") : top.location();
  c.policies = top.string_list("policies");
  if (auto seeds = top.optional_object("seeds")) {
    c.first_seed = static_cast<long>(seeds->number("from", {0, 4294967295.0}));
    c.last_seed = static_cast<long>(seeds->number_or("to", static_cast<double>(c.first_seed), {static_cast<double>(c.first_seed), 4294967295.0}));
    seeds->finish();
  }
  c.metrics = top.string_list("metrics");
  for (const auto& m : c.metrics)
    if (!find_run_metric(m)) top.fail("metrics", "metrics among " + run_metric_names(), m);
  if (c.metrics.empty())
    for (const auto& m : run_metrics()) c.metrics.push_back(m.name);
  top.finish();
  return c;
}

}  // namespace orbitsim
