# Sourced by the tools that change data (the API fuzzer, the benchmark): a throwaway copy of
# the services on the real Postgres, Kafka and Redis servers, with its own database, Kafka
# namespace (topics, groups and dead-letter topics under a prefix), Redis database and ports,
# removed again by copy_stop. Needs lib.sh, DATABASE_ADMIN_URL, KAFKA_BROKERS, REDIS_URL and
# the build output in dist/.
#
#   copy_run_dir <tool's directory> <marker>                a directory of the run's own under the
#                                                           tool's (made; runs over a week old pruned)
#   copy_init <marker> <port base> <redis db> <state dir> [<setting>]
#                                                           names the copy, claims its ports, its
#                                                           replicas' too, and Redis database on this
#                                                           machine, and holds the machine's servers
#                                                           shared until copy_stop (call first); a
#                                                           refused Redis database is told with the
#                                                           setting that chose it (e.g. FUZZ_REDIS_DB)
#   copy_start [extra env assignments…]                     creates, provisions and starts it
#   copy_port <service>                                     the port a service of the copy listens on
#   copy_start_replica <service> <n>                        one more process of a service (n ≥ 2) on
#                                                           the same database, Kafka group and
#                                                           partitions; prints the port it listens
#                                                           on, copy_port + 6·(n−1); n up to
#                                                           COPY_REPLICAS (2 unless set before copy_init)
#   copy_stop_replica <service> <n>                         stops that process again
#   copy_stop                                               stops it (replicas too) and drops what it created
#
# The claims and the hold on the servers are machine_hold's (scripts/machine-hold.sh, sourced here):
# a coprocess of the shell that sources this, with what that asks of the shell; each wait lasts
# COPY_CLAIM_WAIT_SECONDS (600 unless set) at most.
#
# Run as a command, it starts or stops a replica of a copy started elsewhere (the benchmark's
# scale-out scenario does, mid-run), from the state copy_start left in the state dir:
#   bash scripts/isolated-copy.sh replica start|stop <service> <n> <state dir>

source "$(dirname "${BASH_SOURCE[0]}")/machine-hold.sh"

# The Redis databases others empty, which a copy may not take: it empties its own when it stops.
# The test runs' pool and the instance suite's are TEST_REDIS_POOL and INSTANCE_SPEC_REDIS_POOL of
# libs/testing/src/test-redis-pool.ts, which a unit test holds these equal to; 0 is the development
# system's (scripts/up.sh).
COPY_TEST_REDIS_POOL=(9 10 11 12 13)
COPY_INSTANCE_SPEC_REDIS_POOL=(6 7 8)

# copy_check_redis_db <redis db> [<setting>]: fails, saying why, for a database that is not the
# copy's to take. Only 0 to 15, plainly written: Redis has sixteen, a larger number would fail only
# once the services connect, and one past bash's integers would wrap in its arithmetic.
copy_check_redis_db() {
  local db other="choose another${2:+ ($2)}"
  if [[ ! "$1" =~ ^(0|1[0-5]?|[2-9])$ ]]; then
    log "the copy's Redis database${2:+ ($2)} must be one of Redis's sixteen, 0 to 15 in decimal, not '$1'"
    return 1
  fi
  if (($1 == 0)); then
    log "Redis database 0 is the development system's (scripts/up.sh), which the copy would empty when it stops; $other"
    return 1
  fi
  for db in "${COPY_TEST_REDIS_POOL[@]}"; do
    if (($1 == db)); then
      log "Redis database $1 is in the test runs' pool (${COPY_TEST_REDIS_POOL[*]}: TEST_REDIS_POOL in libs/testing/src/test-redis-pool.ts), whose run the copy would empty when it stops; $other"
      return 1
    fi
  done
  for db in "${COPY_INSTANCE_SPEC_REDIS_POOL[@]}"; do
    if (($1 == db)); then
      log "Redis database $1 is the instance suite's (${COPY_INSTANCE_SPEC_REDIS_POOL[*]}: INSTANCE_SPEC_REDIS_POOL in libs/testing/src/test-redis-pool.ts), which the copy would empty when it stops; $other"
      return 1
    fi
  done
}

copy_init() {
  # Before claiming anything, so that a refused copy holds nothing another copy waits for.
  copy_check_redis_db "$3" "${5:-}" || return 1
  COPY_MARKER="$1"
  COPY_PORT_BASE="$2"
  COPY_REDIS_DB="$3"
  COPY_DIR="$4"
  COPY_DATABASE="cs_${COPY_MARKER//-/_}"
  COPY_ADMIN_URL="${DATABASE_ADMIN_URL%/*}/$COPY_DATABASE"
  COPY_REDIS_URL="$(sed -E 's#/[0-9]*$##' <<<"$REDIS_URL")/$COPY_REDIS_DB"
  COPY_ISOLATED=(node "$REPO_ROOT/dist/libs/testing/src/cli/isolated-instance.js")
  # Node's own flags for the services (e.g. --cpu-prof, which NODE_OPTIONS refuses).
  COPY_NODE_ARGS=()
  # The extra env assignments given to copy_start, which replicas are started with too.
  COPY_EXTRA_ENV=()
  # Processes of each service the copy may run: its replicas' ports are claimed with its own.
  COPY_REPLICAS="${COPY_REPLICAS:-2}"
  mkdir -p "$COPY_DIR"
  # The copy's claims, each a lock file on this machine, not in the checkout, held from here to
  # copy_stop (or the shell's end), so that a copy from another checkout waits instead of taking
  # the same ports, or having its Redis database emptied under it when the other stops.
  local port
  COPY_CLAIMS=()
  # Each port alone, so that two copies whose ranges overlap (one's base among the other's replicas' ports) see it.
  for ((port = COPY_PORT_BASE + 1; port <= COPY_PORT_BASE + ${#SERVICES[@]} * COPY_REPLICAS; port++)); do
    copy_claim "cs-platform-copy-port-$port.lock" "port $port" "choose others"
  done
  copy_claim "cs-platform-copy-redis-db-$COPY_REDIS_DB.lock" "Redis database $COPY_REDIS_DB" "choose another"
  # The servers last: a copy waiting for another's claims holds nothing that keeps a test suite out.
  machine_hold "the copy" shared "${COPY_CLAIMS[@]}"
}

# copy_claim <lock file name> <what it claims> <advice>: one more claim in COPY_CLAIMS, with its
# words for machine_hold (the advice is what to do when another holds it past the wait).
copy_claim() {
  local file
  file="$(machine_lock_file "$1")"
  COPY_CLAIMS+=("$file")
  MACHINE_CLAIM_WHAT["$file"]="$2"
  MACHINE_CLAIM_ADVICE["$file"]="$3"
}

# copy_run_dir <tool's directory> <marker>: a directory of the run's own (its pid files, its state,
# the fuzzer's queue and reports), so that a run killed with processes left running (its services,
# the fuzzer's lanes) keeps writing to its own and the next run shares nothing with it. Runs of
# the tool over a week old are pruned.
copy_run_dir() {
  mkdir -p "$1"
  find "$1" -mindepth 1 -maxdepth 1 -mtime +7 -exec rm -rf {} + 2>/dev/null || true
  mkdir -p "$1/$2"
  echo "$1/$2"
}

# Fails for a name that is not a service's (its status was the last comparison's before, so
# under `set -e` an assignment from it stopped the script for any service but the last).
copy_port() {
  local i
  for i in "${!SERVICES[@]}"; do
    if [[ "${SERVICES[$i]}" == "$1" ]]; then
      echo $((COPY_PORT_BASE + i + 1))
      return 0
    fi
  done
  return 1
}

# Replica n of each service listens n−1 blocks of ports after the copy's own: base+7 … for n = 2.
copy_replica_port() { echo $(($(copy_port "$1") + ${#SERVICES[@]} * ($2 - 1))); }

copy_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# copy_launch <service> <process name> <port>: one process of a service, its pid in <name>.pid.
# Its clients (the fuzzer, the benchmark) reach it directly, with no gateway or proxy in front:
# it believes no X-Forwarded-For entry (TRUSTED_PROXY_HOPS=0) unless copy_start is given one.
copy_launch() {
  (
    exec env PORT="$3" HOST=127.0.0.1 NODE_ENV=test LOG_LEVEL=warn TRUSTED_PROXY_HOPS=0 \
      DATABASE_URL="$(DATABASE_ADMIN_URL="$COPY_ADMIN_URL" service_database_url "$1")" \
      KAFKA_TOPIC_PREFIX="$COPY_MARKER" REDIS_URL="$COPY_REDIS_URL" "${COPY_EXTRA_ENV[@]}" \
      node "${COPY_NODE_ARGS[@]}" "$REPO_ROOT/dist/apps/$1/src/main.js"
  ) </dev/null >"$COPY_DIR/$2.log" 2>&1 &
  echo $! >"$COPY_DIR/$2.pid"
}

# copy_await_ready <process name> <port>
copy_await_ready() {
  await_ready "$1" "$2" "$COPY_DIR/$1.pid" "$COPY_DIR/$1.log" 60
}

# copy_kill <process name>: SIGTERM, ten seconds to drain, then SIGKILL.
copy_kill() {
  local pid
  [[ -f "$COPY_DIR/$1.pid" ]] || return 0
  pid="$(cat "$COPY_DIR/$1.pid")"
  kill -TERM "$pid" 2>/dev/null || true
  # A process the benchmark paused (SIGSTOP) and did not continue only sees the TERM once continued.
  kill -CONT "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$COPY_DIR/$1.pid"
}

copy_start() {
  local s
  COPY_EXTRA_ENV=("$@")
  for s in "${SERVICES[@]}"; do
    if copy_port_in_use "$(copy_port "$s")"; then
      log "port $(copy_port "$s") is in use; choose another port base"
      return 1
    fi
  done
  log "starting an isolated copy: database $COPY_DATABASE, Kafka prefix $COPY_MARKER, $COPY_REDIS_URL, ports $((COPY_PORT_BASE + 1))-$((COPY_PORT_BASE + ${#SERVICES[@]}))"
  # Pid files left by a copy that was killed before it could stop: not ours to stop.
  rm -f "$COPY_DIR"/*.pid
  "${COPY_ISOLATED[@]}" create-database "$COPY_DATABASE"
  (
    export DATABASE_ADMIN_URL="$COPY_ADMIN_URL" KAFKA_TOPIC_PREFIX="$COPY_MARKER"
    prepare_database_and_topics >"$COPY_DIR/provision.log" 2>&1 || { cat "$COPY_DIR/provision.log" >&2; exit 1; }
  )
  declare -p COPY_MARKER COPY_PORT_BASE COPY_REPLICAS COPY_REDIS_DB COPY_DIR COPY_DATABASE COPY_ADMIN_URL COPY_REDIS_URL COPY_ISOLATED COPY_NODE_ARGS COPY_EXTRA_ENV \
    >"$COPY_DIR/copy.state"
  for s in "${SERVICES[@]}"; do copy_launch "$s" "$s" "$(copy_port "$s")"; done
  for s in "${SERVICES[@]}"; do copy_await_ready "$s" "$(copy_port "$s")" || return 1; done
}

copy_start_replica() {
  local port
  if (($2 > ${COPY_REPLICAS:-2})); then
    log "replica $2 of $1 listens on a port the copy has not claimed (COPY_REPLICAS=${COPY_REPLICAS:-2}); set COPY_REPLICAS before copy_init"
    return 1
  fi
  port="$(copy_replica_port "$1" "$2")"
  if copy_port_in_use "$port"; then
    log "port $port is in use; choose another port base"
    return 1
  fi
  copy_launch "$1" "$1-$2" "$port"
  copy_await_ready "$1-$2" "$port" && echo "$port"
}

copy_stop_replica() { copy_kill "$1-$2"; }

copy_stop() {
  local pidfile
  for pidfile in "$COPY_DIR"/*.pid; do
    [[ -e "$pidfile" ]] && copy_kill "$(basename "$pidfile" .pid)"
  done
  DATABASE_ADMIN_URL="$DATABASE_ADMIN_URL" REDIS_URL="$COPY_REDIS_URL" "${COPY_ISOLATED[@]}" drop "$COPY_DATABASE" ||
    log "could not drop database $COPY_DATABASE or flush Redis db $COPY_REDIS_DB"
  KAFKA_TOPIC_PREFIX="$COPY_MARKER" node "$REPO_ROOT/dist/libs/messaging/src/cli/drop-namespace.js" ||
    log "could not drop the Kafka namespace $COPY_MARKER"
  machine_release
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  if [[ $# -ne 5 || "$1" != replica || ! "$2" =~ ^(start|stop)$ ]]; then
    echo "usage: bash scripts/isolated-copy.sh replica start|stop <service> <n> <state dir>" >&2
    exit 2
  fi
  source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
  source "$5/copy.state"
  if [[ "$2" == start ]]; then copy_start_replica "$3" "$4"; else copy_stop_replica "$3" "$4"; fi
fi
