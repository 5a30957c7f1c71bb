#include "core/csv_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>

#include <csv.h>

#include <fmt/format.h>

namespace orbitsim {
namespace {

// libcsv hands each field, then each end of record, to these callbacks.
struct Records {
  CsvCells cells;
  std::vector<int> lines;
  int current_line = 0;
};

void on_field(void* text, size_t length, void* data) {
  static_cast<Records*>(data)->cells.add_field(std::string_view(static_cast<const char*>(text), length));
}

void on_record_end(int, void* data) {
  auto* r = static_cast<Records*>(data);
  r->cells.end_row();
  r->lines.push_back(r->current_line);
}

constexpr int kRowNotBegun = 0;  // libcsv's parser state between records

}  // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

CsvTable::CsvTable(const std::string& path, const std::vector<std::string>& known) : path_(path) {
  std::ifstream in(path);
  if (!in) throw InputError({path, 0}, "cannot open the file");
  csv_parser parser;
  csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
  Records records;
  std::string line;
  int n = 0;
  auto fail_parse = [&](int at_line) {
    const std::string why = csv_strerror(csv_error(&parser));
    csv_free(&parser);
    throw InputError({path, at_line}, "row", "RFC 4180 fields (a quoted field ends with a quote, quotes inside doubled)",
                     why);
  };
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (parser.pstate == kRowNotBegun) {  // outside a quoted field that spans lines
      if (!line.empty() && line[0] == '#') {
        metadata_.push_back(line);
        continue;
      }
      records.current_line = n;
    }
    line += '\n';
    if (csv_parse(&parser, line.data(), line.size(), on_field, on_record_end, &records) != line.size()) fail_parse(n);
  }
  // A quote left open runs to the end of the file: the record it opened is the one to name.
  if (csv_fini(&parser, on_field, on_record_end, &records) != 0) fail_parse(records.current_line);
  csv_free(&parser);
  if (records.cells.rows() == 0) throw InputError({path, n}, "header", "a line naming the columns", "none");
  for (size_t i = 0; i < records.cells.fields(0); ++i) {
    const std::string name(records.cells.field(0, i));
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw InputError({path, records.lines.front()}, "header", "columns among " + list, "\"" + name + "\"");
    }
    if (!column_.emplace(name, i).second)
      throw InputError({path, records.lines.front()}, "header", "each column once", "\"" + name + "\" twice");
  }
  for (size_t r = 1; r < records.cells.rows(); ++r)
    if (records.cells.fields(r) != column_.size())
      throw InputError({path, records.lines[r]}, "row", std::to_string(column_.size()) + " fields as in the header",
                       std::to_string(records.cells.fields(r)));
  cells_ = std::move(records.cells);
  lines_ = std::move(records.lines);
}

void CsvCells::add_field(std::string_view text) {
  text_ += text;
  field_end_.push_back(text_.size());
}

void CsvCells::end_row() { row_end_.push_back(field_end_.size()); }

std::string_view CsvCells::field(size_t row, size_t index) const {
  const size_t k = first_field(row) + index;
  const size_t begin = k == 0 ? 0 : field_end_[k - 1];
  return std::string_view(text_).substr(begin, field_end_[k] - begin);
}

void CsvTable::require_column(const std::string& name) const {
  if (!has_column(name)) throw InputError({path_, 0}, "header", "a column named " + name, "none");
}

std::string CsvTable::text(size_t row, const std::string& column) const {
  const auto it = column_.find(column);
  return it == column_.end() ? std::string() : std::string(cells_.field(row + 1, it->second));  // row 0: the header
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
