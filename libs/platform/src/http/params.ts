import { ArgumentMetadata, ParseUUIDPipe } from '@nestjs/common';
import { RequestValidationError } from '../problem/request-validation.error';

/**
 * A UUID as every store spells it: lower case. Postgres compares a uuid column however it was
 * written, but an id compared as text (a jsonb field, a Redis key, a map in the service) did not
 * match the same id sent in capitals, which RFC 9562 says is the same UUID.
 */
class LowerCaseUuidPipe extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return (await super.transform(value, metadata)).toLowerCase();
  }
}

/** A UUID path or query parameter, in lower case, whose error names the parameter like every other field error. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new LowerCaseUuidPipe({
    exceptionFactory: () => new RequestValidationError([{ field: name, code: 'invalid_format', params: { format: 'uuid' } }]),
  });
}
