import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { sendWebhook } from './webhook-sender';

const attempt = (url: string, timeoutMs = 2_000) =>
  sendWebhook({ deliveryId: 'd-1', eventType: 'ticket.created.v1', url, secret: 'webhook-secret-0123456789', payload: '{}' }, timeoutMs);

/** A port nothing listens on: one a server held and let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('why a webhook attempt failed, as its admins read it', () => {
  it('given a port nothing listens on, then it says the connection was refused, never the address', async () => {
    const port = await closedPort();
    const result = await attempt(`http://127.0.0.1:${port}/hook`);
    expect(result).toEqual({ ok: false, error: 'connection refused' });
  });

  it('given a host that does not resolve, then it says so', async () => {
    const result = await attempt('http://receiver.invalid/hook');
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^host not found/);
  });

  it('given a socket that takes the connection and never answers, then it names the timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const result = await attempt(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`, 200);
      expect(result).toEqual({ ok: false, error: 'no answer within 200 ms' });
    } finally {
      silent.close();
    }
  });
});
