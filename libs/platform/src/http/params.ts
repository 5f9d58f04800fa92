import { ArgumentMetadata, ParseUUIDPipe, applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsUUID } from 'class-validator';
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

/** A UUID's text, in either case. */
export const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A text that is a UUID in lower case; anything else as sent, for the field's own rules to judge. */
function lowerCaseUuid(value: unknown): unknown {
  return typeof value === 'string' && UUID_TEXT.test(value) ? value.toLowerCase() : value;
}

/**
 * A field of text that holds a UUID without being validated as one (a ticket id kept as text),
 * passed on in lower case as {@link uuidParam} passes a path parameter.
 */
export function UuidInLowerCase(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => lowerCaseUuid(value));
}

/**
 * A UUID field of a body or a query DTO (`each`: a list of them): validated as a UUID in any case,
 * RFC 9562's same UUID, and passed on in lower case. One decorator for both, so no UUID field can
 * be validated and left as sent: ids in capitals missed ids compared as text (an answer's id, a
 * merge's lock order). A unit test holds every UUID-validated field of every service to it.
 */
export function IsUuidInLowerCase(options: { readonly each?: boolean } = {}): PropertyDecorator {
  const each = options.each === true;
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (each && Array.isArray(value) ? value.map(lowerCaseUuid) : lowerCaseUuid(value))),
    IsUUID('all', { each }),
  );
}
