#!/usr/bin/env bash
# The benchmark harness (`npm run bench`): builds, starts an isolated copy of the services on the
# real Postgres, Kafka and Redis (its own database, Kafka namespace, Redis db and ports; never the
# system someone is using), runs tools/bench against it and removes the copy again. The copy holds
# the machine's servers shared as a test suite does, so a suite of a test run that stops a server
# waits for it (ADR 0182). Prints every figure beside the baseline measured in the same run, and
# writes bench/results/<date>.json and the table in docs/performance.md. The scenarios, in the
# order they run (docs/performance.md says what each measures):
#   baseline    bare Fastify and intake's transaction issued directly with pg
#   intake      contacts as fast as intake takes them, the tickets consumer's backlog after, caller lookup
#   intake-alone  the same with every other service paused: what intake alone allows on the machine
#   pipeline    contact → ticket visible → counted in reporting at a steady rate, consumer lag per second
#   scale-out   a second intake and tickets process under load: rate, exactly-once effects, relay ceiling
#   knowledge   answer search over thousands of published answers at a steady rate, then their list
#   incidents   calls about a declared incident joined to it by an agent as they come in
#   timers      a burst of SLA timers due at once: lag to the published warning, each fired once
#   reporting   the monthly report and a month's KPIs over a million tickets
#   rebuild     the reporting read model rebuilt from the topics (last: nothing stops it)
#
#   BENCH_ONLY           comma-separated scenarios to run (default all), e.g. pipeline,timers
#   BENCH_SKIP           comma-separated scenarios to leave out, e.g. reporting,rebuild
#   BENCH_SECONDS        seconds of load per scenario (default 10)
#   BENCH_CONNECTIONS    concurrent connections (default 20)
#   BENCH_WARMUP_SECONDS seconds of contacts sent through the system, not measured, before the
#                        first scenario that uses the services (default 10; 0 for none); the copy's
#                        database is analysed halfway through them (before the first scenario
#                        without them)
#   BENCH_WAIT_SECONDS   longest a scenario waits for asynchronous work (tickets, reporting, timers,
#                        outbox, rebuild, a report) before it reports what it got (default 30)
#   BENCH_PIPELINE_RATE  contacts per second in the pipeline scenario (default 50; the target is 500)
#   BENCH_RELAY_EVENTS   outbox rows queued at once to measure the relay's ceiling (default 20000)
#   BENCH_ANSWERS        published answers the knowledge search runs over (default 10000)
#   BENCH_SEARCH_RATE    searches per second, and pages of the answer list after them (default 100)
#   BENCH_TIMERS         SLA timers due at once (default 100000)
#   BENCH_REPORT_TICKETS tickets in the reported month (default 1000000)
#   BENCH_REBUILD_EVENTS least events the rebuild replays; the run's own are topped up (default 20000)
#   BENCH_INCIDENT_CALLS calls joined to one incident in the incidents scenario (default 100)
#   BENCH_PORT_BASE      the copy's services listen on base+1 …, second replicas on base+7 …, all claimed at the start (default 3200)
#   BENCH_REDIS_DB       the copy's Redis database (default 14, of 0–15; never 0 or 6–13, which the development
#                        system and the test runs empty)
#   BENCH_POOL_SIZE      Postgres connections per service (default 20)
#   BENCH_PARTITIONS_CONCURRENTLY  partitions each consumer takes at once (default 6, a topic's all)
#   BENCH_NODE_ARGS      Node flags for the services, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
#   BENCH_SOAK_MINUTES   instead of the scenarios, a soak: contacts at BENCH_SOAK_RATE (default
#                        200/s) for this many minutes, memory and backlogs sampled and judged
#                        (npm run soak; exits 1 when a service's memory floor — its lowest
#                        resident size within BENCH_SOAK_FLOOR_WINDOW_SECONDS, default 240, of
#                        each sample taken every BENCH_SOAK_MEMORY_EVERY_SECONDS, default 5 — grows
#                        more than BENCH_SOAK_MAX_GROWTH_MIB_PER_MINUTE, default 2, or a backlog more than
#                        BENCH_SOAK_MAX_BACKLOG_GROWTH_PER_MINUTE, default 60, once warm, or when
#                        contacts are refused or cannot be sent at the rate; BENCH_WARMUP_SECONDS
#                        of contacts at the rate go first, unmeasured)
#   BENCH_SOAK_FILL_CONTACTS  a soak over a centre that has run a while: after the warm-up, the
#                        services' tables grow to this many contacts (copies of the warm-up's rows,
#                        their tickets closed, spread back over BENCH_SOAK_FILL_DAYS, default 365),
#                        then are vacuumed and analysed before the load (default 0: no fill)
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
# The knowledge scenario asks the phrasings the search-quality test asks; test support is not
# part of the services' build, so it is compiled here.
node scripts/build.mjs apps/knowledge/src/testing >/dev/null

source "$REPO_ROOT/scripts/isolated-copy.sh"
BENCH_MARKER="bench-$$-$(date +%s)"
copy_init "$BENCH_MARKER" "${BENCH_PORT_BASE:-3200}" "${BENCH_REDIS_DB:-14}" "$(copy_run_dir "$REPO_ROOT/.infra/bench" "$BENCH_MARKER")" BENCH_REDIS_DB
trap 'copy_stop' EXIT
# Request logs at info, as in production: writing them is part of what is measured.
read -r -a COPY_NODE_ARGS <<<"${BENCH_NODE_ARGS:-}"
copy_start LOG_LEVEL=info DATABASE_POOL_SIZE="${BENCH_POOL_SIZE:-20}" CONSUMER_PARTITIONS_CONCURRENTLY="${BENCH_PARTITIONS_CONCURRENTLY:-6}"

# Every service of the copy, for what a soak samples from each one's /metrics.
bench_service_urls=()
for service in "${SERVICES[@]}"; do bench_service_urls+=("$service=http://127.0.0.1:$(copy_port "$service")"); done
BENCH_SERVICE_URLS="${bench_service_urls[*]}" \
  BENCH_INTAKE_URL="http://127.0.0.1:$(copy_port intake)" \
  BENCH_TICKETS_URL="http://127.0.0.1:$(copy_port tickets)" \
  BENCH_KNOWLEDGE_URL="http://127.0.0.1:$(copy_port knowledge)" \
  BENCH_REPORTING_URL="http://127.0.0.1:$(copy_port reporting)" \
  BENCH_DATABASE_URL="$COPY_ADMIN_URL" \
  BENCH_PIDS_DIR="$COPY_DIR" \
  KAFKA_TOPIC_PREFIX="$COPY_MARKER" \
  node "dist/tools/bench/$([[ -n "${BENCH_SOAK_MINUTES:-}" ]] && echo soak || echo run).js"
