// CSV input files (jobs, requests, failures, traces), read by libcsv as RFC 4180 has it (quoted fields
// with commas, doubled quotes and line breaks; spaces around unquoted fields trimmed): '#' lines between
// records are metadata (kept verbatim), the first record names the columns, and every field access names
// file, line and column on error.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/input_error.hpp"

namespace orbitsim {

// A table's fields, compactly: one buffer of text and where each field and row ends (a trace of millions
// of rows would take ~3 times the memory as a string per field).
class CsvCells {
 public:
  void add_field(std::string_view text);
  void end_row();
  size_t rows() const { return row_end_.size(); }
  size_t fields(size_t row) const { return row_end_[row] - first_field(row); }
  std::string_view field(size_t row, size_t index) const;

 private:
  size_t first_field(size_t row) const { return row == 0 ? 0 : row_end_[row - 1]; }
  std::string text_;
  std::vector<size_t> field_end_;  // offset in text_ past each field
  std::vector<size_t> row_end_;    // index in field_end_ past each row's last field
};

class CsvTable {
 public:
  // Reads the whole file; `known_columns` lists every column the caller understands (others are an error).
  CsvTable(const std::string& path, const std::vector<std::string>& known_columns);

  size_t rows() const { return cells_.rows() - 1; }  // the header aside
  const std::vector<std::string>& metadata() const { return metadata_; }
  bool has_column(const std::string& name) const { return column_.count(name) > 0; }
  void require_column(const std::string& name) const;
  SourceLocation location(size_t row) const { return {path_, lines_[row + 1]}; }

  // Empty text when the column is absent or the cell is empty.
  std::string text(size_t row, const std::string& column) const;
  double number(size_t row, const std::string& column, double lo, double hi) const;
  long integer(size_t row, const std::string& column, long lo, long hi) const;
  bool empty(size_t row, const std::string& column) const { return text(row, column).empty(); }
  [[noreturn]] void fail(size_t row, const std::string& column, const std::string& expected,
                         const std::string& got) const;

 private:
  std::string path_;
  std::vector<std::string> metadata_;
  std::map<std::string, size_t> column_;
  CsvCells cells_;         // the header's row first
  std::vector<int> lines_;  // of each record, the header's first
};

// One field for a CSV file: as it is, or quoted (quotes doubled) when it holds a comma, quote or line break.
std::string csv_field(std::string_view text);

}  // namespace orbitsim
