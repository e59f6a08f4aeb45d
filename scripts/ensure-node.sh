# Sourced, not run: puts Node.js >= 22.13 on PATH for the calling script.
# The library needs Node >= 22.13 (node:sqlite). When the machine's Node is older, Node 24 is
# installed once from the npm registry's `node` package into ~/.node24 and put first on PATH.
node_is_recent_enough() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 22 || (major === 22 && minor >= 13) ? 0 : 1)'
}

if ! node_is_recent_enough; then
  node24_bin="$HOME/.node24/node_modules/.bin"
  if [ ! -x "$node24_bin/node" ]; then
    echo "scribe-pipeline: installing Node 24 into ~/.node24 (the machine's Node is $(node --version 2>/dev/null || echo missing))" >&2
    npm install --silent --no-audit --no-fund --prefix "$HOME/.node24" node@24 >&2
  fi
  export PATH="$node24_bin:$PATH"
  node_is_recent_enough || { echo "scribe-pipeline: could not put Node >= 22.13 on PATH" >&2; return 1; }
fi
