import { randomUUID } from 'node:crypto';
import { type RetryOptions, logLevel } from 'kafkajs';
import { TcpRelay } from '@cs/testing';
import { settleWithin } from '../settle-within';
import { PlatformKafka } from './kafka-client';
import { KafkaNamespace } from './namespace';

/**
 * A connect a shutdown abandons while Kafka is down is inside kafkajs' retries, which neither a
 * disconnect nor anything else of kafkajs ends: the client's abortConnects does.
 */
/** Ten seconds of retries a second apart, without jitter: far longer than an aborted connect may take. */
const LONG_RETRY: RetryOptions = { initialRetryTime: 1_000, multiplier: 1, factor: 0, retries: 10, maxRetryTime: 1_000 };
/** An attempt in flight or a back-off of a second, and a loaded machine's margin. */
const PROMPTLY_MS = 3_000;

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

  const client = () =>
    new PlatformKafka({ brokers: [`127.0.0.1:${down.port}`], clientId: `aborted-${run}`, retry: LONG_RETRY, logLevel: logLevel.NOTHING }, new KafkaNamespace(''));

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
    const kafka = client();
    const connecting = attempt(connect(kafka));
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    // When the client's connects are aborted (a shutdown)
    kafka.abortConnects();

    // Then the connect fails within a back-off, not ten seconds of retries later
    expect(await settleWithin(connecting, PROMPTLY_MS)).toBe(true);
    expect(await connecting).toBeInstanceOf(Error);
  });

  it('refuses a connect begun after the abort at once', async () => {
    const kafka = client();
    kafka.abortConnects();
    const connecting = attempt(kafka.admin().connect());
    expect(await settleWithin(connecting, PROMPTLY_MS)).toBe(true);
    expect(await connecting).toBeInstanceOf(Error);
  });
});
