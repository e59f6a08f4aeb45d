#!/usr/bin/env bash
# The test command: installs what is missing, then type-checks, lints and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/install-system.sh
source scripts/ensure-node.sh
npm run typecheck
npm run lint
# Every ts code block of the README and docs/ compiles against the API as it is.
npm run -s check:docs

report=node_modules/.cache/scribe-test-report.json
mkdir -p "$(dirname "$report")"
rm -f "$report"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" || status=$?
node scripts/print-test-summary.mjs "$report" || status=1
exit "$status"
