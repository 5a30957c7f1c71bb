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

class CsvTable {
 public:
  // Reads the whole file; `known_columns` lists every column the caller understands (others are an error).
  CsvTable(const std::string& path, const std::vector<std::string>& known_columns);

  size_t rows() const { return rows_.size(); }
  const std::vector<std::string>& metadata() const { return metadata_; }
  bool has_column(const std::string& name) const { return column_.count(name) > 0; }
  void require_column(const std::string& name) const;
  SourceLocation location(size_t row) const { return {path_, lines_[row]}; }

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
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;
};

// One field for a CSV file: as it is, or quoted (quotes doubled) when it holds a comma, quote or line break.
std::string csv_field(std::string_view text);

}  // namespace orbitsim
