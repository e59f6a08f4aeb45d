#!/usr/bin/env bash
# Runs a TypeScript file (an example, or the CLI from source) on Node at or above the floor in package.json (engines.node), installing Node 24
# first if the machine's Node is older. Paths in the arguments are read from where you ran the
# command (npm's INIT_CWD when run through `npm run`), not from the repository root.
# Usage: bash scripts/run-example.sh examples/custom-steps.ts [args...]
set -euo pipefail
caller="${INIT_CWD:-$PWD}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -ge 1 ] || { echo "usage: bash scripts/run-example.sh <file.ts> [args...]" >&2; exit 2; }
cd "$repo"
bash scripts/install.sh
source scripts/ensure-node.sh
cd "$caller"
# The file itself may be named from where you stand or from the repository (npm scripts do that).
file="$1"
shift
if [ ! -e "$file" ] && [ -e "$repo/$file" ]; then file="$repo/$file"; fi
# tsx and the package's tsconfig (which maps 'scribe-pipeline' to the sources) come from the
# repository, wherever the caller stands.
export TSX_TSCONFIG_PATH="$repo/tsconfig.json"
exec node --import "$repo/node_modules/tsx/dist/loader.mjs" "$file" "$@"
