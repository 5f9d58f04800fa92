import type { DataSource } from 'typeorm';
import { createServiceDataSource } from './data-source';
import { adminUrl } from './admin-url.support.spec';

/** pg's pool closes a connection idle this long unless told otherwise (pg-pool's default). */
const PG_IDLE_TIMEOUT_MS = 10_000;

describe('a service data source', () => {
  const applicationName = `pool-keeps-${process.pid}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await createServiceDataSource({ url: adminUrl(), schema: 'public', poolSize: 3, applicationName }).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const connections = async () => {
    const rows = (await dataSource.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName])) as { n: number }[];
    return rows[0]!.n;
  };

  it('keeps the connections it opened through a quiet spell longer than pg closes idle ones after', async () => {
    await Promise.all([1, 2, 3].map(() => dataSource.query('SELECT pg_sleep(0.2)')));
    expect(await connections()).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, PG_IDLE_TIMEOUT_MS + 1_000));
    expect(await connections()).toBe(3);
  }, 30_000);

  it('replaces a kept connection that Postgres closed, without failing the query that next needs one', async () => {
    await Promise.all([1, 2, 3].map(() => dataSource.query('SELECT pg_sleep(0.2)')));
    expect(await connections()).toBe(3);
    const admin = createServiceDataSource({ url: adminUrl(), schema: 'public', poolSize: 1 });
    await admin.initialize();
    try {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    } finally {
      await admin.destroy();
    }
    // The pool learns of each closed connection from its error event; then queries get new ones.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await Promise.all([1, 2, 3].map(() => dataSource.query('SELECT 1 AS one')))).toEqual([[{ one: 1 }], [{ one: 1 }], [{ one: 1 }]]);
    expect(await connections()).toBeGreaterThanOrEqual(1);
  });
});
