#!/usr/bin/env bash
# CI on the oldest Node the package supports (package.json `engines.node`): installs that exact
# version from the npm registry's `node` package once, then runs the demo and the examples on it.
# The full suite runs on Node 24 (scripts/test.sh); here only what a newcomer runs first, so a
# dependency that needs a newer Node fails CI instead of a user's run halfway through.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh # npm ci and the tools below were installed with it
floor="$scribe_node_floor"
prefix="$HOME/.node-$floor"
if [ ! -x "$prefix/node_modules/.bin/node" ]; then
  echo "ci: installing Node $floor (the floor) into $prefix" >&2
  npm install --silent --no-audit --no-fund --prefix "$prefix" "node@$floor" >&2
fi
export PATH="$prefix/node_modules/.bin:$PATH"
[ "$(node --version)" = "v$floor" ] || { echo "ci: expected Node v$floor, got $(node --version)" >&2; exit 1; }
echo "ci: demo and examples on Node $(node --version)" >&2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The demo as a newcomer runs it; ensure-node.sh keeps the floor Node since it is new enough.
env -u OPENAI_API_KEY -u OPENAI_BASE_URL bash scripts/demo.sh --db "$work/demo.db" >"$work/demo.out"
grep -q '^Saved: email ' "$work/demo.out" || { cat "$work/demo.out"; echo "ci: the demo saved no email" >&2; exit 1; }
# The examples with their tests (they spawn each example with this same Node), plus the one that
# runs offline with a scripted model and has no test of its own (llm-steps.ts needs real keys).
npx vitest run test/examples test/cli/demo.test.ts
for example in examples/custom-llm-step.ts; do
  env -u OPENAI_API_KEY bash scripts/run-example.sh "$example" >"$work/example.out" ||
    { cat "$work/example.out"; echo "ci: $example failed on Node $floor" >&2; exit 1; }
done
