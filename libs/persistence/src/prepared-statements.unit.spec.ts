import { StatementNames } from './prepared-statements';

describe('StatementNames', () => {
  it('names a text from its second use on, the same name every time, a different one for another text', () => {
    const names = new StatementNames();
    const insert = 'INSERT INTO t (a) VALUES ($1)';
    expect(names.nameOf(insert)).toBeUndefined();
    const name = names.nameOf(insert);
    expect(name).toMatch(/^cs_[0-9a-f]{40}$/);
    expect(names.nameOf(insert)).toBe(name);
    const other = 'SELECT a FROM t WHERE a = $1';
    names.nameOf(other);
    expect(names.nameOf(other)).not.toBe(name);
  });

  it('names no statement that reads whole rows, which a new column would make fail prepared', () => {
    const names = new StatementNames({ after: 1 });
    for (const text of [
      'SELECT * FROM tickets WHERE id = $1 FOR UPDATE',
      'select distinct t.* from tickets t where t.id = $1',
      'UPDATE n SET seq = 1 WHERE id = $1 RETURNING *',
      'WITH x AS (SELECT 1) SELECT latest.* FROM latest WHERE id = $1',
    ]) {
      expect(names.nameOf(text)).toBeUndefined();
    }
    expect(names.nameOf('SELECT count(*) FROM tickets WHERE id = $1')).toBeDefined();
  });

  it('names at most `capacity` texts and sends the rest unnamed', () => {
    const names = new StatementNames({ capacity: 2, after: 1 });
    expect(names.nameOf('SELECT $1::int AS a')).toBeDefined();
    expect(names.nameOf('SELECT $1::int AS b')).toBeDefined();
    expect(names.nameOf('SELECT $1::int AS c')).toBeUndefined();
    expect(names.nameOf('SELECT $1::int AS a')).toBeDefined();
  });

  it('sends a text unnamed for good once Postgres refused it prepared', () => {
    const names = new StatementNames({ after: 1 });
    const text = 'SELECT v FROM t WHERE id = $1';
    expect(names.nameOf(text)).toBeDefined();
    names.refused(text);
    expect(names.nameOf(text)).toBeUndefined();
  });
});
