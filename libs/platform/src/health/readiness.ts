import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { type KafkaPatience, type PlatformKafka, SERVICE_PATIENCE, createKafka, settleWithin } from '@cs/messaging';
import type { ServiceConfig } from '@cs/config';
import type { RedisClient } from '@cs/persistence';
import { REDIS, SERVICE_CONFIG } from '../tokens';
import { PostgresProbe } from './postgres-probe';

export interface DependencyStatus {
  readonly name: 'postgres' | 'kafka' | 'redis';
  readonly up: boolean;
  /** Whether the service cannot serve without it (see REQUIRED). */
  readonly required: boolean;
  readonly detail?: string;
}

/**
 * Postgres holds every request's data: without it nothing can be served. Without Kafka the
 * outbox keeps events until it is back and consumers catch up later; without Redis, requests
 * without an Idempotency-Key are served (rate limits and caches fall back), those with one get
 * 503. So Kafka and Redis only degrade a service.
 */
const REQUIRED: Readonly<Record<DependencyStatus['name'], boolean>> = { postgres: true, kafka: false, redis: false };

export type Readiness = 'ready' | 'degraded' | 'unavailable' | 'draining';

/** What the checks mean for traffic: ready and degraded take it (200), the others do not (503). */
export function readinessOf(checks: readonly DependencyStatus[], draining: boolean): Readiness {
  if (draining) return 'draining';
  if (checks.some((c) => c.required && !c.up)) return 'unavailable';
  return checks.every((c) => c.up) ? 'ready' : 'degraded';
}

/**
 * What readiness promises: an answer within 2 s, whatever a dependency does, as every request's
 * answer while one is lost. Each check is bounded under it, leaving the answer its own time: a
 * frozen broker or Redis, whose connections stay open and answer nothing, would otherwise take
 * the whole 2 s and a little more.
 */
const CHECK_WITHIN_MS = 1_500;

/**
 * The Kafka check's own client. It tries once, so a broker refusing connections is seen back at
 * the next check (the services' clients retry a connect for about 40 s, which a check in flight
 * would wait out). It waits for an answer as long as they do, one check in flight at a time: a
 * silent broker gets one connection per request timeout, not one per probe (kafkajs keeps a
 * connection whose request timed out open until its peer closes it), and a broker coming back
 * answers the request in flight.
 */
const READINESS_KAFKA_PATIENCE: KafkaPatience = { ...SERVICE_PATIENCE, connectionTimeoutMs: 1_000, retries: 0 };

/** Checks the three dependencies, each bounded in time. */
@Injectable()
export class ReadinessProbe implements OnApplicationShutdown {
  private readonly kafka: PlatformKafka;
  private admin?: Admin;
  /** The Kafka check in flight, which a check coming while it runs waits for instead of opening another connection. */
  private kafkaCheck?: Promise<void>;
  private draining = false;
  private readonly postgres: PostgresProbe;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {
    // Its own connection, not the request pool's (see PostgresProbe); within the check's bound, so a
    // silent host is reported as such rather than as no answer from the check.
    this.postgres = new PostgresProbe({ url: config.database.url, timeoutMs: 1_000, applicationName: `${config.service}-readiness` });
    this.kafka = createKafka({ brokers: config.kafka.brokers, clientId: `${config.kafka.clientId}-readiness` }, undefined, READINESS_KAFKA_PATIENCE);
  }

  /** Called on SIGTERM so load balancers stop sending requests before the server closes. */
  drain(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  async check(): Promise<DependencyStatus[]> {
    return Promise.all([
      this.probe('postgres', () => this.postgres.ping()),
      this.probe('redis', async () => {
        await this.redis.ping();
      }),
      this.probe('kafka', () => (this.kafkaCheck ??= this.checkKafka().finally(() => (this.kafkaCheck = undefined)))),
    ]);
  }

  private async checkKafka(): Promise<void> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      // kafkajs leaves a connection whose first request failed open: ended here, not left to each failed check.
      await admin.connect().catch((error: unknown) => {
        void admin.disconnect().catch(() => undefined);
        throw error;
      });
      this.admin = admin;
    }
    const admin = this.admin;
    try {
      await admin.describeCluster();
    } catch (error) {
      this.admin = undefined;
      // Not waited for: a disconnect waits for the requests in flight, which would keep the check in flight with them.
      void admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // A check's connect in flight fails at once, and its catch ends the connection.
    this.kafka.abortConnects();
    await this.postgres.close();
    // Bounded: a disconnect waits for the request in flight, up to its 30 s timeout where the broker is silent.
    if (this.admin) await settleWithin(this.admin.disconnect().catch(() => undefined), 1_000);
  }

  private async probe(name: DependencyStatus['name'], fn: () => Promise<void>): Promise<DependencyStatus> {
    try {
      const required = REQUIRED[name];
      if (!(await settleWithin(fn(), CHECK_WITHIN_MS))) return { name, up: false, required, detail: `no answer within ${CHECK_WITHIN_MS} ms` };
      return { name, up: true, required };
    } catch (error) {
      return { name, up: false, required: REQUIRED[name], detail: error instanceof Error ? error.message : String(error) };
    }
  }
}
