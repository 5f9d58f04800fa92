import { RequestValidationError } from '../problem/request-validation.error';
import { UUID_TEXT } from './params';

/**
 * Where a keyset-paged list ended: the sort key of its last item (a timestamp exactly as
 * `toISOString` writes it, or null when the item has none) and the item's id.
 */
export interface KeysetPosition {
  readonly key: string | null;
  readonly id: string;
}


/**
 * As `toISOString` writes an instant of years 1–9999: the form it takes for year 0 and signed
 * six-digit years round-trips in JS but Postgres refuses it (or reads it BC), which would be a 500.
 */
const ISO_INSTANT = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function isIsoTimestamp(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
}

/**
 * Opaque to clients: base64url of `{k, id}`, and `o`, the order the list was read in, for a list
 * that has several: a cursor of one order read in another would start from a key of another
 * column (a creation time taken for a deadline skips every overdue ticket).
 */
export function encodeKeysetCursor(position: KeysetPosition, order?: string): string {
  return Buffer.from(JSON.stringify({ k: position.key, id: position.id, ...(order === undefined ? {} : { o: order }) })).toString('base64url');
}

/**
 * Reads a cursor this API returned. Anything else, tampered or truncated, is the client's error
 * (400 naming `cursor`, with the list's own problem code), checked in full because its parts
 * end up cast in SQL. A null key is accepted only where the list sorts items without one.
 */
export function decodeKeysetCursor(raw: string, code: string): KeysetPosition & { readonly key: string };
export function decodeKeysetCursor(raw: string, code: string, options: { nullableKey: boolean; order?: string }): KeysetPosition;
export function decodeKeysetCursor(raw: string, code: string, options: { nullableKey?: boolean; order?: string } = {}): KeysetPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const { k, id, o, ...rest } = parsed as Record<string, unknown>;
    const keyValid = isIsoTimestamp(k) || (k === null && options.nullableKey === true);
    // A cursor written before lists named their order has none, and is read in the order asked for.
    const orderValid = o === undefined || (options.order !== undefined && o === options.order);
    if (Object.keys(rest).length === 0 && keyValid && orderValid && typeof id === 'string' && UUID_TEXT.test(id)) return { key: k, id };
  }
  throw new RequestValidationError([{ field: 'cursor', code: 'invalid_format', params: { format: 'cursor' } }], code);
}

/**
 * A list paged by one number of its own (a sequence, a version): opaque to clients, base64url of
 * `prefix` and the number as `String` writes it. The prefix keeps the cursors of lists by
 * different numbers apart.
 */
export function encodeNumberCursor(prefix: string, position: number): string {
  return Buffer.from(`${prefix}${position}`).toString('base64url');
}

/**
 * Reads a cursor {@link encodeNumberCursor} wrote with `prefix`: anything else, or a number
 * outside `min`–`max`, is the client's error (400 naming `cursor`, with the list's own code).
 */
export function decodeNumberCursor(raw: string, code: string, { prefix, min = 0, max = Number.MAX_SAFE_INTEGER }: { prefix: string; min?: number; max?: number }): number {
  const digits = Buffer.from(raw, 'base64url').toString('utf8');
  const position = digits.startsWith(prefix) && /^(0|[1-9]\d{0,14})$/.test(digits.slice(prefix.length)) ? Number(digits.slice(prefix.length)) : undefined;
  if (position === undefined || position < min || position > max) {
    throw new RequestValidationError([{ field: 'cursor', code: 'invalid_format', params: { format: 'cursor' } }], code);
  }
  return position;
}
