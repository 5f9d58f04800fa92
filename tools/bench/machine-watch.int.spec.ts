import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Server, Socket, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { MachineRecord, MachineWatch } from './machine-watch';
import { OTHERS_LISTED_FROM } from './proc-times';

const databaseUrl = (): string => {
  const url = process.env['DATABASE_ADMIN_URL'];
  if (!url) throw new Error('DATABASE_ADMIN_URL is required (scripts/test.sh sets it)');
  return url;
};

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work` with a watch reading every `everyMs`, stopping it however `work` ends. */
async function watching(pidsDir: string, url: string, everyMs: number, work: () => Promise<void>): Promise<MachineRecord> {
  const watch = MachineWatch.start(pidsDir, url, performance.now(), everyMs);
  try {
    await work();
  } catch (error) {
    await watch.stop();
    throw error;
  }
  return watch.stop();
}

describe('MachineWatch against the running Postgres', () => {
  let pidsDir: string;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    pidsDir = mkdtempSync(join(tmpdir(), 'machine-watch-'));
  });

  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    rmSync(pidsDir, { recursive: true, force: true });
  });

  const busiest = (record: MachineRecord, name: string) => Math.max(...record.seconds.map((s) => s.processes[name] ?? 0));

  it("names a process of the copy by its pid file, and this database's backend by its role", async () => {
    // A process that keeps one core busy for as long as it lives.
    const burner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    children.push(burner);
    writeFileSync(join(pidsDir, 'burner.pid'), `${burner.pid}\n`);
    const client = new Client({ connectionString: databaseUrl() });
    await client.connect();
    const record = await watching(pidsDir, databaseUrl(), 500, async () => {
      try {
        // Postgres busy meanwhile, long enough to be read at least once.
        await client.query('SELECT count(*) FROM generate_series(1, 3000000)');
        await pause(1_200);
      } finally {
        await client.end();
      }
    });
    expect(record.seconds.length).toBeGreaterThanOrEqual(2);
    // A busy loop takes up to a whole core: at least a third of one on two cores shared with the
    // query, the test and another suite. A reading is timed before its walk of /proc, so a process
    // read later in its walk than in the one before is given the difference too, which a walk slowed
    // by the load makes large; a share in the wrong units (ticks, a fraction) would be 100 times off.
    expect(busiest(record, 'burner')).toBeGreaterThan(30);
    expect(busiest(record, 'burner')).toBeLessThanOrEqual(200);
    expect(busiest(record, `postgres: ${new URL(databaseUrl()).username}`)).toBeGreaterThan(10);
    expect(record.seconds.every((s) => 'harness' in s.processes && 'postgres: checkpointer' in s.processes)).toBe(true);
    // The intervals follow one another on the load's clock, and the machine's states make a whole.
    for (const [i, s] of record.seconds.entries()) {
      expect(s.toSeconds).toBeGreaterThan(s.fromSeconds);
      if (i > 0) expect(s.fromSeconds).toBe(record.seconds[i - 1]?.toSeconds);
      const cores = s.cpu.user + s.cpu.system + s.cpu.iowait + s.cpu.idle + s.cpu.other;
      expect(cores).toBeGreaterThan(99);
      expect(cores).toBeLessThan(101);
    }
    expect(record.failures).toEqual({});
  });

  it('lists a busy process outside the system by its command, and the time of short-lived children through their parent', async () => {
    children.push(spawn('bash', ['-c', 'while :; do :; done'], { stdio: 'ignore' }));
    // Busy commands of some tens of milliseconds each, started and reaped between two readings.
    const spawner = spawn('bash', ['-c', 'while :; do sh -c "i=0; while [ \\$i -lt 20000 ]; do i=\\$((i+1)); done"; done'], { stdio: 'ignore' });
    children.push(spawner);
    writeFileSync(join(pidsDir, 'spawner.pid'), `${spawner.pid}\n`);
    const record = await watching(pidsDir, databaseUrl(), 500, () => pause(2_000));
    expect(busiest(record, 'other: bash')).toBeGreaterThan(30);
    expect(busiest(record, 'spawner (ended children)')).toBeGreaterThan(10);
    // Kernel threads and idle processes under a hundredth of a core are left out of every interval.
    expect(record.seconds.every((s) => Object.entries(s.processes).every(([name, share]) => !name.startsWith('other: ') || share >= OTHERS_LISTED_FROM))).toBe(true);
  });

  it("sees this database's session waiting, and the WAL a write makes", async () => {
    const client = new Client({ connectionString: databaseUrl() });
    await client.connect();
    const role = new URL(databaseUrl()).username;
    const record = await watching(pidsDir, databaseUrl(), 200, async () => {
      try {
        await client.query('SELECT pg_sleep(1.5)');
        // A temporary table writes no WAL for its rows: the load is a logged table's, dropped after.
        await client.query('CREATE TABLE IF NOT EXISTS machine_watch_wal (n int, pad text)');
        await client.query("INSERT INTO machine_watch_wal SELECT n, repeat('x', 200) FROM generate_series(1, 50000) AS n");
        await pause(600);
      } finally {
        await client.query('DROP TABLE IF EXISTS machine_watch_wal').catch(() => undefined);
        await client.end();
      }
    });
    const read = record.seconds.flatMap((s) => (s.postgres ? [s.postgres] : []));
    expect(read.length).toBeGreaterThanOrEqual(5);
    // The sleeping session alone: the watch's own, running its query at each reading, is not counted.
    expect(read.some((p) => JSON.stringify(p.sessions) === JSON.stringify({ [`${role}: Timeout:PgSleep`]: 1 }))).toBe(true);
    // 50,000 rows of over 200 bytes: more than 10 MiB of WAL, spread over the intervals it fell in.
    const walMiB = record.seconds.reduce((sum, s) => sum + (s.postgres ? s.postgres.walMiBPerSecond * (s.toSeconds - s.fromSeconds) : 0), 0);
    expect(walMiB).toBeGreaterThan(8);
  });

  it('reads /proc on when Postgres refuses, and names the failure', async () => {
    const record = await watching(pidsDir, 'postgres://nobody:wrong@127.0.0.1:1/none', 200, () => pause(900));
    expect(record.seconds.length).toBeGreaterThanOrEqual(2);
    expect(record.seconds.every((s) => s.postgres === undefined && 'harness' in s.processes)).toBe(true);
    expect(record.failures['postgres']?.times).toBeGreaterThanOrEqual(2);
    expect(record.failures['postgres']?.last).toMatch(/ECONNREFUSED/);
  });

  it('ends within its wait when Postgres takes connections and never answers', async () => {
    const held: Socket[] = [];
    const silent: Server = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const started = performance.now();
      const record = await watching(pidsDir, `postgres://nobody:wrong@127.0.0.1:${port}/none`, 200, () => pause(500));
      // One reading's wait (2 s) at most past the work, and the readings of /proc around it.
      expect(performance.now() - started).toBeLessThan(4_500);
      expect(record.failures['postgres']?.times).toBeGreaterThanOrEqual(1);
      expect(record.seconds.every((s) => s.postgres === undefined)).toBe(true);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
