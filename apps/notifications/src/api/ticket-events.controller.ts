import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { SlaBreachedV1, SlaWarningV1, TicketEscalatedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { InboxContext } from '@cs/platform';
import { RecordNotification } from '../application/record-notification';

/** Escalations (a major complaint included), SLA warnings and breaches, from the tickets service's events. */
@Controller()
export class TicketEventsController {
  constructor(private readonly record: RecordNotification) {}

  @EventPattern(TicketEscalatedV1.type)
  async escalated(@Payload() event: EventOf<typeof TicketEscalatedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.record.execute(context.tx, event.id, { type: TicketEscalatedV1.type, data: event.data });
  }

  @EventPattern(SlaWarningV1.type)
  async slaWarning(@Payload() event: EventOf<typeof SlaWarningV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.record.execute(context.tx, event.id, { type: SlaWarningV1.type, data: event.data });
  }

  @EventPattern(SlaBreachedV1.type)
  async slaBreached(@Payload() event: EventOf<typeof SlaBreachedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.record.execute(context.tx, event.id, { type: SlaBreachedV1.type, data: event.data });
  }
}
