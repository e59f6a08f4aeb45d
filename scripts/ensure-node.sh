# Sourced, not run: puts a Node.js at or above the package's floor on PATH for the calling script.
# The floor is read from package.json's `engines.node` (">=X.Y.Z"), the one place it is set.
# When the machine's Node is older, Node 24 is installed once from the npm registry's `node`
# package into ~/.node24 and put first on PATH.
scribe_repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scribe_node_floor="$(sed -n 's/^ *"node": *">= *\([0-9][0-9.]*\)".*/\1/p' "$scribe_repo_root/package.json" | head -n 1)"
if [ -z "$scribe_node_floor" ]; then
  echo "scribe-pipeline: could not read engines.node from $scribe_repo_root/package.json" >&2
  return 1
fi

node_is_recent_enough() {
  command -v node >/dev/null 2>&1 &&
    node -e '
      const need = process.argv[1].split(".").map(Number);
      const have = process.versions.node.split(".").map(Number);
      for (let i = 0; i < 3; i++) if ((have[i] ?? 0) !== (need[i] ?? 0)) process.exit(have[i] > need[i] ? 0 : 1);
    ' "$scribe_node_floor"
}

if ! node_is_recent_enough; then
  node24_bin="$HOME/.node24/node_modules/.bin"
  if [ ! -x "$node24_bin/node" ]; then
    echo "scribe-pipeline: installing Node 24 into ~/.node24 (needs >= $scribe_node_floor; the machine's Node is $(node --version 2>/dev/null || echo missing))" >&2
    npm install --silent --no-audit --no-fund --prefix "$HOME/.node24" node@24 >&2
  fi
  export PATH="$node24_bin:$PATH"
  node_is_recent_enough || { echo "scribe-pipeline: could not put Node >= $scribe_node_floor on PATH" >&2; return 1; }
fi
