import { type Admin, type AdminConfig, type Consumer, type ConsumerConfig, Kafka, type KafkaConfig, logLevel as KafkaLogLevel, LogEntry, type Producer, type ProducerConfig } from 'kafkajs';
import { DEV_KAFKA_BROKERS, type Env, readEnvironment, splitBrokers } from '@cs/config';
import type { Logger } from '@cs/observability';
import { quietIdleRequestQueues } from './idle-request-queue';
import { KafkaNamespace } from './namespace';

export interface KafkaConnection {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** KAFKA_TOPIC_PREFIX; empty or absent for the platform's own names. */
  readonly topicPrefix?: string;
}

/**
 * A kafkajs client that knows the namespace its deployment lives in. Everything in this lib
 * that names a topic or a group on the broker (publisher, consumer, dead-letter path, topic
 * provisioning, DLQ replay) takes its names from `names`.
 */
export class PlatformKafka extends Kafka {
  constructor(
    config: KafkaConfig,
    readonly names: KafkaNamespace,
    private readonly connects = new ConnectGate(),
  ) {
    super(connects.guard(config));
    quietIdleRequestQueues();
  }

  /**
   * Ends every connect of this client's admins, consumers and producers still inside kafkajs'
   * retries (a start a shutdown abandoned while Kafka was down), and refuses any later one. kafkajs
   * has no way to cancel a connect, and disconnecting does not end its retries: they went on for
   * about forty seconds after the service had stopped. Each connect now fails at once with
   * {@link ConnectAbortedError}, whatever kafkajs' back-off in hand (up to 10 s), and kafkajs' own
   * next attempt finds no broker to try, so it ends there too; one already on the wire that
   * succeeds is disconnected. Connections already made are not touched. For a shutdown, once the
   * consumer has left its group and the relay has stopped: nothing on this client connects
   * afterwards.
   */
  abortConnects(): void {
    this.connects.close();
  }

  override admin(config?: AdminConfig): Admin {
    return this.connects.bounded(super.admin(config));
  }

  override consumer(config: ConsumerConfig): Consumer {
    return this.connects.bounded(super.consumer(config));
  }

  override producer(config?: ProducerConfig): Producer {
    return this.connects.bounded(super.producer(config));
  }
}

/** A connect of a client whose connects were aborted (a shutdown). */
export class ConnectAbortedError extends Error {
  constructor() {
    super('the connect to Kafka was aborted: the client is shutting down');
    this.name = 'ConnectAbortedError';
  }
}

interface Connecting {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * Hands kafkajs its brokers each time it looks for one to connect to (the first connect, and each
 * retry after a failed one) until closed, and then none, which kafkajs takes as a failure not to
 * retry. Connections to the brokers a cluster's metadata names go by their own addresses. The
 * connects its clients' callers await end when it closes, not at kafkajs' next attempt.
 */
class ConnectGate {
  private readonly closed = new AbortController();

  guard(config: KafkaConfig): KafkaConfig {
    const brokers = config.brokers;
    return {
      ...config,
      brokers: async () => {
        if (this.closed.signal.aborted) return [];
        return typeof brokers === 'function' ? brokers() : brokers;
      },
    };
  }

  bounded<C extends Connecting>(client: C): C {
    const connect = client.connect.bind(client);
    client.connect = () => this.untilClosed(connect(), client);
    return client;
  }

  close(): void {
    this.closed.abort();
  }

  private untilClosed(connecting: Promise<void>, client: Connecting): Promise<void> {
    const { signal } = this.closed;
    return new Promise<void>((resolve, reject) => {
      const abort = () => {
        reject(new ConnectAbortedError());
        // Connected after all, with no caller left to use or close the connection.
        connecting.then(() => client.disconnect()).catch(() => undefined);
      };
      if (signal.aborted) return abort();
      signal.addEventListener('abort', abort, { once: true });
      connecting.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
    });
  }
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** How long a client waits for a connection and for each answer, and how many times it tries again. */
export interface KafkaPatience {
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly retries: number;
}

/** A service's clients: a broker slow to answer or briefly away is waited for. */
export const SERVICE_PATIENCE: KafkaPatience = { connectionTimeoutMs: 3_000, requestTimeoutMs: 30_000, retries: 8 };

/** A kafkajs client whose own logs go to the service's JSON log. */
export function createKafka(connection: KafkaConnection, logger?: Logger, patience: KafkaPatience = SERVICE_PATIENCE): PlatformKafka {
  return new PlatformKafka(
    {
      clientId: connection.clientId,
      brokers: [...connection.brokers],
      connectionTimeout: patience.connectionTimeoutMs,
      requestTimeout: patience.requestTimeoutMs,
      retry: { initialRetryTime: 300, retries: patience.retries, maxRetryTime: 10_000 },
      logLevel: KafkaLogLevel.WARN,
      logCreator: () => (entry: LogEntry) => {
        if (!logger) return;
        const { message, ...extra } = entry.log;
        logger[LEVELS[entry.level] ?? 'info']({ kafka: { namespace: entry.namespace, ...extra } }, message);
      },
    },
    new KafkaNamespace(connection.topicPrefix ?? ''),
  );
}

/** The client a command-line tool uses: KAFKA_BROKERS and KAFKA_TOPIC_PREFIX, validated as the services validate them. */
export function kafkaFromEnv(clientId: string, source?: Env): PlatformKafka {
  const env = readEnvironment(source);
  return createKafka({ brokers: splitBrokers(env.KAFKA_BROKERS ?? DEV_KAFKA_BROKERS), clientId, topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '' });
}
