import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { TopicName, defineEvent } from '@cs/contracts';
import { isUniqueViolation, sendAhead, sqlStateOf } from '@cs/persistence';
import { TcpRelay, adminUrl, eventually, rejectionOf, testDataSource } from '@cs/testing';
import { messagingTablesDdl } from './messaging-tables';
import { OutboxWriter } from './outbox-writer';

const Noted = defineEvent({
  type: 'test.noted.v1',
  topic: 'test.sent-ahead.v1' as TopicName,
  aggregate: 'note',
  summary: 'test event',
  schema: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
});

const schema = `sent_ahead_${randomUUID().slice(0, 8)}`;
const writer = new OutboxWriter(schema, '/cs/test');
let relay: TcpRelay;
/** One connection, reached through the relay, which counts the writes the client makes. */
let dataSource: DataSource;
let other: Client;

const rows = async (sql: string, parameters: unknown[] = []) => (await other.query(sql, parameters)).rows;
/** How many socket writes `work` made to Postgres. */
async function writesOf(work: () => Promise<unknown>): Promise<number> {
  const before = relay.clientWrites;
  await work();
  // The last answer has come back, so every write it answered has reached the relay.
  return relay.clientWrites - before;
}

beforeAll(async () => {
  relay = await TcpRelay.to(adminUrl());
  dataSource = await testDataSource({ schema, url: relay.via(adminUrl()), poolSize: 1 }).initialize();
  dataSource.subscribers.push(writer.committed);
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  for (const sql of messagingTablesDdl(schema)) await dataSource.query(sql);
  await dataSource.query(`CREATE TABLE ${schema}.notes (id integer PRIMARY KEY)`);
  other = new Client({ connectionString: adminUrl() });
  await other.connect();
});

afterAll(async () => {
  await other.end();
  await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
  await dataSource.destroy();
  await relay.close();
});

it('a transaction’s opening travels with its first statement, and its events with its commit: two writes, not four', async () => {
  const writes = await writesOf(() =>
    dataSource.transaction(async (tx) => {
      await tx.query('INSERT INTO notes (id) VALUES (1)');
      await writer.append(tx, Noted, 'n-1', { n: 1 });
    }),
  );
  expect(writes).toBe(2);
  expect(await rows(`SELECT id FROM ${schema}.notes WHERE id = 1`)).toEqual([{ id: 1 }]);
  expect(await rows(`SELECT message_key FROM ${schema}.outbox WHERE message_key = 'n-1'`)).toEqual([{ message_key: 'n-1' }]);
});

it('a lock sent ahead travels with the next statement, which runs once it is granted', async () => {
  const held = await dataSource.transaction(async (tx) => {
    const before = relay.clientWrites;
    await sendAhead(tx, 'SELECT pg_advisory_xact_lock($1)', [4201]);
    const seen = (await tx.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 4201 AND pid = pg_backend_pid() AND granted`)) as { n: number }[];
    return { seen: seen[0]!.n, writes: relay.clientWrites - before };
  });
  // The opening, the lock and the read in one write.
  expect(held).toEqual({ seen: 1, writes: 1 });
});

it('a statement sent ahead waits for nothing after it: it leaves at the event loop’s next turn', async () => {
  let seenFromOutside = 0;
  await dataSource.transaction(async (tx) => {
    await sendAhead(tx, 'SELECT pg_advisory_xact_lock($1)', [4202]);
    // No statement follows until the lock is seen held from another session.
    await eventually(async () => {
      seenFromOutside = (await rows(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 4202 AND granted`))[0].n;
      expect(seenFromOutside).toBe(1);
    });
  });
  expect(seenFromOutside).toBe(1);
});

it('a failure ahead is the next statement’s error, and nothing of the transaction stays', async () => {
  const failed = await rejectionOf(
    dataSource.transaction(async (tx) => {
      await tx.query('INSERT INTO notes (id) VALUES (2)');
      await sendAhead(tx, 'SELECT 1 / $1::int', [0]);
      await tx.query('INSERT INTO notes (id) VALUES (3)');
    }),
    QueryFailedError,
  );
  expect(sqlStateOf(failed)).toBe('22012');
  expect(await rows(`SELECT id FROM ${schema}.notes WHERE id IN (2, 3)`)).toEqual([]);
});

it('a failing write at commit fails the commit: the transaction rolls back whole, its events with it', async () => {
  const failed = await rejectionOf(
    dataSource.transaction(async (tx) => {
      await tx.query('INSERT INTO notes (id) VALUES (4)');
      await writer.writeAtCommit(tx, [(bind) => `INSERT INTO notes (id) VALUES (${bind(1)})`]);
      await writer.append(tx, Noted, 'n-4', { n: 4 });
    }),
    QueryFailedError,
  );
  expect(isUniqueViolation(failed, 'notes_pkey')).toBe(true);
  expect(await rows(`SELECT id FROM ${schema}.notes WHERE id = 4`)).toEqual([]);
  expect(await rows(`SELECT 1 FROM ${schema}.outbox WHERE message_key = 'n-4'`)).toEqual([]);
});

it('a transaction abandoned after a failure ahead fails with its own error, and leaves the connection clean for the next', async () => {
  const abandoned = await rejectionOf(
    dataSource.transaction(async (tx) => {
      await sendAhead(tx, 'SELECT 1 / $1::int', [0]);
      throw new Error('abandoned');
    }),
    Error,
  );
  expect(abandoned.message).toBe('abandoned');
  // The pool's one connection: nothing of the failure above is told to the next statement.
  expect(await dataSource.query('SELECT 5 AS n')).toEqual([{ n: 5 }]);
  expect(await dataSource.transaction(async (tx) => (await tx.query('INSERT INTO notes (id) VALUES (6) RETURNING id')) as unknown)).toEqual([{ id: 6 }]);
});

it('outside a transaction, a statement is sent and waited for as any other', async () => {
  const failed = await rejectionOf(sendAhead(dataSource.manager, 'SELECT 1 / $1::int', [0]), QueryFailedError);
  expect(sqlStateOf(failed)).toBe('22012');
});
