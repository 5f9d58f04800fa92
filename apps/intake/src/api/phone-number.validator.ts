import { ValidateBy, ValidationOptions } from 'class-validator';
import { normalizePhone } from '../domain/phone-number';

/**
 * A phone number intake can normalise, checked with the other fields so one response lists it
 * among every other bad field (the use case checks again, for callers that skip the pipe).
 */
export function IsCallablePhone(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCallablePhone',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && normalizePhone(value) !== undefined,
        defaultMessage: () => 'not a valid phone number',
      },
    },
    { ...options, context: { rule: 'invalid_phone' } },
  );
}
