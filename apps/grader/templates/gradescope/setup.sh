#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (its Ubuntu base image,
# with network): Node.js 22 LTS from nodejs.org (checked against the release's SHASUMS256.txt),
# pnpm, then fitcheck's production dependencies exactly as pnpm-lock.yaml pins them. Chromium only
# when the lab asks for PDFs. Written by `fitcheck gradescope build`; do not edit it in the zip.
set -euo pipefail

NODE_MAJOR=22
PNPM_VERSION=12.4.2
cd "$(dirname "$0")"

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl xz-utils

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "setup.sh: no Node.js build for $(uname -m)" >&2; exit 1 ;;
esac
dist="https://nodejs.org/dist/latest-v${NODE_MAJOR}.x"
sums="$(curl -fsSL "$dist/SHASUMS256.txt")"
tarball="$(printf '%s\n' "$sums" | awk -v a="linux-$arch.tar.xz" '$2 ~ a"$" { print $2; exit }')"
[ -n "$tarball" ] || { echo "setup.sh: no Node.js $NODE_MAJOR build for linux-$arch" >&2; exit 1; }
curl -fsSLO "$dist/$tarball"
printf '%s\n' "$sums" | grep " $tarball\$" | sha256sum -c -
tar -xJf "$tarball" -C /usr/local --strip-components=1 --no-same-owner
rm -f "$tarball"
node --version

npm install -g "pnpm@$PNPM_VERSION"
# Production dependencies only, from the lockfile; no install scripts (fitcheck trains on its wasm
# backend, which run_autograder selects: the optional tfjs-node download is not needed).
pnpm install --prod --frozen-lockfile --ignore-scripts

if node -e 'process.exit(require("./fitcheck-gradescope.json").pdf ? 0 : 1)'; then
  # Ubuntu's chromium is a snap, which a container cannot run: Playwright's own build, and its libraries.
  node apps/grader/node_modules/playwright-core/cli.js install --with-deps chromium
  chrome="$(find "$HOME/.cache/ms-playwright" -path '*chrome-linux*/chrome' -type f | head -n 1)"
  printf 'CHROME_PATH=%q\n' "$chrome" > fitcheck-chrome.env
fi

# The image is only built if fitcheck starts and reads its lab.
node apps/grader/dist/bin.js gradescope check
