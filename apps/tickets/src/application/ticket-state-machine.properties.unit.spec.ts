import fc from 'fast-check';
import { parseCalendar } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import { TICKET_STATUSES } from '@cs/contracts';
import { historyOf } from './ticket-history';
import { events, newMatter } from '../testing/decide-outcome';
import { isPaused, planTimers, viewClock } from '../domain/sla-clock';
import type { SlaPolicy } from '../domain/sla-policy';
import type { Ticket } from '../domain/ticket';
import type { CommandMetadata, TicketCommandData } from '../domain/ticket-commands';
import { decide } from '../domain/ticket-decide';
import { evolveAll } from '../domain/ticket-evolve';
import { ALLOWED_FROM, LifecycleCommand, OPEN_STATUSES } from '../domain/ticket-lifecycle';

/**
 * The ticket state machine and its SLA clocks under any sequence of requests and passing time:
 * whatever agents, handlers and timers do, in whatever order, the invariants hold.
 */
const hours = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];
const calendar = parseCalendar({
  timezone: 'Asia/Shanghai',
  workingHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] },
  holidays: [{ date: '2026-12-31', name: '元旦前夕' }],
  workingDays: [{ date: '2026-12-27', name: '调休' }],
});
const working = (amount: number, unit: 'hours' | 'days') => ({ amount, unit, basis: 'working' as const });
const policy: SlaPolicy = {
  id: 'repairs',
  name: 'Repairs',
  match: {},
  targets: { first_response: working(2, 'hours'), dispatch: working(4, 'hours'), resolution: working(3, 'days') },
  warnAt: [50, 80],
  escalateToManagerAfter: working(1, 'days'),
  calendarId: 'default',
};
const opening = new Date('2026-12-21T01:00:00Z');

type Act = Exclude<LifecycleCommand, { readonly type: 'extend' }>;
const REQUESTS: readonly Act[] = [
  { type: 'decide_validity', decision: 'valid' },
  { type: 'dispatch', department: 'engineering', handler: 'h-1' },
  { type: 'reply', message: '师傅已出发' },
  { type: 'pause', reason: '等业主在家' },
  { type: 'resume' },
  { type: 'resolve', resolution: '已修复' },
  { type: 'close' },
  { type: 'reopen', reason: '客户不满意' },
  { type: 'escalate' },
];

/** One step: a person's request, or time passing and the due timers firing. */
type Step = { readonly kind: 'request'; readonly command: Act; readonly after: number } | { readonly kind: 'timers'; readonly after: number };
const steps = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('request' as const), command: fc.constantFrom(...REQUESTS), after: fc.integer({ min: 1, max: 600 }) }),
    fc.record({ kind: fc.constant('timers' as const), after: fc.integer({ min: 1, max: 3_000 }) }),
  ),
  { maxLength: 25 },
);

function meta(at: Date, by: string): CommandMetadata {
  return { at, by, calendars: () => calendar, policy };
}

function openTicket(): Ticket {
  const data: TicketCommandData = {
    action: 'open_from_contact',
    ticketId: 't-1',
    number: 'TK-20261221-000001',
    contact: newMatter({ itemCode: 'repair.public_area', occurredAt: opening }),
    policies: [policy],
  };
  const ticket = evolveAll(undefined, events(decide({ data, metadata: meta(opening, 'system') }, undefined)));
  if (!ticket) throw new Error('no ticket opened');
  return ticket;
}

/** What must hold of a ticket at any time `now`. */
function assertInvariants(ticket: Ticket, now: Date): void {
  expect(TICKET_STATUSES).toContain(ticket.status);
  for (const clock of ticket.clocks) {
    const view = viewClock(calendar, clock, now);
    expect(view.pausedMinutes).toBeGreaterThanOrEqual(0);
    expect(view.elapsedMinutes).toBeGreaterThanOrEqual(0);
    expect(new Date(view.dueAt).getTime()).toBeGreaterThanOrEqual(clock.startedAt.getTime());
    // Pauses follow each other, each closed before the next opens; at most the last is open.
    clock.pauses.forEach((pause, i) => {
      if (pause.to) expect(pause.to.getTime()).toBeGreaterThanOrEqual(pause.from.getTime());
      const next = clock.pauses[i + 1];
      if (next) expect(pause.to && next.from.getTime() >= pause.to.getTime()).toBe(true);
    });
    if (clock.metAt) expect(clock.metAt.getTime()).toBeGreaterThanOrEqual(clock.startedAt.getTime());
  }
  // Clocks stand still exactly while the customer is awaited.
  const paused = ticket.clocks.filter((c) => !c.metAt).some(isPaused);
  if (paused) expect(ticket.status).toBe('awaiting_customer');
}

describe('the ticket state machine, for any sequence of requests and timers', () => {
  it('accepts a request only from a status that allows it, refuses the rest without change, and records each accepted one', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(steps, (plan: Step[]) => {
        let ticket = openTicket();
        let now = opening;
        for (const step of plan) {
          // What the timers table holds: the timers planned at the last change, fired once due.
          const planned = ticket.clocks.flatMap((clock) => planTimers(calendar, clock, now, policy.escalateToManagerAfter));
          now = new Date(now.getTime() + step.after * 60_000);
          if (step.kind === 'timers') {
            const due = planned.filter((t) => t.fireAt <= now);
            if (due.length === 0) continue;
            const data: TicketCommandData = { action: 'fire_sla_timers', timers: due };
            const fired = events(decide({ data, metadata: meta(now, 'system') }, ticket));
            fired.forEach((e) => seen.add(e.type));
            ticket = evolveAll(ticket, fired) ?? ticket;
          } else {
            const data: TicketCommandData = { action: step.command.type, command: step.command };
            const before = ticket;
            const outcome = decide({ data, metadata: meta(now, 'agent-7') }, ticket);
            const allowed = ALLOWED_FROM[step.command.type].includes(before.status);
            if (outcome instanceof DomainError) {
              if (!allowed) expect(outcome.code).toBe('TICKET.ILLEGAL_TRANSITION');
              continue;
            }
            expect(allowed).toBe(true);
            // Escalating a ticket already at the top level is accepted and changes nothing.
            if (outcome.length === 0) continue;
            outcome.forEach((e) => seen.add(e.type));
            expect(outcome.every((e) => e.at.getTime() === now.getTime())).toBe(true);
            expect(historyOf(data, outcome, 'agent-7')).toBeDefined();
            ticket = evolveAll(ticket, outcome) ?? ticket;
            if (step.command.type === 'resolve') expect(ticket.status).toBe('resolved');
            if (step.command.type === 'close') expect(ticket.status).toBe('closed');
            if (step.command.type === 'reopen') expect(OPEN_STATUSES).toContain(ticket.status);
          }
          assertInvariants(ticket, now);
        }
      }),
      { numRuns: 300 },
    );
    // The sequences reached every corner that matters: pauses, breaches, re-opening.
    expect([...seen]).toEqual(expect.arrayContaining(['paused', 'resumed', 'sla_warned', 'sla_breached', 'resolved', 'closed', 'reopened', 'escalated']));
  });
});
