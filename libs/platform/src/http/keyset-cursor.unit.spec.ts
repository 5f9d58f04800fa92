import { RequestValidationError } from '../problem/request-validation.error';
import { decodeKeysetCursor, decodeNumberCursor, encodeKeysetCursor, encodeNumberCursor } from './keyset-cursor';

const ID = '0b9d3c3e-4a55-4a8e-9a51-2f7b0c1d2e3f';
const raw = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('keyset cursors of the lists', () => {
  const decode = (cursor: string) => decodeKeysetCursor(cursor, 'TICKET.BAD_CURSOR', { nullableKey: true });

  it('given a cursor this API wrote, then it reads back the same key and id', () => {
    expect(decode(encodeKeysetCursor({ key: '2026-11-24T08:30:00.000Z', id: ID }))).toEqual({ key: '2026-11-24T08:30:00.000Z', id: ID });
    expect(decode(encodeKeysetCursor({ key: null, id: ID }))).toEqual({ key: null, id: ID });
    expect(decode(encodeKeysetCursor({ key: '0001-01-01T00:00:00.000Z', id: ID }))).toEqual({ key: '0001-01-01T00:00:00.000Z', id: ID });
  });

  it('given a cursor of one order read in another, then it is refused; one of the same order, or written before orders were named, is read', () => {
    const byDue = encodeKeysetCursor({ key: null, id: ID }, 'due');
    expect(decodeKeysetCursor(byDue, 'TICKET.BAD_CURSOR', { nullableKey: true, order: 'due' })).toEqual({ key: null, id: ID });
    expect(() => decodeKeysetCursor(byDue, 'TICKET.BAD_CURSOR', { nullableKey: true, order: 'created' })).toThrow(RequestValidationError);
    expect(() => decode(byDue)).toThrow(RequestValidationError);
    expect(decodeKeysetCursor(encodeKeysetCursor({ key: null, id: ID }), 'TICKET.BAD_CURSOR', { nullableKey: true, order: 'created' })).toEqual({ key: null, id: ID });
  });

  it('given a null key where the list has none, then it is refused with the list\'s code', () => {
    expect(() => decodeKeysetCursor(encodeKeysetCursor({ key: null, id: ID }), 'CONTACT.BAD_CURSOR')).toThrow(
      expect.objectContaining({ code: 'CONTACT.BAD_CURSOR', errors: [{ field: 'cursor', code: 'invalid_format', params: { format: 'cursor' } }] }),
    );
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['JSON null', raw(null)],
    ['an array', raw([null, ID])],
    ['an id that is not a UUID', raw({ k: null, id: "1' OR 1=1" })],
    ['a missing id', raw({ k: null })],
    ['a key that is not a timestamp', raw({ k: 'yesterday', id: ID })],
    ['an impossible date', raw({ k: '2026-13-45T99:00:00.000Z', id: ID })],
    ['a timestamp in another shape', raw({ k: '2026-11-24 08:30', id: ID })],
    ['a numeric key', raw({ k: 1, id: ID })],
    ['year 0, which Postgres has not', raw({ k: '0000-01-01T00:00:00.000Z', id: ID })],
    ['a signed six-digit year', raw({ k: '-271821-04-20T00:00:00.000Z', id: ID })],
    ['a year past 9999', raw({ k: '+275760-09-13T00:00:00.000Z', id: ID })],
    ['an extra member', raw({ k: null, id: ID, sql: 'x' })],
  ])('given %s, then it is a 400 TICKET.BAD_CURSOR naming cursor', (_case, cursor) => {
    expect(() => decode(cursor)).toThrow(RequestValidationError);
    expect(() => decode(cursor)).toThrow(
      expect.objectContaining({ code: 'TICKET.BAD_CURSOR', errors: [{ field: 'cursor', code: 'invalid_format', params: { format: 'cursor' } }] }),
    );
  });
});

describe('a cursor of a list paged by a number of its own', () => {
  const decode = (cursor: string) => decodeNumberCursor(cursor, 'ANSWER.BAD_CURSOR', { prefix: 'v', min: 1, max: 9999 });

  it('given one the API wrote, then it reads back the number', () => {
    expect(decode(encodeNumberCursor('v', 42))).toBe(42);
    expect(decodeNumberCursor(encodeNumberCursor('s', 0), 'NOTIFICATION.BAD_CURSOR', { prefix: 's' })).toBe(0);
  });

  it.each([
    ['another list’s prefix', raw('s42')],
    ['a number the API never writes so', raw('v042')],
    ['a number under the least', raw('v0')],
    ['a number over the most', raw('v10000')],
    ['no number', raw('v')],
    ['a number and more', raw('v42;')],
  ])('given %s, then it is 400 naming the cursor with the list’s code', (_, cursor) => {
    expect(() => decode(cursor)).toThrow(RequestValidationError);
    expect(() => decode(cursor)).toThrow(expect.objectContaining({ code: 'ANSWER.BAD_CURSOR', errors: [{ field: 'cursor', code: 'invalid_format', params: { format: 'cursor' } }] }));
  });
});
