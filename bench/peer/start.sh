#!/usr/bin/env bash
# Start the peer (the Neo4j GraphQL Library on graphql-yoga) in the foreground.
#
#   NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=... PORT=4000 bench/peer/start.sh
#
# Installs the locked dependencies with `npm ci` first when node_modules is
# missing or older than package.json / package-lock.json (npm writes
# node_modules/.package-lock.json on every install), then execs node, so the
# server's pid is this script's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

stamp=node_modules/.package-lock.json
if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" || package.json -nt "$stamp" ]]; then
  echo "peer: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  touch "$stamp"
fi
exec node server.js
