import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import { TOPICS } from '@cs/contracts';
import { OutboxRelay, OutboxWriter, PlatformKafka, RecordPublisher, ensureTopics } from '@cs/messaging';
import type { Logger, ServiceMetrics } from '@cs/observability';
import { KAFKA, LOGGER, METRICS, OUTBOX, RECORD_PUBLISHER, SERVICE_CONFIG } from '../tokens';
import { keepTrying } from './keep-trying';

/**
 * Starts the outbox relay once the application is up, and stops it first on shutdown: the batch
 * in hand finishes before the database and broker connections close. If Kafka is not reachable
 * at start-up it keeps trying in the background; readiness reports it meanwhile. The consumer
 * group is the event transport's (KafkaInboxTransport).
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: OutboxRelay;
  private stopping = false;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(KAFKA) private readonly kafka: PlatformKafka,
    @Inject(RECORD_PUBLISHER) publisher: RecordPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) metrics: ServiceMetrics,
    @Inject(OUTBOX) outbox: OutboxWriter,
    dataSource: DataSource,
  ) {
    this.relay = new OutboxRelay(
      dataSource,
      publisher,
      {
        schema: config.database.schema,
        pollIntervalMs: config.relay.pollIntervalMs,
        batchSize: config.relay.batchSize,
        retentionHours: config.relay.retentionHours,
        stopTimeoutMs: config.relay.stopTimeoutMs,
      },
      logger.child({ component: 'outbox-relay' }),
      metrics,
    );
    dataSource.subscribers.push(outbox.committed);
    outbox.committed.onCommitted(() => this.relay.nudge());
  }

  onApplicationBootstrap(): void {
    void keepTrying('outbox relay', () => this.start(), () => this.stopping, this.logger);
  }

  /**
   * A start still creating the topic is not waited for: with Kafka down it is inside kafkajs'
   * connect retries, which last longer than a shutdown may (ADR 0094); it starts no relay once
   * stopping, and the outbox keeps its rows for the next replica.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.relay.stop();
  }

  private async start(): Promise<void> {
    const { kafka: k, service } = this.config;
    if (k.ensureTopics) {
      await ensureTopics(this.kafka, [{ topic: TOPICS[service], partitions: k.topicPartitions, replicationFactor: k.replicationFactor }]);
    }
    if (this.stopping) return;
    this.relay.start();
    this.logger.info({ topic: TOPICS[service] }, 'outbox relay started');
  }
}
