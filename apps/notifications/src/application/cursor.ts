import { decodeNumberCursor, encodeNumberCursor } from '@cs/platform';

/** Opaque to clients: the sequence number after which the next page starts. */
export function encodeCursor(seq: number): string {
  return encodeNumberCursor('s', seq);
}

export function decodeCursor(cursor: string | undefined, code: string): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  return decodeNumberCursor(cursor, code, { prefix: 's' });
}
