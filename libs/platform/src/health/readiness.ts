import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { settleWithin } from '@cs/messaging';
import type { RedisClient } from '@cs/persistence';
import { KAFKA, REDIS } from '../tokens';

export interface DependencyStatus {
  readonly name: 'postgres' | 'kafka' | 'redis';
  readonly up: boolean;
  readonly detail?: string;
}

const TIMEOUT_MS = 2_000;

/** Checks the three dependencies a service cannot serve without, each bounded in time. */
@Injectable()
export class ReadinessProbe implements OnApplicationShutdown {
  private admin?: Admin;
  private draining = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {}

  /** Called on SIGTERM so load balancers stop sending requests before the server closes. */
  drain(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  async check(): Promise<DependencyStatus[]> {
    return Promise.all([
      this.probe('postgres', async () => {
        await this.dataSource.query('SELECT 1');
      }),
      this.probe('redis', async () => {
        await this.redis.ping();
      }),
      this.probe('kafka', async () => {
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
      }),
    ]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async probe(name: DependencyStatus['name'], fn: () => Promise<void>): Promise<DependencyStatus> {
    try {
      if (!(await settleWithin(fn(), TIMEOUT_MS))) return { name, up: false, detail: `no answer within ${TIMEOUT_MS} ms` };
      return { name, up: true };
    } catch (error) {
      return { name, up: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }
}
