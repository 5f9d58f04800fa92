#!/usr/bin/env bash
# Local infrastructure for cs-platform: PostgreSQL, Redis and Apache Kafka (KRaft, one node).
#
#   bash scripts/infra.sh up           start all three (idempotent; fast when already up)
#   bash scripts/infra.sh down         stop all three (data is kept)
#   bash scripts/infra.sh status       show each one's state; exit 1 if any is down
#   bash scripts/infra.sh kafka-stop   stop only the Kafka broker (data is kept)
#   bash scripts/infra.sh kafka-start  start only the Kafka broker again and wait for it
#   bash scripts/infra.sh kafka-freeze freeze the Kafka broker (SIGSTOP: connections open, nothing answered)
#   bash scripts/infra.sh kafka-thaw   let a frozen broker go on (as local processes, kafka-start and up do too)
#   bash scripts/infra.sh postgres-restart  stop Postgres (fast: sessions ended) and start it again
#   bash scripts/infra.sh env          print shell exports: eval "$(bash scripts/infra.sh env)"
#
# With a usable Docker engine (`docker info` succeeds) the services run from
# docker-compose.yml. Otherwise they run as local processes on 127.0.0.1: Postgres and
# Redis from Debian packages (installed when missing), Kafka from its Maven Central jars on
# the machine's JDK (see infra/kafka/).
#
# Environment:
#   CS_INFRA_MODE     auto (default) | docker | local
#   CS_INFRA_DIR      state: data, logs, pidfiles         (default: <repo>/.infra)
#   CS_CACHE_DIR      downloaded Kafka jars               (default: ~/.cache/cs-platform)
#   CS_PG_PORT        PostgreSQL port                     (default: 5432)
#   CS_REDIS_PORT     Redis port                          (default: 6379)
#   CS_KAFKA_PORT     Kafka client (PLAINTEXT) port       (default: 19092)
#   CS_KAFKA_CONTROLLER_PORT  KRaft controller port       (default: 19093)
#   CS_KAFKA_TIMEOUT  seconds to wait for Kafka readiness (default: 90)
#   COPY_CLAIM_WAIT_SECONDS  longest wait of up and down for the servers (default: 600): up holds
#                     them shared, so it waits for a test suite of any run on this machine that has
#                     stopped one on purpose; down holds them alone, so it waits for every test
#                     run and isolated copy using them (ADR 0182)
#
# Log lines go to stderr, prefixed [infra]; `env` and `status` print to stdout.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

PG_PORT="${CS_PG_PORT:-5432}"
REDIS_PORT="${CS_REDIS_PORT:-6379}"
KAFKA_PORT="${CS_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${CS_KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_TIMEOUT="${CS_KAFKA_TIMEOUT:-90}"
PG_PASSWORD=postgres
PG_DB=cs

KAFKA_SRC="$REPO/infra/kafka"
# Single source of truth for the local broker's version: infra/kafka/pom.xml.
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\([^<]*\)</kafka.version>.*:\1:p' "$KAFKA_SRC/pom.xml" | head -n1)"
COMPOSE_FILE="$REPO/docker-compose.yml"
INFRA_SERVICES=(postgres redis kafka)

log() { printf '[infra] %s\n' "$*" >&2; }
die() {
  printf '[infra] ERROR: %s\n' "$*" >&2
  exit 1
}
source "$REPO/scripts/machine-hold.sh"

usage() {
  sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
}

# ----------------------------------------------------------------------------------------
# common helpers
# ----------------------------------------------------------------------------------------

init_dirs() {
  local dir="${CS_INFRA_DIR:-$REPO/.infra}"
  mkdir -p "$dir"
  INFRA="$(cd "$dir" && pwd)"
  local cache="${CS_CACHE_DIR:-${HOME:-/root}/.cache/cs-platform}"
  mkdir -p "$cache"
  CACHE="$(cd "$cache" && pwd)"
  KAFKA_HOME="$CACHE/kafka-$KAFKA_VERSION"
  KAFKA_LIBS="$KAFKA_HOME/libs"
  KAFKA_DIR="$INFRA/kafka"
  KAFKA_DATA="$KAFKA_DIR/data"
  KAFKA_PID="$KAFKA_DIR/kafka.pid"
  KAFKA_LOG="$KAFKA_DIR/kafka.log"
  REDIS_DIR="$INFRA/redis"
  REDIS_PID="$REDIS_DIR/redis.pid"
  REDIS_LOG="$REDIS_DIR/redis.log"
  # Where the Postgres cluster lives is decided once by `up` (see pg_resolve_root).
  PG_ROOT="$INFRA/pg"
  if [[ -s "$INFRA/pg.location" ]]; then PG_ROOT="$(cat "$INFRA/pg.location")"; fi
  PG_DATA="$PG_ROOT/data"
  PG_LOG="$PG_ROOT/postgres.log"
}

# Serialise up/down/kafka-*/postgres-restart between concurrent callers (e.g. parallel test scripts).
# The lock is held on fd 9; every daemon is started with 9>&- so that it does not inherit
# the lock and hold it for as long as it runs.
take_lock() {
  exec 9>"$INFRA/infra.lock"
  if ! flock -w 300 9; then die "another scripts/infra.sh is still running (lock $INFRA/infra.lock)"; fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pid from a pidfile if that process is alive and its command line contains $2.
live_pid() {
  local file="$1" pattern="$2" pid
  [[ -s "$file" ]] || return 1
  pid="$(tr -dc '0-9' <"$file")"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$pattern" || return 1
  echo "$pid"
}

# Wait until pid $1 has exited, at most $2 seconds.
wait_gone() {
  local pid="$1" secs="$2" i
  for ((i = 0; i < secs * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  ! kill -0 "$pid" 2>/dev/null
}

tail_log() {
  local file="$1" n="${2:-40}"
  if [[ -s "$file" ]]; then
    log "---- last $n lines of $file ----"
    tail -n "$n" "$file" >&2
    log "----"
  fi
}

APT_UPDATED=""
apt_install() {
  if [[ $EUID -ne 0 ]]; then
    die "missing: $* — not root, so install them yourself: sudo apt-get update && sudo apt-get install -y $*"
  fi
  command -v apt-get >/dev/null || die "missing: $* — and no apt-get on this machine to install them"
  # Debian packages try to start their own system service on install (a system Postgres
  # cluster on 5432, a system redis on 6379) which would take our ports. policy-rc.d
  # exit 101 forbids that; install a temporary one unless the machine already has one.
  local guard="" rc=0 aptlog="$INFRA/apt.log"
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\n# temporary, from cs-platform scripts/infra.sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    guard=1
  fi
  log "installing Debian packages: $* (log: $aptlog)"
  {
    if [[ -z "$APT_UPDATED" ]]; then apt-get update -q && APT_UPDATED=1; fi &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
  } >"$aptlog" 2>&1 || rc=$?
  if [[ -n "$guard" ]]; then rm -f /usr/sbin/policy-rc.d; fi
  if [[ $rc -ne 0 ]]; then
    tail_log "$aptlog" 30
    die "apt-get install $* failed (exit $rc)"
  fi
}

# ----------------------------------------------------------------------------------------
# PostgreSQL (own cluster, never the system one)
# ----------------------------------------------------------------------------------------

# Runs a command as the postgres OS user (initdb and postgres refuse to run as root).
as_pg() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Newest installed /usr/lib/postgresql/<v>/bin, or the one matching an existing cluster.
pg_find_bin() {
  local want="" d
  if [[ -s "$PG_DATA/PG_VERSION" ]]; then want="$(cat "$PG_DATA/PG_VERSION")"; fi
  if [[ -n "$want" ]]; then
    d="/usr/lib/postgresql/$want/bin"
    if [[ -x "$d/initdb" && -x "$d/postgres" ]]; then
      echo "$d"
      return 0
    fi
    return 1
  fi
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    if [[ -x "$d/initdb" && -x "$d/postgres" ]]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

pg_ensure_installed() {
  if PG_BIN="$(pg_find_bin)"; then return 0; fi
  if [[ -s "$PG_DATA/PG_VERSION" ]]; then
    apt_install "postgresql-$(cat "$PG_DATA/PG_VERSION")"
  else
    apt_install postgresql
  fi
  PG_BIN="$(pg_find_bin)" || die "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin after install"
}

# The cluster directory must be writable by the postgres user. <infra>/pg is, unless some
# parent directory is closed to others (a repo under /root, say); then fall back to a
# directory under the postgres user's home and remember the choice in <infra>/pg.location.
pg_resolve_root() {
  if [[ -s "$INFRA/pg.location" ]]; then return 0; fi
  local root="$INFRA/pg"
  mkdir -p "$root"
  if [[ $EUID -eq 0 ]]; then chown postgres: "$root" && chmod 700 "$root"; fi
  if ! as_pg test -w "$root" 2>/dev/null; then
    local home
    home="$(getent passwd postgres | cut -d: -f6)"
    [[ -n "$home" && -d "$home" ]] || die "the postgres user cannot write $root, and has no home directory to fall back to; set CS_INFRA_DIR to a directory it can reach"
    root="$home/cs-platform-$(printf '%s' "$INFRA" | cksum | cut -d' ' -f1)"
    log "postgres cannot reach $INFRA/pg (a parent directory is closed); using $root"
    mkdir -p "$root"
    chown postgres: "$root"
    chmod 700 "$root"
    rmdir "$INFRA/pg" 2>/dev/null || true
  fi
  echo "$root" >"$INFRA/pg.location"
  PG_ROOT="$root"
  PG_DATA="$PG_ROOT/data"
  PG_LOG="$PG_ROOT/postgres.log"
}

pg_running() { [[ -n "${PG_BIN:-}" && -s "$PG_DATA/postmaster.pid" ]] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

pg_running_port() { sed -n '4p' "$PG_DATA/postmaster.pid" 2>/dev/null; }

pg_psql() {
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -v ON_ERROR_STOP=1 -q \
    -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"
}

pg_init() {
  local pwfile="$PG_ROOT/.pwfile"
  log "postgres: initdb $PG_DATA ($("$PG_BIN/postgres" --version))"
  printf '%s\n' "$PG_PASSWORD" >"$pwfile"
  if [[ $EUID -eq 0 ]]; then chown postgres: "$pwfile"; fi
  chmod 600 "$pwfile"
  if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --pwfile="$pwfile" \
    --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
    >"$PG_ROOT/initdb.log" 2>&1; then
    rm -f "$pwfile"
    tail_log "$PG_ROOT/initdb.log"
    die "postgres: initdb failed"
  fi
  rm -f "$pwfile"
  # TCP on loopback only (password auth per pg_hba.conf from initdb); no unix socket, so
  # nothing collides with a system cluster's /var/run/postgresql and long paths don't
  # matter. The port is given at start (-p), so CS_PG_PORT can change between runs.
  cat >>"$PG_DATA/postgresql.conf" <<'EOF'

# ---- cs-platform local development/CI settings (scripts/infra.sh) ----
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
log_min_messages = warning
log_line_prefix = '%m [%p] %q%u@%d '
EOF
}

pg_up() {
  pg_ensure_installed
  pg_resolve_root
  PG_BIN="$(pg_find_bin)" || pg_ensure_installed
  if [[ ! -s "$PG_DATA/PG_VERSION" ]]; then
    pg_init
  fi
  if pg_running; then
    local port
    port="$(pg_running_port)"
    if [[ "$port" != "$PG_PORT" ]]; then
      log "postgres: running on port $port, restarting on $PG_PORT"
      as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m fast -w -t 60 >/dev/null
    fi
  fi
  if ! pg_running; then
    if port_open "$PG_PORT"; then
      die "postgres: port $PG_PORT is taken by another process (a system PostgreSQL?); stop it or set CS_PG_PORT"
    fi
    log "postgres: starting on 127.0.0.1:$PG_PORT"
    # setsid: the server must outlive the shell (and process group) that started it.
    if ! as_pg setsid -w "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -o "-p $PG_PORT" -w -t 60 -s start 9>&-; then
      tail_log "$PG_LOG"
      die "postgres: did not start"
    fi
  fi
  local i
  for ((i = 0; i < 60; i++)); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; then break; fi
    sleep 0.5
  done
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2 || {
    tail_log "$PG_LOG"
    die "postgres: not accepting connections on 127.0.0.1:$PG_PORT"
  }
  if [[ "$(pg_psql -d postgres -Atc "select 1 from pg_database where datname = '$PG_DB'")" != 1 ]]; then
    log "postgres: creating database $PG_DB"
    pg_psql -d postgres -c "create database $PG_DB"
  fi
  pg_psql -d "$PG_DB" -Atc 'select 1' >/dev/null || die "postgres: cannot query database $PG_DB as postgres"
}

pg_down() {
  PG_BIN="$(pg_find_bin)" || {
    log "postgres: not installed, nothing to stop"
    return 0
  }
  if pg_running; then
    log "postgres: stopping"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m fast -w -t 60 -s || die "postgres: did not stop"
  else
    log "postgres: not running"
  fi
}

pg_status() {
  PG_BIN="$(pg_find_bin)" || {
    echo "postgres  down  (not installed)"
    return 1
  }
  if pg_running && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$(pg_running_port)" -t 2; then
    echo "postgres  up    127.0.0.1:$(pg_running_port)  db=$PG_DB  pid=$(head -n1 "$PG_DATA/postmaster.pid")  data=$PG_DATA"
  elif pg_running; then
    echo "postgres  starting/unhealthy  (pid $(head -n1 "$PG_DATA/postmaster.pid"), log $PG_LOG)"
    return 1
  else
    echo "postgres  down"
    return 1
  fi
}

# ----------------------------------------------------------------------------------------
# Redis (no persistence: it holds nothing whose loss would lose data)
# ----------------------------------------------------------------------------------------

redis_ensure_installed() {
  if command -v redis-server >/dev/null && command -v redis-cli >/dev/null; then return 0; fi
  apt_install redis-server redis-tools
  command -v redis-server >/dev/null || die "redis-server not found after install"
}

redis_ping() { [[ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" == PONG ]]; }

redis_up() {
  redis_ensure_installed
  mkdir -p "$REDIS_DIR"
  local pid
  if pid="$(live_pid "$REDIS_PID" redis-server)"; then
    if redis_ping "$REDIS_PORT"; then return 0; fi
    log "redis: pid $pid is not answering on $REDIS_PORT, restarting it"
    kill -TERM "$pid" 2>/dev/null || true
    wait_gone "$pid" 20 || kill -KILL "$pid" 2>/dev/null || true
  fi
  if port_open "$REDIS_PORT"; then
    die "redis: port $REDIS_PORT is taken by another process (a system redis?); stop it or set CS_REDIS_PORT"
  fi
  log "redis: starting on 127.0.0.1:$REDIS_PORT"
  rm -f "$REDIS_PID"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
    --dir "$REDIS_DIR" --pidfile "$REDIS_PID" --logfile "$REDIS_LOG" --loglevel notice \
    --save '' --appendonly no 9>&- || {
    tail_log "$REDIS_LOG"
    die "redis: redis-server failed to start"
  }
  local i
  for ((i = 0; i < 50; i++)); do
    if redis_ping "$REDIS_PORT"; then return 0; fi
    sleep 0.2
  done
  tail_log "$REDIS_LOG"
  die "redis: not answering PING on 127.0.0.1:$REDIS_PORT"
}

redis_down() {
  local pid
  if pid="$(live_pid "$REDIS_PID" redis-server)"; then
    log "redis: stopping"
    kill -TERM "$pid"
    if ! wait_gone "$pid" 30; then
      log "redis: still running after 30 s, killing"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$REDIS_PID"
  else
    log "redis: not running"
  fi
}

redis_status() {
  local pid port
  if pid="$(live_pid "$REDIS_PID" redis-server)"; then
    port="$(tr '\0' ' ' <"/proc/$pid/cmdline" | grep -o ':[0-9]*' | tail -n1 | tr -d :)"
    port="${port:-$REDIS_PORT}"
    if command -v redis-cli >/dev/null && redis_ping "$port"; then
      echo "redis     up    127.0.0.1:$port  pid=$pid"
      return 0
    fi
    echo "redis     unhealthy  (pid $pid not answering PING, log $REDIS_LOG)"
    return 1
  fi
  echo "redis     down"
  return 1
}

# ----------------------------------------------------------------------------------------
# Apache Kafka (KRaft, one node that is broker and controller)
# ----------------------------------------------------------------------------------------

java_ensure_installed() {
  if command -v java >/dev/null && command -v javac >/dev/null; then return 0; fi
  apt_install openjdk-17-jdk-headless
}

kafka_fetch() {
  [[ -n "$KAFKA_VERSION" ]] || die "kafka: cannot read <kafka.version> from $KAFKA_SRC/pom.xml"
  if [[ -f "$KAFKA_HOME/.complete" && -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]]; then return 0; fi
  command -v mvn >/dev/null || apt_install maven
  mkdir -p "$KAFKA_DIR"
  local tmp mvnlog="$KAFKA_DIR/mvn.log"
  tmp="$(mktemp -d "$CACHE/kafka-$KAFKA_VERSION.tmp.XXXXXX")"
  log "kafka: fetching Apache Kafka $KAFKA_VERSION jars from Maven Central into $KAFKA_HOME (log: $mvnlog)"
  if ! mvn -B -q -f "$KAFKA_SRC/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp/libs" >"$mvnlog" 2>&1; then
    rm -rf "$tmp"
    tail_log "$mvnlog"
    die "kafka: Maven could not fetch org.apache.kafka:kafka_2.13:$KAFKA_VERSION"
  fi
  [[ -f "$tmp/libs/kafka_2.13-$KAFKA_VERSION.jar" ]] || die "kafka: kafka_2.13-$KAFKA_VERSION.jar missing after fetch"
  touch "$tmp/.complete"
  rm -rf "$KAFKA_HOME"
  mv "$tmp" "$KAFKA_HOME"
}

# The readiness probe (infra/kafka/KafkaReady.java), compiled once against the jars.
kafka_probe_build() {
  local src="$KAFKA_SRC/KafkaReady.java" out="$KAFKA_HOME/probe"
  if [[ -f "$out/KafkaReady.class" && "$out/KafkaReady.class" -nt "$src" ]]; then return 0; fi
  mkdir -p "$out" "$KAFKA_DIR"
  javac -nowarn -cp "$KAFKA_LIBS/*" -d "$out" "$src" >"$KAFKA_DIR/probe-build.log" 2>&1 || {
    tail_log "$KAFKA_DIR/probe-build.log"
    die "kafka: could not compile $src"
  }
}

# kafka_probe PORT SECONDS: exit 0 when an admin client sees a working broker.
kafka_probe() {
  java -Xmx64m -XX:TieredStopAtLevel=1 -Xshare:auto -Dlog4j.configuration="file:$KAFKA_SRC/log4j.properties" \
    -cp "$KAFKA_LIBS/*:$KAFKA_HOME/probe" KafkaReady "127.0.0.1:$1" "$2" >"$KAFKA_DIR/probe.log" 2>&1
}

kafka_java() {
  java -Dlog4j.configuration="file:$KAFKA_SRC/log4j.properties" -cp "$KAFKA_LIBS/*" "$@"
}

kafka_prepare() {
  java_ensure_installed
  kafka_fetch
  kafka_probe_build
  mkdir -p "$KAFKA_DATA"
  sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
    -e "s|@LOG_DIRS@|$KAFKA_DATA|g" "$KAFKA_SRC/server.properties.template" >"$KAFKA_DIR/server.properties"
  if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
    local id
    if [[ -s "$KAFKA_DIR/cluster.id" ]]; then
      id="$(cat "$KAFKA_DIR/cluster.id")"
    else
      id="$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
      [[ -n "$id" ]] || die "kafka: could not generate a cluster id"
      echo "$id" >"$KAFKA_DIR/cluster.id"
    fi
    log "kafka: formatting storage $KAFKA_DATA (cluster id $id)"
    kafka_java kafka.tools.StorageTool format --ignore-formatted -t "$id" \
      -c "$KAFKA_DIR/server.properties" >"$KAFKA_DIR/format.log" 2>&1 || {
      tail_log "$KAFKA_DIR/format.log"
      die "kafka: storage format failed"
    }
  fi
}

kafka_wait_ready() {
  local pid="$1" deadline=$((SECONDS + KAFKA_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail_log "$KAFKA_LOG" 60
      die "kafka: the broker exited during startup"
    fi
    if kafka_probe "$KAFKA_PORT" 5; then return 0; fi
    sleep 1
  done
  tail_log "$KAFKA_LOG" 60
  tail_log "$KAFKA_DIR/probe.log" 5
  die "kafka: not ready on 127.0.0.1:$KAFKA_PORT after ${KAFKA_TIMEOUT}s"
}

# Whether process $1 is stopped by a signal (kafka-freeze): the state after its name in /proc/<pid>/stat.
stopped_by_signal() { [[ "$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$1/stat" 2>/dev/null)" == T ]]; }

# A broker left frozen (its freezer killed before it thawed it) would keep every later run waiting
# on connections that never answer: whatever starts or stops it lets it go on first.
kafka_thaw_if_frozen() {
  local pid
  if pid="$(live_pid "$KAFKA_PID" kafka.Kafka)" && stopped_by_signal "$pid"; then
    log "kafka: broker pid $pid was frozen; letting it go on"
    kill -CONT "$pid"
    echo "==== $(date -Is) scripts/infra.sh let the frozen broker go on (pid $pid) ====" >>"$KAFKA_LOG"
  fi
}

kafka_up() {
  kafka_prepare
  kafka_thaw_if_frozen
  local pid
  if pid="$(live_pid "$KAFKA_PID" kafka.Kafka)"; then
    if kafka_probe "$KAFKA_PORT" 5; then return 0; fi
    log "kafka: broker pid $pid is running but not ready yet; waiting"
    kafka_wait_ready "$pid"
    return 0
  fi
  local port
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_open "$port"; then die "kafka: port $port is taken by another process; stop it or set CS_KAFKA_PORT / CS_KAFKA_CONTROLLER_PORT"; fi
  done
  log "kafka: starting Apache Kafka $KAFKA_VERSION (KRaft) on 127.0.0.1:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT)"
  {
    echo
    echo "==== $(date -Is) scripts/infra.sh starting Apache Kafka $KAFKA_VERSION ===="
  } >>"$KAFKA_LOG"
  # setsid: the broker must outlive the shell (and process group) that started it.
  setsid java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Dlog4j.configuration="file:$KAFKA_SRC/log4j.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_DIR/server.properties" \
    >>"$KAFKA_LOG" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$KAFKA_PID"
  kafka_wait_ready "$pid"
  log "kafka: ready (pid $pid)"
}

kafka_down() {
  local pid
  # A frozen broker would take SIGTERM only once it went on.
  kafka_thaw_if_frozen
  if pid="$(live_pid "$KAFKA_PID" kafka.Kafka)"; then
    log "kafka: stopping broker (pid $pid)"
    kill -TERM "$pid"
    if ! wait_gone "$pid" 60; then
      log "kafka: still running after 60 s, killing"
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 10 || true
    fi
    echo "==== $(date -Is) scripts/infra.sh stopped the broker (pid $pid) ====" >>"$KAFKA_LOG"
    log "kafka: stopped"
  else
    log "kafka: not running"
  fi
  rm -f "$KAFKA_PID"
}

kafka_status() {
  local pid port
  if pid="$(live_pid "$KAFKA_PID" kafka.Kafka)"; then
    if stopped_by_signal "$pid"; then
      echo "kafka     frozen  (pid $pid, stopped by kafka-freeze; bash scripts/infra.sh kafka-thaw lets it go on)"
      return 1
    fi
    port="$(sed -n 's|^listeners=PLAINTEXT://127.0.0.1:\([0-9]*\),.*|\1|p' "$KAFKA_DIR/server.properties" 2>/dev/null)"
    port="${port:-$KAFKA_PORT}"
    if [[ -f "$KAFKA_HOME/probe/KafkaReady.class" ]] && kafka_probe "$port" 5; then
      echo "kafka     up    127.0.0.1:$port  Apache Kafka $KAFKA_VERSION (KRaft)  pid=$pid  data=$KAFKA_DATA"
      return 0
    fi
    echo "kafka     unhealthy  (pid $pid, not answering on $port: $(tail -n1 "$KAFKA_DIR/probe.log" 2>/dev/null); log $KAFKA_LOG)"
    return 1
  fi
  echo "kafka     down"
  return 1
}

# ----------------------------------------------------------------------------------------
# Docker mode
# ----------------------------------------------------------------------------------------

use_docker() {
  case "${CS_INFRA_MODE:-auto}" in
    docker) return 0 ;;
    local) return 1 ;;
    auto)
      command -v docker >/dev/null 2>&1 &&
        timeout 15 docker info >/dev/null 2>&1 &&
        timeout 15 docker compose version >/dev/null 2>&1
      ;;
    *) die "CS_INFRA_MODE must be auto, docker or local (got '${CS_INFRA_MODE}')" ;;
  esac
}

dc() { docker compose -f "$COMPOSE_FILE" "$@"; }

docker_status() {
  local svc id state rc=0
  for svc in "${INFRA_SERVICES[@]}"; do
    id="$(dc ps -q "$svc" 2>/dev/null || true)"
    if [[ -z "$id" ]]; then
      printf '%-9s down\n' "$svc"
      rc=1
      continue
    fi
    state="$(docker inspect -f '{{.State.Status}}{{if .State.Health}}/{{.State.Health.Status}}{{end}}' "$id")"
    printf '%-9s %s  (container %s)\n' "$svc" "$state" "${id:0:12}"
    [[ "$state" == running/healthy ]] || rc=1
  done
  return $rc
}

# ----------------------------------------------------------------------------------------
# commands
# ----------------------------------------------------------------------------------------

print_env() {
  echo "export DATABASE_ADMIN_URL=postgres://postgres:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
  echo "export KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT"
  echo "export REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
}

print_where() {
  cat <<EOF
[infra] up ($1):
  postgres  postgres://postgres:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB
  redis     redis://127.0.0.1:$REDIS_PORT
  kafka     127.0.0.1:$KAFKA_PORT  (Apache Kafka $KAFKA_VERSION, KRaft single node, auto-create off)
  state     $INFRA
  use:      eval "\$(bash scripts/infra.sh env)"
EOF
}

cmd_up() {
  # Held shared, as a test suite holds them (ADR 0182): a suite of a run on this machine may have
  # stopped Kafka or restarted Postgres on purpose, and `up` would start them under it. It waits for
  # that suite instead, and only then takes the lock that suite's own kafka-start asks for.
  machine_hold "scripts/infra.sh up" shared || exit 1
  if use_docker; then
    log "Docker engine found: docker compose up ${INFRA_SERVICES[*]}"
    dc up -d --wait --wait-timeout 180 "${INFRA_SERVICES[@]}"
    print_where "docker compose"
  else
    take_lock
    pg_up
    redis_up
    kafka_up
    print_where "local processes"
  fi
  machine_release
}

cmd_down() {
  # Alone: the test runs and isolated copies on this machine using the servers end first.
  machine_hold "scripts/infra.sh down" alone || exit 1
  if use_docker; then
    dc down --timeout 60
  else
    take_lock
    kafka_down
    redis_down
    pg_down
  fi
  machine_release
}

cmd_status() {
  local rc=0
  if use_docker; then
    echo "[infra] mode: docker compose ($COMPOSE_FILE)"
    docker_status || rc=1
    return $rc
  fi
  echo "[infra] mode: local processes (state in $INFRA)"
  pg_status || rc=1
  redis_status || rc=1
  kafka_status || rc=1
  return $rc
}

cmd_kafka_stop() {
  if use_docker; then
    dc stop --timeout 60 kafka
    return 0
  fi
  take_lock
  kafka_down
}

cmd_kafka_start() {
  if use_docker; then
    dc up -d --wait --wait-timeout 180 kafka
    return 0
  fi
  take_lock
  kafka_up
}

# A host frozen with its connections open, as a paused VM or a partition that drops packets
# rather than refusing them: the broker process stopped by SIGSTOP (in Docker, the container paused).
cmd_kafka_freeze() {
  if use_docker; then
    dc pause kafka
    return 0
  fi
  take_lock
  local pid
  pid="$(live_pid "$KAFKA_PID" kafka.Kafka)" || die "kafka: not running; nothing to freeze"
  kill -STOP "$pid"
  echo "==== $(date -Is) scripts/infra.sh froze the broker (pid $pid) ====" >>"$KAFKA_LOG"
  log "kafka: frozen (pid $pid)"
}

cmd_kafka_thaw() {
  if use_docker; then
    dc unpause kafka
    return 0
  fi
  take_lock
  live_pid "$KAFKA_PID" kafka.Kafka >/dev/null || die "kafka: not running; nothing to thaw"
  kafka_thaw_if_frozen
}

# Only a Postgres this script runs: one it does not (an address given in the environment) is not
# its to restart, and restarting one that is not running would start, or create, a new one.
cmd_postgres_restart() {
  if use_docker; then
    [[ -n "$(dc ps -q postgres 2>/dev/null)" ]] || die "postgres: not running under docker compose; nothing to restart"
    dc restart --timeout 60 postgres
    dc up -d --no-recreate --wait --wait-timeout 120 postgres
    return 0
  fi
  take_lock
  pg_resolve_root
  PG_BIN="$(pg_find_bin)" || die "postgres: not installed; nothing to restart"
  pg_running || die "postgres: not running; nothing to restart"
  pg_down
  pg_up
}

main() {
  local cmd="${1:-}"
  case "$cmd" in
    env)
      print_env
      return 0
      ;;
    up | down | status | kafka-stop | kafka-start | kafka-freeze | kafka-thaw | postgres-restart) ;;
    -h | --help | help)
      usage
      return 0
      ;;
    *)
      usage
      if [[ -z "$cmd" ]]; then die "missing command"; fi
      die "unknown command: $cmd"
      ;;
  esac
  init_dirs
  case "$cmd" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    kafka-stop) cmd_kafka_stop ;;
    kafka-start) cmd_kafka_start ;;
    kafka-freeze) cmd_kafka_freeze ;;
    kafka-thaw) cmd_kafka_thaw ;;
    postgres-restart) cmd_postgres_restart ;;
  esac
}

main "$@"
