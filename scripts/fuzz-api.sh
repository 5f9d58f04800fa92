#!/usr/bin/env bash
# Fuzzes every service's REST API from its own OpenAPI document with schemathesis, and fails
# if any generated request gets a 5xx: bad input must always be a problem+json 4xx.
# Needs the system up (bash scripts/up.sh); installs schemathesis into .infra/venv.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

VENV="$REPO_ROOT/.infra/venv"
if [[ ! -x "$VENV/bin/schemathesis" ]]; then
  log "installing schemathesis into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check 'schemathesis>=4,<5'
fi

TOKEN="$(node dist/libs/auth/src/cli/dev-token.js --role admin --role supervisor --role agent --permission customer.pii.read)"
status=0
for s in "${SERVICES[@]}"; do
  port="$(service_port "$s")"
  log "fuzzing $s"
  if ! "$VENV/bin/schemathesis" run "http://127.0.0.1:$port/docs-json" \
    -H "Authorization: Bearer $TOKEN" --checks not_a_server_error \
    --max-examples "${FUZZ_EXAMPLES:-25}" --phases examples,coverage,fuzzing; then
    status=1
  fi
done
exit $status
