import { TcpRelay, adminUrl, testDataSource, waitingForThePoolAtMost } from '@cs/testing';
import { PostgresProbe } from './postgres-probe';

// The probe's bound on opening its connection as well as on its statement: each "up" check after a
// cut opens one anew through the relay, which a loaded machine may take over 500 ms to do. The
// times below are told from it; a probe that ignored it would still wait for TCP, far past them.
const TIMEOUT_MS = 2_000;
let relay: TcpRelay;
let probe: PostgresProbe;

beforeAll(async () => {
  relay = await TcpRelay.to(adminUrl());
});

beforeEach(() => {
  probe = new PostgresProbe({ url: relay.via(adminUrl()), timeoutMs: TIMEOUT_MS, applicationName: 'postgres-probe-test' });
});

afterEach(async () => {
  await probe.close();
  if (relay.isCut) await relay.restore();
});

afterAll(async () => {
  await relay.close();
});

/** How a ping ends, and how long it took. */
async function ping(): Promise<{ up: boolean; ms: number }> {
  const started = Date.now();
  const up = await probe.ping().then(
    () => true,
    () => false,
  );
  return { up, ms: Date.now() - started };
}

describe('the readiness probe of Postgres', () => {
  it('answers while every connection of the service’s pool is taken', async () => {
    // Its own connection is opened within its timeout on a loaded machine too; a probe waiting on the pool would give up with it after 200 ms.
    probe = new PostgresProbe({ url: relay.via(adminUrl()), timeoutMs: 5_000, applicationName: 'postgres-probe-test' });
    const pool = waitingForThePoolAtMost(await testDataSource({ schema: 'public', poolSize: 1 }).initialize(), 200);
    const held = pool.createQueryRunner();
    try {
      await held.startTransaction();
      await held.query('SELECT 1');
      // The pool is exhausted: a request waits for a connection and gives up.
      await expect(pool.query('SELECT 1')).rejects.toThrow();
      expect(await ping()).toMatchObject({ up: true });
    } finally {
      await held.rollbackTransaction();
      await held.release();
      await pool.destroy();
    }
  });

  it('opens one connection for probes that arrive together, and closes it within its timeout even on a frozen socket', async () => {
    const name = `postgres-probe-${Date.now()}`;
    probe = new PostgresProbe({ url: relay.via(adminUrl()), timeoutMs: TIMEOUT_MS, applicationName: name });
    await Promise.all([probe.ping(), probe.ping(), probe.ping(), probe.ping()]);
    const admin = await testDataSource({ schema: 'public', poolSize: 1 }).initialize();
    try {
      const [row] = (await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [name])) as { n: number }[];
      expect(row?.n).toBe(1);
    } finally {
      await admin.destroy();
    }
    await relay.cut('freeze');
    const started = Date.now();
    await probe.close();
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1_000);
    await expect(probe.ping()).rejects.toThrow('closed');
  });

  it('fails within its timeout while Postgres is gone, on the open connection and on new ones, and recovers once it is back', async () => {
    expect((await ping()).up).toBe(true);
    await relay.cut('refuse');
    const onOpen = await ping();
    const onNew = await ping();
    expect([onOpen.up, onNew.up]).toEqual([false, false]);
    await relay.restore();
    expect((await ping()).up).toBe(true);
  });

  it('fails within its timeout when Postgres stops answering on a connection it keeps open', async () => {
    expect((await ping()).up).toBe(true);
    await relay.cut('freeze');
    const frozen = await ping();
    expect(frozen.up).toBe(false);
    expect(frozen.ms).toBeLessThan(TIMEOUT_MS + 1_500);
    const next = await ping();
    expect(next.up).toBe(false);
    expect(next.ms).toBeLessThan(TIMEOUT_MS + 1_500);
    await relay.restore();
    expect((await ping()).up).toBe(true);
  });
});
