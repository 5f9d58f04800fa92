import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER } from '@cs/platform';
import { KEY_RING_ANNOUNCED_EVERY_MS, KeyRingReplicas, type KeyRingAnnouncement, type PiiKeyRing } from '../infrastructure/pii';
import { PII_KEY_RING } from '../infrastructure/pii-codec';

/**
 * Tells the PII rotation Job which key this replica encrypts with: at start and every
 * KEY_RING_ANNOUNCED_EVERY_MS, one row upserted, away from every request. The Job re-encrypts
 * only once every replica heard from lately writes with its active key (ADR 0158). On shutdown,
 * once requests and consumers have stopped, the row is withdrawn, so a finished roll does not
 * hold the Job back until this replica falls silent.
 */
@Injectable()
export class AnnounceKeyRing extends BackgroundLoop implements OnApplicationShutdown {
  private readonly replica: KeyRingAnnouncement;

  constructor(
    private readonly dataSource: DataSource,
    private readonly replicas: KeyRingReplicas,
    @Inject(PII_KEY_RING) keyRing: PiiKeyRing,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('announcing the PII key ring', logger, KEY_RING_ANNOUNCED_EVERY_MS);
    this.replica = { replicaId: randomUUID(), host: hostname(), activeKeyId: keyRing.activeKeyId };
  }

  async announceOnce(): Promise<void> {
    await this.replicas.announce(this.dataSource, this.replica);
  }

  /** After the HTTP server and the consumers have stopped (beforeApplicationShutdown), before the connections close. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    // Not withdrawn, the row only holds a rotation back until it falls silent.
    await this.replicas.withdraw(this.dataSource, this.replica.replicaId).catch((error: unknown) => this.logger.warn({ err: error }, 'could not withdraw the PII key ring announcement'));
  }

  protected async poll(): Promise<void> {
    await this.announceOnce();
  }
}
