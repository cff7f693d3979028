#!/usr/bin/env bash
# Installs the Debian packages mcm needs to build, test and draw, skipping those already present.
set -euo pipefail
packages=(build-essential cmake ccache libcli11-dev libfmt-dev nlohmann-json3-dev libgtest-dev
          libbenchmark-dev libssl-dev liburcu-dev parallel graphviz time
          clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
