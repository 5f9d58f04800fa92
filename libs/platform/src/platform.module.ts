import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown, Provider, Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { AuthModule } from '@cs/auth';
import { ServiceConfig, ServiceName, loadServiceConfig } from '@cs/config';
import { KafkaRecordPublisher, OutboxWriter, PlatformKafka, createKafka } from '@cs/messaging';
import { Logger, ServiceMetrics } from '@cs/observability';
import { PersistedClass, RedisClient, createServiceDataSource, destroyRedisClient } from '@cs/persistence';
import { HealthController } from './health/health.controller';
import { ReadinessProbe } from './health/readiness';
import { IDEMPOTENCY_OPTIONS, IdempotencyCommitLog, IdempotencyCommitPruning, IdempotencyStore, idempotencyProviders } from './http/idempotency';
import { RateLimitThrottler, rateLimitProviders } from './http/rate-limit';
import { KafkaInboxTransport } from './messaging/kafka-inbox.transport';
import { openDataSource } from './open-data-source';
import { awaitSchema } from './await-schema';
import { MessagingLifecycle } from './messaging/messaging.lifecycle';
import { ProblemDetailsFilter } from './problem/problem.filter';
import { serviceLogger } from './service-logger';
import { serviceRedisClient } from './service-redis';
import { StreamOverflows } from './http/stream-overflows';
import { KAFKA, LOGGER, METRICS, OUTBOX, RECORD_PUBLISHER, REDIS, SERVICE_CONFIG } from './tokens';

export interface PlatformOptions {
  readonly service: ServiceName;
  readonly entities?: MixedList<PersistedClass | EntitySchema>;
  /** The service's migrations: a start-up waits until its schema has all of them (`awaitSchema`). */
  readonly migrations: MixedList<PersistedClass>;
  /** Plan every statement for its values (see `ServiceDataSourceOptions.planEachExecution`). */
  readonly planEachExecution?: boolean;
  /** Overrides for tests; production reads only the environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Closes the connections last, after messaging has stopped (which happens before shutdown). A
 * connect to Kafka still retrying then — a start the shutdown abandoned while Kafka was down — is
 * ended rather than left retrying until the process exits (ADR 0094).
 */
@Injectable()
class ConnectionsCloser implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(RECORD_PUBLISHER) private readonly publisher: KafkaRecordPublisher,
    @Inject(KAFKA) private readonly kafka: PlatformKafka,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.kafka.abortConnects();
    await this.publisher.disconnect().catch(() => undefined);
    destroyRedisClient(this.redis);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Everything a service needs from the platform, wired once: configuration, logging, metrics,
 * its own schema's data source, Redis, Kafka with the outbox relay and the event transport that
 * serves its consumer group,
 * authentication, problem+json errors, health and metrics endpoints.
 */
@Global()
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const config = loadServiceConfig(options.service, options.env);
    const logger = serviceLogger(config.service, config.logLevel);
    const providers: Provider[] = [
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: LOGGER, useValue: logger },
      { provide: METRICS, useValue: new ServiceMetrics(config.service) },
      {
        provide: DataSource,
        useFactory: async () => {
          const dataSource = await openDataSource(
            () =>
              createServiceDataSource({
                url: config.database.url,
                schema: config.database.schema,
                entities: options.entities ?? [],
                migrations: options.migrations,
                poolSize: config.database.poolSize,
                connectTimeoutMs: config.database.connectTimeoutMs,
                queryTimeoutMs: config.database.queryTimeoutMs,
                applicationName: config.service,
                prepareStatements: config.database.prepareStatements,
                planEachExecution: options.planEachExecution ?? false,
              }),
            logger,
          );
          try {
            await awaitSchema(dataSource, logger);
          } catch (error) {
            await dataSource.destroy();
            throw error;
          }
          return dataSource;
        },
      },
      {
        provide: REDIS,
        useFactory: () => serviceRedisClient(config, logger),
      },
      {
        provide: KAFKA,
        useFactory: () =>
          createKafka(
            { brokers: config.kafka.brokers, clientId: config.kafka.clientId, topicPrefix: config.kafka.topicPrefix },
            logger.child({ component: 'kafka' }),
          ),
      },
      { provide: RECORD_PUBLISHER, inject: [KAFKA], useFactory: (kafka: PlatformKafka) => new KafkaRecordPublisher(kafka) },
      {
        provide: KafkaInboxTransport,
        inject: [KAFKA, DataSource, RECORD_PUBLISHER, METRICS],
        useFactory: (kafka: PlatformKafka, dataSource: DataSource, publisher: KafkaRecordPublisher, metrics: ServiceMetrics) =>
          new KafkaInboxTransport(
            kafka,
            dataSource,
            publisher,
            {
              group: config.service,
              schema: config.database.schema,
              maxAttempts: config.consumer.maxAttempts,
              initialBackoffMs: config.consumer.initialBackoffMs,
              stopTimeoutMs: config.consumer.stopTimeoutMs,
              batchSize: config.consumer.batchSize,
              partitionsConcurrently: config.consumer.partitionsConcurrently,
              commitIntervalMs: config.consumer.commitIntervalMs,
              sessionTimeoutMs: config.consumer.sessionTimeoutMs,
              handlerTimeoutMs: config.consumer.handlerTimeoutMs,
              ...(config.kafka.ensureTopics
                ? { provisionTopics: { partitions: config.kafka.topicPartitions, replicationFactor: config.kafka.replicationFactor } }
                : {}),
            },
            logger.child({ component: 'consumer' }),
            metrics,
          ),
      },
      { provide: OUTBOX, useValue: new OutboxWriter(config.database.schema, `/cs/${config.service}`) },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      // Their interceptors are put on the routes that declare them (attachRouteInterceptors).
      ...rateLimitProviders({ service: config.service, namespace: config.kafka.topicPrefix }),
      ...idempotencyProviders({ service: config.service }),
      IdempotencyCommitLog,
      IdempotencyCommitPruning,
      ReadinessProbe,
      MessagingLifecycle,
      ConnectionsCloser,
      StreamOverflows,
    ];
    return {
      module: PlatformModule,
      imports: [
        AuthModule.forRoot({
          mode: config.auth.mode,
          secret: config.auth.secret,
          jwksUrl: config.auth.jwksUrl,
          issuer: config.auth.issuer,
          audience: config.auth.audience,
          maxTokenLifetimeSeconds: config.auth.maxTokenLifetimeSeconds,
        }),
      ],
      controllers: [HealthController],
      providers,
      exports: [
        SERVICE_CONFIG,
        LOGGER,
        METRICS,
        DataSource,
        REDIS,
        KAFKA,
        RECORD_PUBLISHER,
        OUTBOX,
        ReadinessProbe,
        MessagingLifecycle,
        KafkaInboxTransport,
        StreamOverflows,
        // What the interceptors attachRouteInterceptors puts on routes need, in each controller's module.
        RateLimitThrottler,
        IdempotencyStore,
        IDEMPOTENCY_OPTIONS,
        IdempotencyCommitLog,
      ],
    };
  }
}

export type ServiceModule = Type<unknown>;
export type { Logger, ServiceConfig };
