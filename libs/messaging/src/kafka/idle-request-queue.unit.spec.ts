import { createRequire } from 'node:module';
import { eventually } from '@cs/testing';
import { quietIdleRequestQueues } from './idle-request-queue';

/** kafkajs's request queue as the fix sees it, built by hand: no broker, the socket a counter. */
interface RequestQueue {
  readonly throttleCheckTimeoutId: unknown;
  push(request: { entry: Entry; expectResponse: boolean; sendRequest: () => void }): void;
  fulfillRequest(answer: { correlationId: number; payload: Buffer; size: number }): void;
  maybeThrottle(ms: number): void;
  destroy(): void;
}
interface Entry {
  correlationId: number;
  apiKey: number;
  apiName: string;
  apiVersion: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}
const RequestQueue = createRequire(__filename)('kafkajs/src/network/requestQueue') as {
  new (options: Record<string, unknown>): RequestQueue;
  readonly prototype: { readonly scheduleCheckPendingRequests: unknown };
};
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function aQueue(maxInFlightRequests: number | null = null): RequestQueue {
  return new RequestQueue({ instrumentationEmitter: null, maxInFlightRequests, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'spec', broker: 'spec:9092', logger: quiet });
}

function request(queue: RequestQueue, correlationId: number, sent: number[], sentAt: number[] = []): void {
  const entry = { correlationId, apiKey: 0, apiName: 'Produce', apiVersion: 7, resolve: () => undefined, reject: () => undefined };
  const sendRequest = () => {
    sent.push(correlationId);
    sentAt.push(Date.now());
  };
  queue.push({ entry, expectResponse: true, sendRequest });
}

beforeAll(() => quietIdleRequestQueues());

describe("kafkajs's request queue, kept from checking an empty queue", () => {
  it('given an answer that leaves nothing waiting, then no check of the queue is scheduled', () => {
    const queue = aQueue();
    const sent: number[] = [];
    request(queue, 1, sent);
    queue.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });

    expect(sent).toEqual([1]);
    expect(queue.throttleCheckTimeoutId).toBeNull();
    queue.destroy();
  });

  it('given a client-side throttle, then a request waits in the queue and is sent when the throttle ends, by the scheduled check alone', async () => {
    const queue = aQueue();
    const sent: number[] = [];
    const sentAt: number[] = [];
    const throttledAt = Date.now();
    queue.maybeThrottle(50);
    request(queue, 1, sent, sentAt);
    expect(sent).toEqual([]);
    expect(queue.throttleCheckTimeoutId).not.toBeNull();

    await eventually(() => expect(sent).toEqual([1]), 2_000, 10);
    expect(sentAt[0]! - throttledAt).toBeGreaterThanOrEqual(50);
    queue.destroy();
  });

  it('given more requests than may be in flight, then each answer sends the next', () => {
    const queue = aQueue(1);
    const sent: number[] = [];
    for (const id of [1, 2, 3]) request(queue, id, sent);
    expect(sent).toEqual([1]);
    queue.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });
    queue.fulfillRequest({ correlationId: 2, payload: Buffer.alloc(0), size: 0 });
    expect(sent).toEqual([1, 2, 3]);
    queue.destroy();
  });

  it('is applied once however many clients ask for it', () => {
    const applied = RequestQueue.prototype.scheduleCheckPendingRequests;
    quietIdleRequestQueues();
    quietIdleRequestQueues();
    expect(RequestQueue.prototype.scheduleCheckPendingRequests).toBe(applied);
  });
});
