# Sourced by the tools that change data (the API fuzzer, the benchmark): a throwaway copy of
# the services on the real Postgres, Kafka and Redis servers, with its own database, Kafka
# namespace (topics, groups and dead-letter topics under a prefix), Redis database and ports,
# removed again by copy_stop. Needs lib.sh, DATABASE_ADMIN_URL, KAFKA_BROKERS, REDIS_URL and
# the build output in dist/.
#
#   copy_init <marker> <port base> <redis db> <state dir>   names the copy (call first)
#   copy_start [extra env assignments…]                     creates, provisions and starts it
#   copy_port <service>                                     the port a service of the copy listens on
#   copy_stop                                               stops it and drops what it created

copy_init() {
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
  mkdir -p "$COPY_DIR"
}

copy_port() {
  local i
  for i in "${!SERVICES[@]}"; do [[ "${SERVICES[$i]}" == "$1" ]] && echo $((COPY_PORT_BASE + i + 1)); done
}

copy_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

copy_start() {
  local s i
  for s in "${SERVICES[@]}"; do
    if copy_port_in_use "$(copy_port "$s")"; then
      log "port $(copy_port "$s") is in use; choose another port base"
      return 1
    fi
  done
  log "starting an isolated copy: database $COPY_DATABASE, Kafka prefix $COPY_MARKER, $COPY_REDIS_URL, ports $((COPY_PORT_BASE + 1))-$((COPY_PORT_BASE + ${#SERVICES[@]}))"
  "${COPY_ISOLATED[@]}" create-database "$COPY_DATABASE"
  (
    export DATABASE_ADMIN_URL="$COPY_ADMIN_URL" KAFKA_TOPIC_PREFIX="$COPY_MARKER"
    prepare_database_and_topics >"$COPY_DIR/provision.log" 2>&1 || { cat "$COPY_DIR/provision.log" >&2; exit 1; }
  )
  for s in "${SERVICES[@]}"; do
    env PORT="$(copy_port "$s")" HOST=127.0.0.1 NODE_ENV=test LOG_LEVEL=warn \
      DATABASE_URL="$(DATABASE_ADMIN_URL="$COPY_ADMIN_URL" service_database_url "$s")" \
      KAFKA_TOPIC_PREFIX="$COPY_MARKER" REDIS_URL="$COPY_REDIS_URL" "$@" \
      node "${COPY_NODE_ARGS[@]}" "$REPO_ROOT/dist/apps/$s/src/main.js" >"$COPY_DIR/$s.log" 2>&1 &
    echo $! >"$COPY_DIR/$s.pid"
  done
  for s in "${SERVICES[@]}"; do
    for i in $(seq 1 120); do
      if curl -fsS "http://127.0.0.1:$(copy_port "$s")/health/ready" >/dev/null 2>&1; then break; fi
      if ! kill -0 "$(cat "$COPY_DIR/$s.pid")" 2>/dev/null || [[ $i -eq 120 ]]; then
        log "$s did not become ready; last log lines:"
        tail -n 30 "$COPY_DIR/$s.log" >&2
        return 1
      fi
      sleep 0.5
    done
  done
}

copy_stop() {
  local s pid
  for s in "${SERVICES[@]}"; do
    [[ -f "$COPY_DIR/$s.pid" ]] || continue
    pid="$(cat "$COPY_DIR/$s.pid")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$COPY_DIR/$s.pid"
  done
  DATABASE_ADMIN_URL="$DATABASE_ADMIN_URL" REDIS_URL="$COPY_REDIS_URL" "${COPY_ISOLATED[@]}" drop "$COPY_DATABASE" ||
    log "could not drop database $COPY_DATABASE or flush Redis db $COPY_REDIS_DB"
  KAFKA_TOPIC_PREFIX="$COPY_MARKER" node "$REPO_ROOT/dist/libs/messaging/src/cli/drop-namespace.js" ||
    log "could not drop the Kafka namespace $COPY_MARKER"
}
