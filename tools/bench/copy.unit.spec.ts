import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, copyPids, relativePolling, sampleHeaps, until, withOthersPaused } from './copy';

describe('polling a watched contact', () => {
  it('polls at the minimum while the wait is short, then every twentieth of the time waited', () => {
    const every = relativePolling(20);
    expect(every(0)).toBe(20);
    expect(every(300)).toBe(20);
    expect(every(1_000)).toBe(50);
    expect(every(11_000)).toBe(550);
  });
});

describe('pausing the rest of the copy', () => {
  const children: ChildProcess[] = [];
  let dir: string;

  /** A process of the copy, named as its pid file names it. */
  const launch = (name: string): number => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(child);
    writeFileSync(join(dir, `${name}.pid`), `${child.pid}\n`);
    return child.pid!;
  };
  const stoppedNow = (pid: number) => /^\d+ \(.*\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))![1] === 'T';
  /**
   * Whether each process comes to be stopped or running as `expected` says: a signal takes effect
   * when the kernel next schedules the process, not within kill(2), so the states are read until
   * they match or two seconds passed.
   */
  const become = (pids: number[], expected: boolean[]) => until(async () => pids.every((pid, i) => stoppedNow(pid) === expected[i]), 2_000, 10);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-copy-'));
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops every process but those kept running while the work runs, and continues them after', async () => {
    const pids = [launch('intake'), launch('tickets'), launch('tickets-2')];
    expect(await withOthersPaused(dir, ['intake'], () => become(pids, [false, true, true]))).toBe(true);
    expect(await become(pids, [false, false, false])).toBe(true);
  });

  it('continues them when the work fails', async () => {
    const tickets = launch('tickets');
    let pausedMeanwhile = false;
    await expect(
      withOthersPaused(dir, ['intake'], async () => {
        pausedMeanwhile = await become([tickets], [true]);
        throw new Error('the load generator failed');
      }),
    ).rejects.toThrow('the load generator failed');
    expect(pausedMeanwhile).toBe(true);
    expect(await become([tickets], [false])).toBe(true);
  });

  it('reads the pids of the copy by process name, leaving out a file not yet holding one', () => {
    writeFileSync(join(dir, 'tickets-2.pid'), '4242\n');
    writeFileSync(join(dir, 'reporting.pid'), '');
    writeFileSync(join(dir, 'copy.state'), 'COPY_MARKER=x');
    expect([...copyPids(dir)]).toEqual([['tickets-2', 4242]]);
  });

  it('passes over a process gone before or during the pause, and still continues the others', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dir, 'callbacks.pid'), `${gone}\n`);
    const reporting = launch('reporting');
    const tickets = launch('tickets');
    const answer = await withOthersPaused(dir, [], async () => {
      const paused = await become([reporting, tickets], [true, true]);
      children.find((c) => c.pid === reporting)!.kill('SIGKILL');
      await new Promise((resolve) => children.find((c) => c.pid === reporting)!.once('exit', resolve));
      return paused;
    });
    expect(answer).toBe(true);
    expect(await become([tickets], [false])).toBe(true);
  });
});

/** A local HTTP server answering by `handler` while the describe block calling it runs; its address once started. */
function localServer(handler: RequestListener): () => string {
  let server: Server | undefined;
  let base = '';
  beforeAll(async () => {
    const started = createServer(handler);
    server = started;
    await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });
  return () => base;
}

describe('a JSON request of the harness', () => {
  const seen: { method?: string; type?: string; authorization?: string; body: string }[] = [];
  const base = localServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method, type: req.headers['content-type'], authorization: req.headers.authorization, body });
      // Answered long after the limits below, so a call that waited for it would fail them.
      if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 10_000).unref();
      if (req.url === '/cut') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' }).write('{"partial":');
        return void setTimeout(() => res.destroy(), 20);
      }
      if (req.url === '/empty') return void res.writeHead(204).end();
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' }).end(JSON.stringify({ echoed: body === '' ? null : JSON.parse(body), 说: '好' }));
    });
  });

  it('sends the bearer token and a JSON body, and answers the status and the parsed body', async () => {
    await expect(call(`${base()}/contacts`, 't0k', { method: 'POST', body: { content: '电梯坏了' } })).resolves.toEqual({
      status: 201,
      body: { echoed: { content: '电梯坏了' }, 说: '好' },
    });
    await expect(call(`${base()}/lookup`, 't0k')).resolves.toEqual({ status: 200, body: { echoed: null, 说: '好' } });
    await expect(call(`${base()}/empty`, 't0k')).resolves.toEqual({ status: 204, body: undefined });
    expect(seen.slice(0, 2)).toEqual([
      { method: 'POST', type: 'application/json', authorization: 'Bearer t0k', body: '{"content":"电梯坏了"}' },
      { method: 'GET', type: undefined, authorization: 'Bearer t0k', body: '' },
    ]);
  });

  it('abandons a request unanswered after its timeout', async () => {
    const started = Date.now();
    await expect(call(`${base()}/slow`, 't0k', { timeoutMs: 200 })).rejects.toMatchObject({ name: 'TimeoutError', message: expect.stringMatching(/no answer within 200 ms/) });
    // Room for a unit tier sharing two cores with the servers' tiers; the answer comes only at 10 s.
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('fails, without waiting for its timeout, when the server cuts the answer short', async () => {
    const started = Date.now();
    await expect(call(`${base()}/cut`, 't0k', { timeoutMs: 5_000 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('sampling the services’ heaps', () => {
  const MiB = 1024 * 1024;
  // /a answers as a service does; /b has had no full collection yet and gives no resident size; /c does not answer.
  const base = localServer((req, res) => {
    if (req.url === '/c/metrics') return void res.writeHead(503).end();
    const lines =
      req.url === '/a/metrics'
        ? [
            '# HELP nodejs_heap_live_bytes Heap in use after the last full collection.',
            '# TYPE nodejs_heap_live_bytes gauge',
            'nodejs_heap_live_bytes{service="a"} 57671680',
            'nodejs_heap_live_timestamp_seconds{service="a"} 1000.25',
            `nodejs_heap_size_total_bytes{service="a"} ${150 * MiB}`,
            `process_resident_memory_bytes{service="a"} ${240.5 * MiB}`,
          ]
        : ['nodejs_heap_live_bytes{service="b"} 0', `nodejs_heap_size_total_bytes{service="b"} ${100 * MiB}`];
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`${lines.join('\n')}\n`);
  });

  it('reads each answering service’s live and committed heaps and its resident size from one scrape', async () => {
    const sample = await sampleHeaps({ a: `${base()}/a`, b: `${base()}/b`, c: `${base()}/c` }, 999_000);
    expect(sample).toEqual({
      // b's live heap of 0 is no full collection yet; c answered nothing, so nothing of it is made up.
      live: { a: { mib: 55, collectedAtSeconds: 1.25 } },
      committed: { a: 150, b: 100 },
      resident: { a: 240.5 },
    });
  });
});
