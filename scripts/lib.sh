# Shared by up.sh, down.sh and test.sh: where things are and how to reach them.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVICES=(intake tickets callbacks knowledge reporting notifications)
# The gateway serves every service's /v1 paths, the merged API document and dev sign-in on one origin.
GATEWAY_PORT=3000
RUN_DIR="$REPO_ROOT/.infra/run"
LOG_DIR="$REPO_ROOT/.infra/logs"

log() { echo "[$(basename "$0" .sh)] $*"; }

install_node_modules() {
  if [[ ! -d "$REPO_ROOT/node_modules" || "$REPO_ROOT/package-lock.json" -nt "$REPO_ROOT/node_modules/.package-lock.json" ]]; then
    log "installing node modules"
    # `npm install` rather than `npm ci`: it installs the locked versions too, and tolerates a
    # registry mirror that lacks another platform's optional binaries (which `npm ci` refuses).
    (cd "$REPO_ROOT" && npm install --no-audit --no-fund --loglevel=error)
  fi
}

service_port() {
  case "$1" in
    intake) echo 3001 ;; tickets) echo 3002 ;; callbacks) echo 3003 ;; knowledge) echo 3004 ;; reporting) echo 3005 ;; notifications) echo 3006 ;;
  esac
}

# postgres://<service>:<dev password>@<host:port of the admin URL>/<db>
service_database_url() {
  local rest="${DATABASE_ADMIN_URL#*@}"
  echo "postgres://$1:$1-dev-password@${rest}"
}

# Roles, schemas, per-service migrations and Kafka topics: what the deployment's migration Job does.
prepare_database_and_topics() {
  node "$REPO_ROOT/dist/libs/persistence/src/cli/provision.js"
  local s
  for s in "${SERVICES[@]}"; do
    DATABASE_URL="$(service_database_url "$s")" node "$REPO_ROOT/dist/apps/$s/src/migrate.js"
  done
  node "$REPO_ROOT/dist/libs/messaging/src/cli/provision-topics.js"
}

# Debian's chromium, which the browser test drives through playwright-core; CI starts on a bare machine.
install_chromium() {
  command -v chromium >/dev/null && return
  if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null; then
    log "missing chromium: sudo apt-get install -y chromium"
    exit 1
  fi
  log "installing chromium"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null
}

# The real kustomize for the manifest tests (k8s/manifests.unit.spec.ts): kubectl embeds it;
# without kubectl, the standalone one is built with Go (through the Go module proxy), and Go
# itself comes from apt when missing.
KUSTOMIZE_VERSION=v5.5.0
install_kustomize() {
  local gobin
  command -v kubectl >/dev/null && return
  command -v kustomize >/dev/null && return
  if ! command -v go >/dev/null; then
    if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null; then
      log "missing kubectl, kustomize and go: sudo apt-get install -y golang-go (or install kubectl)"
      exit 1
    fi
    log "installing go"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends golang-go ca-certificates >/dev/null
  fi
  gobin="$(go env GOPATH)/bin"
  if [[ ! -x "$gobin/kustomize" ]]; then
    log "installing kustomize $KUSTOMIZE_VERSION"
    go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
  fi
  export PATH="$PATH:$gobin"
}

stop_services() {
  local s pid
  for s in gateway "${SERVICES[@]}"; do
    [[ -f "$RUN_DIR/$s.pid" ]] || continue
    pid="$(cat "$RUN_DIR/$s.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -KILL "$pid" 2>/dev/null || true
      log "stopped $s"
    fi
    rm -f "$RUN_DIR/$s.pid"
  done
}

# await_ready <name> <port> <pid file> <log file> [seconds]: waits for GET /health/ready to answer
# 2xx (node's own fetch, so no curl is needed); fails with the log's last lines when the process
# dies or the time runs out. A service waits up to 30 s for Postgres and 90 s for its
# migrations at start-up (ADR 0067), so the default leaves room for both.
await_ready() {
  local name="$1" port="$2" pid_file="$3" log_file="$4" seconds="${5:-150}" i
  for i in $(seq 1 $((seconds * 2))); do
    if node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
      "http://127.0.0.1:$port/health/ready" 2>/dev/null; then return 0; fi
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null || [[ $i -eq $((seconds * 2)) ]]; then
      log "$name did not become ready; last log lines:"
      tail -n 30 "$log_file" >&2
      return 1
    fi
    sleep 0.5
  done
}
