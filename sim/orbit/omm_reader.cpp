#include "orbit/omm_reader.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/constants.hpp"
#include "core/input_error.hpp"

namespace orbitsim {
namespace {

// Builds MeanElements from named text fields; `get` returns the raw text of a field or throws.
MeanElements from_fields(const std::function<std::string(const char*)>& get, const SourceLocation& where,
                         const std::string& record) {
  auto number = [&](const char* key) {
    const std::string text = get(key);
    double v = 0.0;
    std::string trimmed = text;
    if (!trimmed.empty() && trimmed[0] == '+') trimmed.erase(0, 1);
    if (!trimmed.empty() && trimmed[0] == '.') trimmed.insert(0, "0");
    if (trimmed.size() > 1 && trimmed[0] == '-' && trimmed[1] == '.') trimmed.insert(1, "0");
    const auto* end = trimmed.data() + trimmed.size();
    auto [p, ec] = std::from_chars(trimmed.data(), end, v);
    if (trimmed.empty() || ec != std::errc() || p != end || !std::isfinite(v))
      throw InputError(where, record + key, "a number", "\"" + text + "\"");
    return v;
  };
  MeanElements e;
  e.name = get("OBJECT_NAME");
  e.catalog_number = static_cast<long>(number("NORAD_CAT_ID"));
  const std::string epoch_text = get("EPOCH");
  const auto epoch = parse_iso8601_utc(epoch_text);
  if (!epoch) throw InputError(where, record + "EPOCH", "an ISO 8601 UTC time", "\"" + epoch_text + "\"");
  e.epoch = *epoch;
  const double rev_per_day = number("MEAN_MOTION");
  if (rev_per_day <= 0.0)
    throw InputError(where, record + "MEAN_MOTION", "a positive number of revolutions per day", get("MEAN_MOTION"));
  e.mean_motion_rad_per_min = rev_per_day / (1440.0 / kTwoPi);
  e.eccentricity = number("ECCENTRICITY");
  if (e.eccentricity < 0.0 || e.eccentricity >= 1.0)
    throw InputError(where, record + "ECCENTRICITY", "a number in [0, 1)", get("ECCENTRICITY"));
  e.inclination_rad = number("INCLINATION") * kDegToRad;
  e.raan_rad = number("RA_OF_ASC_NODE") * kDegToRad;
  e.arg_perigee_rad = number("ARG_OF_PERICENTER") * kDegToRad;
  e.mean_anomaly_rad = number("MEAN_ANOMALY") * kDegToRad;
  e.bstar_per_earth_radii = number("BSTAR");
  e.mean_motion_dot_rev_per_day2 = number("MEAN_MOTION_DOT");
  e.mean_motion_ddot_rev_per_day3 = number("MEAN_MOTION_DDOT");
  return e;
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.push_back(field);
      field.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  out.push_back(field);
  return out;
}

}  // namespace

std::vector<MeanElements> read_omm_csv_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError({path, 0}, "cannot open the OMM CSV file");
  std::string line;
  if (!std::getline(in, line)) throw InputError({path, 1}, "header", "OMM column names", "an empty file");
  std::map<std::string, size_t> column;
  const auto names = split_csv_line(line);
  for (size_t i = 0; i < names.size(); ++i) column[names[i]] = i;
  std::vector<MeanElements> out;
  int line_number = 1;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty() || line == "\r") continue;
    const auto fields = split_csv_line(line);
    const SourceLocation where{path, line_number};
    auto get = [&](const char* key) -> std::string {
      const auto it = column.find(key);
      if (it == column.end()) throw InputError({path, 1}, "header", std::string("a column ") + key, "none");
      if (it->second >= fields.size())
        throw InputError(where, key, "a value in column " + std::to_string(it->second + 1),
                         std::to_string(fields.size()) + " fields");
      return fields[it->second];
    };
    out.push_back(from_fields(get, where, ""));
  }
  return out;
}

std::vector<MeanElements> read_omm_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError({path, 0}, "cannot open the OMM JSON file");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError({path, 0}, std::string("malformed JSON: ") + e.what());
  }
  if (doc.is_object()) doc = nlohmann::json::array({doc});
  if (!doc.is_array()) throw InputError({path, 0}, "top level", "an array of OMM records", doc.type_name());
  std::vector<MeanElements> out;
  for (size_t i = 0; i < doc.size(); ++i) {
    const auto& rec = doc[i];
    const std::string record = "[" + std::to_string(i) + "].";
    if (!rec.is_object()) throw InputError({path, 0}, record, "an object", rec.type_name());
    auto get = [&](const char* key) -> std::string {
      if (!rec.contains(key)) throw InputError({path, 0}, record + key, "a value", "nothing");
      const auto& v = rec.at(key);
      if (v.is_string()) return v.get<std::string>();
      if (v.is_number()) {
        std::ostringstream os;
        os.precision(17);
        os << v.get<double>();
        return os.str();
      }
      throw InputError({path, 0}, record + key, "a string or a number", v.dump());
    };
    out.push_back(from_fields(get, {path, 0}, record));
  }
  return out;
}

}  // namespace orbitsim
