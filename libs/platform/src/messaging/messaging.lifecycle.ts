import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import { TOPICS, deadLetterTopic } from '@cs/contracts';
import { EventConsumer, HandlerRegistry, OutboxRelay, PlatformKafka, RecordPublisher, ensureTopics } from '@cs/messaging';
import type { Logger, ServiceMetrics } from '@cs/observability';
import { EVENT_HANDLERS, KAFKA, LOGGER, METRICS, RECORD_PUBLISHER, SERVICE_CONFIG } from '../tokens';

/**
 * Starts the outbox relay and the service's consumer group once the application is up, and
 * stops them first on shutdown: the batch or message in hand finishes and offsets are
 * committed before the database and broker connections close. If Kafka is not reachable at
 * start-up it keeps trying in the background; readiness reports it meanwhile.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: OutboxRelay;
  private consumer?: EventConsumer;
  private handlers?: HandlerRegistry;
  private stopping = false;
  private starting?: Promise<void>;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(KAFKA) private readonly kafka: PlatformKafka,
    @Inject(RECORD_PUBLISHER) private readonly publisher: RecordPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
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
  }

  onApplicationBootstrap(): void {
    // The registry lives in the service's own module, which this global module cannot import.
    try {
      this.handlers = this.moduleRef.get<HandlerRegistry>(EVENT_HANDLERS, { strict: false });
    } catch {
      this.handlers = undefined;
    }
    this.starting = this.startWithRetry();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.starting;
    await Promise.all([this.consumer?.stop(), this.relay.stop()]);
  }

  private async startWithRetry(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt += 1) {
      try {
        await this.start();
        return;
      } catch (error) {
        this.logger.warn({ err: error, attempt }, 'messaging could not start; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 5_000)));
      }
    }
  }

  private async start(): Promise<void> {
    const { kafka: k, service } = this.config;
    if (k.ensureTopics) {
      const topics = [TOPICS[service], deadLetterTopic(service), ...(this.handlers?.topics() ?? [])];
      await ensureTopics(
        this.kafka,
        [...new Set(topics)].map((topic) => ({ topic, partitions: k.topicPartitions, replicationFactor: k.replicationFactor })),
      );
    }
    if (this.stopping) return;
    this.relay.start();
    if (this.handlers && this.handlers.topics().length > 0 && !this.consumer) {
      const consumer = new EventConsumer(
        this.kafka,
        this.dataSource,
        this.publisher,
        this.handlers,
        {
          group: service,
          schema: this.config.database.schema,
          maxAttempts: this.config.consumer.maxAttempts,
          initialBackoffMs: this.config.consumer.initialBackoffMs,
          stopTimeoutMs: this.config.consumer.stopTimeoutMs,
        },
        this.logger.child({ component: 'consumer' }),
        this.metrics,
      );
      try {
        await consumer.start();
      } catch (error) {
        await consumer.stop().catch(() => undefined);
        throw error;
      }
      this.consumer = consumer;
    }
    this.logger.info({ consumes: this.handlers?.topics() ?? [] }, 'messaging started');
  }
}
