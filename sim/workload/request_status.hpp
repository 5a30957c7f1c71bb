// Where an inference request stands; its text is written only at output (requests.csv, summary.json).
#pragma once

#include <string_view>

namespace orbitsim {

enum class RequestStatus { kNotArrived, kUploading, kQueued, kRunning, kRetrying, kFinished, kFailed, kRejected };

constexpr std::string_view to_string(RequestStatus s) {
  switch (s) {
    case RequestStatus::kNotArrived: return "not_arrived";
    case RequestStatus::kUploading: return "uploading";
    case RequestStatus::kQueued: return "queued";
    case RequestStatus::kRunning: return "running";
    case RequestStatus::kRetrying: return "retrying";
    case RequestStatus::kFinished: return "finished";
    case RequestStatus::kFailed: return "failed";
    case RequestStatus::kRejected: return "rejected";
  }
  return "unknown";
}

}  // namespace orbitsim
