import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { RequestValidationError, flattenValidationErrors } from '../problem/request-validation.error';

/**
 * Forms and generated clients send `?name=` for a filter left blank; an empty query parameter
 * means the same as an absent one rather than an invalid value.
 */
export function withoutEmptyParameters(query: unknown): unknown {
  if (typeof query !== 'object' || query === null || Array.isArray(query)) return query;
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}

class ApiValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return super.transform(metadata.type === 'query' ? withoutEmptyParameters(value) : value, metadata);
  }
}

/** Unknown fields are refused, not silently dropped, so a client's typo is visible at once. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
