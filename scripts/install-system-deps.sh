#!/usr/bin/env bash
# Debian packages fitcheck's tests need; a no-op when they are already there.
set -euo pipefail
need=()
for pair in "$@"; do need+=("$pair"); done
[ ${#need[@]} -eq 0 ] && exit 0
missing=()
for pkg in "${need[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
