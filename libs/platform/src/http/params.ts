import { ParseUUIDPipe } from '@nestjs/common';
import { RequestValidationError } from '../problem/request-validation.error';

/** A UUID path or query parameter whose error names the parameter, like every other field error. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new RequestValidationError([{ field: name, code: 'invalid_format', params: { format: 'uuid' } }]),
  });
}
