import { RequestValidationError } from '@cs/platform';

/** Opaque to clients: the position after which the next page starts. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, code: string): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const match = /^s(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new RequestValidationError([{ field: 'cursor', code: 'invalid_format', params: { format: 'cursor' } }], code);
  return Number(match[1]);
}
