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
