#!/usr/bin/env bash
# Stops the gateway and the five services (gracefully) and then the infrastructure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
stop_services
bash "$REPO_ROOT/scripts/infra.sh" down
