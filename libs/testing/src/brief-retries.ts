import type { Kafka, RetryOptions } from 'kafkajs';

/**
 * A Kafka client's `retry` for a broker address a test has cut (through a {@link TcpRelay}): it
 * keeps trying to connect as a service's client does — what a shutdown or a bounded request
 * must not wait for — but for {@link BRIEF_RETRIES_MS}, longer than any bound such a test checks,
 * instead of the forty seconds and more of the platform's settings. Ten retries half a second
 * apart, without growth or jitter: the same on a loaded machine as on an idle one.
 */
export const BRIEF_RETRY: RetryOptions = { initialRetryTime: 500, multiplier: 1, factor: 0, retries: 10, maxRetryTime: 500 };
export const BRIEF_RETRIES_MS = 5_000;

/** What {@link settling} adds to a client. */
export interface SettlingKafka {
  /** Resolves once every admin, consumer and producer made so far has connected or given up connecting. */
  settled(): Promise<void>;
}

/**
 * `kafka`, keeping each of its admins', consumers' and producers' attempts to connect, so that a
 * test waits for those it abandoned (a shutdown, a bounded request) to give up rather than leave
 * them retrying into the next test or past the run (Jest's "did not exit"). Give it a bounded
 * `retry` ({@link BRIEF_RETRY}).
 */
export function settling<K extends Kafka>(kafka: K): K & SettlingKafka {
  const attempts = new Set<Promise<void>>();
  const tracked = <C extends { connect(): Promise<void> }>(client: C): C => {
    const connect = client.connect.bind(client);
    client.connect = () => {
      const attempt = connect();
      const ended = attempt.then(
        () => undefined,
        () => undefined,
      );
      attempts.add(ended);
      void ended.then(() => attempts.delete(ended));
      return attempt;
    };
    return client;
  };
  const admin = kafka.admin.bind(kafka);
  const consumer = kafka.consumer.bind(kafka);
  const producer = kafka.producer.bind(kafka);
  kafka.admin = (config) => tracked(admin(config));
  kafka.consumer = (config) => tracked(consumer(config));
  kafka.producer = (config) => tracked(producer(config));
  return Object.assign(kafka, {
    async settled(): Promise<void> {
      while (attempts.size > 0) await Promise.all([...attempts]);
    },
  });
}
