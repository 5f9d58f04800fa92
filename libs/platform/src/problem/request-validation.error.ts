import type { FieldViolation } from './field-rules';

/** Thrown by the validation pipe and request checks; rendered as 400 problem+json listing every bad field. */
export class RequestValidationError extends Error {
  constructor(
    readonly errors: readonly FieldViolation[],
    /** A more specific code for clients that branch on it, e.g. `TICKET.BAD_CURSOR`. */
    readonly code = 'VALIDATION.FAILED',
  ) {
    super(`invalid request: ${errors.map((v) => `${v.field}: ${v.code}`).join('; ')}`);
    this.name = 'RequestValidationError';
  }
}
