#include "workload/csv_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>

#include <fmt/format.h>

namespace orbitsim {
namespace {
std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == ',') out.emplace_back();
    else if (c != '\r') out.back() += c;
  }
  for (auto& f : out) {
    const auto b = f.find_first_not_of(" \t");
    const auto e = f.find_last_not_of(" \t");
    f = b == std::string::npos ? std::string() : f.substr(b, e - b + 1);
  }
  return out;
}
}  // namespace

CsvTable::CsvTable(const std::string& path, const std::vector<std::string>& known) : path_(path) {
  std::ifstream in(path);
  if (!in) throw InputError({path, 0}, "cannot open the file");
  std::string line;
  int n = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line[0] == '#') {
      metadata_.push_back(line);
      continue;
    }
    auto fields = split(line);
    if (!header) {
      header = true;
      for (size_t i = 0; i < fields.size(); ++i) {
        if (std::find(known.begin(), known.end(), fields[i]) == known.end()) {
          std::string list;
          for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
          throw InputError({path, n}, "header", "columns among " + list, "\"" + fields[i] + "\"");
        }
        if (!column_.emplace(fields[i], i).second)
          throw InputError({path, n}, "header", "each column once", "\"" + fields[i] + "\" twice");
      }
      continue;
    }
    if (fields.size() != column_.size())
      throw InputError({path, n}, "row", std::to_string(column_.size()) + " fields as in the header",
                       std::to_string(fields.size()));
    rows_.push_back(std::move(fields));
    lines_.push_back(n);
  }
  if (!header) throw InputError({path, n}, "header", "a line naming the columns", "none");
}

void CsvTable::require_column(const std::string& name) const {
  if (!has_column(name)) throw InputError({path_, 0}, "header", "a column named " + name, "none");
}

std::string CsvTable::text(size_t row, const std::string& column) const {
  const auto it = column_.find(column);
  return it == column_.end() ? std::string() : rows_[row][it->second];
}

void CsvTable::fail(size_t row, const std::string& column, const std::string& expected, const std::string& got) const {
  throw InputError(location(row), column, expected, got);
}

double CsvTable::number(size_t row, const std::string& column, double lo, double hi) const {
  const std::string t = text(row, column);
  double v = 0.0;
  const char* end = t.data() + t.size();
  auto [p, ec] = std::from_chars(t.data(), end, v);
  if (t.empty() || ec != std::errc() || p != end || !std::isfinite(v) || v < lo || v > hi)
    fail(row, column, fmt::format("a number in [{:g}, {:g}]", lo, hi), "\"" + t + "\"");
  return v;
}

long CsvTable::integer(size_t row, const std::string& column, long lo, long hi) const {
  const std::string t = text(row, column);
  long v = 0;
  const char* end = t.data() + t.size();
  auto [p, ec] = std::from_chars(t.data(), end, v);
  if (t.empty() || ec != std::errc() || p != end || v < lo || v > hi)
    fail(row, column, fmt::format("an integer in [{}, {}]", lo, hi), "\"" + t + "\"");
  return v;
}

}  // namespace orbitsim
