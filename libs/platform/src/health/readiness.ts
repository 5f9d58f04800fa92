import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { settleWithin } from '@cs/messaging';
import type { ServiceConfig } from '@cs/config';
import type { RedisClient } from '@cs/persistence';
import { KAFKA, REDIS, SERVICE_CONFIG } from '../tokens';
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

/** Checks the three dependencies, each bounded in time. */
@Injectable()
export class ReadinessProbe implements OnApplicationShutdown {
  private admin?: Admin;
  /**
   * The Kafka check in flight, which a check coming while it runs waits for instead of starting
   * another: against a silent broker each would leave a connection and a request of its own behind
   * for kafkajs's request timeout (30 s), one more every probe period.
   */
  private kafkaCheck?: Promise<void>;
  private draining = false;
  private readonly postgres: PostgresProbe;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {
    // Its own connection, not the request pool's (see PostgresProbe); within the check's bound, so a
    // silent host is reported as such rather than as no answer from the check.
    this.postgres = new PostgresProbe({ url: config.database.url, timeoutMs: 1_000, applicationName: `${config.service}-readiness` });
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
      const admin = this.kafka.admin({ retry: { retries: 0 } });
      await admin.connect();
      this.admin = admin;
    }
    try {
      await this.admin.describeCluster();
    } catch (error) {
      const admin = this.admin;
      this.admin = undefined;
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.postgres.close();
    await this.admin?.disconnect().catch(() => undefined);
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
