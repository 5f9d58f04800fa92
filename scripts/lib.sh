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

# One set-up in the background beside the script's own work (test.sh's servers, up.sh's install
# and build): `start_in_background <what> <function>` runs the function with its output kept apart,
# and `await_background` waits for it, prints what it said and fails, saying so, where it failed.
# A script that ends before awaiting it (a type error, a server that did not start) lets it end
# rather than leave it cut mid-install, and prints what it said too.
start_in_background() {
  BACKGROUND_WHAT="$1"
  BACKGROUND_LOG="$(mktemp)"
  "$2" >"$BACKGROUND_LOG" 2>&1 &
  BACKGROUND_PID=$!
  trap finish_background EXIT
}
await_background() {
  local status=0
  wait "$BACKGROUND_PID" || status=$?
  cat "$BACKGROUND_LOG"
  rm -f "$BACKGROUND_LOG"
  if ((status != 0)); then
    log "$BACKGROUND_WHAT failed (exit $status)"
    return 1
  fi
}
finish_background() {
  [[ -f "${BACKGROUND_LOG:-}" ]] || return 0
  log "waiting for $BACKGROUND_WHAT to end"
  wait "$BACKGROUND_PID" 2>/dev/null || true
  cat "$BACKGROUND_LOG"
  rm -f "$BACKGROUND_LOG"
}

# The API fuzzer (scripts/fuzz-api.sh), in a virtual environment of the checkout's own.
SCHEMATHESIS_VENV="$REPO_ROOT/.infra/venv"
install_schemathesis() {
  [[ -x "$SCHEMATHESIS_VENV/bin/schemathesis" ]] && return
  # Debian ships venv (ensurepip) apart from python3 itself.
  if ! command -v python3 >/dev/null || ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null; then
      log "missing python3-venv: sudo apt-get install -y python3 python3-venv"
      exit 1
    fi
    log "installing python3-venv"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3 python3-venv >/dev/null
  fi
  log "installing schemathesis into $SCHEMATHESIS_VENV"
  rm -rf "$SCHEMATHESIS_VENV"
  python3 -m venv "$SCHEMATHESIS_VENV"
  "$SCHEMATHESIS_VENV/bin/pip" install --quiet --disable-pip-version-check 'schemathesis>=4,<5'
}

# The real kustomize for the manifest tests (k8s/manifests.unit.spec.ts): kubectl embeds it;
# without kubectl, the standalone one is built with Go through the Go module proxy. kustomize v5.5
# needs Go 1.22: an older or missing Go (Debian 12's golang-go is 1.19) is replaced, for this,
# by the Go release the proxy serves as the module golang.org/toolchain, unpacked under .infra.
KUSTOMIZE_VERSION=v5.5.0
GO_TOOLCHAIN=go1.22.12

# Whether `$1` is a Go of at least 1.22.
go_is_recent() {
  local version minor
  version="$("$1" env GOVERSION 2>/dev/null)" || return 1
  [[ "$version" =~ ^go1\.([0-9]+) ]] || return 1
  minor="${BASH_REMATCH[1]}"
  ((minor >= 22))
}

# Prints a Go of at least 1.22: the one on the PATH, else the proxy's toolchain (fetched once).
recent_go() {
  local dir="$REPO_ROOT/.infra/$GO_TOOLCHAIN" arch proxy zip
  if command -v go >/dev/null && go_is_recent go; then command -v go; return; fi
  if [[ ! -x "$dir/bin/go" ]]; then
    case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64 | arm64) arch=arm64 ;; *) log "no Go toolchain for $(uname -m)" >&2; exit 1 ;; esac
    if ! command -v curl >/dev/null || ! command -v unzip >/dev/null; then
      if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null; then
        log "missing kubectl or kustomize, and curl and unzip to fetch Go: sudo apt-get install -y curl unzip (or install kubectl)" >&2
        exit 1
      fi
      apt-get update -q >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends curl unzip ca-certificates >/dev/null
    fi
    proxy="${GOPROXY:-https://proxy.golang.org}"
    proxy="${proxy%%[,|]*}"
    zip="$(mktemp)"
    log "fetching $GO_TOOLCHAIN from the Go module proxy" >&2
    curl -fsSL -o "$zip" "$proxy/golang.org/toolchain/@v/v0.0.1-$GO_TOOLCHAIN.linux-$arch.zip"
    rm -rf "$dir.unpacking" && mkdir -p "$dir.unpacking"
    unzip -q "$zip" -d "$dir.unpacking" && rm -f "$zip"
    rm -rf "$dir" && mv "$dir.unpacking/golang.org/toolchain@v0.0.1-$GO_TOOLCHAIN.linux-$arch" "$dir" && rm -rf "$dir.unpacking"
    chmod +x "$dir/bin/"* "$dir/pkg/tool/"*/* 2>/dev/null || true
  fi
  echo "$dir/bin/go"
}

install_kustomize() {
  local go gobin
  command -v kubectl >/dev/null && return
  command -v kustomize >/dev/null && return
  go="$(recent_go)"
  gobin="$("$go" env GOPATH)/bin"
  if [[ ! -x "$gobin/kustomize" ]]; then
    log "installing kustomize $KUSTOMIZE_VERSION"
    GOTOOLCHAIN=local "$go" install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
  fi
  export PATH="$PATH:$gobin"
}

# start_local_service <service>: one service of up.sh's system, its pid in RUN_DIR, its log in
# LOG_DIR. Clients reach it at its own port as well as through the gateway, so it believes no
# X-Forwarded-For entry (TRUSTED_PROXY_HOPS=0): a client calling it directly would otherwise pick
# the address its rate limits and logs key on. Through the gateway it sees the gateway's address,
# this machine's, as every client of up.sh has.
start_local_service() {
  TRUSTED_PROXY_HOPS=0 PORT="$(service_port "$1")" DATABASE_URL="$(service_database_url "$1")" \
    nohup node "dist/apps/$1/src/main.js" >>"$LOG_DIR/$1.log" 2>&1 &
  echo $! >"$RUN_DIR/$1.pid"
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

# require_free_ports <name:port>…: fails, naming each taken port, when another process listens on
# one (another checkout's services, compose's published ports, a dashboard or dev server on 3000).
# The service started there would die on EADDRINUSE while await_ready took the other process's
# answer to /health/ready (a redirect to a login page, an app's fallback page) for its own.
require_free_ports() {
  local entry taken=()
  for entry in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/${entry#*:}") 2>/dev/null; then taken+=("${entry#*:} (${entry%%:*})"); fi
  done
  ((${#taken[@]} == 0)) && return 0
  log "another process already listens on 127.0.0.1 port ${taken[*]}; stop it first (bash scripts/down.sh in the checkout that started it, or docker compose --profile apps down)"
  return 1
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
