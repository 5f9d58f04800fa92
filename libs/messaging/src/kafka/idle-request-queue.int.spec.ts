import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Admin, Producer } from 'kafkajs';
import { runKafkaNamespace } from '@cs/testing';
import { PlatformKafka, createKafka } from './kafka-client';
import { dropNamespace, ensureTopics } from './topics';

/** kafkajs's request queue, as the fix reaches it: counted, never changed here. */
const requestQueue = createRequire(__filename)('kafkajs/src/network/requestQueue') as { prototype: { checkPendingRequests(): void } };

const topic = `test.idle-queues.${randomUUID().slice(0, 8)}.v1`;
let kafka: PlatformKafka;
let producer: Producer;
let admin: Admin;

beforeAll(async () => {
  kafka = createKafka({ brokers: process.env['KAFKA_BROKERS']!.split(','), clientId: 'idle-request-queue-spec', topicPrefix: runKafkaNamespace(`idle-${randomUUID().slice(0, 8)}`) });
  await ensureTopics(kafka, [{ topic, partitions: 1, replicationFactor: 1 }]);
  // One request in flight per connection: the rest wait in the queue and take kafkajs's pending path.
  producer = kafka.producer({ maxInFlightRequests: 1, allowAutoTopicCreation: false });
  admin = kafka.admin();
  await Promise.all([producer.connect(), admin.connect()]);
});

afterAll(async () => {
  await Promise.all([producer?.disconnect(), admin?.disconnect()]);
  await dropNamespace(kafka).catch(() => undefined);
});

const send = (n: number) => producer.send({ topic: kafka.names.topic(topic), acks: -1, messages: [{ key: `k${n}`, value: String(n) }] });

it('given connections with nothing to send, then their request queues stay quiet instead of checking every millisecond', async () => {
  await send(0);
  await admin.describeCluster();
  const checks = jest.spyOn(requestQueue.prototype, 'checkPendingRequests');
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Unfixed, each open connection checks its empty queue about once a millisecond: hundreds here.
    const quiet = checks.mock.calls.length;
    expect(quiet).toBeLessThan(10);
    // The queue counted is the one kafkajs sends through: an answer checks it.
    await send(0);
    expect(checks.mock.calls.length).toBeGreaterThan(quiet);
  } finally {
    checks.mockRestore();
  }
});

it('given more requests than a connection lets in flight, then the waiting ones are sent as answers come, and a quiet connection answers again', async () => {
  const sent = await Promise.all(Array.from({ length: 20 }, (_, n) => send(n + 1)));
  expect(sent.flat().every((r) => r.errorCode === 0)).toBe(true);
  const offsets = await admin.fetchTopicOffsets(kafka.names.topic(topic));
  expect(offsets.map((o) => o.high)).toEqual(['22']);
});
