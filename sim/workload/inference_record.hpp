// What a run records of each inference request: the outcome, the tokens' arrival times at the station
// and the milestones of the copy that answered (requests.csv, inference_report.hpp).
#pragma once

#include <string>
#include <vector>

#include "workload/inference_requests.hpp"
#include "workload/request_status.hpp"

namespace orbitsim {

// Where a request's time went: the milestones of the copy that answered it (after a stream handover, the
// first satellite's until its first token, the last one's after). -1 / -1 hops until reached.
struct RequestMilestones {
  double upload_start_s = -1.0;           // the answering attempt's prompt leaves the station
  double prompt_delivered_s = -1.0;       // ... reaches the serving satellite
  double prefill_start_s = -1.0;          // its prefill step starts
  double first_token_generated_s = -1.0;  // that step ends
  double last_token_generated_s = -1.0;
  int uplink_hops = -1;    // links from the station to the serving satellite when the upload starts
  int downlink_hops = -1;  // links from the serving satellite to the station at the first token
};

struct InferenceRequestRecord {
  InferenceRequestSpec spec;
  RequestStatus status = RequestStatus::kNotArrived;
  int attempts = 0;
  std::string reason;
  int serving_satellite = -1;
  double prompt_delivered_s = -1.0;
  std::vector<double> token_arrival_s;  // at the station, in generation order
  int downlink_handovers = 0;           // changes of the satellite that delivers tokens to the station
  int stream_handovers = 0;             // moves of the generation to another satellite (no route left)
  bool corrupted = false;               // an uncorrectable upset hit the answering copy's satellite mid-batch
  int resends = 0;                      // prompts and tokens sent again around a failure (reroute)
  long prompt_tokens_dropped = 0;       // the oldest prompt tokens cut to fit the context window (truncate)
  long cached_prompt_tokens = 0;        // of its last prefill, found in the engine's prefix cache
  long prefix_blocks_hit = 0;           // its blocks found there (of spec.prefix_blocks)
  // How its prefill was priced: "table" (measured), "roofline" (beyond the table; once is enough);
  // empty before any prefill.
  std::string timing_source;
  RequestMilestones answered;  // of a finished request
  long served_input_tokens() const { return spec.input_tokens - prompt_tokens_dropped; }
};

}  // namespace orbitsim
