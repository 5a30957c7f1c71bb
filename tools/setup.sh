#!/usr/bin/env bash
# Installs orbitsim's build and run dependencies from Debian's packages. Idempotent: packages that are
# already installed are skipped, and apt-get runs only when something is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libsimgrid-dev libboost-graph-dev libspdlog-dev libfmt-dev libyaml-cpp-dev
  libcli11-dev nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-numpy python3-pandas python3-matplotlib
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
