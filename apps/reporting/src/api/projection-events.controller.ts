import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DomainEvent } from '@cs/messaging';
import { InboxContext } from '@cs/platform';
import { PROJECTED_TYPES, projectEvent } from '../application/project-event';

/**
 * The read model's subscriptions: intake's contacts, the tickets' lifecycle, the callbacks'
 * outcomes and the business calendar. One handler serves every type through the projection
 * table the rebuild also replays, so live traffic and a rebuild compute the same rows.
 */
@Controller()
export class ProjectionEventsController {
  @EventPattern(PROJECTED_TYPES)
  async project(@Payload() event: DomainEvent, @Ctx() context: InboxContext): Promise<void> {
    await projectEvent(event, context.tx);
  }
}
