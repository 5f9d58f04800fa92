#!/usr/bin/env bash
# Runs every test: type-check, lint, then the unit tier, and the int and e2e tiers against
# real Postgres, Kafka and Redis (started here when not already running), then fuzzes every
# service's API against a copy of the services of its own (scripts/fuzz-api.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
export NX_DAEMON=false NX_NO_CLOUD=true

# Each step says how long it took, so a run's log shows where its time went.
step() {
  [[ -n "${step_name:-}" ]] && log "$step_name took $((SECONDS - step_started)) s"
  step_name="$1"
  step_started=$SECONDS
  [[ -n "$1" ]] && log "$1"
  return 0
}

step "installing"
# Before the servers' set-up starts: kustomize may need apt (curl, unzip) where there is no kubectl,
# and apt-get does not wait for another apt-get's lock.
install_kustomize
# On a new machine the servers' set-up (apt's packages, Kafka's jars from Maven Central, their
# start, the browser, the fuzzer) and npm's wait mostly on the network and the disk, not on each
# other: the servers' goes on in the background, its apt steps one after another, through npm's,
# the type check, the lint, the build and the unit tier, none of which needs a server or a
# browser. The int tier waits for it; its log is printed then. The fuzzer's
# install failing fails only the fuzzing step, which installs it again (scripts/fuzz-api.sh).
set_up_servers() {
  install_chromium
  if [[ -z "${DATABASE_ADMIN_URL:-}" || -z "${KAFKA_BROKERS:-}" || -z "${REDIS_URL:-}" ]]; then bash scripts/infra.sh up; fi
  (install_schemathesis) || log "installing the fuzzer failed (exit $?): the fuzzing step tries again"
}
start_in_background "the servers' set-up" set_up_servers
install_node_modules

# Side by side: each is one process on one core. The type check's report follows the lint's.
step "type-checking and linting"
typecheck_log="$(mktemp)"
npx tsc -p tsconfig.json --noEmit >"$typecheck_log" 2>&1 &
typecheck=$!
lint_status=0
npm run -s lint || lint_status=$?
typecheck_status=0
wait "$typecheck" || typecheck_status=$?
cat "$typecheck_log"
rm -f "$typecheck_log"
if ((lint_status != 0 || typecheck_status != 0)); then
  log "the type check or the lint failed (type check: exit $typecheck_status, lint: exit $lint_status)"
  exit 1
fi
step "building"
npx nx run-many -t build

RESULTS="$REPO_ROOT/.infra/test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
status=0
step "the unit tier"
# Jest's default is a worker fewer than the cores: one, on two, for suites that need nothing but CPU.
npx jest --selectProjects unit --maxWorkers=100% --json --outputFile="$RESULTS/unit.json" || status=1
step "waiting for the servers"
if ! await_background; then
  log "no int or e2e test can run"
  exit 1
fi
if [[ -z "${DATABASE_ADMIN_URL:-}" || -z "${KAFKA_BROKERS:-}" || -z "${REDIS_URL:-}" ]]; then eval "$(bash scripts/infra.sh env)"; fi
export DATABASE_ADMIN_URL KAFKA_BROKERS REDIS_URL
step "the int tier"
# Two int suites at once, each worker on a database of its own (ADR 0173): most of an int suite's
# time is spent waiting on a broker, a session or a lock, not on the CPU.
npx jest --selectProjects int --maxWorkers=2 --forceExit --json --outputFile="$RESULTS/int.json" || status=1
step "the e2e tier"
# Two e2e suites at once, each worker with a database and a Kafka namespace of its own; a suite
# that stops a server runs alone (ADR 0182). Most of their time is waiting on a deadline to come.
npx jest --selectProjects e2e --maxWorkers=2 --forceExit --json --outputFile="$RESULTS/e2e.json" || status=1

# About three minutes on two cores, two services at once (the tickets API, the largest, one and a
# half); the limit stops a stuck run, whose trap still stops its services, and leaves room for a
# machine at half speed.
step "fuzzing the APIs"
timeout --kill-after=60 "${FUZZ_TIMEOUT_SECONDS:-1800}" bash scripts/fuzz-api.sh || status=1
step ""

# The jest tiers' totals, last, in jest's own summary form; no test at all is a failure.
node -e '
  const fs = require("fs");
  let suites = 0, failedSuites = 0, passed = 0, failed = 0, total = 0;
  for (const f of fs.readdirSync(process.argv[1])) {
    const r = JSON.parse(fs.readFileSync(`${process.argv[1]}/${f}`, "utf8"));
    suites += r.numTotalTestSuites; failedSuites += r.numFailedTestSuites + r.numRuntimeErrorTestSuites;
    passed += r.numPassedTests; failed += r.numFailedTests; total += r.numTotalTests;
  }
  console.log(`Test Suites: ${failedSuites ? `${failedSuites} failed, ` : ""}${suites - failedSuites} passed, ${suites} total`);
  console.log(`Tests:       ${failed ? `${failed} failed, ` : ""}${passed} passed, ${total} total`);
  if (passed === 0 || failed > 0 || failedSuites > 0) process.exit(1);
' "$RESULTS" || status=1
exit $status
