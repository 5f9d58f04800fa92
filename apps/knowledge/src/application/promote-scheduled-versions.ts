import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER } from '@cs/platform';
import { PublishedAnswerCache } from '../infrastructure/published-answer-cache';
import { SearchIndexRepository } from '../infrastructure/search-index.repository';

/** Versions put in force per round; a full round runs the next one at once. */
const BATCH = 100;
/** How soon after its start a held version is moved into the search index; the reads take it from its start either way. */
const INTERVAL_MS = 5_000;

/**
 * Moves the answer versions approved to start later into the search index once their start has
 * come (ADR 0080), on every replica: each held version is taken by one of them (SKIP LOCKED) in
 * the transaction that replaces the search document. The reads choose a held version by its start
 * already (`answersInForceAt`): this only keeps the held versions few and the cache clean.
 */
@Injectable()
export class PromoteScheduledVersions extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly index: SearchIndexRepository,
    private readonly cache: PublishedAnswerCache,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('putting scheduled answer versions in force', logger, INTERVAL_MS);
  }

  /** One round at `now`; returns the answers whose version in force changed. */
  async promoteDue(now = new Date()): Promise<string[]> {
    const promoted = await this.dataSource.transaction((tx) => this.index.promoteDue(tx, now, BATCH));
    for (const answerId of promoted) await this.cache.invalidate(answerId);
    return promoted;
  }

  protected async poll(): Promise<boolean> {
    return (await this.promoteDue()).length === BATCH;
  }
}
