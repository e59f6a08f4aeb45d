#!/usr/bin/env bash
# Runs `scribe demo` from source: the whole pipeline, for real, against a local fixture world.
# Installs what is missing first (a Node at or above the package.json floor, npm dependencies, Debian's Chromium), like the
# test command. It uses the deterministic fake model unless --model names a real one.
# Usage: bash scripts/demo.sh [--model openai:gpt-5-mini] [--db ./scribe-demo.db] [--verbose]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
# Chromium only: the demo needs neither PostgreSQL nor Redis.
if [ ! -x /usr/bin/chromium ] && [ -z "${PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH:-}" ]; then
  bash "$repo/scripts/install-system.sh"
fi
exec bash "$repo/scripts/run-example.sh" "$repo/src/cli/main.ts" demo "$@"
