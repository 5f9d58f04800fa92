import { applyDecorators } from '@nestjs/common';
import { Roles } from '@cs/auth';
import type { Role } from '@cs/auth';
import { startOfLocalDay } from '@cs/business-calendar';
import { RequestValidationError } from '@cs/platform';
import { periodBetween, parseBound, Period } from '../domain/period';
import type { PeriodQuery } from './kpis.dto';

/** Who reads the figures: management, supervision and quality (质量管理). */
export const REPORT_READERS: readonly Role[] = ['manager', 'supervisor', 'quality'];
export const ReadsReports = (): MethodDecorator & ClassDecorator => applyDecorators(Roles(...REPORT_READERS));

/** How long a period of figures may be: ten years, which the preceding period of `topics` doubles. */
export const MAX_PERIOD_DAYS = 3_660;
/** How long a period a ticket export may be: a year, leap or not; its rows are built in memory. */
export const MAX_EXPORT_DAYS = 366;
/** The earliest a period may start: no company's records are older, and Postgres's time ends in 4713 BC. */
const EARLIEST = '1900-01-01';
const DAY_MS = 86_400_000;

/**
 * The query's period in the company's timezone. A `to` not after `from`, a start before 1900 or a
 * period longer than `maxDays` is the caller's error, named by field: each would read tables whole
 * (and a preceding period of the same length could fall before the dates Postgres holds).
 */
export function periodOf(query: Pick<PeriodQuery, 'from' | 'to'>, timeZone: string, maxDays = MAX_PERIOD_DAYS): Period {
  const from = parseBound(query.from);
  const to = parseBound(query.to ?? query.from);
  if (!from || !to) throw new RequestValidationError([{ field: from ? 'to' : 'from', code: 'invalid_format', params: { format: 'report-period' } }]);
  const period = periodBetween(from, to, timeZone);
  assertBounded(period, { earliest: startOfLocalDay(timeZone, EARLIEST), maxDays, emptyMin: query.from ?? period.from.toISOString() });
  return period;
}

/** Refuses, naming the field, a period that is empty, starts before `earliest` or lasts more than `maxDays`. */
function assertBounded(period: { from: Date; to: Date }, bounds: { earliest: Date; maxDays: number; emptyMin: string }): void {
  if (period.from >= period.to) throw new RequestValidationError([{ field: 'to', code: 'out_of_range', params: { min: bounds.emptyMin } }], 'REPORT.EMPTY_PERIOD');
  if (period.from < bounds.earliest) {
    throw new RequestValidationError([{ field: 'from', code: 'out_of_range', params: { min: EARLIEST } }], 'REPORT.PERIOD_TOO_EARLY');
  }
  const latestEnd = new Date(period.from.getTime() + bounds.maxDays * DAY_MS);
  if (period.to > latestEnd) {
    throw new RequestValidationError([{ field: 'to', code: 'out_of_range', params: { max: latestEnd.toISOString() } }], 'REPORT.PERIOD_TOO_LONG');
  }
}

/**
 * A period given by instants (`GET /v1/reports/summary`), of at most `maxDays`: a bound left out
 * lies that long from the other, and with neither the period ends now. Counting every ticket ever
 * recorded read the whole fact table on each call.
 */
export function instantsOf(query: { from?: string; to?: string }, now: Date, maxDays = MAX_EXPORT_DAYS): { from: Date; to: Date } {
  const span = maxDays * DAY_MS;
  const given = { from: query.from === undefined ? undefined : new Date(query.from), to: query.to === undefined ? undefined : new Date(query.to) };
  const to = given.to ?? (given.from ? new Date(given.from.getTime() + span) : now);
  const from = given.from ?? new Date(to.getTime() - span);
  assertBounded({ from, to }, { earliest: new Date(`${EARLIEST}T00:00:00Z`), maxDays, emptyMin: from.toISOString() });
  return { from, to };
}
