import { RequestValidationError } from '@cs/platform';
import type { ContactPosition } from '../infrastructure/contact.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeContactCursor(position: ContactPosition): string {
  return Buffer.from(JSON.stringify({ at: position.occurredAt.toISOString(), id: position.id })).toString('base64url');
}

/** Reads a cursor this API returned; anything else is the client's error (400 naming `cursor`), checked in full since its parts reach SQL. */
export function decodeContactCursor(raw: string): ContactPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const { at, id, ...rest } = parsed as Record<string, unknown>;
    const occurredAt = typeof at === 'string' ? new Date(at) : undefined;
    if (Object.keys(rest).length === 0 && occurredAt && occurredAt.toISOString() === at && typeof id === 'string' && UUID.test(id)) {
      return { occurredAt, id };
    }
  }
  throw new RequestValidationError([{ field: 'cursor', code: 'invalid_format', params: { format: 'cursor' } }], 'CONTACT.BAD_CURSOR');
}
