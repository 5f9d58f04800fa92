import { Type } from '@sinclair/typebox';
import { RowShapeError, changedRows, selectRow, selectRows } from './typed-query';

const Row = Type.Object({ id: Type.String(), n: Type.Integer(), at: Type.Date(), note: Type.Union([Type.String(), Type.Null()]) });
const answering = (result: unknown) => ({ query: async () => result });
const at = new Date('2026-11-30T00:00:00Z');

describe('typed queries', () => {
  it('returns rows that fit the declared shape', async () => {
    const rows = [{ id: 'a', n: 1, at, note: null }];
    await expect(selectRows(answering(rows), Row, 'SELECT 1')).resolves.toEqual(rows);
    await expect(selectRow(answering(rows), Row, 'SELECT 1')).resolves.toEqual(rows[0]);
    await expect(selectRow(answering([]), Row, 'SELECT 1')).resolves.toBeUndefined();
  });

  it('refuses a row that does not fit, naming the column', async () => {
    const drifted = answering([{ id: 'a', n: '1', at, note: null }]);
    await expect(selectRows(drifted, Row, 'SELECT id, n FROM t')).rejects.toThrow(RowShapeError);
    await expect(selectRows(drifted, Row, 'SELECT id, n FROM t')).rejects.toThrow(/\/n/);
  });

  it('unwraps the [rows, affected] answer of an UPDATE … RETURNING', async () => {
    const rows = [{ id: 'a', n: 2, at, note: 'x' }];
    await expect(changedRows(answering([rows, 1]), Row, 'UPDATE t SET n = 2 RETURNING *')).resolves.toEqual(rows);
    await expect(changedRows(answering([[], 0]), Row, 'UPDATE t SET n = 2 RETURNING *')).resolves.toEqual([]);
  });
});
