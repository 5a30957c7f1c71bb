// Runs the orbitsim binary in a shell and captures its exit code, stdout and stderr (scenario tests).
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace orbitsim::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `args` is appended to the binary's path as shell text; run from the source tree's root.
inline CommandResult run_orbitsim(const std::string& args) {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("orbitsim_cli_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  std::filesystem::create_directories(dir);
  const std::string out = (dir / "out").string(), err = (dir / "err").string();
  const std::string cmd = std::string("cd '") + ORBITSIM_SOURCE_DIR + "' && '" + ORBITSIM_EXE + "' " + args +
                          " >'" + out + "' 2>'" + err + "'";
  const int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_all(out);
  r.err = read_all(err);
  std::filesystem::remove_all(dir);
  return r;
}

// The fields of one CSV line: quoted fields may hold commas and doubled quotes (as csv_field writes them).
inline std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') fields.back() += '"', ++i;
    else if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) fields.emplace_back();
    else fields.back() += c;
  }
  return fields;
}

// Rows of a CSV file as maps from the header's column names; '#' lines before the header (provenance) are
// skipped.
inline std::vector<std::map<std::string, std::string>> csv_rows(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line) && !line.empty() && line[0] == '#') {}
  const std::vector<std::string> header = csv_fields(line);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    std::map<std::string, std::string> row;
    const std::vector<std::string> fields = csv_fields(line);
    for (size_t i = 0; i < header.size(); ++i) row[header[i]] = i < fields.size() ? fields[i] : "";
    rows.push_back(row);
  }
  return rows;
}

inline size_t count_lines(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// The first field of every row of a CSV text (a job's or a request's id): '#' lines and the header skipped.
inline std::set<std::string> first_column_ids(const std::string& csv) {
  std::set<std::string> ids;
  std::stringstream ss(csv);
  std::string line;
  while (std::getline(ss, line))
    if (!line.empty() && line[0] != '#' && line.rfind("job_id", 0) != 0 && line.rfind("req_id", 0) != 0)
      ids.insert(line.substr(0, line.find(',')));
  return ids;
}

// A path under the temporary folder with nothing at it (a previous run's leftovers removed). Each test file
// names its paths with a prefix of its own: ctest runs the files side by side.
inline std::string vacant_temp_path(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(path);
  return path.string();
}

}  // namespace orbitsim::testing
