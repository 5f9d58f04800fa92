import { RequestValidationError } from '../problem/request-validation.error';

/**
 * Where a keyset-paged list ended: the sort key of its last item (a timestamp exactly as
 * `toISOString` writes it, or null when the item has none) and the item's id.
 */
export interface KeysetPosition {
  readonly key: string | null;
  readonly id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isIsoTimestamp(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
}

/** Opaque to clients: base64url of `{k, id}`. */
export function encodeKeysetCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify({ k: position.key, id: position.id })).toString('base64url');
}

/**
 * Reads a cursor this API returned. Anything else, tampered or truncated, is the client's error
 * (400 naming `cursor`, with the list's own problem code), checked in full because its parts
 * end up cast in SQL. A null key is accepted only where the list sorts items without one.
 */
export function decodeKeysetCursor(raw: string, code: string): KeysetPosition & { readonly key: string };
export function decodeKeysetCursor(raw: string, code: string, options: { nullableKey: boolean }): KeysetPosition;
export function decodeKeysetCursor(raw: string, code: string, options: { nullableKey?: boolean } = {}): KeysetPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const { k, id, ...rest } = parsed as Record<string, unknown>;
    const keyValid = isIsoTimestamp(k) || (k === null && options.nullableKey === true);
    if (Object.keys(rest).length === 0 && keyValid && typeof id === 'string' && UUID.test(id)) return { key: k, id };
  }
  throw new RequestValidationError([{ field: 'cursor', code: 'invalid_format', params: { format: 'cursor' } }], code);
}
