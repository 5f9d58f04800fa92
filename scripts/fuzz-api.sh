#!/usr/bin/env bash
# Fuzzes every service's REST API from its own OpenAPI document with schemathesis and every
# check it has (server errors, response schemas, status codes, content types, headers,
# acceptance of valid and rejection of invalid data, authentication, …), and fails on any
# finding.
#
# It never calls the running system: it starts its own copy of the five services from dist/,
# with its own database on the same Postgres server, its own Kafka namespace (topics,
# consumer groups and dead-letter topics under KAFKA_TOPIC_PREFIX), its own Redis database
# and its own ports, and on exit stops that copy and drops its database, topics, groups and
# Redis keys. It holds the machine's servers shared as a test suite does (scripts/isolated-copy.sh),
# so a suite of any test run that stops or restarts one waits for it, and it for such a suite
# (ADR 0182). Afterwards it fails if any row of the real system records this run's principal
# (`fuzz-<run>`, the token's subject); and it compares the real system's SLA policies,
# calendars and Kafka offsets with what they were before: in CI, where nothing else uses the
# real system, any change fails the run; elsewhere another client may have made it, so it is
# reported.
#
# Needs DATABASE_ADMIN_URL, KAFKA_BROKERS and REDIS_URL (eval "$(bash scripts/infra.sh env)")
# and `node scripts/build.mjs` output; installs schemathesis into .infra/venv.
#
#   FUZZ_EXAMPLES   test cases per operation and phase (default 10)
#   FUZZ_PORT_BASE  the copy's six services listen on base+1 … base+6, and it claims base+7 … base+12
#                   for replicas as every isolated copy does (default 3100)
#   FUZZ_REDIS_DB   the copy's Redis database (default 15, of 0–15; never 0 or 6–13, which the development
#                   system and the test runs empty)
#   FUZZ_SERVICES   the services whose APIs are fuzzed, space-separated (default: all)
#   FUZZ_LANES      how many services are fuzzed at once (default 2)
#   FUZZ_CONNECT_TIMEOUT_MS  the copy's DATABASE_CONNECT_TIMEOUT_MS (default 5000; see below)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

: "${DATABASE_ADMIN_URL:?set it with: eval \"\$(bash scripts/infra.sh env)\"}"
: "${KAFKA_BROKERS:?set it with: eval \"\$(bash scripts/infra.sh env)\"}"
: "${REDIS_URL:?set it with: eval \"\$(bash scripts/infra.sh env)\"}"
[[ -f dist/apps/tickets/src/main.js ]] || { log "no build output: run node scripts/build.mjs first"; exit 1; }

EXAMPLES="${FUZZ_EXAMPLES:-10}"
LANES="${FUZZ_LANES:-2}"
[[ "$LANES" =~ ^[1-9][0-9]*$ ]] || { log "FUZZ_LANES must be a whole number of 1 or more, not '$LANES'"; exit 2; }
RUN_ID="$$-$(date +%s)"
MARKER="fuzz-$RUN_ID"
VENV="$SCHEMATHESIS_VENV"
ISOLATED=(node "$REPO_ROOT/dist/libs/testing/src/cli/isolated-instance.js")
START=$SECONDS
source "$REPO_ROOT/scripts/isolated-copy.sh"
# The run's queue, pid files and reports, apart from any other run's.
FUZZ_DIR="$(copy_run_dir "$REPO_ROOT/.infra/fuzz" "$MARKER")"
copy_init "$MARKER" "${FUZZ_PORT_BASE:-3100}" "${FUZZ_REDIS_DB:-15}" "$FUZZ_DIR" FUZZ_REDIS_DB

LANE_PIDS=()
stop_fuzzer() {
  local pid
  for pid in "${LANE_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${LANE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_fuzzer
  copy_stop
  log "took $((SECONDS - START)) s"
  exit $rc
}

install_schemathesis
BEFORE="$("${ISOLATED[@]}" fingerprint)"
trap cleanup EXIT
trap 'exit 130' INT TERM

# The fuzzer checks what each input is answered. The services answer 503 when a database
# connection cannot be had within DATABASE_CONNECT_TIMEOUT_MS (1 s in production, which the
# outage suites test); on a loaded shared machine a new connection's handshake has outlasted 1 s,
# and a correct 503 then read as a failed check of whatever input was in hand.
copy_start DATABASE_CONNECT_TIMEOUT_MS="${FUZZ_CONNECT_TIMEOUT_MS:-5000}"

# Every role and the PII permission, so every operation is reachable and every response shape is seen.
TOKEN="$(node dist/libs/auth/src/cli/dev-token.js --sub "$MARKER" --name fuzz \
  --role agent --role supervisor --role quality --role handler --role manager --role admin \
  --permission customer.pii.read)"
# One service's fuzzer: its report to a file and only its verdict to the console, so the test
# command's own summary stays the last thing it prints; a failure shows the report's findings.
# In the background so that a TERM (a CI time limit) stops it: bash runs a trap only between
# commands, and `wait` is one it interrupts.
fuzz_service() {
  local s=$1 fuzzer=""
  # Set before the fuzzer starts, so that a TERM at any moment stops what has started.
  trap '[[ -n "$fuzzer" ]] && kill -TERM "$fuzzer" 2>/dev/null; exit 143' TERM
  log "fuzzing $s"
  # One worker: Python 3.11's ast module is not thread-safe ("AST constructor recursion depth
  # mismatch" inside Hypothesis when two workers describe strategies at once).
  "$VENV/bin/schemathesis" --config-file "$REPO_ROOT/scripts/schemathesis.toml" run \
    "http://127.0.0.1:$(copy_port "$s")/docs-json" \
    -H "Authorization: Bearer $TOKEN" --checks all \
    --max-examples "$EXAMPLES" --phases examples,coverage,fuzzing,stateful \
    --workers 1 --seed 1 --report junit --report-junit-path "$FUZZ_DIR/$s.junit.xml" \
    >"$FUZZ_DIR/$s.fuzz.log" 2>&1 &
  fuzzer=$!
  if wait "$fuzzer"; then
    log "$s: $(grep -E '^ *[0-9]+ generated' "$FUZZ_DIR/$s.fuzz.log" | sed -E 's/^ +//' || echo 'passed') (report: $FUZZ_DIR/$s.fuzz.log)"
  else
    log "$s: FAILED; the end of its report ($FUZZ_DIR/$s.fuzz.log):"
    tail -n 200 "$FUZZ_DIR/$s.fuzz.log" >&2
    return 1
  fi
}

# The next service of the queue, taken under a lock: each lane takes one when it is free.
next_service() {
  (
    flock 9
    local s
    s="$(head -n 1 "$QUEUE")"
    [[ -n "$s" ]] || exit 1
    sed -i 1d "$QUEUE"
    echo "$s"
  ) 9>"$QUEUE.lock"
}

# A lane fuzzes services one after another until the queue is empty; it fails if any did.
lane() {
  local s failed=0
  while s="$(next_service)"; do fuzz_service "$s" || failed=1; done
  return $failed
}

# FUZZ_LANES fuzzers at once, each a process of its own, over a queue of the services, largest
# first (tickets takes as long as the next three): most of a fuzzer's time is Python generating
# and checking cases on one core, and the copy's services answer it in a fraction of that.
QUEUE="$FUZZ_DIR/queue"
# shellcheck disable=SC2086 # the services are words
ordered=(${FUZZ_SERVICES:-${SERVICES[*]}})
printf '%s\n' "${ordered[@]}" | awk '$0 == "tickets" { print; next } { rest[++n] = $0 } END { for (i = 1; i <= n; i++) print rest[i] }' >"$QUEUE"
LANE_PIDS=()
for ((i = 0; i < LANES; i++)); do
  lane &
  LANE_PIDS+=($!)
done
status=0
for pid in "${LANE_PIDS[@]}"; do wait "$pid" || status=1; done
LANE_PIDS=()

"${ISOLATED[@]}" marked "$MARKER" || status=1
AFTER="$("${ISOLATED[@]}" fingerprint)"
if [[ "$BEFORE" != "$AFTER" ]]; then
  log "the real system's SLA policies, calendars or Kafka offsets changed during the run:"
  diff <(tr ',' '\n' <<<"$BEFORE" | sort) <(tr ',' '\n' <<<"$AFTER" | sort) >&2 || true
  if [[ "${CI:-}" == "true" ]]; then
    status=1
  else
    log "(not failing: outside CI another client of the real system may have changed them; none of its rows records $MARKER)"
  fi
fi
exit $status
