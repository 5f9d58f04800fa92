import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { Client } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { TopicName, defineEvent } from '@cs/contracts';
import { answeredTogether, answersAhead, cutOff, inSavepoint, isUniqueViolation, sendAhead, sqlStateOf } from '@cs/persistence';
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
/** How many times `work` sent statements to Postgres and waited: its round trips. */
async function roundTripsOf(work: () => Promise<unknown>): Promise<number> {
  const before = relay.clientFlights;
  await work();
  // The last answer has come back, so everything it answered has reached the relay.
  return relay.clientFlights - before;
}

type Socket = Writable & { _write: Writable['_write']; _writev?: Writable['_writev'] };

/** Counts the writes `client`'s socket hands to the system (one `_write` or `_writev` each) until stopped. */
function socketWrites(client: Client): { readonly count: () => number; readonly stop: () => void } {
  const socket = client.connection.stream as Socket;
  const [write, writev] = [socket._write, socket._writev];
  let writes = 0;
  socket._write = (...args) => (writes++, write.apply(socket, args));
  if (writev) socket._writev = (...args) => (writes++, writev.apply(socket, args));
  return {
    count: () => writes,
    stop: () => {
      socket._write = write;
      socket._writev = writev;
    },
  };
}

/** The writes `client`'s socket hands to the system while `work` runs. */
async function socketWritesOf(client: Client, work: () => Promise<unknown>): Promise<number> {
  const writes = socketWrites(client);
  try {
    await work();
  } finally {
    writes.stop();
  }
  return writes.count();
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

it('a transaction’s opening travels with its first statement, and its events with its commit: two round trips, not four', async () => {
  const trips = await roundTripsOf(() =>
    dataSource.transaction(async (tx) => {
      await tx.query('INSERT INTO notes (id) VALUES (1)');
      await writer.append(tx, Noted, 'n-1', { n: 1 });
    }),
  );
  expect(trips).toBe(2);
  expect(await rows(`SELECT id FROM ${schema}.notes WHERE id = 1`)).toEqual([{ id: 1 }]);
  expect(await rows(`SELECT message_key FROM ${schema}.outbox WHERE message_key = 'n-1'`)).toEqual([{ message_key: 'n-1' }]);
});

it('a lock sent ahead travels with the next statement, which runs once it is granted', async () => {
  const held = await dataSource.transaction(async (tx) => {
    const before = relay.clientFlights;
    await sendAhead(tx, 'SELECT pg_advisory_xact_lock($1)', [4201]);
    const seen = (await tx.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 4201 AND pid = pg_backend_pid() AND granted`)) as { n: number }[];
    return { seen: seen[0]!.n, trips: relay.clientFlights - before };
  });
  // The opening, the lock and the read in one round trip.
  expect(held).toEqual({ seen: 1, trips: 1 });
});

it('what is sent ahead leaves in the socket write of the statement after it', async () => {
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as Client;
    const writes = await socketWritesOf(client, async () => {
      await runner.startTransaction();
      await sendAhead(runner.manager, 'SELECT pg_advisory_xact_lock($1)', [4204]);
      await runner.query('SELECT 1');
      await runner.commitTransaction();
    });
    // The opening, the lock and the read in one; the commit in another.
    expect(writes).toBe(2);
  } finally {
    await runner.release();
  }
});

it('statements answered together leave in one socket write, where awaited together they leave in one each; their answers as before', async () => {
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as Client;
    await runner.startTransaction();
    await runner.query('SELECT 1');
    const reads = () => [runner.query('SELECT 1 AS a'), runner.query('SELECT $1::int AS b', [2]), runner.query('SELECT 3 AS c')];
    let answers: unknown;
    const together = await socketWritesOf(client, async () => {
      answers = await answeredTogether(runner.manager, reads);
    });
    // Let go whole: a socket left corked would hold every statement after it.
    const corked = client.connection.stream.writableCorked;
    const apart = await socketWritesOf(client, () => Promise.all(reads()));
    await runner.commitTransaction();
    expect({ together, corked, apart, answers }).toEqual({ together: 1, corked: 0, apart: 3, answers: [[{ a: 1 }], [{ b: 2 }], [{ c: 3 }]] });
  } finally {
    await runner.release();
  }
});

it('a group answered together leaves with the transaction’s opening, in one write sent before anything else the event loop has to run', async () => {
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as Client;
    const trips = relay.clientFlights;
    const writes = socketWrites(client);
    let writtenByTheNextCallback = -1;
    let answers: unknown;
    try {
      await runner.startTransaction();
      setImmediate(() => (writtenByTheNextCallback = writes.count()));
      answers = await answeredTogether(runner.manager, () => [runner.query('SELECT 1 AS a'), runner.query('SELECT 2 AS b')]);
    } finally {
      writes.stop();
    }
    const tripsTaken = relay.clientFlights - trips;
    await runner.commitTransaction();
    expect({ answers, writes: writes.count(), writtenByTheNextCallback, trips: tripsTaken }).toEqual({
      answers: [[{ a: 1 }], [{ b: 2 }]],
      writes: 1,
      writtenByTheNextCallback: 1,
      trips: 1,
    });
  } finally {
    await runner.release();
  }
});

it('a group issued from a callback, not a promise job, leaves in one write too: its release waits for the promise jobs the callback left', async () => {
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as Client;
    await runner.startTransaction();
    await runner.query('SELECT 1');
    const group = () => answeredTogether(runner.manager, () => [runner.query('SELECT 1 AS a'), runner.query('SELECT 2 AS b')]);
    const writes = await socketWritesOf(client, () => new Promise((resolve, reject) => setImmediate(() => void group().then(resolve, reject))));
    const corked = client.connection.stream.writableCorked;
    await runner.commitTransaction();
    expect({ writes, corked }).toEqual({ writes: 1, corked: 0 });
  } finally {
    await runner.release();
  }
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

it('answersAhead waits for what was sent ahead and throws its failure, naming the statement, and the transaction goes no further', async () => {
  const sent: string[] = [];
  const failed = await rejectionOf(
    dataSource.transaction(async (tx) => {
      await sendAhead(tx, 'INSERT INTO notes (id) VALUES (501)');
      await sendAhead(tx, 'SELECT 1 / $1::int', [0]);
      await answersAhead(tx);
      sent.push('after');
    }),
    QueryFailedError,
  );
  // Named by the statement that failed, not by one after it.
  expect(sqlStateOf(failed)).toBe('22012');
  expect(failed.query).toContain('SELECT 1 / $1::int');
  expect(failed.parameters).toBeUndefined();
  expect(sent).toEqual([]);
  expect(await rows(`SELECT id FROM ${schema}.notes WHERE id = 501`)).toEqual([]);
});

it('answersAhead waits one round trip for what was sent ahead, and none for an opening alone or nothing', async () => {
  const trips = await dataSource.transaction(async (tx) => {
    const opened = relay.clientFlights;
    await answersAhead(tx);
    const afterOpening = relay.clientFlights - opened;
    await tx.query('SELECT 1');
    const before = relay.clientFlights;
    await answersAhead(tx);
    const afterNothing = relay.clientFlights - before;
    await sendAhead(tx, 'INSERT INTO notes (id) VALUES (601)');
    await sendAhead(tx, 'INSERT INTO notes (id) VALUES (602)');
    await answersAhead(tx);
    const afterWrites = relay.clientFlights - before;
    return { afterOpening, afterNothing, afterWrites };
  });
  expect(trips).toEqual({ afterOpening: 0, afterNothing: 0, afterWrites: 1 });
  expect(await rows(`SELECT id FROM ${schema}.notes WHERE id IN (601, 602) ORDER BY id`)).toEqual([{ id: 601 }, { id: 602 }]);
});

it('answersAhead also waits for what is sent ahead while it waits, and takes a query runner as well as its manager', async () => {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.startTransaction();
    await sendAhead(runner.manager, 'INSERT INTO notes (id) VALUES (701)');
    // Not awaited: the transaction used while the wait is under way, as a forgotten await would.
    const waiting = answersAhead(runner);
    const late = sendAhead(runner.manager, 'SELECT 1 / $1::int', [0]).catch(() => undefined);
    const failed = await rejectionOf(waiting, QueryFailedError);
    await late;
    expect(sqlStateOf(failed)).toBe('22012');
    await runner.rollbackTransaction();
  } finally {
    await runner.release();
  }
  expect(await rows(`SELECT id FROM ${schema}.notes WHERE id = 701`)).toEqual([]);
});

it('a failure ahead of a savepoint fails it before it opens, and the transaction stays whole: nothing of it commits', async () => {
  const passedBy: string[] = [];
  const failed = await rejectionOf(
    dataSource.transaction(async (tx) => {
      await sendAhead(tx, 'INSERT INTO notes (id) VALUES (801)');
      await sendAhead(tx, 'SELECT 1 / $1::int', [0]);
      // Items each in a savepoint, one that fails passed by, as a batch passing faults by does.
      for (const id of [802, 803]) {
        await inSavepoint(tx, (savepoint) => savepoint.query('INSERT INTO notes (id) VALUES ($1)', [id])).catch(() => passedBy.push(String(id)));
      }
    }),
    QueryFailedError,
  );
  expect(sqlStateOf(failed)).toBe('22012');
  expect(passedBy).toEqual(['802', '803']);
  // A SAVEPOINT telling the failure would have rolled the transaction back whole and let 803 open and commit one of its own.
  expect(await rows(`SELECT id FROM ${schema}.notes WHERE id IN (801, 802, 803)`)).toEqual([]);
});

it('a COMMIT that Postgres answers by rolling back fails: a failure no one was told does not pass for a commit', async () => {
  const failed = await rejectionOf(
    dataSource.transaction(async (tx) => {
      await tx.query('INSERT INTO notes (id) VALUES (702)');
      // A failure swallowed: Postgres aborts the transaction and turns its COMMIT into a ROLLBACK.
      await tx.query('SELECT 1 / $1::int', [0]).catch(() => undefined);
    }),
    QueryFailedError,
  );
  expect(sqlStateOf(failed)).toBe('25P02');
  expect(failed.message).toMatch(/rolled back at its COMMIT/);
  expect(await rows(`SELECT id FROM ${schema}.notes WHERE id = 702`)).toEqual([]);
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

it('a statement ahead that pg cannot send (a parameter it cannot encode) fails at once, and nothing of its transaction commits', async () => {
  let toldBy = 'the statement after it';
  const circular: Record<string, unknown> = {};
  circular['self'] = circular;
  const failed = await rejectionOf(
    dataSource.transaction(async (tx) => {
      await tx.query('INSERT INTO notes (id) VALUES (7)');
      await sendAhead(tx, 'SELECT $1::jsonb', [circular]).catch((error: unknown) => {
        toldBy = 'the statement itself';
        throw error;
      });
      await tx.query('INSERT INTO notes (id) VALUES (8)');
    }),
    QueryFailedError,
  );
  expect(failed.driverError).toBeInstanceOf(TypeError);
  expect(failed.message).toMatch(/circular/i);
  expect(toldBy).toBe('the statement itself');
  expect(await rows(`SELECT id FROM ${schema}.notes WHERE id IN (7, 8)`)).toEqual([]);
});

it('a failure ahead known before the next statement is issued keeps that statement from being sent', async () => {
  let tripsOfTheInsert = -1;
  const failed = await rejectionOf(
    dataSource.transaction(async (tx) => {
      await sendAhead(tx, 'SELECT 1 / $1::int', [0]);
      // Known once its answer has reached this process, not once Postgres has run it: the answer
      // may still be on its way through the relay when the session shows as aborted.
      const known = await rejectionOf(answersAhead(tx), QueryFailedError);
      expect(sqlStateOf(known)).toBe('22012');
      const before = relay.clientFlights;
      const outcome = await tx.query('INSERT INTO notes (id) VALUES (9)').then(
        () => undefined,
        (error: unknown) => error,
      );
      // Anything written is already on its way: the relay reads it at the event loop's next poll.
      await new Promise((resolve) => setTimeout(resolve, 20));
      tripsOfTheInsert = relay.clientFlights - before;
      throw outcome;
    }),
    QueryFailedError,
  );
  expect(sqlStateOf(failed)).toBe('22012');
  expect(tripsOfTheInsert).toBe(0);
  expect(await rows(`SELECT id FROM ${schema}.notes WHERE id = 9`)).toEqual([]);
});

it('a connection cut off with a statement waiting on a lock ends at once, its session with it', async () => {
  // Held by a session of its own: `other`, outside a transaction, sees the sessions as they are now.
  const holder = new Client({ connectionString: adminUrl() });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT pg_advisory_xact_lock(4203)');
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as Client;
    const pid = ((await client.query('SELECT pg_backend_pid() AS pid')) as { rows: { pid: number }[] }).rows[0]!.pid;
    const waiting = client.query('SELECT pg_advisory_xact_lock(4203)').then(
      () => 'granted',
      () => 'cut off',
    );
    await eventually(async () => expect(await rows(`SELECT 1 FROM pg_locks WHERE pid = $1 AND NOT granted`, [pid])).toHaveLength(1));
    // In pipeline mode pg's own end would wait for the statement's answer: for ever, here.
    const ended = await Promise.race([cutOff(client).then(() => 'ended'), new Promise((resolve) => setTimeout(() => resolve('still open'), 2_000))]);
    expect(ended).toBe('ended');
    expect(await waiting).toBe('cut off');
    await eventually(async () => expect(await rows('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).toEqual([]));
  } finally {
    await runner.release();
    await holder.end();
  }
});
