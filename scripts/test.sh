#!/usr/bin/env bash
# The test command: installs what is missing, then type-checks, lints and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
source scripts/ensure-node.sh
npm run typecheck
npm run lint
npm test
