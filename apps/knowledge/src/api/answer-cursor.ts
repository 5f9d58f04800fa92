import { RequestValidationError } from '@cs/platform';

/** Where a page of answers ended: the last answer's change time and id. */
export interface AnswerCursor {
  readonly updatedAt: string;
  readonly id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeAnswerCursor(cursor: AnswerCursor): string {
  return Buffer.from(JSON.stringify({ u: cursor.updatedAt, id: cursor.id })).toString('base64url');
}

/** A cursor this API returned; anything else is the client's error, checked in full because its parts are cast in SQL. */
export function decodeAnswerCursor(raw: string): AnswerCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const { u, id } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (typeof u !== 'string' || Number.isNaN(Date.parse(u)) || new Date(u).toISOString() !== u || typeof id !== 'string' || !UUID.test(id)) {
    throw new RequestValidationError([{ field: 'cursor', code: 'invalid_format', params: { format: 'cursor' } }], 'ANSWER.BAD_CURSOR');
  }
  return { updatedAt: u, id };
}
