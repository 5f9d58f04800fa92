import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CalendarPublishedV1 } from '@cs/contracts';
import type { DomainEvent, EventOf } from '@cs/messaging';
import { CalendarReplica, InboxContext } from '@cs/platform';
import { LiveProjection } from '../application/live-projection';
import { PROJECTED_TYPES } from '../application/project-event';

/**
 * The read model's subscriptions: intake's contacts, the tickets' lifecycle and the callbacks'
 * outcomes. One handler serves every type through the projection table the rebuild also
 * replays, a transaction's events together as the rebuild's chunks, so live traffic and a
 * rebuild compute the same rows.
 */
@Controller()
export class ProjectionEventsController {
  constructor(
    private readonly calendars: CalendarReplica,
    private readonly live: LiveProjection,
  ) {}

  /** Gathered: the transaction's events are projected together before it commits. */
  @EventPattern(PROJECTED_TYPES)
  project(@Payload() event: DomainEvent, @Ctx() context: InboxContext): void {
    this.live.add(event, context);
  }

  /** Working minutes and report periods follow the company's calendar as the tickets service publishes it. */
  @EventPattern(CalendarPublishedV1.type)
  async calendarPublished(@Payload() event: EventOf<typeof CalendarPublishedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.calendars.apply(context.tx, event.data);
  }
}
