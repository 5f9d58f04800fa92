import { ArgumentMetadata, ParseUUIDPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A UUID field of a body or a query DTO, passed on in lower case as {@link uuidParam} passes a
 * path parameter: beside `@IsUUID()`, or on a field of text that holds a UUID (a ticket id kept
 * as text). Anything else is left as sent, for the field's own rules to judge.
 */
export function UuidInLowerCase(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : value));
}
