import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import type { FieldViolation } from '@cs/platform';
import { RequestValidationError } from '@cs/platform';
import type { WorkingTimeAmount } from '../application/business-calendars';

// Query values arrive as strings and stay strings here: Number('') is 0 and Number('1e3') is
// 1000, so converting before checking would let malformed amounts through.

/** Offset required: a bare local time would be ambiguous (the client's zone or the calendar's?). */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:(Z)|([+\- ])(\d{2}):(\d{2}))$/;
const FROM_MESSAGE = 'from must be an ISO-8601 date-time with Z or a UTC offset, e.g. 2026-10-09T10:00:00+08:00 (send + as %2B)';

// The digit caps only keep the numbers sane; how far ahead a deadline may lie depends on the
// calendar's hours and is checked by the application (MAX_DEADLINE_HORIZON_DAYS).
const DAYS = /^\d{1,4}$/;
const HOURS = /^\d{1,5}(?:\.\d{1,6})?$/;
const MINUTES = /^\d{1,7}(?:\.\d{1,6})?$/;

const AMOUNT_FIELDS = ['workingDays', 'workingHours', 'workingMinutes'] as const;

/** `GET /v1/calendars/{id}/add`: a start and exactly one of the three amounts. */
export class CalendarAddQueryDto {
  @ApiProperty({ example: '2026-10-09T10:00:00+08:00', description: 'ISO-8601 instant with Z or an offset' })
  @IsString()
  @Matches(INSTANT, { message: FROM_MESSAGE })
  from!: string;

  @ApiPropertyOptional({ example: '1', description: 'whole working days, 0–9999: the close of the Nth working day after `from`' })
  @IsOptional()
  @IsString()
  @Matches(DAYS, { message: 'workingDays must be a whole number from 0 to 9999' })
  workingDays?: string;

  @ApiPropertyOptional({ example: '4.5', description: 'working hours, 0–99999.999999' })
  @IsOptional()
  @IsString()
  @Matches(HOURS, { message: 'workingHours must be a number from 0 to 99999.999999, e.g. 4 or 4.5' })
  workingHours?: string;

  @ApiPropertyOptional({ example: '30', description: 'working minutes, 0–9999999.999999' })
  @IsOptional()
  @IsString()
  @Matches(MINUTES, { message: 'workingMinutes must be a number from 0 to 9999999.999999, e.g. 30 or 0.5' })
  workingMinutes?: string;
}

export interface AddQuery {
  readonly from: Date;
  readonly amount: WorkingTimeAmount;
}

/**
 * The checks class-validator cannot express on one field: exactly one amount, and a `from`
 * that is a real instant in the years the calendar library computes in. Throws
 * RequestValidationError (400) naming every offending field.
 */
export function parseAddQuery(query: CalendarAddQueryDto): AddQuery {
  const errors: FieldViolation[] = [];
  const given = AMOUNT_FIELDS.filter((field) => query[field] !== undefined);
  if (given.length !== 1) {
    for (const field of given.length === 0 ? AMOUNT_FIELDS : given) errors.push({ field, code: 'exactly_one_of', params: { fields: [...AMOUNT_FIELDS] } });
  }
  const from = parseInstant(query.from);
  if (from === undefined) errors.push({ field: 'from', code: 'invalid_format', params: { format: 'date-time' } });
  const unit = given[0];
  if (errors.length > 0 || from === undefined || unit === undefined) throw new RequestValidationError(errors);
  return { from, amount: { unit, value: Number(query[unit]) } };
}

/** Undefined unless every component is in range: JavaScript would roll 2026-02-30 over to 2026-03-02. */
export function parseInstant(text: string): Date | undefined {
  const match = INSTANT.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s = '0', fraction = '0', zulu, sign, oh = '0', om = '0'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const millis = Number(fraction.padEnd(3, '0'));
  if (year < 1900 || hour > 23 || minute > 59 || second > 59 || Number(oh) > 23 || Number(om) > 59) return undefined;
  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  if (wall.getUTCFullYear() !== year || wall.getUTCMonth() !== month - 1 || wall.getUTCDate() !== day) return undefined;
  // An unencoded "+" in a query string arrives as a space; it cannot mean anything else here.
  const direction = zulu ? 0 : sign === '-' ? -1 : 1;
  const offsetMinutes = direction * (Number(oh) * 60 + Number(om));
  return new Date(wall.getTime() - offsetMinutes * 60_000);
}
