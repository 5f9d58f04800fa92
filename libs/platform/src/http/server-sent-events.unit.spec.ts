import { type Server, createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServerSentEvents } from './server-sent-events';

let server: Server;
let endAt: Date | undefined;

beforeAll(async () => {
  server = createServer((_request, response) => {
    const events = new ServerSentEvents(response, 60_000);
    events.send('hello', { n: 1 }, 1);
    events.endAt(endAt);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Reads the stream for at most `waitMs`: what came, and whether the server ended it. */
function read(waitMs: number): Promise<{ body: string; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const request = get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, (response) => {
      let body = '';
      const giveUp = setTimeout(() => {
        request.destroy();
        resolve({ body, ended: false });
      }, waitMs);
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        clearTimeout(giveUp);
        resolve({ body, ended: true });
      });
    });
    request.on('error', reject);
  });
}

describe('a server-sent event stream', () => {
  it('given the time its token expires, then it ends then, after what was sent', async () => {
    endAt = new Date(Date.now() + 150);
    const { body, ended } = await read(5_000);
    expect(ended).toBe(true);
    expect(body).toContain('id: 1\nevent: hello\ndata: {"n":1}');
  });

  it('given no expiry, then it stays open', async () => {
    endAt = undefined;
    expect((await read(400)).ended).toBe(false);
  });

  it('given a client that left before the stream opened (while its request was authorised), then the stream tells its listeners it closed', async () => {
    const late = createServer((request, response) => {
      response.once('close', () => {
        const events = new ServerSentEvents(response, 60_000);
        let heard = false;
        events.onClose(() => (heard = true));
        streamOpened(heard);
      });
      request.socket.destroy();
    });
    let streamOpened: (heard: boolean) => void = () => undefined;
    const opened = new Promise<boolean>((resolve) => (streamOpened = resolve));
    await new Promise<void>((resolve) => late.listen(0, '127.0.0.1', resolve));
    try {
      get(`http://127.0.0.1:${(late.address() as AddressInfo).port}/`).on('error', () => undefined);
      expect(await opened).toBe(true);
    } finally {
      late.closeAllConnections();
      await new Promise<void>((resolve) => late.close(() => resolve()));
    }
  });
});
