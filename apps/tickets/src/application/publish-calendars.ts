import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import { CalendarPublishedV1 } from '@cs/contracts';
import type { OutboxWriter } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER, OUTBOX, SERVICE_CONFIG } from '@cs/platform';
import { CalendarPublicationRepository } from '../infrastructure/calendar-publication.repository';

const BATCH = 20;

/** Publishes the unannounced versions of up to `batch` calendars in `tx`; how many it published. */
export async function publishUnpublishedCalendars(
  tx: EntityManager,
  publications: CalendarPublicationRepository,
  outbox: OutboxWriter,
  batch = BATCH,
): Promise<number> {
  const pending = await publications.claimUnpublished(tx, batch);
  for (const calendar of pending) {
    await outbox.append(tx, CalendarPublishedV1, calendar.id, {
      calendarId: calendar.id,
      version: calendar.version,
      document: calendar.document,
      at: calendar.updatedAt.toISOString(),
    });
    await publications.markPublished(tx, calendar.id, calendar.version);
  }
  return pending.length;
}

/**
 * Announces every version of every business calendar (`calendar.published`, keyed by calendar
 * id) to the services that count working time by it: the ones a PUT or an official refresh
 * made, and the seeded ones the first time. A poll rather than a call from each writer, so a
 * version written by the refresh command or another replica goes out as surely as one written here.
 */
@Injectable()
export class PublishCalendars extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly publications: CalendarPublicationRepository,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('publishing business calendars', logger, config.slaTimerPollMs);
  }

  protected async poll(): Promise<boolean> {
    return (await this.runOnce()) === BATCH;
  }

  async runOnce(): Promise<number> {
    return this.dataSource.transaction((tx) => publishUnpublishedCalendars(tx, this.publications, this.outbox));
  }
}
