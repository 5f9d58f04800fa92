#!/usr/bin/env bash
# Brings the whole system up on this machine: Postgres, Redis and Kafka, the database roles,
# schemas and migrations, the Kafka topics, the six services and the gateway in front of them
# (development mode: dev sign-in on, any localhost origin allowed by CORS). Safe to run again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

# This checkout's processes of an earlier run make way; anything else on the ports stops the run
# here, before minutes of installing and building.
stop_services
ports=("gateway:$GATEWAY_PORT")
for s in "${SERVICES[@]}"; do ports+=("$s:$(service_port "$s")"); done
require_free_ports "${ports[@]}"

# npm's install and the build need no server: on a new machine they go on beside the servers'
# set-up (apt's packages, Kafka's jars), which waits mostly on the network and the disk.
install_and_build() {
  install_node_modules
  log "building"
  node scripts/build.mjs
}
start_in_background "the install and build" install_and_build
bash scripts/infra.sh up
eval "$(bash scripts/infra.sh env)"
export DATABASE_ADMIN_URL KAFKA_BROKERS REDIS_URL
await_background || exit 1
log "provisioning database roles, schemas, migrations and topics"
prepare_database_and_topics

mkdir -p "$RUN_DIR" "$LOG_DIR"
for s in "${SERVICES[@]}"; do start_local_service "$s"; done

for s in "${SERVICES[@]}"; do
  await_ready "$s" "$(service_port "$s")" "$RUN_DIR/$s.pid" "$LOG_DIR/$s.log" || exit 1
done

TRUSTED_PROXY_HOPS=0 DEV_TOKENS_ENABLED=true PORT="$GATEWAY_PORT" nohup node dist/apps/gateway/src/main.js >>"$LOG_DIR/gateway.log" 2>&1 &
echo $! >"$RUN_DIR/gateway.pid"
await_ready gateway "$GATEWAY_PORT" "$RUN_DIR/gateway.pid" "$LOG_DIR/gateway.log" 30 || exit 1

cat <<INFO

The customer-service platform is up.

  service        API                       OpenAPI docs
  gateway        http://127.0.0.1:3000     http://127.0.0.1:3000/docs   (every service's /v1 paths; dev sign-in: POST /v1/dev/token)
  intake         http://127.0.0.1:3001     http://127.0.0.1:3001/docs
  tickets        http://127.0.0.1:3002     http://127.0.0.1:3002/docs
  callbacks      http://127.0.0.1:3003     http://127.0.0.1:3003/docs
  knowledge      http://127.0.0.1:3004     http://127.0.0.1:3004/docs
  reporting      http://127.0.0.1:3005     http://127.0.0.1:3005/docs
  notifications  http://127.0.0.1:3006     http://127.0.0.1:3006/docs

  Postgres    $DATABASE_ADMIN_URL
  Kafka       $KAFKA_BROKERS
  Redis       $REDIS_URL
  Logs        $LOG_DIR/<service>.log

  A dev token: TOKEN=\$(node dist/libs/auth/src/cli/dev-token.js --role agent)
               or POST http://127.0.0.1:3000/v1/dev/token with {"roles":["agent"]}
  Stop it all: bash scripts/down.sh
INFO
