// `hedged`: every request is sent to the serving policy's two best satellites at once; the first complete
// answer is kept and the other copy is cancelled (its batch slot and KV cache freed). A copy that fails
// leaves the other to finish; the request fails only when both have. Twice the prompt uploads and, until
// one finishes, twice the accelerator work.
#include "policy/failover/policies.hpp"

namespace orbitsim {

InferenceRecovery HedgedInference::on_failure(const InferenceFailure&) const { return InferenceRecovery::kFail; }

}  // namespace orbitsim
