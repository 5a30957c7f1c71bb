#!/usr/bin/env bash
# Installs orbitsim's build and run dependencies from Debian's packages, and the 3D viewer's pinned npm
# packages (CesiumJS, playwright-core for its browser test) from tools/viewer/package-lock.json. Slurm
# and munge are installed for `sweep --backend slurm` and its test, which starts a one-node cluster
# itself (tools/slurm/local_slurm.sh); nothing is started here.
# Idempotent: packages that are already installed are skipped, and apt-get runs only when something is
# missing; npm ci runs only when node_modules is absent or older than the lockfile.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

packages=(
  build-essential cmake pkg-config valgrind
  libsimgrid-dev libboost-graph-dev libspdlog-dev libfmt-dev libyaml-cpp-dev
  libcli11-dev nlohmann-json3-dev libcsv-dev libgtest-dev libgmock-dev libbenchmark-dev libgoogle-perftools-dev
  python3 python3-numpy python3-pandas python3-matplotlib
  chromium
  slurm-wlm munge
)
# The viewer's test needs node >= 20 (playwright-core); Debian's own nodejs only when none is installed.
command -v node > /dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages already installed"
else
  if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi

viewer="$here/viewer"
if [[ ! -f "$viewer/node_modules/.package-lock.json" || "$viewer/package-lock.json" -nt "$viewer/node_modules/.package-lock.json" ]]; then
  echo "setup: npm ci in tools/viewer (CesiumJS and playwright-core, pinned by package-lock.json)"
  (cd "$viewer" && npm ci --no-audit --no-fund --loglevel=error)
else
  echo "setup: tools/viewer/node_modules up to date"
fi
