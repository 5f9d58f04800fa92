import { Kafka, type KafkaConfig, logLevel as KafkaLogLevel, LogEntry } from 'kafkajs';
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
   * about forty seconds after the service had stopped. Each now ends at its next attempt, which
   * finds no broker to try: at once when an attempt is failing, else when kafkajs' back-off in
   * hand runs out. Connections already made are not touched. For a shutdown, once the consumer
   * has left its group and the relay has stopped: nothing on this client connects afterwards.
   */
  abortConnects(): void {
    this.connects.close();
  }
}

/**
 * Hands kafkajs its brokers each time it looks for one to connect to (the first connect, and each
 * retry after a failed one) until closed, and then none, which kafkajs takes as a failure not to
 * retry. Connections to the brokers a cluster's metadata names go by their own addresses.
 */
class ConnectGate {
  private open = true;

  guard(config: KafkaConfig): KafkaConfig {
    const brokers = config.brokers;
    return {
      ...config,
      brokers: async () => {
        if (!this.open) return [];
        return typeof brokers === 'function' ? brokers() : brokers;
      },
    };
  }

  close(): void {
    this.open = false;
  }
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own logs go to the service's JSON log. */
export function createKafka(connection: KafkaConnection, logger?: Logger): PlatformKafka {
  return new PlatformKafka(
    {
      clientId: connection.clientId,
      brokers: [...connection.brokers],
      connectionTimeout: 3_000,
      requestTimeout: 30_000,
      retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000 },
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
