import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SlaBreachedV1, SlaWarningV1, TicketEscalatedV1 } from '@cs/contracts';
import type { Logger } from '@cs/observability';
import type { ServiceConfig } from '@cs/config';
import { LOGGER, SERVICE_CONFIG } from '@cs/platform';
import { dueAt } from '../domain/sla-clock';
import type { Ticket } from '../domain/ticket';
import { transition } from '../domain/ticket-lifecycle';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { DueTimer, SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { CALENDAR_SOURCE, CalendarSource, loadCalendars } from './calendar-source';
import { notifyFor, ticketEventBase } from './ticket-events';
import { PendingEvent, TicketWriter, event } from './ticket-writer';

const BATCH = 20;

/**
 * Fires due SLA timers: warnings, breaches (escalating to the supervisor) and the manager
 * escalation of a breach left open. Each ticket is handled in one transaction with its row
 * locked (skipped if another replica or a request holds it), its due timers claimed, its
 * events written to the outbox and the timers marked fired — so a timer fires once across
 * replicas and restarts.
 */
@Injectable()
export class FireSlaTimers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly timers: SlaTimerRepository,
    private readonly policies: SlaPolicyRepository,
    private readonly writer: TicketWriter,
    @Inject(CALENDAR_SOURCE) private readonly calendarSource: CalendarSource,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Fires what is due now; returns how many timers fired. */
  async fireDue(now = new Date()): Promise<number> {
    const ticketIds = await this.timers.ticketsWithDueTimers(this.dataSource.manager, now, BATCH);
    let fired = 0;
    for (const ticketId of ticketIds) {
      fired += await this.dataSource.transaction((tx) => this.fireForTicket(tx, ticketId, now));
    }
    return fired;
  }

  private async fireForTicket(tx: EntityManager, ticketId: string, now: Date): Promise<number> {
    const ticket = await this.tickets.tryLock(tx, ticketId);
    if (!ticket) return 0;
    const due = await this.timers.claimDue(tx, ticketId, now);
    if (due.length === 0) return 0;
    const policy = await this.policies.find(tx, ticket.policyId);
    const calendars = await loadCalendars(this.calendarSource, [...ticket.clocks.map((c) => c.calendarId), 'default']);
    let current = ticket;
    const events: PendingEvent[] = [];
    for (const timer of due) {
      const outcome = this.fire(current, timer, calendars);
      current = outcome.ticket;
      events.push(...outcome.events);
    }
    await this.timers.markFired(tx, due.map((t) => t.id), now);
    await this.writer.update(tx, current, calendars, policy, now, { actor: 'system', action: 'sla_timers', details: { fired: due.map(describe) } }, events);
    return due.length;
  }

  private fire(ticket: Ticket, timer: DueTimer, calendars: Awaited<ReturnType<typeof loadCalendars>>): { ticket: Ticket; events: PendingEvent[] } {
    const clock = ticket.clocks.find((c) => c.kind === timer.clock);
    if (!clock || clock.metAt) return { ticket, events: [] };
    const dueIso = dueAt(calendars(clock.calendarId), clock, timer.fireAt).toISOString();
    const base = ticketEventBase(ticket, timer.fireAt, 'system');
    if (timer.kind === 'warning') {
      const updated = { ...ticket, clocks: ticket.clocks.map((c) => (c === clock ? { ...c, warned: [...c.warned, timer.threshold] } : c)) };
      return {
        ticket: updated,
        events: [event(SlaWarningV1, { ...base, clock: clock.kind, thresholdPercent: timer.threshold, dueAt: dueIso, notify: notifyFor(ticket, 0) })],
      };
    }
    if (timer.kind === 'breach') {
      const breached: Ticket = { ...ticket, clocks: ticket.clocks.map((c) => (c === clock ? { ...c, breachedAt: timer.fireAt } : c)) };
      const events: PendingEvent[] = [event(SlaBreachedV1, { ...base, clock: clock.kind, dueAt: dueIso, notify: notifyFor(ticket, 1) })];
      if (breached.escalationLevel >= 1) return { ticket: breached, events };
      const escalated = { ...breached, ...transition(breached, { type: 'escalate', level: 1 }, timer.fireAt) };
      events.push(event(TicketEscalatedV1, { ...ticketEventBase(escalated, timer.fireAt, 'system'), level: 1, reason: 'sla_breached', note: `${clock.kind} due ${dueIso}`, notify: notifyFor(escalated, 1) }));
      return { ticket: escalated, events };
    }
    if (ticket.escalationLevel >= 2) return { ticket, events: [] };
    const escalated = { ...ticket, ...transition(ticket, { type: 'escalate', level: 2 }, timer.fireAt) };
    return {
      ticket: escalated,
      events: [
        event(TicketEscalatedV1, {
          ...ticketEventBase(escalated, timer.fireAt, 'system'),
          level: 2,
          reason: 'breach_unresolved',
          note: `${clock.kind} overdue since ${dueIso}`,
          notify: notifyFor(escalated, 2),
        }),
      ],
    };
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.fireDue();
      } catch (error) {
        this.logger.warn({ err: error }, 'SLA timers could not fire; will retry');
      }
      await new Promise((resolve) => setTimeout(resolve, this.config.slaTimerPollMs));
    }
  }
}

function describe(timer: DueTimer): string {
  return `${timer.clock}:${timer.kind}${timer.kind === 'warning' ? `@${timer.threshold}%` : ''}`;
}
