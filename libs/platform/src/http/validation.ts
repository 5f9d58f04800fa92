import { ArgumentMetadata, ValidationPipe, applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, ValidateBy, ValidateIf, ValidateNested, ValidationOptions, isISO8601 } from 'class-validator';
import { MAX_YEAR, MIN_YEAR, parseIsoDate } from '@cs/business-calendar';
import { violationsOf } from '../problem/class-validator-rules';
import { RequestValidationError } from '../problem/request-validation.error';
import { overrunsInCharacters } from './characters';

/**
 * Forms and generated clients send `?name=` for a filter left blank; an empty query parameter
 * means the same as an absent one rather than an invalid value.
 */
export function withoutEmptyParameters(query: unknown): unknown {
  if (typeof query !== 'object' || query === null || Array.isArray(query)) return query;
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}

/**
 * The last instant of year 9999 in UTC. A later one, written with an offset west of UTC
 * (`9999-12-31T23:59:59-08:00`), is written back `+010000-01-01T…` by `toISOString`, which is no
 * date-time the event contracts take: an event carrying it was refused at the outbox, a 500.
 */
const LAST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * An instant (or a day) in ISO 8601's extended calendar form that `Date` reads: strict ISO 8601
 * also lets through week dates (`2026-W48`), ordinal dates (`2026-300`), the basic form
 * (`20261105`) and comma fractions, which `new Date()` makes an Invalid Date that failed further
 * in (a 500) instead of here, naming the field; and no later than year 9999 in UTC. Published as
 * OpenAPI's `date-time` like ISO 8601.
 */
export function IsInstant(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isISO8601(value, { strict: true }) && Date.parse(value) <= LAST_INSTANT_MS,
        defaultMessage: () => 'not a date-time (ISO 8601, e.g. 2026-11-24T10:00:00+08:00)',
      },
    },
    options,
  );
}

/**
 * A calendar date written `YYYY-MM-DD` that exists, in the years a business calendar counts:
 * a pattern alone lets through 2027-02-30 and 2027-13-45, which Postgres refuses to cast (a
 * statement that failed, far from the request that stored it). Published as OpenAPI's `date`.
 */
export function IsCalendarDate(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseIsoDate(value) !== undefined,
        defaultMessage: () => `not a date that exists (YYYY-MM-DD, the years ${MIN_YEAR} to ${MAX_YEAR})`,
      },
    },
    options,
  );
}

/**
 * A property that may be left out but, unlike `@IsOptional()`, is not null: null goes through
 * the property's rules and is refused by them. For fields where null means nothing (a PATCH
 * cannot clear a name) and would otherwise reach code that expects a value.
 */
export function Omittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/**
 * An array of nested objects, each validated as `type`. `@ValidateNested({ each: true })` alone
 * lets an element that is itself an array (`[[]]`) through unvalidated; each element must be an
 * object first.
 */
export function NestedEach(type: () => new () => object): PropertyDecorator {
  return applyDecorators(IsObject({ each: true }), ValidateNested({ each: true }), Type(type));
}

class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A body may be left out where the schema allows it, but JSON null is no object.
    if (metadata.type === 'body' && value === null) {
      throw new RequestValidationError([{ field: 'body', code: 'invalid_type', params: { expected: 'object' } }]);
    }
    const validated: unknown = await super.transform(metadata.type === 'query' ? withoutEmptyParameters(value) : value, metadata);
    const overruns = overrunsInCharacters(validated);
    if (overruns.length > 0) throw new RequestValidationError(overruns);
    return validated;
  }
}

/**
 * Unknown fields are refused, not silently dropped, so a client's typo is visible at once. Texts
 * are also held to their `@MaxLength` in characters as the contracts count them (`overrunsInCharacters`).
 */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // The targets are where each broken rule's declared limits are read from; values stay out.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new RequestValidationError(violationsOf(errors)),
  });
}
