import { ConfigError } from '@cs/config';
import { PiiKeyConfigError } from '../infrastructure/pii/pii-keys';
import type { PiiRotationReport } from '../infrastructure/pii/rotate-pii-keys';

/**
 * How `rotate-pii-keys` ends. The Job started from k8s/base/tasks/pii-key-rotation.yaml tries a
 * pod again after 1 only: its podFailurePolicy fails the Job at once on the codes a rerun ends
 * with again (ROTATION_EXIT_CODES_NOT_RETRIED).
 */
export const ROTATION_EXIT_CODES = {
  /** Every value names the active key (a dry run: it could count). */
  complete: 0,
  /**
   * Something is left that a rerun finishes: rows held by traffic or by another run, values
   * written meanwhile under an old key, a stop between batches, or an error (the database lost).
   */
  incomplete: 1,
  /** The arguments, or the configuration and keys, are refused: the same Job is refused again. */
  refused: 2,
  /** Values that no key given decrypts: left as they are, by this run and by every rerun. */
  undecryptable: 3,
  /**
   * An intake replica heard from lately still writes with another key: before the run, once the
   * wait for it ran out (nothing re-encrypted), or at its end (one started meanwhile with the old
   * keys). Rolling intake onto the active key is the operator's, not a rerun's (ADR 0158).
   */
  replicasBehind: 4,
} as const;

/** The codes the Job fails on without trying again. */
export const ROTATION_EXIT_CODES_NOT_RETRIED: readonly number[] = [ROTATION_EXIT_CODES.refused, ROTATION_EXIT_CODES.undecryptable, ROTATION_EXIT_CODES.replicasBehind];

/**
 * A run's code: a value that does not decrypt decides it whatever else is left, since no rerun
 * completes the rotation; then a replica writing with another key, which a rerun would wait for
 * again; a run stopped by a signal is only incomplete.
 */
export function rotationExitCode(report: PiiRotationReport): number {
  if (report.dryRun || report.complete) return ROTATION_EXIT_CODES.complete;
  if (report.failed > 0) return ROTATION_EXIT_CODES.undecryptable;
  if (report.refused || (report.replicasBehind.length > 0 && !report.interrupted)) return ROTATION_EXIT_CODES.replicasBehind;
  return ROTATION_EXIT_CODES.incomplete;
}

/** The code of a run that threw: a configuration or key refusal is not tried again, anything else is. */
export function rotationErrorExitCode(error: unknown): number {
  return error instanceof ConfigError || error instanceof PiiKeyConfigError ? ROTATION_EXIT_CODES.refused : ROTATION_EXIT_CODES.incomplete;
}
