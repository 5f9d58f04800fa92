import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CalendarPublishedV1 } from '@cs/contracts';
import type { DomainEvent, EventOf } from '@cs/messaging';
import { CalendarReplica, InboxContext } from '@cs/platform';
import { PROJECTED_TYPES, projectEvent } from '../application/project-event';
import { RebuildProjections } from '../application/rebuild-projections';
import { SHADOW_TABLES } from '../infrastructure/projection-tables';

/**
 * The read model's subscriptions: intake's contacts, the tickets' lifecycle and the callbacks'
 * outcomes. One handler serves every type through the projection table the rebuild also
 * replays, so live traffic and a rebuild compute the same rows.
 */
@Controller()
export class ProjectionEventsController {
  constructor(
    private readonly calendars: CalendarReplica,
    private readonly rebuilds: RebuildProjections,
  ) {}

  @EventPattern(PROJECTED_TYPES)
  async project(@Payload() event: DomainEvent, @Ctx() context: InboxContext): Promise<void> {
    await projectEvent(event, context.tx);
    if (await this.rebuilds.shadowWants(context.topic, context.partition, context.offset, context.tx)) await projectEvent(event, context.tx, SHADOW_TABLES);
  }

  /** Working minutes and report periods follow the company's calendar as the tickets service publishes it. */
  @EventPattern(CalendarPublishedV1.type)
  async calendarPublished(@Payload() event: EventOf<typeof CalendarPublishedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.calendars.apply(context.tx, event.data);
  }
}
