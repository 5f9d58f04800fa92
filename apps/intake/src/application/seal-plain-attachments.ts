import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER } from '@cs/platform';
import { ContactRepository } from '../infrastructure/contact.repository';

/** Contacts sealed per transaction: short, whatever the number stored before. */
const BATCH = 500;
/**
 * Once the contacts stored before are sealed, only a replica of the release before (during a
 * rollout) writes one in clear: a look every ten minutes, through an index that is then empty.
 */
const EVERY_MS = 10 * 60_000;

/**
 * Seals the attachments of contacts stored before attachments were sealed (ADR 0006): their
 * names are personal data as often as not, and a database dump must not show them. Every
 * replica may run it; rows one holds are skipped by the others.
 */
@Injectable()
export class SealPlainAttachments extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactRepository,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('sealing attachments stored in clear', logger, EVERY_MS);
  }

  /** Seals one batch; returns how many contacts it sealed. */
  async sealOnce(): Promise<number> {
    return this.dataSource.transaction((tx) => this.contacts.sealPlainAttachments(tx, BATCH));
  }

  protected async poll(): Promise<boolean> {
    return (await this.sealOnce()) === BATCH;
  }
}
