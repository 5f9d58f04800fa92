#!/bin/sh
# Holds the machine's Postgres, Kafka and Redis servers (ADR 0182) for the process that starts it:
#   sh scripts/hold-servers.sh shared|alone <lock directory> <longest wait of each step, in s>
# The one place of the protocol, run by the test suites (libs/testing/src/servers-lock.ts) and by
# the isolated copies (scripts/isolated-copy.sh). A readers-writer lock of two files: a hold asked
# alone takes the turnstile exclusively and keeps it until it holds the servers, a hold asked
# shared passes it shared, so a suite waiting alone is not kept waiting by holds asked after it,
# and shared holds never wait for each other.
# It says "waiting" when a step waits, "queued" once past the turnstile (asked alone, every hold
# asked after it now waits behind it) and "held" once it holds them; a wait that runs out exits 75,
# any other failure of flock with its own code. Start it in a process group of its own: once its
# stdin closes (let go of, or its starter gone, however it ended, while holding or still waiting),
# its watcher ends the whole group, and the hold with it.
case "$1" in
  shared) mode=-s ;;
  alone) mode=-x ;;
  *) echo "usage: hold-servers.sh shared|alone <lock directory> <wait seconds>" >&2; exit 64 ;;
esac
WAIT=$3
# Made only where none exists, readable and writable by every user, so that another user's runs
# share them; opened for reading alone (flock(2) needs no more), since opening another user's file
# in a sticky directory with O_CREAT is refused where the kernel protects regular files
# (fs.protected_regular). noclobber's O_EXCL never follows a link put in a name's place, and a file
# made by someone else meanwhile serves as well.
for name in turnstile servers; do
  [ -e "$2/cs-platform-servers-$name.lock" ] || (set -C && umask 0 && : >"$2/cs-platform-servers-$name.lock") 2>/dev/null || true
done
# fd 8 the turnstile, fd 9 the servers; the watcher reads stdin through fd 3 (an asynchronous
# list's own stdin is /dev/null) and says nothing, so that the output ends with the holder.
exec 8<"$2/cs-platform-servers-turnstile.lock" 9<"$2/cs-platform-servers-servers.lock" 3<&0
(cat <&3; kill 0) >/dev/null &
# Tries at once first, so as to say "waiting" only when it will.
take() { flock -n -E 75 "$@" && return 0; s=$?; [ "$s" -eq 75 ] || exit "$s"; echo waiting; flock -w "$WAIT" -E 75 "$@" || exit $?; }
take "$mode" 8
echo queued
take "$mode" 9
flock -u 8
echo held
wait
