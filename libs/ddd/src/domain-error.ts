/**
 * What went wrong, in the business's terms. The HTTP layer maps the kind to a status code;
 * domain code never knows about HTTP.
 */
export type DomainErrorKind =
  | 'invalid' // 422: the request is well-formed but breaks a business rule
  | 'not_found' // 404
  | 'conflict' // 409: e.g. an illegal state transition
  | 'gone' // 410: it existed and can no longer be used, e.g. an expired link
  | 'forbidden' // 403
  | 'precondition_failed'; // 412: a stale ETag

/**
 * The request-field rule a business error breaks, in the codes the HTTP layer publishes
 * (`invalid_phone`, `unknown_reference`, `too_long`…) with its parameters, e.g. `{ max: 4000 }`.
 */
export interface FieldRuleBroken {
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number | boolean | readonly (string | number)[]>>;
}

export class DomainError extends Error {
  constructor(
    /** Stable machine-readable code, e.g. `TICKET.ILLEGAL_TRANSITION`. */
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    /** The request field the error is about, when there is one. */
    readonly field?: string,
    readonly details?: Readonly<Record<string, unknown>>,
    /** For a field error: the rule broken, so a UI can say it in its own language. */
    readonly rule?: FieldRuleBroken,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * A decider's answer: what its rules decided, or the rule they broke. Rules deep in a decision
 * throw their refusal; the decider returns it, so callers handle a refusal as a value.
 */
export function refusedOr<T>(decision: () => T): T | DomainError {
  try {
    return decision();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

/** The header a client sends the version it read back in (its ETag). */
export const IF_MATCH = 'If-Match';

/**
 * 412: a write based on a version someone else has changed since. It names the field the version
 * came in, If-Match unless the body carried it, as every field error names its field, and gives
 * the current version to reload.
 */
export function versionConflict(code: string, message: string, currentVersion: number | undefined, field = IF_MATCH, details: Readonly<Record<string, unknown>> = {}): DomainError {
  return new DomainError(code, 'precondition_failed', message, field, { ...details, ...(currentVersion === undefined ? {} : { currentVersion }) });
}

/** A write is refused with 412 when the caller read `what` at another version than its current one; none expected: any. */
export function assertExpectedVersion(code: string, what: string, currentVersion: number, expectedVersion: number | undefined): void {
  if (expectedVersion === undefined || expectedVersion === currentVersion) return;
  throw versionConflict(code, `${what} is at version ${currentVersion}, not ${expectedVersion}; reload it`, currentVersion);
}
