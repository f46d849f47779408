#!/usr/bin/env bash
# Start a real embedded Neo4j 5.26 (Community) with Bolt on 127.0.0.1, in the background.
#
#   tools/neo4j/start.sh            (works from any directory)
#
# Environment (all optional):
#   NEO4J_PORT           Bolt port                                  (default 7687)
#   NEO4J_HOME_DIR       Neo4j home: data, logs/debug.log           (default <repo>/.data/neo4j)
#   NEO4J_PASSWORD       password of user neo4j, set on every start (default diplograph-dev)
#   NEO4J_START_TIMEOUT  seconds to wait for Bolt                   (default 180)
#   NEO4J_HEAP           max heap, e.g. 2g or 1536m                 (default 2g; -Xms is min(512m, heap))
#   NEO4J_PAGECACHE      page cache size                            (default 512m)
#   NEO4J_TX_MAX         per-transaction memory cap, 0 = unlimited  (default 1g)
#   NEO4J_TX_TOTAL_MAX   memory all transactions together may use   (default Neo4j's: 70% of the heap)
#                        A load of up to 200,000 new rows is one transaction: about 2.5 KB per
#                        row it creates. A larger one is staged, and its last transaction needs
#                        about 3 KB per node it creates (258,000 nodes: 791 MiB, inside the
#                        default cap; 1.3 million: NEO4J_TX_MAX=0 and a heap of 8g).
#   NEO4J_TX_LOG_SIZE    size at which a transaction log file is rotated, e.g. 16m (default Neo4j's:
#                        256 MB, each file written out in full when it is started, and kept 2 days).
#                        When set, log files are not written out ahead and only the newest is kept:
#                        a database for tests, not one to back up. The tests' instances use it.
#   NEO4J_JAVA_OPTS      extra JVM options, appended
#   JAVA_HOME            JDK/JRE 17+ to use (default: java on PATH)
#
# Files: <repo>/.data/neo4j.log and <repo>/.data/neo4j.pid for port 7687; for any other port
# <repo>/.data/neo4j-PORT.log / .pid, so a second instance (other port + other home) can run beside
# the default one. Stop with tools/neo4j/stop.sh (same NEO4J_PORT).
#
# If something already answers on 127.0.0.1:PORT this does nothing and exits 0. The Maven project is
# (re)built only when target/ is missing or older than pom.xml/src (first build downloads from Maven
# Central into ~/.m2; after that starting needs no network).
set -euo pipefail

TOOL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$TOOL_DIR/../.." && pwd)"
DATA_DIR="$REPO_ROOT/.data"

PORT="${NEO4J_PORT:-7687}"
HOME_DIR="${NEO4J_HOME_DIR:-$DATA_DIR/neo4j}"
export NEO4J_PASSWORD="${NEO4J_PASSWORD:-diplograph-dev}"
TIMEOUT="${NEO4J_START_TIMEOUT:-180}"
HEAP="${NEO4J_HEAP:-2g}"
PAGECACHE="${NEO4J_PAGECACHE:-512m}"
TX_MAX="${NEO4J_TX_MAX:-1g}"
TX_TOTAL_MAX="${NEO4J_TX_TOTAL_MAX:-}"
TX_LOG_SIZE="${NEO4J_TX_LOG_SIZE:-}"

if [[ "$PORT" == 7687 ]]; then SUFFIX=""; else SUFFIX="-$PORT"; fi
LOG_FILE="$DATA_DIR/neo4j$SUFFIX.log"
PID_FILE="$DATA_DIR/neo4j$SUFFIX.pid"
BUILD_LOG="$DATA_DIR/neo4j-build.log"
READY_LINE="diplograph-neo4j ready bolt://127.0.0.1:$PORT"
MAIN_CLASS="org.diplograph.neo4j.Launcher"

die() { echo "neo4j start: $*" >&2; exit 1; }

[[ "$PORT" =~ ^[0-9]+$ ]] || die "NEO4J_PORT must be a number, got '$PORT'"
[[ "$TIMEOUT" =~ ^[0-9]+$ ]] || die "NEO4J_START_TIMEOUT must be seconds, got '$TIMEOUT'"

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# pid alive and really our launcher (not a recycled pid)?
is_launcher() {
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS"
}

wait_ready() { # pid
  local pid="$1" deadline=$((SECONDS + TIMEOUT))
  while ((SECONDS < deadline)); do
    if grep -qxF "$READY_LINE" "$LOG_FILE" 2>/dev/null; then
      echo "$READY_LINE (pid $pid, home $HOME_DIR, log $LOG_FILE)"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "neo4j start: process $pid exited before Bolt was ready; last 40 lines of $LOG_FILE:" >&2
      tail -n 40 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      return 1
    fi
    sleep 0.5
  done
  echo "neo4j start: Bolt not ready after ${TIMEOUT}s; stopping pid $pid; last 40 lines of $LOG_FILE:" >&2
  tail -n 40 "$LOG_FILE" >&2 || true
  NEO4J_PORT="$PORT" "$TOOL_DIR/stop.sh" >&2 || true
  return 1
}

if port_open "$PORT"; then
  echo "something already answers on 127.0.0.1:$PORT; not starting another Neo4j"
  exit 0
fi

mkdir -p "$DATA_DIR"

# One start.sh per port at a time; a concurrent one waits here, then finds the port answering.
if command -v flock >/dev/null; then
  exec 8>"$DATA_DIR/neo4j$SUFFIX.start.lock"
  flock -w "$TIMEOUT" 8 || die "another start.sh for port $PORT is still running after ${TIMEOUT}s"
  if port_open "$PORT"; then
    echo "something already answers on 127.0.0.1:$PORT; not starting another Neo4j"
    exit 0
  fi
fi

# A launcher that is still starting up (e.g. left by an interrupted start.sh): wait for it instead.
if [[ -f "$PID_FILE" ]]; then
  OLD_PID="$(cat "$PID_FILE" 2>/dev/null || true)"
  if is_launcher "$OLD_PID"; then
    echo "neo4j on port $PORT is starting (pid $OLD_PID); waiting"
    wait_ready "$OLD_PID"
    exit $?
  fi
  rm -f "$PID_FILE"
fi

# ---- build the runnable layout (target/classes + target/lib/*.jar) if missing or stale ----
STAMP="$TOOL_DIR/target/.diplograph-built"
needs_build() {
  [[ -f "$STAMP" && -f "$TOOL_DIR/target/classes/org/diplograph/neo4j/Launcher.class" ]] || return 0
  compgen -G "$TOOL_DIR/target/lib/*.jar" >/dev/null || return 0
  [[ -n "$(find "$TOOL_DIR/pom.xml" "$TOOL_DIR/src" -newer "$STAMP" -print -quit)" ]] && return 0
  return 1
}

build() {
  command -v mvn >/dev/null || die "mvn (Maven 3) not found; needed once to build tools/neo4j"
  # clean only when pom.xml changed (dependency versions), so target/lib never mixes versions;
  # a source-only change keeps the jars that other running instances have open.
  local goals=(package)
  if [[ ! -f "$STAMP" || "$TOOL_DIR/pom.xml" -nt "$STAMP" ]]; then goals=(clean package); fi
  echo "building tools/neo4j (mvn ${goals[*]}; the first build downloads Neo4j from Maven Central) ..."
  if ! (cd "$TOOL_DIR" && mvn -q -B "${goals[@]}" -DskipTests) >"$BUILD_LOG" 2>&1; then
    echo "neo4j start: maven build failed; last 40 lines of $BUILD_LOG:" >&2
    tail -n 40 "$BUILD_LOG" >&2
    exit 1
  fi
  touch "$STAMP"
}

if needs_build; then
  if command -v flock >/dev/null; then
    # Serialise concurrent start.sh runs (e.g. two instances started at once).
    exec 9>"$DATA_DIR/neo4j-build.lock"
    flock 9
    if needs_build; then build; fi
    flock -u 9
    exec 9>&-
  else
    build
  fi
fi

# ---- JVM ----
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java || true)"; fi
[[ -n "$JAVA" ]] || die "java not found (need Java 17+)"

to_mib() { # 2g / 1536m / 1048576k -> MiB
  local v="${1,,}"
  case "$v" in
    *g) echo $((${v%g} * 1024)) ;;
    *m) echo "${v%m}" ;;
    *k) echo $((${v%k} / 1024)) ;;
    *) die "NEO4J_HEAP must look like 2g or 1536m, got '$1'" ;;
  esac
}
HEAP_MIB="$(to_mib "$HEAP")"
[[ "$HEAP_MIB" =~ ^[0-9]+$ && "$HEAP_MIB" -ge 128 ]] || die "NEO4J_HEAP too small or malformed: '$HEAP'"
XMS_MIB=$((HEAP_MIB < 512 ? HEAP_MIB : 512))

# The flags Neo4j 5.26 itself starts with (server.jvm.additional defaults of its neo4j.conf, plus the
# -Dfile.encoding its bootloader adds), and a few more opens that embedded users commonly need.
JVM_FLAGS=(
  "-Xms${XMS_MIB}m" "-Xmx${HEAP_MIB}m"
  -XX:+UseG1GC
  -XX:-OmitStackTraceInFastThrow
  -XX:+AlwaysPreTouch
  -XX:+UnlockExperimentalVMOptions
  -XX:+TrustFinalNonStaticFields
  -XX:+DisableExplicitGC
  -Djdk.nio.maxCachedBufferSize=1024
  -Dio.netty.tryReflectionSetAccessible=true
  -Djdk.tls.ephemeralDHKeySize=2048
  -Djdk.tls.rejectClientInitiatedRenegotiation=true
  -XX:FlightRecorderOptions=stackdepth=256
  -XX:+UnlockDiagnosticVMOptions
  -XX:+DebugNonSafepoints
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --enable-native-access=ALL-UNNAMED
  -Dlog4j2.disable.jmx=true
  -Dlog4j.layout.jsonTemplate.maxStringLength=32768
  -Dfile.encoding=UTF-8
  # additions (not in Neo4j's default list):
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
  -XX:+ExitOnOutOfMemoryError
)
# shellcheck disable=SC2206
EXTRA_OPTS=(${NEO4J_JAVA_OPTS:-})

mkdir -p "$HOME_DIR"
# The Launcher has no option for the global transaction pool or the transaction logs; a settings file
# passed with --conf sets them (and replaces any -Ddiplograph.neo4j.conf given in NEO4J_JAVA_OPTS).
CONF_LINES=()
if [[ -n "$TX_TOTAL_MAX" ]]; then
  [[ "${TX_TOTAL_MAX,,}" =~ ^[0-9]+[kmg]?$ ]] || die "NEO4J_TX_TOTAL_MAX must look like 8g or 6144m, got '$TX_TOTAL_MAX'"
  CONF_LINES+=("dbms.memory.transaction.total.max=$TX_TOTAL_MAX")
fi
if [[ -n "$TX_LOG_SIZE" ]]; then
  [[ "${TX_LOG_SIZE,,}" =~ ^[0-9]+[kmg]?$ ]] || die "NEO4J_TX_LOG_SIZE must look like 16m, got '$TX_LOG_SIZE'"
  # Two databases with two preallocated 256 MB files each made the tests' homes about 1 GB apiece.
  CONF_LINES+=("db.tx_log.rotation.size=$TX_LOG_SIZE" "db.tx_log.preallocate=false" "db.tx_log.rotation.retention_policy=false")
fi
CONF_ARGS=()
rm -f "$HOME_DIR/diplograph-tx.conf"
if ((${#CONF_LINES[@]})); then
  printf '%s\n' "${CONF_LINES[@]}" >"$HOME_DIR/diplograph-tx.conf"
  CONF_ARGS=(--conf "$HOME_DIR/diplograph-tx.conf")
fi
[[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"
: >"$LOG_FILE"

# setsid: own session, so a Ctrl-C / closed terminal of the caller does not take Neo4j down.
# env --default-signal=INT: bash starts background jobs with SIGINT ignored, and the JVM would keep
# it ignored; reset it so `kill -INT` stops Neo4j cleanly, like SIGTERM (stop.sh uses SIGTERM).
WRAP=()
command -v setsid >/dev/null && WRAP=(setsid)
env --default-signal=INT true 2>/dev/null && WRAP+=(env --default-signal=INT)
cd "$REPO_ROOT"
nohup "${WRAP[@]}" "$JAVA" "${JVM_FLAGS[@]}" "${EXTRA_OPTS[@]}" \
  -cp "$TOOL_DIR/target/classes:$TOOL_DIR/target/lib/*" "$MAIN_CLASS" \
  --home "$HOME_DIR" --port "$PORT" --pagecache "$PAGECACHE" --tx-max "$TX_MAX" "${CONF_ARGS[@]}" \
  </dev/null >>"$LOG_FILE" 2>&1 8>&- 9>&- &
PID=$!
echo "$PID" >"$PID_FILE"
echo "starting neo4j (pid $PID) on 127.0.0.1:$PORT, home $HOME_DIR, log $LOG_FILE"
wait_ready "$PID"
