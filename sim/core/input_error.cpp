#include "core/input_error.hpp"

namespace orbitsim {
namespace {
std::string prefix(const SourceLocation& where) {
  std::string p = where.file.empty() ? std::string("<input>") : where.file;
  if (where.line > 0) p += ":" + std::to_string(where.line);
  return p + ": ";
}
}  // namespace

InputError::InputError(const SourceLocation& where, const std::string& key_path, const std::string& expected,
                       const std::string& got)
    : std::runtime_error(prefix(where) + key_path + ": expected " + expected + ", got " + got), where_(where) {}

InputError::InputError(const SourceLocation& where, const std::string& message)
    : std::runtime_error(prefix(where) + message), where_(where) {}

}  // namespace orbitsim
