import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TICKET_LIFECYCLE_EVENTS, TicketCreatedV1, TicketMergedV1 } from '@cs/contracts';
import type { DomainEvent, EventOf } from '@cs/messaging';
import { InboxContext } from '@cs/platform';
import { TicketLifecycleEvent, followMerge, gatherTicketChange, gatherTicketOpening } from '../application/track-tickets';

/**
 * Intake's copy of tickets, kept from the tickets service's events: the open tickets a
 * customer's new contacts can follow up on, and what the caller desk shows of them.
 */
@Controller()
export class TicketEventsController {
  @EventPattern(TicketCreatedV1.type)
  ticketCreated(@Payload() event: EventOf<typeof TicketCreatedV1>, @Ctx() context: InboxContext): void {
    gatherTicketOpening(event, context);
  }

  @EventPattern(TICKET_LIFECYCLE_EVENTS.map((e) => e.type))
  ticketChanged(@Payload() event: DomainEvent<TicketLifecycleEvent>, @Ctx() context: InboxContext): void {
    gatherTicketChange(event, context);
  }

  @EventPattern(TicketMergedV1.type)
  async ticketMerged(@Payload() event: EventOf<typeof TicketMergedV1>, @Ctx() context: InboxContext): Promise<void> {
    await followMerge(event, context.tx);
  }
}
