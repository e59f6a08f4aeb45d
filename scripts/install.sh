#!/usr/bin/env bash
# Installs everything the tests and the demo need on a fresh machine. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh

# npm ci only when the lock file changed since the last install (CI always starts clean).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # npm talks on stdout; keep it on stderr so a command's own output (an email, JSON) stays clean.
  npm ci --no-audit --no-fund >&2
fi
