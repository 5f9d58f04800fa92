import { type Server, type ServerResponse, createServer, get } from 'node:http';
import { type AddressInfo, type Socket, connect } from 'node:net';
import { DRAIN_MARK_BYTES, MAX_UNSENT_BYTES, ServerSentEvents } from './server-sent-events';

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

  describe('given a client that stops reading while its connection stays up', () => {
    /** The stream the server opened for the one request, and its response. */
    interface Opened {
      readonly events: ServerSentEvents;
      readonly response: ServerResponse;
      readonly overflows: number[];
      closesTold: number;
    }
    let stalled: Server;
    let opened: Promise<Opened>;
    let client: Socket;
    /** Every byte the client has read of the connection, headers included. */
    let received: number;
    let heartbeatMs = 60_000;

    beforeEach(async () => {
      let open: (stream: Opened) => void = () => undefined;
      opened = new Promise((resolve) => (open = resolve));
      stalled = createServer((_request, response) => {
        const overflows: number[] = [];
        const events = new ServerSentEvents(response, heartbeatMs, { overflowed: (unsentBytes: number) => overflows.push(unsentBytes) });
        const stream: Opened = { events, response, overflows, closesTold: 0 };
        events.onClose(() => (stream.closesTold += 1));
        open(stream);
      });
      await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
      // A raw socket, so nothing reads on the client's behalf once it pauses.
      client = connect((stalled.address() as AddressInfo).port, '127.0.0.1');
      await new Promise<void>((resolve) => client.once('connect', resolve));
      received = 0;
      client.on('data', (chunk: Buffer | string) => (received += Buffer.byteLength(chunk)));
      client.write('GET /stream HTTP/1.1\r\nHost: desk\r\nAccept: text/event-stream\r\n\r\n');
      await new Promise<void>((resolve) => client.once('data', () => resolve()));
      client.pause();
    });
    afterEach(async () => {
      heartbeatMs = 60_000;
      client.destroy();
      stalled.closeAllConnections();
      await new Promise<void>((resolve) => stalled.close(() => resolve()));
    });

    /**
     * Sends events of about a kilobyte, letting the socket write between batches, until the stream
     * is closed or its response holds more unsent than `upTo`: the most it held meanwhile.
     */
    async function feed(stream: Opened, upTo = 8 * MAX_UNSENT_BYTES): Promise<number> {
      const { events, response } = stream;
      const payload = { text: 'x'.repeat(1_000) };
      let most = 0;
      for (let n = 0; !response.destroyed && stream.closesTold === 0 && response.writableLength <= upTo; ) {
        for (let i = 0; i < 64; i += 1, n += 1) {
          events.send('notification', payload, n);
          most = Math.max(most, response.writableLength);
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return most;
    }

    it('then the stream is closed once its unsent bytes would pass the bound, holding no more than it meanwhile, and its listeners are told once', async () => {
      const stream = await opened;
      const most = await feed(stream);
      expect(stream.response.destroyed).toBe(true);
      expect(most).toBeLessThanOrEqual(MAX_UNSENT_BYTES);
      expect(stream.overflows).toHaveLength(1);
      expect(stream.overflows[0]).toBeGreaterThan(MAX_UNSENT_BYTES - 2_000);
      expect(stream.closesTold).toBe(1);
      // What follows is dropped, not buffered.
      stream.events.send('notification', { text: 'late' }, 0);
      expect(stream.response.writableLength).toBe(0);
    });

    it('then the bound is in bytes as sent, whatever the text: events in Chinese (three bytes a character) are closed at it too', async () => {
      const stream = await opened;
      const socket = stream.response.socket as Socket;
      const payload = { title: '重大投诉 王客服'.repeat(125) };
      // Every byte the stream gave its socket when it closed: what the client got, and what was dropped with the connection.
      let given = socket.bytesWritten;
      for (let n = 0; stream.closesTold === 0 && given < 32 * MAX_UNSENT_BYTES; ) {
        for (let i = 0; i < 64 && stream.closesTold === 0; i += 1, n += 1) {
          given = socket.bytesWritten;
          stream.events.send('notification', payload, n);
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      expect(stream.overflows).toHaveLength(1);
      // Reading again, the client gets all the kernel held; the rest was held by the stream and dropped.
      client.resume();
      await new Promise<void>((resolve) => client.once('close', () => resolve()));
      const dropped = given - received;
      expect(dropped).toBeGreaterThan(0);
      expect(dropped).toBeLessThanOrEqual(MAX_UNSENT_BYTES);
    });

    it('given it holds more than the drain mark, then a writer waiting for it goes on only once the client, reading again, took it all, and the stream stays open', async () => {
      const stream = await opened;
      await feed(stream, DRAIN_MARK_BYTES);
      let drained = false;
      const waited = stream.events.drained().then(() => (drained = true));
      for (let turn = 0; turn < 20; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
      expect(drained).toBe(false);
      client.resume();
      await waited;
      expect(stream.response.writableLength).toBe(0);
      expect(stream.closesTold).toBe(0);
      expect(stream.overflows).toEqual([]);
      await expect(stream.events.drained()).resolves.toBeUndefined();
    });

    it('given a writer waiting for it, when the stream is closed, then the writer goes on', async () => {
      const stream = await opened;
      await feed(stream, DRAIN_MARK_BYTES);
      const waited = stream.events.drained();
      stream.events.close();
      await expect(waited).resolves.toBeUndefined();
    });

    it('given it holds more than the drain mark, when its writer closes it as behind, then it is dropped as at the bound and counted', async () => {
      const stream = await opened;
      await feed(stream, DRAIN_MARK_BYTES);
      stream.events.closeBehind();
      expect(stream.response.destroyed).toBe(true);
      expect(stream.overflows).toHaveLength(1);
      expect(stream.overflows[0]).toBeGreaterThan(DRAIN_MARK_BYTES);
      expect(stream.closesTold).toBe(1);
    });

    it.each([
      ['its connection was reset (its socket destroyed)', (response: ServerResponse) => (response.socket as Socket).destroy()],
      ['its response was destroyed', (response: ServerResponse) => response.destroy()],
    ])('given it holds more than the drain mark, when %s and its writer, before its close is heard, sends past the bound and closes it as behind, then it is closed, not counted', async (_left, leave) => {
      const stream = await opened;
      await feed(stream, DRAIN_MARK_BYTES);
      leave(stream.response);
      expect(stream.closesTold).toBe(0);
      stream.events.send('notification', { text: 'x'.repeat(DRAIN_MARK_BYTES) }, 0);
      stream.events.closeBehind();
      expect(stream.overflows).toEqual([]);
      expect(stream.closesTold).toBe(1);
      await new Promise<void>((resolve) => stream.response.once('close', () => resolve()));
      expect(stream.closesTold).toBe(1);
    });

    it('given it holds less than the drain mark, when its writer closes it as behind, then it ends after what it holds, not counted', async () => {
      const stream = await opened;
      stream.events.send('notification', { text: 'one' }, 1);
      stream.events.closeBehind();
      expect(stream.response.writableEnded).toBe(true);
      expect(stream.overflows).toEqual([]);
      expect(stream.closesTold).toBe(1);
    });

    it('then the client, reading again, finds the connection ended', async () => {
      await feed(await opened);
      client.resume();
      await new Promise<void>((resolve) => client.once('close', () => resolve()));
      expect(client.destroyed).toBe(true);
    });
  
    describe('and the stream is closed (its token expired) with events it has not taken', () => {
      beforeAll(() => (heartbeatMs = 100));

      it('then its listeners are told at once, nothing more is written, and the connection is dropped once a heartbeat passes', async () => {
        const stream = await opened;
        await feed(stream, MAX_UNSENT_BYTES / 2);
        stream.events.close();
        expect(stream.closesTold).toBe(1);
        const held = stream.response.writableLength;
        stream.events.send('notification', { text: 'late' }, 0);
        expect(stream.response.writableLength).toBe(held);
        await new Promise<void>((resolve) => stream.response.once('close', () => resolve()));
        // Reading again, the client gets what the kernel held, then the connection ends, before the stream's last chunk.
        let tail = '';
        client.setEncoding('latin1');
        client.on('data', (chunk: string) => (tail = (tail + chunk).slice(-16)));
        client.resume();
        await new Promise<void>((resolve) => client.once('close', () => resolve()));
        expect(stream.response.destroyed).toBe(true);
        expect(tail).not.toMatch(/\r\n0\r\n\r\n$/);
        expect(stream.overflows).toEqual([]);
      });
    });
  });
});
