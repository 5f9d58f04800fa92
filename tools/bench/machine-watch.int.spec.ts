import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { MachineSecond } from './machine-seconds';
import { MachineWatch } from './machine-watch';

const databaseUrl = (): string => {
  const url = process.env['DATABASE_ADMIN_URL'];
  if (!url) throw new Error('DATABASE_ADMIN_URL is required (scripts/test.sh sets it)');
  return url;
};

describe('MachineWatch against the running Postgres', () => {
  let pidsDir: string;
  let burner: ChildProcess | undefined;

  beforeEach(() => {
    pidsDir = mkdtempSync(join(tmpdir(), 'machine-watch-'));
  });

  afterEach(() => {
    burner?.kill('SIGKILL');
    burner = undefined;
    rmSync(pidsDir, { recursive: true, force: true });
  });

  it("names a process of the copy by its pid file and measures its share of a core, a Postgres backend's by its role", async () => {
    // A process that keeps one core busy for as long as it lives.
    burner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    writeFileSync(join(pidsDir, 'burner.pid'), `${burner.pid}\n`);
    const client = new Client({ connectionString: databaseUrl() });
    await client.connect();
    const watch = MachineWatch.start(pidsDir, databaseUrl(), performance.now(), 250);
    try {
      // Postgres busy on a core meanwhile, so its processes have time to be counted.
      await client.query('SELECT count(*) FROM generate_series(1, 3000000)');
      await new Promise((resolve) => setTimeout(resolve, 1_200));
    } finally {
      await client.end();
    }
    const seconds = await watch.stop();
    expect(seconds.length).toBeGreaterThanOrEqual(3);
    const busiest = (name: string) => Math.max(...seconds.map((s) => s.processes[name] ?? 0));
    // A busy loop takes a whole core when it gets one; two cores shared with the test's own work leave it at least half.
    expect(busiest('burner')).toBeGreaterThan(50);
    expect(busiest('burner')).toBeLessThanOrEqual(110);
    // The test's session is the admin role's backend, named by it.
    expect(busiest('postgres: postgres')).toBeGreaterThan(10);
    expect(seconds.every((s) => 'harness' in s.processes)).toBe(true);
    // The intervals follow one another on the load's clock.
    for (const [i, s] of seconds.entries()) {
      expect(s.toSeconds).toBeGreaterThan(s.fromSeconds);
      if (i > 0) expect(s.fromSeconds).toBe(seconds[i - 1]?.toSeconds);
      const cores = s.cpu.user + s.cpu.system + s.cpu.iowait + s.cpu.idle + s.cpu.other;
      expect(cores).toBeGreaterThan(99);
      expect(cores).toBeLessThan(101);
    }
  });

  it('lists a busy process outside the system by its command, so a core taken by something else shows', async () => {
    burner = spawn('bash', ['-c', 'while :; do :; done'], { stdio: 'ignore' });
    const watch = MachineWatch.start(pidsDir, databaseUrl(), performance.now(), 250);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const seconds = await watch.stop();
    expect(Math.max(...seconds.map((s) => s.processes['bash'] ?? 0))).toBeGreaterThan(50);
    // Kernel threads and idle processes under a hundredth of a core are left out of every interval.
    const known = (name: string) => ['harness', 'postgres', 'kafka'].includes(name) || name.startsWith('postgres: ');
    expect(seconds.every((s) => Object.entries(s.processes).every(([name, share]) => known(name) || share >= 1))).toBe(true);
    expect(seconds.every((s) => 'postgres: checkpointer' in s.processes && 'postgres: walwriter' in s.processes)).toBe(true);
  });

  it("sees a session's wait and the WAL a write makes", async () => {
    const client = new Client({ connectionString: databaseUrl() });
    await client.connect();
    let seconds: MachineSecond[];
    const watch = MachineWatch.start(pidsDir, databaseUrl(), performance.now(), 200);
    try {
      await client.query('SELECT pg_sleep(1.5)');
      // A temporary table writes no WAL for its rows: the load is a logged table's, dropped after.
      await client.query('CREATE TABLE IF NOT EXISTS machine_watch_wal_logged (n int, pad text)');
      await client.query("INSERT INTO machine_watch_wal_logged SELECT n, repeat('x', 200) FROM generate_series(1, 50000) AS n");
      await new Promise((resolve) => setTimeout(resolve, 600));
    } finally {
      seconds = await watch.stop();
      await client.query('DROP TABLE IF EXISTS machine_watch_wal_logged').catch(() => undefined);
      await client.end();
    }
    const read = seconds.flatMap((s) => (s.postgres ? [s.postgres] : []));
    expect(read.length).toBeGreaterThanOrEqual(5);
    // The sleeping session alone: the watch's own, running its query at each sample, is not counted.
    expect(read.some((p) => JSON.stringify(p.sessions) === JSON.stringify({ 'Timeout:PgSleep': 1 }))).toBe(true);
    // 50,000 rows of over 200 bytes: more than 10 MiB of WAL, spread over the intervals it fell in.
    const walMiB = seconds.reduce((sum, s) => sum + (s.postgres ? s.postgres.walMiBPerSecond * (s.toSeconds - s.fromSeconds) : 0), 0);
    expect(walMiB).toBeGreaterThan(8);
  });

  it('keeps reading /proc when Postgres cannot be reached', async () => {
    const watch = MachineWatch.start(pidsDir, 'postgres://nobody:wrong@127.0.0.1:1/none', performance.now(), 200);
    await new Promise((resolve) => setTimeout(resolve, 900));
    const seconds = await watch.stop();
    expect(seconds.length).toBeGreaterThanOrEqual(2);
    expect(seconds.every((s) => s.postgres === undefined && s.cpu.idle >= 0)).toBe(true);
  });
});
