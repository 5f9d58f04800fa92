import { MAX_YEAR, MIN_YEAR } from './civil-date';

const EARLIEST = Date.UTC(MIN_YEAR, 0, 2);
const LATEST = Date.UTC(MAX_YEAR, 11, 30);

/**
 * Instants cross the API as `Date` and are computed as epoch milliseconds. The range check
 * keeps every computation inside the years the zone arithmetic supports.
 */
export function epochMsOf(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date`);
  if (ms < EARLIEST || ms > LATEST) {
    throw new RangeError(`${name} must lie between the years ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  return ms;
}
