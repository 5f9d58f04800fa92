import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@cs/messaging';
import { OUTBOX } from '@cs/platform';
import type { SlaPolicy } from '../domain/sla-policy';
import type { Ticket } from '../domain/ticket';
import type { TicketEvent } from '../domain/ticket-events';
import type { TicketState } from '../domain/ticket-evolve';
import { CalendarLookup, nextDue, timersFor } from '../domain/ticket-sla';
import { OpinionDeadlineRepository } from '../infrastructure/opinion-deadline.repository';
import { SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { handlingChanged } from '../infrastructure/ticket-handling-columns';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { publishedEvents } from './published-ticket-events';
import type { HistoryRecord } from './ticket-history';

export interface Saving {
  readonly calendars: CalendarLookup;
  readonly policy: SlaPolicy | undefined;
  readonly now: Date;
  readonly history: HistoryRecord;
  /** What the customer asked, redacted: ticket.created carries it for subscribers that suggest answers. */
  readonly demandSummary?: string;
}

/**
 * The one way a decision is committed: the ticket row, its history entry, its re-planned SLA
 * timers and its published events, all in the caller's transaction.
 */
@Injectable()
export class TicketWriter {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly timers: SlaTimerRepository,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
    private readonly opinionDeadlines: OpinionDeadlineRepository,
  ) {}

  async save(tx: EntityManager, before: TicketState, after: Ticket, events: readonly TicketEvent[], saving: Saving): Promise<Ticket> {
    const due = nextDue(saving.calendars, after, saving.now);
    let version = after.version;
    if (before) version = await this.tickets.update(tx, after, due);
    else await this.tickets.insert(tx, after, due);
    await this.tickets.addHistory(tx, after.id, saving.now, saving.history.actor, saving.history.action, saving.history.details);
    await this.timers.replan(tx, after.id, timersFor(saving.calendars, after, saving.policy, saving.now));
    if (handlingChanged(before, after)) await this.tickets.saveHandling(tx, after);
    if (before?.incidentId !== after.incidentId) await this.tickets.saveIncident(tx, after);
    for (const e of events) if (e.type === 'opinion_requested') await this.opinionDeadlines.plan(tx, after.id, e.opinionId, e.dueAt);
    for (const e of publishedEvents(events, after, due, saving.demandSummary)) await this.outbox.append(tx, e.definition, after.id, e.data);
    return { ...after, version };
  }
}
