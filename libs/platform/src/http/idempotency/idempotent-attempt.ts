import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The request with an Idempotency-Key being handled, as the transactions it opens see it: which
 * key (its digest) and which attempt at it. The transactions of that attempt record the key as
 * they commit (`IdempotencyCommitLog`), so a later attempt whose first one committed finds it
 * there even when Redis lost the record or freed the key after a 5xx.
 */
export interface IdempotentAttempt {
  readonly keyDigest: string;
  readonly attempt: string;
  /** False once the handler is done: work it left behind (a timer, a nudged loop) is not the command. */
  open: boolean;
  /** True once one of its transactions recorded the key as it committed: its row then takes the answer (ADR 0160). */
  recorded: boolean;
}

const attempts = new AsyncLocalStorage<IdempotentAttempt>();

/**
 * Runs `start` (what starts the handler) inside a new attempt at the key; the returned `close`
 * ends it. What `start` begins keeps the attempt through its asynchronous continuations.
 */
export function beginAttempt<T>(
  keyDigest: string,
  start: () => T,
): { readonly started: T; readonly attempt: Readonly<IdempotentAttempt>; readonly close: () => void } {
  const attempt: IdempotentAttempt = { keyDigest, attempt: randomUUID(), open: true, recorded: false };
  const started = attempts.run(attempt, start);
  return {
    started,
    attempt,
    close: () => {
      attempt.open = false;
    },
  };
}

/** The attempt the calling code runs in, while it is open. */
export function currentAttempt(): IdempotentAttempt | undefined {
  const attempt = attempts.getStore();
  return attempt?.open ? attempt : undefined;
}
