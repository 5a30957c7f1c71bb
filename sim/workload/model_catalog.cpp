#include "workload/model_catalog.hpp"

#include <algorithm>

#include "config/yaml_object.hpp"

namespace orbitsim {

double InferenceTiming::prefill_s(double tokens) const {
  const auto& x = prefill_tokens;
  const auto& y = prefill_ms;
  size_t i = 1;
  while (i + 1 < x.size() && tokens > x[i]) ++i;
  const double ms = y[i - 1] + (y[i] - y[i - 1]) * (tokens - x[i - 1]) / (x[i] - x[i - 1]);
  return std::max(ms, 0.0) / 1000.0;
}

double InferenceTiming::decode_step_s(double context_tokens, int batch) const {
  return (decode_a_ms + decode_per_context_token_ms * context_tokens + decode_per_sequence_ms * batch) / 1000.0;
}

namespace {

std::vector<double> number_list(YamlObject& o, const std::string& key) {
  std::vector<double> out;
  for (const std::string& text : o.string_list(key)) {
    try {
      size_t used = 0;
      const double v = std::stod(text, &used);
      if (used != text.size()) throw std::invalid_argument(text);
      out.push_back(v);
    } catch (const std::exception&) {
      o.fail(key, "a list of numbers", "an element \"" + text + "\"");
    }
  }
  return out;
}

InferenceTiming parse_timing(YamlObject& o) {
  InferenceTiming t;
  t.prefill_tokens = number_list(o, "prefill_tokens");
  t.prefill_ms = number_list(o, "prefill_ms");
  if (t.prefill_tokens.size() < 2 || t.prefill_tokens.size() != t.prefill_ms.size())
    o.fail("prefill_ms", "at least two points, as many as prefill_tokens",
           std::to_string(t.prefill_ms.size()) + " for " + std::to_string(t.prefill_tokens.size()) + " token counts");
  for (size_t i = 1; i < t.prefill_tokens.size(); ++i)
    if (t.prefill_tokens[i] <= t.prefill_tokens[i - 1])
      o.fail("prefill_tokens", "strictly increasing token counts", "a decrease at element " + std::to_string(i));
  for (double ms : t.prefill_ms)
    if (ms <= 0.0) o.fail("prefill_ms", "positive times", std::to_string(ms));
  t.decode_a_ms = o.number("decode_a_ms", Range{0.0, 1e6});
  t.decode_per_context_token_ms = o.number_or("decode_per_context_token_ms", 0.0, Range{0.0, 1e3});
  t.decode_per_sequence_ms = o.number_or("decode_per_sequence_ms", 0.0, Range{0.0, 1e3});
  t.accelerators = o.integer_or("accelerators", 1, 1, 100000);
  t.prefill_power_fraction = o.number_or("prefill_power_fraction", 1.0, Range{0.0, 1.0, true, false});
  t.decode_power_fraction = o.number_or("decode_power_fraction", 1.0, Range{0.0, 1.0, true, false});
  o.finish();
  return t;
}

ModelSpec parse_model(YamlObject& o, const std::string& name) {
  ModelSpec m;
  m.name = name;
  m.params = o.number("params", Range{1e3, 1e15});
  m.layers = o.integer_or("layers", 0, 1, 100000);
  m.hidden = o.integer_or("hidden", 0, 1, 1000000);
  m.q_heads = o.integer_or("q_heads", 0, 1, 100000);
  m.kv_heads = o.integer_or("kv_heads", 0, 1, 100000);
  m.head_dim = o.integer_or("head_dim", 0, 1, 100000);
  for (const char* key : {"layers", "hidden", "q_heads", "kv_heads", "head_dim"})
    if (!o.has(key)) o.fail(key, "a positive integer (this key is required)", "nothing");
  m.bytes_per_param = o.number_or("bytes_per_param", 2.0, Range{0.125, 16.0});
  m.context_window_tokens = o.integer_or("context_window_tokens", 0, 1, 100000000);
  auto train = o.optional_object("train");
  if (!train) o.fail("train", "a mapping with flops_per_token, grad_bytes, checkpoint_bytes, mfu", "nothing");
  m.train.flops_per_token = train->number("flops_per_token", Range{1.0, 1e18});
  m.train.grad_bytes = train->number("grad_bytes", Range{1.0, 1e16});
  m.train.checkpoint_bytes = train->number("checkpoint_bytes", Range{1.0, 1e17});
  m.train.mfu = train->number_or("mfu", 0.4, Range{0.0, 1.0, true, false});
  train->finish();
  if (auto inference = o.optional_object("inference"))
    for (const std::string& hw : inference->keys()) {
      auto timing = inference->optional_object(hw);
      if (!timing) inference->fail(hw, "a mapping of timing parameters", "nothing");
      m.inference[hw] = parse_timing(*timing);
    }
  o.finish();
  return m;
}

}  // namespace

ModelCatalog load_model_catalog(const std::string& path) {
  const YAML::Node doc = load_yaml_file(path);
  YamlObject top(doc, path, "");
  auto models = top.optional_object("models");
  if (!models) top.fail("models", "a mapping of model names to their parameters", "nothing");
  ModelCatalog catalog;
  for (const std::string& name : models->keys()) {
    auto model = models->optional_object(name);
    if (!model) models->fail(name, "a mapping of model parameters", "nothing");
    catalog[name] = parse_model(*model, name);
  }
  top.finish();
  if (catalog.empty()) top.fail("models", "at least one model", "none");
  return catalog;
}

}  // namespace orbitsim
