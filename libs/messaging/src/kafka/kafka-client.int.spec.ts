import { randomUUID } from 'node:crypto';
import { type LogEntry, type RetryOptions, logLevel } from 'kafkajs';
import { TcpRelay, eventually } from '@cs/testing';
import { settleWithin } from '../settle-within';
import { ConnectAbortedError, PlatformKafka } from './kafka-client';
import { KafkaNamespace } from './namespace';

/**
 * A connect a shutdown abandons while Kafka is down is inside kafkajs' retries, which neither a
 * disconnect nor anything else of kafkajs ends: the client's abortConnects does.
 */
/** kafkajs' longest back-off between two attempts, as the services' clients have it. */
const LONGEST_BACKOFF: RetryOptions = { initialRetryTime: 10_000, multiplier: 1, factor: 0, retries: 2, maxRetryTime: 10_000 };
/** Ten seconds of retries a second apart, without jitter: far longer than an aborted connect may take. */
const LONG_RETRY: RetryOptions = { initialRetryTime: 1_000, multiplier: 1, factor: 0, retries: 10, maxRetryTime: 1_000 };
/** An attempt in flight or a back-off of a second, and a loaded machine's margin. */
const PROMPTLY_MS = 3_000;
/** Past a back-off of LONGEST_BACKOFF from a refusal: kafkajs' next attempt has been made and found no broker. */
const BACKOFF_RUN_OUT_MS = 11_500;

describe('a client whose connects are aborted', () => {
  const run = randomUUID().slice(0, 8);
  /** A broker address where Kafka is down: connections are refused, as by a stopped broker. */
  let down: TcpRelay;
  const pending: Promise<unknown>[] = [];

  beforeAll(async () => {
    down = await TcpRelay.to(`kafka://${process.env['KAFKA_BROKERS']!.split(',')[0]}`);
    await down.cut('refuse');
  });

  afterAll(async () => {
    // Whatever was not ended is left to give up before the relay closes.
    await Promise.all(pending);
    await down.close();
  });

  /** A client of the broker that is down, and when kafkajs first logged an attempt refused and its back-off begun. */
  const client = (retry: RetryOptions = LONG_RETRY) => {
    let refusedAt: number | undefined;
    const logCreator = () => (entry: LogEntry) => {
      if (entry.namespace === 'BrokerPool' && entry.log['retryCount'] === 0) refusedAt ??= Date.now();
    };
    const kafka = new PlatformKafka({ brokers: [`127.0.0.1:${down.port}`], clientId: `aborted-${run}`, retry, logLevel: logLevel.ERROR, logCreator }, new KafkaNamespace(''));
    const refused = () => eventually(() => refusedAt ?? Promise.reject(new Error('no attempt refused yet')), 10_000, 20);
    return { kafka, refused };
  };

  /** The connect's outcome, kept so that the suite waits for it whatever the test saw. */
  const attempt = (connecting: Promise<void>): Promise<unknown> => {
    const ended = connecting.then(
      () => 'connected',
      (error: unknown) => error,
    );
    pending.push(ended);
    return ended;
  };

  it.each([
    ['an admin’s (creating topics)', (kafka: PlatformKafka) => kafka.admin().connect()],
    ['a consumer’s (joining its group)', (kafka: PlatformKafka) => kafka.consumer({ groupId: `aborted-${run}` }).connect()],
    ['a producer’s (the relay’s first round)', (kafka: PlatformKafka) => kafka.producer().connect()],
  ])('given %s connect retrying while Kafka is down, when the client aborts its connects, then it ends at once, not when its retries run out', async (_, connect) => {
    // Given a connect inside kafkajs' retries, one attempt refused already
    const { kafka, refused } = client();
    const connecting = attempt(connect(kafka));
    await refused();

    // When the client's connects are aborted (a shutdown)
    kafka.abortConnects();

    // Then the connect fails within a back-off, not ten seconds of retries later
    expect(await settleWithin(connecting, PROMPTLY_MS)).toBe(true);
    expect(await connecting).toBeInstanceOf(Error);
  });

  it.each([
    ['an admin’s', (kafka: PlatformKafka) => kafka.admin()],
    ['a consumer’s', (kafka: PlatformKafka) => kafka.consumer({ groupId: `aborted-${run}` })],
    ['a producer’s', (kafka: PlatformKafka) => kafka.producer()],
  ])('given %s connect waiting out a back-off of 10 s, when the client aborts its connects, then the connect its caller awaits fails at once, not at the next attempt', async (_, make) => {
    // Given a connect whose first attempt was refused, kafkajs waiting 10 s before the next
    const { kafka, refused } = client(LONGEST_BACKOFF);
    const connecting = attempt(make(kafka).connect());
    const refusedAt = await refused();

    // When the client's connects are aborted (a shutdown)
    kafka.abortConnects();

    // Then the caller's connect fails within moments, naming the abort
    expect(await settleWithin(connecting, PROMPTLY_MS)).toBe(true);
    expect(await connecting).toBeInstanceOf(ConnectAbortedError);
    // kafkajs' own back-off cannot be cancelled: it runs out and its next attempt finds no broker,
    // the relay still refusing; the suite waits for that once, beside the other tests' back-offs.
    pending.push(new Promise((resolve) => setTimeout(resolve, refusedAt + BACKOFF_RUN_OUT_MS - Date.now())));
  });

  it('refuses a connect begun after the abort at once', async () => {
    const { kafka } = client();
    kafka.abortConnects();
    const connecting = attempt(kafka.admin().connect());
    expect(await settleWithin(connecting, PROMPTLY_MS)).toBe(true);
    expect(await connecting).toBeInstanceOf(Error);
  });
});
