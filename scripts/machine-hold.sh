# Sourced by the scripts that use the machine's Postgres, Kafka and Redis servers beside test runs
# (scripts/isolated-copy.sh for the fuzzer's and the benchmark's copies, scripts/infra.sh while it
# brings them up or down): holds them as a test suite does (ADR 0182), shared so that a suite
# stopping or restarting one waits, and they for it, or alone so that nothing uses them meanwhile;
# with lock files of their own claimed first. Needs `log`.
#
#   machine_tmpdir                      the machine's temporary directory, where the locks live
#   machine_lock_file <name>            the lock file <name> there, made if missing
#   machine_hold <holder> shared|alone [<claim file>…]
#                                       takes each claim alone, then the servers shared (beside
#                                       test suites and copies) or alone (none beside it), until
#                                       machine_release or the shell's end; each claim's words are
#                                       MACHINE_CLAIM_WHAT[file] and MACHINE_CLAIM_ADVICE[file]
#   machine_release                     lets go of all of it
#
# A wait for a claim or for each of the servers' two steps lasts COPY_CLAIM_WAIT_SECONDS (600
# unless set) at most.
# The hold is a coprocess of the shell that sources this: a bare `wait` or a `wait -n` there waits
# for it too, and `jobs -p` lists it, so name the processes meant; and start no other coprocess
# (bash then stops keeping the first one's pipe out of the subshells it starts, and a background
# job would keep the hold after the shell's end).

declare -A MACHINE_CLAIM_WHAT=() MACHINE_CLAIM_ADVICE=()
# Absolute, so that a shell that changes directory after sourcing this still finds the holder.
MACHINE_HOLD_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# machine_tmpdir: the machine's temporary directory as Node's os.tmpdir() finds it (TMPDIR, else
# TMP, else TEMP, else /tmp; one trailing slash dropped), where the test runs' servers lock lives.
machine_tmpdir() {
  local dir="${TMPDIR:-${TMP:-${TEMP:-/tmp}}}"
  [[ "$dir" == / ]] || dir="${dir%/}"
  echo "$dir"
}

# machine_lock_file <name>: the lock file <name> in the machine's temporary directory. Made only
# where none exists, readable and writable by every user, so that another user's copies and test
# runs share it: opening another user's file in a sticky directory with O_CREAT is refused where
# the kernel protects regular files (fs.protected_regular), and noclobber's O_EXCL never follows a
# link put in the name's place. A file made by someone else meanwhile serves as well.
machine_lock_file() {
  local file
  file="$(machine_tmpdir)/$1"
  [[ -e "$file" ]] || (set -C && umask 0 && : >"$file") 2>/dev/null || true
  echo "$file"
}

# machine_hold <holder> shared|alone [<claim file>…]: the claims, then the servers. Every lock file
# is opened only by a coprocess (scripts/hold-claims.sh, in a process group of its own), whose pipe
# bash closes in every other process the shell starts (close-on-exec, and closed in its subshells):
# the processes the shell runs (a copy's services, the benchmark's tool, the fuzzer's lanes, the
# servers infra.sh starts) hold nothing of it, so the claims and the hold end with the shell
# however it ends, whichever of them outlive it. <holder> names the shell in a refusal.
machine_hold() {
  local holder=$1 use=$2 dir servers wait="${COPY_CLAIM_WAIT_SECONDS:-600}" said="" line="" told="" ranout="" status=0 file
  shift 2
  dir="$(machine_tmpdir)"
  servers="$dir/cs-platform-servers-servers.lock"
  coproc MACHINE_HOLD { exec setsid -w bash "$MACHINE_HOLD_SCRIPTS/hold-claims.sh" "$use" "$dir" "$wait" "$@"; }
  # Bash unsets these once it has reaped the coprocess, which a holder failing at once may be
  # before they are read; what it said is then lost, and its exit status with it.
  MACHINE_HOLDER_PID="${MACHINE_HOLD_PID:-}"
  # Read through a descriptor of its own: bash closes the coprocess's once it has ended, which may
  # be before what it said is read.
  if [[ -n "${MACHINE_HOLD[0]:-}" ]] && exec {said}<&"${MACHINE_HOLD[0]}"; then
    while read -r -u "$said" line && [[ "$line" != held ]]; do
      case "$line" in
        "claim-waiting "*)
          file="${line#claim-waiting }"
          log "waiting for another isolated copy on this machine to release ${MACHINE_CLAIM_WHAT[$file]:-$file} ($file)"
          ;;
        "claim-timeout "* | "claim-unopened "*) ranout="$line" ;;
        # Once, though both of the servers' steps may wait.
        waiting)
          if [[ -z "$told" ]]; then
            told=1
            if [[ "$use" == alone ]]; then
              log "waiting for the test runs and isolated copies on this machine that use the servers to end ($servers)"
            else
              log "waiting for a test suite on this machine that stops a server, which holds the servers alone or waits to ($servers)"
            fi
          fi
          ;;
      esac
    done
    exec {said}<&-
  fi
  [[ "$line" == held ]] && return 0
  if [[ -n "$MACHINE_HOLDER_PID" ]]; then
    wait "$MACHINE_HOLDER_PID" || status=$?
  else
    status=-1
  fi
  unset MACHINE_HOLDER_PID
  case "$ranout" in
    "claim-timeout "*)
      file="${ranout#claim-timeout }"
      log "${MACHINE_CLAIM_WHAT[$file]:-$file} still held after $wait s; ${MACHINE_CLAIM_ADVICE[$file]:-try again later} ($file)"
      ;;
    "claim-unopened "*) log "could not open the lock file ${ranout#claim-unopened }" ;;
    *)
      if ((status == 75)); then
        log "the servers still held after $wait s; start $holder once $([[ "$use" == alone ]] && echo "they are no longer used" || echo "the suite has ended")"
      elif ((status == -1)); then
        log "the holder of the claims and the servers ended at once, before saying why (scripts/hold-claims.sh)"
      else
        log "holding the claims or the servers failed (exit $status; scripts/hold-claims.sh)"
      fi
      ;;
  esac
  return 1
}

# machine_release: lets go of what machine_hold held, once its holder has ended.
machine_release() {
  if [[ -n "${MACHINE_HOLDER_PID:-}" ]]; then
    local pipe="${MACHINE_HOLD[1]:-}"
    [[ -z "$pipe" ]] || exec {pipe}>&-
    wait "$MACHINE_HOLDER_PID" 2>/dev/null || true
    unset MACHINE_HOLDER_PID
  fi
}
