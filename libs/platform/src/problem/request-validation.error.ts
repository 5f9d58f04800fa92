import type { ValidationError } from 'class-validator';
import type { FieldError } from './problem-details';

/** Thrown by the validation pipe; rendered as 400 problem+json listing every bad field. */
export class RequestValidationError extends Error {
  constructor(
    readonly errors: readonly FieldError[],
    /** A more specific code for clients that branch on it, e.g. `TICKET.BAD_CURSOR`. */
    readonly code = 'VALIDATION.FAILED',
  ) {
    super(`invalid request: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    this.name = 'RequestValidationError';
  }
}

/** Flattens class-validator's nested errors into dotted field paths (`customer.phone`). */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property (\S+) should not exist$/, 'is not an allowed field'),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
