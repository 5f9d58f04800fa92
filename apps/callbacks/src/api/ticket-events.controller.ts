import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CalendarPublishedV1, TicketClosedV1, TicketCreatedV1, TicketEscalatedV1, TicketMergedV1, TicketReopenedV1, TicketResolvedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { CalendarReplica, InboxContext, mergesOrErasesCustomers } from '@cs/platform';
import { CancelOnReopen } from '../application/cancel-on-reopen';
import { followTicket, gradeFollowedTicket } from '../application/follow-ticket';
import { ReportMissedCallbacks } from '../application/report-missed-callbacks';
import { ScheduleAfterResolution } from '../application/schedule-after-resolution';

/**
 * What the tickets service publishes that callbacks follow: tickets, their resolution and
 * reopening, and the business calendars. New tickets are written together (ADR 0046), before
 * the transaction's next event of another type from the tickets topic (ADR 0062), which may read
 * them.
 */
@Controller()
export class TicketEventsController {
  constructor(
    private readonly schedule: ScheduleAfterResolution,
    private readonly cancel: CancelOnReopen,
    private readonly missed: ReportMissedCallbacks,
    private readonly calendars: CalendarReplica,
  ) {}

  @EventPattern(TicketCreatedV1.type)
  ticketCreated(@Payload() event: EventOf<typeof TicketCreatedV1>, @Ctx() context: InboxContext): void {
    followTicket(event, context);
  }

  /** A complaint found major may be called back under a policy of its own. */
  @EventPattern(TicketEscalatedV1.type)
  async ticketEscalated(@Payload() event: EventOf<typeof TicketEscalatedV1>, @Ctx() context: InboxContext): Promise<void> {
    await gradeFollowedTicket(event, context);
  }

  @EventPattern(TicketResolvedV1.type)
  async ticketResolved(@Payload() event: EventOf<typeof TicketResolvedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.schedule.handle(event, context.tx, context.tellOnCommit, mergesOrErasesCustomers(context));
  }

  @EventPattern(TicketReopenedV1.type)
  async ticketReopened(@Payload() event: EventOf<typeof TicketReopenedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.cancel.handle(event, context.tx, mergesOrErasesCustomers(context));
  }

  @EventPattern(TicketMergedV1.type)
  async ticketMerged(@Payload() event: EventOf<typeof TicketMergedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.cancel.handleMerge(event, context.tx, mergesOrErasesCustomers(context));
  }

  @EventPattern(TicketClosedV1.type)
  async ticketClosed(@Payload() event: EventOf<typeof TicketClosedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.missed.ticketClosed(event, context.tx, mergesOrErasesCustomers(context));
  }

  @EventPattern(CalendarPublishedV1.type)
  async calendarPublished(@Payload() event: EventOf<typeof CalendarPublishedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.calendars.apply(context.tx, event.data);
  }
}
