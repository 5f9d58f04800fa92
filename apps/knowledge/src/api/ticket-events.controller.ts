import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TicketClosedV1, TicketCreatedV1, TicketRecordAmendedV1, TicketRepliedV1, TicketReplyApprovedV1, TicketValidityDecidedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { InboxContext, mergesOrErasesCustomers } from '@cs/platform';
import { countItemDemand, moveItemDemand } from '../application/count-item-demand';
import { DraftFromReply } from '../application/draft-from-reply';
import { SuggestAnswers } from '../application/suggest-answers';
import { TicketOutcomes } from '../application/ticket-outcomes';

/**
 * Demand per catalogue item, suggestions for each new ticket and gaps from consultations, from the
 * tickets service's events. New tickets' suggestions are written together (ADR 0046), before the
 * transaction's next event of another type from the tickets topic (ADR 0062): it may be of one of
 * them (a close reads the ticket's stored suggestions and the text asked). The demand counts are
 * written only before the commit: nothing in the transaction reads them.
 */
@Controller()
export class TicketEventsController {
  constructor(
    private readonly suggest: SuggestAnswers,
    private readonly outcomes: TicketOutcomes,
    private readonly replies: DraftFromReply,
  ) {}

  @EventPattern(TicketCreatedV1.type)
  async ticketCreated(@Payload() event: EventOf<typeof TicketCreatedV1>, @Ctx() context: InboxContext): Promise<void> {
    countItemDemand(event, context);
    await this.suggest.onTicketCreated(event, context);
  }

  @EventPattern(TicketRepliedV1.type)
  async replied(@Payload() event: EventOf<typeof TicketRepliedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.outcomes.cited(event, context.tx, mergesOrErasesCustomers(context));
  }

  @EventPattern(TicketValidityDecidedV1.type)
  async validityDecided(@Payload() event: EventOf<typeof TicketValidityDecidedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.outcomes.cited(event, context.tx, mergesOrErasesCustomers(context));
  }

  @EventPattern(TicketReplyApprovedV1.type)
  async replyApproved(@Payload() event: EventOf<typeof TicketReplyApprovedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.replies.onApproved(event, context.tx);
  }

  @EventPattern(TicketRecordAmendedV1.type)
  async recordAmended(@Payload() event: EventOf<typeof TicketRecordAmendedV1>, @Ctx() context: InboxContext): Promise<void> {
    await moveItemDemand(event, context.tx);
    await this.suggest.onRecordAmended(event, context);
  }

  @EventPattern(TicketClosedV1.type)
  async closed(@Payload() event: EventOf<typeof TicketClosedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.outcomes.closed(event, context.tx, mergesOrErasesCustomers(context));
  }
}
