import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import { CalendarPublishedV1, ContractViolation, EventData, validateEventData } from '@cs/contracts';
import type { OutboxWriter } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER, OUTBOX, SERVICE_CONFIG } from '@cs/platform';
import { CalendarPublicationRepository, UnpublishedCalendar } from '../infrastructure/calendar-publication.repository';

const BATCH = 20;

/** What is told of a calendar version the event cannot carry: which one, and why. */
export type UnfitCalendar = (calendar: Pick<UnpublishedCalendar, 'id' | 'version'>, violations: readonly ContractViolation[]) => void;

/**
 * Publishes the unannounced versions of up to `batch` calendars in `tx`; how many it published.
 * A version calendar.published.v1 cannot carry (stored before its limits: more than 8 working
 * intervals a day, a name over 100 characters) is passed by, told to `unfit`, and goes out
 * once an admin corrects it; failing it would fail every calendar claimed with it, for good.
 */
export async function publishUnpublishedCalendars(
  tx: EntityManager,
  publications: CalendarPublicationRepository,
  outbox: OutboxWriter,
  unfit: UnfitCalendar = () => undefined,
  batch = BATCH,
): Promise<number> {
  let published = 0;
  let afterId: string | undefined;
  for (;;) {
    const asked = batch - published;
    const pending = await publications.claimUnpublished(tx, asked, afterId);
    for (const calendar of pending) {
      const data = { calendarId: calendar.id, version: calendar.version, document: calendar.document, at: calendar.updatedAt.toISOString() };
      const violations = validateEventData(CalendarPublishedV1, data);
      if (violations.length > 0) {
        unfit(calendar, violations);
        continue;
      }
      await outbox.append(tx, CalendarPublishedV1, calendar.id, data as EventData<typeof CalendarPublishedV1>);
      await publications.markPublished(tx, calendar.id, calendar.version);
      published += 1;
    }
    // Pages go on past the unfit only: they are few, and each page is at most what is still to publish.
    if (pending.length < asked || published === batch) return published;
    afterId = pending[pending.length - 1]!.id;
  }
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

  /** The unfit versions already logged: one line each, not one per poll. */
  private readonly toldUnfit = new Set<string>();

  protected async poll(): Promise<boolean> {
    return (await this.runOnce()) === BATCH;
  }

  async runOnce(): Promise<number> {
    return this.dataSource.transaction((tx) => publishUnpublishedCalendars(tx, this.publications, this.outbox, (calendar, violations) => this.tellUnfit(calendar, violations)));
  }

  private tellUnfit({ id, version }: Pick<UnpublishedCalendar, 'id' | 'version'>, violations: readonly ContractViolation[]): void {
    const key = `${id}@${version}`;
    if (this.toldUnfit.has(key)) return;
    this.toldUnfit.add(key);
    this.logger.warn(
      { calendarId: id, version, violations },
      'business calendar not published: stored before the limits of calendar.published; correct it with PUT /v1/calendars/{id}',
    );
  }
}
