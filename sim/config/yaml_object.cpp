#include "config/yaml_object.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <filesystem>
#include <regex>

#include <fmt/format.h>

namespace orbitsim {
namespace {
std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string describe_node(const YAML::Node& v) {
  if (v.IsScalar()) return quoted(v.Scalar());
  if (v.IsSequence()) return "a list";
  if (v.IsMap()) return "a mapping";
  return "nothing";
}
}  // namespace

std::string Range::describe() const {
  return fmt::format("{}{:g}, {:g}{}", lo_open ? "(" : "[", lo, hi, hi_open ? ")" : "]");
}

YamlObject::YamlObject(const YAML::Node& node, std::string file, std::string path)
    : node_(node), file_(std::move(file)), path_(std::move(path)) {
  if (!node_.IsMap())
    throw InputError({file_, line_of(node_)}, path_.empty() ? std::string("document") : path_, "a mapping of keys",
                     describe_node(node_));
}

bool YamlObject::has(const std::string& key) const {
  const auto v = node_[key];
  return v.IsDefined() && !v.IsNull();
}

SourceLocation YamlObject::location_of(const std::string& key) const {
  const auto v = node_[key];
  return {file_, v.IsDefined() ? line_of(v) : line_of(node_)};
}

void YamlObject::fail(const std::string& key, const std::string& expected, const std::string& got) const {
  throw InputError(location_of(key), key_path(key), expected, got);
}

YAML::Node YamlObject::value(const std::string& key) {
  read_.insert(key);
  return node_[key];
}

std::string YamlObject::scalar_text(const std::string& key, const YAML::Node& v) const {
  if (!v.IsScalar()) fail(key, "a single value", describe_node(v));
  return v.Scalar();
}

std::string YamlObject::string(const std::string& key) {
  const auto v = value(key);
  if (!v.IsDefined() || v.IsNull()) fail(key, "a value (this key is required)", "nothing");
  const std::string s = scalar_text(key, v);
  if (s.empty()) fail(key, "a non-empty text", "\"\"");
  return s;
}

std::string YamlObject::string_or(const std::string& key, const std::string& fallback) {
  if (!has(key)) {
    read_.insert(key);
    return fallback;
  }
  return scalar_text(key, value(key));
}

double YamlObject::number(const std::string& key, const Range& range) {
  const auto v = value(key);
  const std::string expected = "a number in " + range.describe();
  if (!v.IsDefined() || v.IsNull()) fail(key, expected + " (this key is required)", "nothing");
  const std::string text = scalar_text(key, v);
  double d = 0.0;
  const char* begin = text.data() + (text.size() > 1 && text[0] == '+' ? 1 : 0);
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(begin, end, d);
  if (ec != std::errc() || p != end || !std::isfinite(d) || !range.contains(d)) fail(key, expected, quoted(text));
  return d;
}

double YamlObject::number_or(const std::string& key, double fallback, const Range& range) {
  if (!has(key)) {
    read_.insert(key);
    return fallback;
  }
  return number(key, range);
}

double YamlObject::duration_or(const std::string& key, double fallback, const Range& range) {
  if (has(key)) {
    const std::string text = scalar_text(key, value(key));
    if (text == "inf" || text == ".inf") {
      read_.insert(key);
      return std::numeric_limits<double>::infinity();
    }
  }
  return number_or(key, fallback, range);
}

std::optional<double> YamlObject::optional_number(const std::string& key, const Range& range) {
  if (!has(key)) {
    read_.insert(key);
    return std::nullopt;
  }
  return number(key, range);
}

int YamlObject::integer_or(const std::string& key, int fallback, int lo, int hi) {
  if (!has(key)) {
    read_.insert(key);
    return fallback;
  }
  const std::string text = scalar_text(key, value(key));
  long n = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, n);
  if (ec != std::errc() || p != end || n < lo || n > hi)
    fail(key, fmt::format("an integer in [{}, {}]", lo, hi), quoted(text));
  return static_cast<int>(n);
}

bool YamlObject::boolean_or(const std::string& key, bool fallback) {
  if (!has(key)) {
    read_.insert(key);
    return fallback;
  }
  const std::string text = scalar_text(key, value(key));
  if (text == "true") return true;
  if (text == "false") return false;
  fail(key, "true or false", quoted(text));
}

std::string YamlObject::choice_or(const std::string& key, const std::string& fallback,
                                  const std::vector<std::string>& choices) {
  const std::string s = string_or(key, fallback);
  for (const auto& c : choices)
    if (s == c) return s;
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  fail(key, "one of " + list, quoted(s));
}

std::optional<YamlObject> YamlObject::optional_object(const std::string& key) {
  const auto v = value(key);
  if (!v.IsDefined() || v.IsNull()) return std::nullopt;
  return YamlObject(v, file_, key_path(key));
}

std::vector<YamlObject> YamlObject::objects(const std::string& key) {
  const auto v = value(key);
  std::vector<YamlObject> out;
  if (!v.IsDefined() || v.IsNull()) return out;
  if (!v.IsSequence()) fail(key, "a list", describe_node(v));
  for (size_t i = 0; i < v.size(); ++i) out.emplace_back(v[i], file_, key_path(key) + "[" + std::to_string(i) + "]");
  return out;
}

std::vector<std::string> YamlObject::string_list(const std::string& key) {
  const auto v = value(key);
  std::vector<std::string> out;
  if (!v.IsDefined() || v.IsNull()) return out;
  if (!v.IsSequence()) fail(key, "a list", describe_node(v));
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].IsScalar()) fail(key, "a list of single values", "a nested " + describe_node(v[i]));
    out.push_back(v[i].Scalar());
  }
  return out;
}

std::vector<std::string> YamlObject::keys() const {
  std::vector<std::string> out;
  for (const auto& kv : node_) out.push_back(kv.first.as<std::string>());
  return out;
}

void YamlObject::finish() const {
  for (const auto& kv : node_) {
    const std::string key = kv.first.as<std::string>();
    if (read_.count(key)) continue;
    std::string valid;
    for (const auto& k : read_) valid += (valid.empty() ? "" : ", ") + k;
    throw InputError({file_, line_of(kv.first)}, key_path(key), "one of the known keys (" + valid + ")",
                     "the unknown key \"" + key + "\"");
  }
}

YAML::Node load_yaml_file(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw InputError({path, 0}, "no such file");
  try {
    return YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    throw InputError({path, e.mark.line >= 0 ? e.mark.line + 1 : 0}, "YAML syntax error: " + e.msg);
  }
}

std::string with_shortest_numbers(const std::string& emitted) {
  // A plain scalar with a fraction or an exponent, standing alone between separators.
  static const std::regex number(R"((^|[\s\[,])(-?[0-9]+\.[0-9]+(e[-+]?[0-9]+)?|-?[0-9]+e[-+]?[0-9]+)(?=$|[\s\],]))",
                                 std::regex::multiline);
  std::string out;
  auto last = emitted.cbegin();
  for (std::sregex_iterator it(emitted.begin(), emitted.end(), number), end; it != end; ++it) {
    const auto& m = *it;
    out.append(last, m[2].first);
    const std::string text = m[2].str();
    size_t digits = 0;
    for (char c : text.substr(0, text.find('e'))) digits += std::isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
    // Only yaml-cpp's full-precision output: a number a user wrote with a few digits (even as a name) stays.
    out += digits >= 16 ? fmt::format("{}", std::strtod(text.c_str(), nullptr)) : text;
    last = m[2].second;
  }
  out.append(last, emitted.cend());
  return out;
}

}  // namespace orbitsim
