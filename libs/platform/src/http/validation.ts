import { ValidationPipe } from '@nestjs/common';
import { RequestValidationError, flattenValidationErrors } from '../problem/request-validation.error';

/** Unknown fields are refused, not silently dropped, so a client's typo is visible at once. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
