import { RequestValidationError } from '@cs/platform';

/** Where a page of tickets ended: the sort key of its last ticket (null: no due date) and its id. */
export interface TicketCursor {
  readonly k: string | null;
  readonly id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: TicketCursor): string {
  return Buffer.from(JSON.stringify({ k: cursor.k, id: cursor.id })).toString('base64url');
}

/** A timestamp exactly as `toISOString` writes it, so Postgres reads it as we wrote it. */
function isIsoTimestamp(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
}

function isCursor(value: unknown): value is TicketCursor {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { k, id, ...rest } = value as Record<string, unknown>;
  return Object.keys(rest).length === 0 && (k === null || isIsoTimestamp(k)) && typeof id === 'string' && UUID.test(id);
}

/**
 * Reads a cursor this API returned. Anything else, tampered or truncated, is the client's
 * error (400), checked in full here because its parts end up cast in SQL.
 */
export function decodeCursor(raw: string): TicketCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!isCursor(parsed)) {
    throw new RequestValidationError([{ field: 'cursor', code: 'invalid_format', params: { format: 'cursor' } }], 'TICKET.BAD_CURSOR');
  }
  return parsed;
}
