import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@cs/messaging';
import { OUTBOX } from '@cs/platform';
import { type WritePart, writeTogether } from '@cs/persistence';
import type { SlaPolicy } from '../domain/sla-policy';
import { clocksHeldIfUnplanned } from '../domain/sla-timers';
import type { Ticket } from '../domain/ticket';
import type { TicketEvent } from '../domain/ticket-events';
import type { TicketState } from '../domain/ticket-evolve';
import { CalendarLookup, openingPlan, planFor } from '../domain/ticket-sla';
import { HeldClockRepository } from '../infrastructure/held-clocks.repository';
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
  /**
   * Absent for a change no reader sees (timers claimed that fired nothing): only its timers and
   * its next due time are saved, its version and history stay as they are.
   */
  readonly history?: HistoryRecord;
  /** What the customer asked, redacted: ticket.created carries it for subscribers that suggest answers. */
  readonly demandSummary?: string;
}

/** One decision to commit: the ticket before and after it, the events it caused and how to save them. */
export interface TicketChange {
  readonly before: TicketState;
  readonly after: Ticket;
  readonly events: readonly TicketEvent[];
  readonly saving: Saving;
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
    private readonly heldClocks: HeldClockRepository,
  ) {}

  async save(tx: EntityManager, before: TicketState, after: Ticket, events: readonly TicketEvent[], saving: Saving): Promise<Ticket> {
    const [saved] = await this.saveAll(tx, [{ before, after, events, saving }]);
    return saved!;
  }

  /**
   * Commits many decisions (a batch of timers firing, a chunk of new matters) in a few statements
   * however many tickets: the changed tickets' rows; the new tickets' rows, every history entry,
   * the new tickets' first timers and `writtenWith` together; the changed tickets' timers; the
   * events. `writtenWith` parts run in the statement that inserts the new tickets, so they may
   * insert rows that refer to them but must not read or update them. Returns the tickets as
   * saved, in the order given. A new ticket's clock its calendar refuses to count is held, planned
   * by the walk after the calendar's correction (ADR 0130); a change of a ticket is refused by it,
   * as its timers planned before would otherwise be lost.
   */
  async saveAll(tx: EntityManager, changes: readonly TicketChange[], writtenWith: readonly WritePart[] = []): Promise<Ticket[]> {
    const planned = changes.map((c) => ({
      ...c,
      ...(c.before ? { ...planFor(c.saving.calendars, c.after, c.saving.policy, c.saving.now), heldBy: [] } : openingPlan(c.saving.calendars, c.after, c.saving.policy, c.saving.now)),
    }));
    const opened = planned.filter((c) => !c.before);
    // The changed rows are updated before the new ones are inserted: a ticket both would be lost.
    const openedIds = new Set(opened.map((c) => c.after.id));
    if (planned.some((c) => c.before && openedIds.has(c.after.id))) throw new Error('a ticket is both opened and changed in one save');
    const versions = await this.tickets.updateAll(
      tx,
      planned.filter((c) => c.before && c.saving.history).map((c) => ({ ticket: c.after, nextDueAt: c.due })),
    );
    await this.tickets.moveNextDue(
      tx,
      planned.filter((c) => c.before && !c.saving.history).map((c) => ({ ticketId: c.after.id, nextDueAt: c.due })),
    );
    const timerPlan = ({ after, timers }: (typeof planned)[number]) => ({ subjectId: after.id, timers });
    // The new tickets, every history entry, the new tickets' first timers (inserted as planned:
    // there are none to compare with) and what the caller writes with them: inserts of their own
    // rows, one statement (each a round trip before); the changed tickets' timers are compared below.
    await writeTogether(tx, [
      this.tickets.insertAllPart(opened.map((c) => ({ ticket: c.after, nextDueAt: c.due }))),
      this.tickets.historiesPart(
        planned.flatMap(({ after, saving: { now, history } }) =>
          history ? [{ ticketId: after.id, at: now, actor: history.actor, action: history.action, details: history.details }] : [],
        ),
      ),
      this.timers.planFirstPart(opened.map(timerPlan)),
      // What a held clock waits for, so the sweep finds it whichever walk missed it (ADR 0130).
      this.heldClocks.holdPart(opened.flatMap(({ after, heldBy }) => heldBy.map((calendarId) => ({ ticketId: after.id, calendarId })))),
      ...writtenWith,
    ]);
    // A changed ticket that held a clock holds none once saved: its plan counted every running
    // clock or the change ended them. Its held row and any hold-back of a failed try go with it,
    // whatever the change (ADR 0135); left, the sweep took it again up to an hour later.
    const heldTill = await this.timers.replanAll(
      tx,
      planned.flatMap((c) => (c.before ? [{ ...timerPlan(c), heldIfUnplanned: clocksHeldIfUnplanned(c.before, c.after) }] : [])),
    );
    await this.heldClocks.release(tx, heldTill);
    for (const { before, after, events } of planned) {
      if (handlingChanged(before, after)) await this.tickets.saveHandling(tx, after);
      if (before?.incidentId !== after.incidentId) await this.tickets.saveIncident(tx, after);
      if (before && events.some((e) => e.type === 'record_amended')) await this.tickets.saveRecord(tx, after);
      for (const e of events) if (e.type === 'opinion_requested') await this.opinionDeadlines.plan(tx, after.id, e.opinionId, e.dueAt);
    }
    await this.outbox.appendAll(
      tx,
      planned.flatMap(({ after, events, due, saving }) => publishedEvents(events, after, due, saving.demandSummary).map((e) => ({ definition: e.definition, subject: after.id, data: e.data }))),
    );
    return planned.map(({ after }) => ({ ...after, version: versions.get(after.id) ?? after.version }));
  }
}
