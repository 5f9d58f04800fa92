import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CalendarPublishedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { CalendarReplica, InboxContext } from '@cs/platform';

/** The business calendars review deadlines are counted in, copied from the tickets service's events. */
@Controller()
export class CalendarEventsController {
  constructor(private readonly calendars: CalendarReplica) {}

  @EventPattern(CalendarPublishedV1.type)
  async published(@Payload() event: EventOf<typeof CalendarPublishedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.calendars.apply(context.tx, event.data);
  }
}
