import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TicketCreatedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { InboxContext } from '@cs/platform';
import { countItemDemand } from '../application/count-item-demand';

/** Demand per catalogue item, counted from the tickets service's events. */
@Controller()
export class TicketEventsController {
  @EventPattern(TicketCreatedV1.type)
  async ticketCreated(@Payload() event: EventOf<typeof TicketCreatedV1>, @Ctx() context: InboxContext): Promise<void> {
    await countItemDemand(event, context.tx);
  }
}
