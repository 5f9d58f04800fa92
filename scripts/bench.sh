#!/usr/bin/env bash
# The benchmark harness (`npm run bench`): builds, starts an isolated copy of the services on the
# real Postgres, Kafka and Redis (its own database, Kafka namespace, Redis db and ports; never the
# system someone is using), runs tools/bench against it and removes the copy again. Prints every
# figure beside the baseline measured in the same run, and writes bench/results/<date>.json and
# the table in docs/performance.md.
#
#   BENCH_SECONDS        seconds per scenario (default 10)
#   BENCH_CONNECTIONS    concurrent connections (default 20)
#   BENCH_PIPELINE_RATE  contacts per second in the pipeline scenario (default 50)
#   BENCH_PORT_BASE      the copy's services listen on base+1 … (default 3200)
#   BENCH_POOL_SIZE      Postgres connections per service (default 20)
#   BENCH_NODE_ARGS      Node flags for the services, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
#   BENCH_SOAK_MINUTES   instead of the scenarios, a soak: contacts at BENCH_SOAK_RATE (default
#                        200/s) for this many minutes, memory and backlog sampled (npm run soak)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
install_node_modules
if [[ -z "${DATABASE_ADMIN_URL:-}" || -z "${KAFKA_BROKERS:-}" || -z "${REDIS_URL:-}" ]]; then
  bash scripts/infra.sh up
  eval "$(bash scripts/infra.sh env)"
fi
export DATABASE_ADMIN_URL KAFKA_BROKERS REDIS_URL
node scripts/build.mjs >/dev/null
node scripts/build.mjs tools >/dev/null

source "$REPO_ROOT/scripts/isolated-copy.sh"
copy_init "bench-$$-$(date +%s)" "${BENCH_PORT_BASE:-3200}" "${BENCH_REDIS_DB:-14}" "$REPO_ROOT/.infra/bench"
trap 'copy_stop' EXIT
# Request logs at info, as in production: writing them is part of what is measured.
read -r -a COPY_NODE_ARGS <<<"${BENCH_NODE_ARGS:-}"
copy_start LOG_LEVEL=info DATABASE_POOL_SIZE="${BENCH_POOL_SIZE:-20}"

BENCH_INTAKE_URL="http://127.0.0.1:$(copy_port intake)" \
  BENCH_TICKETS_URL="http://127.0.0.1:$(copy_port tickets)" \
  BENCH_DATABASE_URL="$COPY_ADMIN_URL" \
  BENCH_PIDS_DIR="$COPY_DIR" \
  node "dist/tools/bench/$([[ -n "${BENCH_SOAK_MINUTES:-}" ]] && echo soak || echo run).js"
