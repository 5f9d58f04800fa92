import { Client, type Pool } from 'pg';
import { type DataSource, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { adminUrl, testDataSource } from './admin-url.support.spec';

/** How long pg's pool lets a connection idle before closing it, told so rather than waiting out its default 10 s. */
const PG_IDLE_TIMEOUT_MS = 1_000;

describe('a service data source', () => {
  const applicationName = `pool-keeps-${process.pid}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await testDataSource({ schema: 'public', poolSize: 3, applicationName, idleTimeoutMs: PG_IDLE_TIMEOUT_MS }).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const connections = async () => {
    const rows = (await dataSource.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName])) as { n: number }[];
    return rows[0]!.n;
  };

  it('has Postgres check every second that the client of a running statement is still there, with no read timeout too', async () => {
    // A migration job killed mid-build would otherwise leave its build running (ADR 0064).
    expect(await dataSource.query('SHOW client_connection_check_interval')).toEqual([{ client_connection_check_interval: '1s' }]);
  });

  it('has Postgres probe a quiet client within a minute, so a session whose host vanished lets go of its locks then rather than in two hours', async () => {
    // A relay's round of a lost node held the relay's lock (every replica's publishing) for the system's 2 h 11 min.
    const [settings] = (await dataSource.query(
      `SELECT current_setting('tcp_keepalives_idle')::int AS idle, current_setting('tcp_keepalives_interval')::int AS interval,
              current_setting('tcp_keepalives_count')::int AS count`,
    )) as { idle: number; interval: number; count: number }[];
    expect(settings!.idle + settings!.interval * settings!.count).toBeLessThanOrEqual(60);
    expect(settings!.count).toBeGreaterThan(0);
  });

  it('keeps the connections it opened through a quiet spell longer than pg closes idle ones after', async () => {
    await Promise.all([1, 2, 3].map(() => dataSource.query('SELECT pg_sleep(0.2)')));
    expect(await connections()).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, PG_IDLE_TIMEOUT_MS + 1_000));
    expect(await connections()).toBe(3);
  }, 30_000);

  it('replaces kept connections that Postgres closed once the pool has seen them close', async () => {
    await Promise.all([1, 2, 3].map(() => dataSource.query('SELECT pg_sleep(0.2)')));
    expect(await connections()).toBe(3);
    const admin = testDataSource({ schema: 'public', poolSize: 1 });
    await admin.initialize();
    let terminated: { pid: number; ok: boolean }[];
    try {
      terminated = (await admin.query('SELECT pid, pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1', [applicationName])) as {
        pid: number;
        ok: boolean;
      }[];
    } finally {
      await admin.destroy();
    }
    expect(terminated.map((t) => t.ok)).toEqual([true, true, true]);
    // Each idle connection leaves the pool on the error its closing raises; wait for that, not a guess at how long it takes.
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    const deadline = Date.now() + 5_000;
    while (pool.totalCount > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pool.totalCount).toBe(0);
    const pids = (await Promise.all([1, 2, 3].map(() => dataSource.query('SELECT pg_backend_pid() AS pid, pg_sleep(0.1)')))) as { pid: number }[][];
    const fresh = pids.map(([row]) => row!.pid);
    expect(fresh).toHaveLength(3);
    expect(fresh.filter((pid) => terminated.some((t) => t.pid === pid))).toEqual([]);
  });

  it('given a transaction whose session the server ended between two statements, then the next one fails with why (57P01), not only that its runner was released', async () => {
    const failure = await dataSource
      .transaction(async (tx) => {
        const [{ pid }] = (await tx.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
        // As a restart ends every session: from another connection, while this one is idle in its transaction.
        const admin = new Client({ connectionString: adminUrl() });
        await admin.connect();
        try {
          await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        } finally {
          await admin.end();
        }
        // The connection's error event, on which TypeORM releases the runner, comes with the server's
        // message: waited for, not a guess at how long it takes to arrive.
        const deadline = Date.now() + 5_000;
        while (!tx.queryRunner!.isReleased && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
        // Through the transaction's manager, as repositories run theirs.
        const refused = await tx.query('SELECT 1').then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(refused).toBeInstanceOf(QueryRunnerProviderAlreadyReleasedError);
        expect((refused as Error).cause).toMatchObject({ code: '57P01' });
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    // And the transaction's own COMMIT.
    expect(failure).toBeInstanceOf(QueryRunnerAlreadyReleasedError);
    expect((failure as Error).cause).toMatchObject({ code: '57P01' });
    // The pool goes on with a connection of its own.
    expect(await dataSource.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });
});

describe('a service data source with a query timeout', () => {
  const table = `read_timeout_${process.pid}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await testDataSource({ schema: 'public', poolSize: 2, queryTimeoutMs: 500 }).initialize();
    await dataSource.query(`CREATE TABLE ${table} (id int PRIMARY KEY)`);
  });

  afterAll(async () => {
    await dataSource.query(`DROP TABLE IF EXISTS ${table}`);
    await dataSource.destroy();
  });

  it('fails a statement left unanswered, closes its connection, and the server cancels the statement and keeps nothing of its transaction', async () => {
    await Promise.all([1, 2].map(() => dataSource.query('SELECT pg_sleep(0.01)')));
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    expect(pool.totalCount).toBe(2);

    const started = Date.now();
    let backend = 0;
    const failed = await dataSource
      .transaction(async (tx) => {
        const [row] = (await tx.query(`INSERT INTO ${table} VALUES (1) RETURNING pg_backend_pid() AS pid`)) as { pid: number }[];
        backend = row!.pid;
        // The server would answer, long after the limit: as a frozen host looks from the client.
        await tx.query('SELECT pg_sleep(20)');
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((failed as { driverError?: Error }).driverError?.message).toBe('Query read timeout');
    // Kept, the connection would hold every later query behind the unanswered one.
    expect(pool.totalCount).toBe(1);

    const others = (await dataSource.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
    expect(others[0]!.pid).not.toBe(backend);
    // The closed connection's backend notices its client gone long before its statement ends, and rolls back.
    const deadline = Date.now() + 5_000;
    const alive = async () => ((await dataSource.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [backend])) as { n: number }[])[0]!.n;
    while ((await alive()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await alive()).toBe(0);
    expect(await dataSource.query(`SELECT id FROM ${table}`)).toEqual([]);
  }, 20_000);
});

describe('a failed statement', () => {
  it('is not printed with its parameters: the error goes to the caller alone', async () => {
    const dataSource = await testDataSource({ schema: 'public', poolSize: 1 }).initialize();
    const printed = (['log', 'info', 'warn', 'error'] as const).map((method) => jest.spyOn(console, method).mockImplementation(() => undefined));
    try {
      const failed = await dataSource.query('SELECT $1::int AS n', ['13800138000 is no number']).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect((failed as { parameters?: unknown[] }).parameters).toEqual(['13800138000 is no number']);
      expect(printed.flatMap((spy) => spy.mock.calls).filter((call) => JSON.stringify(call).includes('13800138000'))).toEqual([]);
    } finally {
      for (const spy of printed) spy.mockRestore();
      await dataSource.destroy();
    }
  });
});
