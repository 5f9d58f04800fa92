import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TicketClosedV1, TicketCreatedV1, TicketReopenedV1, TicketResolvedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { InboxContext } from '@cs/platform';
import { forgetHandledTicket, rememberReopenedTicket, rememberTicket } from '../application/track-tickets';

/** The open tickets a customer's new contacts can follow up on, kept from the tickets service's events. */
@Controller()
export class TicketEventsController {
  @EventPattern(TicketCreatedV1.type)
  async ticketCreated(@Payload() event: EventOf<typeof TicketCreatedV1>, @Ctx() context: InboxContext): Promise<void> {
    await rememberTicket(event, context.tx);
  }

  @EventPattern([TicketResolvedV1.type, TicketClosedV1.type])
  async ticketHandled(
    @Payload() event: EventOf<typeof TicketResolvedV1> | EventOf<typeof TicketClosedV1>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    await forgetHandledTicket(event, context.tx);
  }

  @EventPattern(TicketReopenedV1.type)
  async ticketReopened(@Payload() event: EventOf<typeof TicketReopenedV1>, @Ctx() context: InboxContext): Promise<void> {
    await rememberReopenedTicket(event, context.tx);
  }
}
