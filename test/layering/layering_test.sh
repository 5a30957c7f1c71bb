#!/usr/bin/env bash
# tools/check_layers.py passes on sim/ as it is, and names the file and include chain of each kind of
# violation planted in a copy of it (so the check cannot pass by finding nothing).
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
check="/usr/bin/python3 $root/tools/check_layers.py"
passed=0 failed=0
expect() {  # expect NAME CONDITION...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok: $name"; else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

out=$($check "$root/sim"); status=$?
echo "$out" | tail -1
expect "sim/ as committed has no violation" test "$status" -eq 0

copy=$(mktemp -d); trap 'rm -rf "$copy"' EXIT
cp -r "$root/sim" "$copy/sim"
echo '#include "workload/inference_server.hpp"' >> "$copy/sim/metrics/statistics.hpp"
echo '#include "config/platform_config.hpp"' >> "$copy/sim/topology/router.hpp"
echo '#include <simgrid/s4u/Engine.hpp>' >> "$copy/sim/orbit/sun.hpp"
echo '#include "app/progress.hpp"' >> "$copy/sim/workload/prefix_cache.hpp"
echo '#include "power/battery.hpp"' >> "$copy/sim/orbit/frames.hpp"
out=$($check "$copy/sim"); status=$?
echo "$out"
expect "planted violations fail the check" test "$status" -eq 1
expect "metrics reaching SimGrid through workload is named with its chain" \
  grep -q "^metrics/statistics.hpp: reaches sim/platform (metrics/statistics.hpp -> workload/inference_server.hpp -> platform/" <<<"$out"
expect "topology reaching config is named" grep -q "^topology/router.hpp: reaches config" <<<"$out"
expect "a SimGrid header outside sim/platform is named" grep -q "^orbit/sun.hpp: includes <simgrid/s4u/Engine.hpp>" <<<"$out"
expect "orbit depending on another layer is named" \
  grep -q "^orbit/frames.hpp: includes power/battery.hpp; orbit depends on core and orbit only" <<<"$out"
expect "an app header outside sim/app is named" grep -q "^workload/prefix_cache.hpp: includes app/progress.hpp" <<<"$out"
echo "$passed passed, $failed failed"
test "$failed" -eq 0
