#include "core/name_index.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace orbitsim {
namespace {

std::string folded(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Levenshtein distance, one row at a time.
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

NameIndex::NameIndex(std::vector<std::string> names) : names_(std::move(names)) {
  for (size_t i = 0; i < names_.size(); ++i) {
    exact_.emplace(names_[i], static_cast<int>(i));
    const auto [it, inserted] = folded_.emplace(folded(names_[i]), static_cast<int>(i));
    if (!inserted && it->second != static_cast<int>(i)) it->second = -2;
  }
}

int NameIndex::find(std::string_view name) const {
  if (const auto it = exact_.find(std::string(name)); it != exact_.end()) return it->second;
  const auto it = folded_.find(folded(name));
  return it == folded_.end() || it->second < 0 ? -1 : it->second;
}

std::string NameIndex::closest(std::string_view name) const {
  const std::string wanted = folded(name);
  const size_t limit = std::max<size_t>(2, wanted.size() / 3);
  std::vector<std::tuple<size_t, size_t>> near;  // (distance, index)
  for (size_t i = 0; i < names_.size(); ++i) {
    const std::string candidate = folded(names_[i]);
    // A name that starts with what was typed ("san" for "San Francisco") is a suggestion too.
    const size_t d = candidate.rfind(wanted, 0) == 0 ? 1 : edit_distance(wanted, candidate);
    if (d <= limit) near.emplace_back(d, i);
  }
  std::sort(near.begin(), near.end());
  std::string out;
  for (size_t k = 0; k < std::min<size_t>(3, near.size()); ++k)
    out += (k ? ", \"" : "\"") + names_[std::get<1>(near[k])] + "\"";
  return out;
}

std::string NameIndex::did_you_mean(std::string_view name) const {
  const std::string c = closest(name);
  return c.empty() ? "" : "; did you mean " + c + "?";
}

}  // namespace orbitsim
