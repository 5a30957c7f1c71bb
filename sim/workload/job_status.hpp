// Where a training job stands; its text is written only at output (jobs.csv, summary.json).
#pragma once

#include <string_view>

namespace orbitsim {

// recovering: between a failure and the job going on (detection, restart, restore, or a spare's catch-up).
enum class JobStatus { kNotArrived, kQueued, kRunning, kRecovering, kFinished, kFailed };

constexpr std::string_view to_string(JobStatus s) {
  switch (s) {
    case JobStatus::kNotArrived: return "not_arrived";
    case JobStatus::kQueued: return "queued";
    case JobStatus::kRunning: return "running";
    case JobStatus::kRecovering: return "recovering";
    case JobStatus::kFinished: return "finished";
    case JobStatus::kFailed: return "failed";
  }
  return "unknown";
}

}  // namespace orbitsim
