// The one exception type for bad user input. It names where the problem is (file, line, key path),
// what was found and what was expected, so that main can print a single actionable line and exit 2.
#pragma once

#include <stdexcept>
#include <string>

namespace orbitsim {

struct SourceLocation {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown (e.g. a missing file)
};

class InputError : public std::runtime_error {
 public:
  // "file:line: key_path: expected <expected>, got <got>"
  InputError(const SourceLocation& where, const std::string& key_path, const std::string& expected,
             const std::string& got);
  // "file:line: message" for problems that are not about a single value.
  InputError(const SourceLocation& where, const std::string& message);

  const SourceLocation& where() const { return where_; }

 private:
  SourceLocation where_;
};

}  // namespace orbitsim
