#!/usr/bin/env bash
# Holds claims (lock files given), then the machine's servers, for the process that starts it
# (machine_hold of scripts/machine-hold.sh):
#   bash scripts/hold-claims.sh shared|alone <lock directory> <longest wait of each step, in s> <claim file>…
# Each claim file is locked alone, in the order given, so that copies asking for the same ones
# cannot each hold one another's. A claim that waits is told as "claim-waiting <file>", a wait
# that runs out as "claim-timeout <file>" before exiting 75, a file that cannot be opened as
# "claim-unopened <file>" before exiting 66, and flock's own failures exit with its code. Then the
# servers, as hold-servers.sh holds them ("waiting", "held", its exit codes), with the claims
# still open.
# Start it in a process group of its own: once its stdin closes (let go of, or its starter gone,
# however it ended), the whole group ends, and every claim and the hold with it. The claims live
# in this group alone, never in the starter, so no process the starter starts inherits one.
set -u
use=$1 dir=$2 wait=$3
shift 3
exec 3<&0
# Ends a wait for a claim once the starter is gone; hold-servers.sh starts its own for the hold.
(cat <&3; kill 0) >/dev/null &
for file in "$@"; do
  # A descriptor of its own each, kept across the exec below: bash closes none of them there.
  if ! exec {fd}<"$file"; then
    echo "claim-unopened $file"
    exit 66
  fi
  status=0
  # Tries at once first, so as to say it waits only when it does.
  flock -n -E 75 -x "$fd" || status=$?
  if ((status == 75)); then
    echo "claim-waiting $file"
    status=0
    flock -w "$wait" -E 75 -x "$fd" || status=$?
    ((status != 75)) || echo "claim-timeout $file"
  fi
  ((status == 0)) || exit "$status"
done
exec sh "$(dirname "${BASH_SOURCE[0]}")/hold-servers.sh" "$use" "$dir" "$wait"
