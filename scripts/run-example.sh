#!/usr/bin/env bash
# Runs a TypeScript file (an example) on Node >= 22.13, installing Node 24 first if the machine's
# Node is older. Usage: bash scripts/run-example.sh examples/custom-steps.ts [args...]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bash scripts/run-example.sh <file.ts> [args...]" >&2; exit 2; }
bash scripts/install.sh
source scripts/ensure-node.sh
exec node --import tsx "$@"
