#!/usr/bin/env bash
# Stop the Neo4j started by tools/neo4j/start.sh (same NEO4J_PORT, default 7687).
# SIGTERM (clean shutdown with checkpoint), wait up to NEO4J_STOP_TIMEOUT s (default 60), then
# SIGKILL. Harmless when nothing runs.
set -euo pipefail

TOOL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA_DIR="$(cd "$TOOL_DIR/../.." && pwd)/.data"
PORT="${NEO4J_PORT:-7687}"
STOP_TIMEOUT="${NEO4J_STOP_TIMEOUT:-60}"
if [[ "$PORT" == 7687 ]]; then SUFFIX=""; else SUFFIX="-$PORT"; fi
PID_FILE="$DATA_DIR/neo4j$SUFFIX.pid"
MAIN_CLASS="org.diplograph.neo4j.Launcher"

if [[ ! -f "$PID_FILE" ]]; then
  echo "neo4j on port $PORT: not running (no $PID_FILE)"
  exit 0
fi
PID="$(cat "$PID_FILE" 2>/dev/null || true)"

if [[ -z "$PID" ]] || ! kill -0 "$PID" 2>/dev/null ||
  ! tr '\0' ' ' <"/proc/$PID/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS"; then
  echo "neo4j on port $PORT: not running (stale pid file removed)"
  rm -f "$PID_FILE"
  exit 0
fi

echo "stopping neo4j on port $PORT (pid $PID)"
kill -TERM "$PID" 2>/dev/null || true
deadline=$((SECONDS + STOP_TIMEOUT))
while kill -0 "$PID" 2>/dev/null && ((SECONDS < deadline)); do
  sleep 0.2
done
if kill -0 "$PID" 2>/dev/null; then
  echo "neo4j pid $PID still running after ${STOP_TIMEOUT}s; sending SIGKILL" >&2
  kill -KILL "$PID" 2>/dev/null || true
  while kill -0 "$PID" 2>/dev/null; do sleep 0.2; done
fi
rm -f "$PID_FILE"
echo "neo4j on port $PORT stopped"
