import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * scripts/up.sh starts the services and the gateway on fixed ports and waits for each one's
 * /health/ready. Another program on one of those ports must stop it, naming the port: the service
 * started there dies on EADDRINUSE, while the wait reads that program's answer as the service's.
 */
const repo = join(__dirname, '..', '..');
const run = promisify(execFile);

async function requireFree(...entries: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('bash', ['-c', 'source scripts/lib.sh; require_free_ports "$@"', 'up.sh', ...entries], { cwd: repo });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, out: failed.stdout ?? '' };
  }
}

describe('up.sh refuses ports another program listens on', () => {
  let other: Server;
  let port: number;

  beforeEach(async () => {
    // Given another program on the machine that answers every path with 200, as a dashboard's
    // login page after a redirect or a single-page app's fallback does
    other = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>another app</html>'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    port = (other.address() as AddressInfo).port;
  });

  afterEach(async () => {
    await new Promise((resolve) => other.close(resolve));
  });

  it('stops, naming the port and the process it was meant for, when one is taken', async () => {
    // When up.sh checks the gateway's port, which that program holds
    const result = await requireFree(`gateway:${port}`);

    // Then it stops there and says which port, for which process, instead of waiting on the other program's answer
    expect(result.code).toBe(1);
    expect(result.out).toContain(`port ${port} (gateway)`);
  });

  it('goes on when every port is free', async () => {
    // Given a port nothing listens on any more
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const free = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    // When up.sh checks it, then it goes on, saying nothing
    expect(await requireFree(`intake:${free}`)).toEqual({ code: 0, out: '' });
  });
});
