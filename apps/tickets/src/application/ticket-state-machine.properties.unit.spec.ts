import fc from 'fast-check';
import { parseCalendar } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import { PROMISE_TIERS, PromiseTier, TICKET_STATUSES } from '@cs/contracts';
import { historyOf } from './ticket-history';
import { events, newMatter } from '../testing/decide-outcome';
import { PlannedTimer, isPaused, planTimers, viewClock } from '../domain/sla-clock';
import type { SlaPolicy } from '../domain/sla-policy';
import type { Ticket } from '../domain/ticket';
import type { CommandMetadata, TicketCommandData } from '../domain/ticket-commands';
import { decide } from '../domain/ticket-decide';
import { evolveAll } from '../domain/ticket-evolve';
import { ALLOWED_FROM, LifecycleCommand, OPEN_STATUSES, TicketStatus } from '../domain/ticket-lifecycle';
import { CLOCK_KINDS, ClockKind } from '../domain/sla-policy';
import type { TicketEvent } from '../domain/ticket-events';

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
  targets: { first_response: working(2, 'hours'), dispatch: working(4, 'hours'), on_site: { amount: 24, unit: 'hours', basis: 'calendar' }, resolution: working(3, 'days') },
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
  { type: 'arrive' },
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

/** What the timers table holds: the timers planned at the ticket's last change. */
function plannedTimers(ticket: Ticket, now: Date): PlannedTimer[] {
  return ticket.clocks.flatMap((clock) => planTimers(calendar, clock, now, policy.escalateToManagerAfter));
}

/** The planned timers due by `now`, fired once as the due-work loop fires them; none due, nothing. */
function fireDue(ticket: Ticket, planned: readonly PlannedTimer[], now: Date): { data: Extract<TicketCommandData, { action: 'fire_sla_timers' }>; fired: TicketEvent[] } | undefined {
  const timers = planned.filter((t) => t.fireAt <= now);
  if (timers.length === 0) return undefined;
  const data = { action: 'fire_sla_timers' as const, timers };
  return { data, fired: events(decide({ data, metadata: meta(now, 'system') }, ticket)) };
}

/** What must hold of a ticket at any time `now`. */
function assertInvariants(ticket: Ticket, now: Date): void {
  expect(TICKET_STATUSES).toContain(ticket.status);
  for (const clock of ticket.clocks) {
    const view = viewClock(calendar, clock, now);
    expect(view.pausedMinutes).toBeGreaterThanOrEqual(0);
    expect(view.elapsedMinutes).toBeGreaterThanOrEqual(0);
    expect(new Date(view.dueAt!).getTime()).toBeGreaterThanOrEqual(clock.startedAt.getTime());
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
          const planned = plannedTimers(ticket, now);
          now = new Date(now.getTime() + step.after * 60_000);
          if (step.kind === 'timers') {
            const { fired } = fireDue(ticket, planned, now) ?? {};
            if (!fired) continue;
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
      // A fixed seed: the same 300 sequences every run, so the corners below are always reached;
      // a failure prints the sequence that broke an invariant.
      { numRuns: 300, seed: 20261204 },
    );
    // The sequences reached every corner that matters: pauses, breaches, re-opening.
    expect([...seen]).toEqual(expect.arrayContaining(['paused', 'resumed', 'arrived_on_site', 'sla_warned', 'sla_breached', 'resolved', 'closed', 'reopened', 'escalated']));
  });
});

/**
 * Everything that can happen to a ticket besides its lifecycle requests: extensions and promised
 * replies asked by a person, a customer's follow-up contacts and callback verdicts coming in, an
 * invalid or out-of-scope validity decision, an escalation straight to the manager.
 */
type Happening =
  | { readonly kind: 'request'; readonly command: Act; readonly after: number }
  | { readonly kind: 'extend'; readonly clock: ClockKind; readonly amount: number; readonly unit: 'hours' | 'days'; readonly after: number }
  | { readonly kind: 'promise'; readonly tier: PromiseTier; readonly after: number }
  | { readonly kind: 'follow_up'; readonly alreadyLinked: boolean; readonly after: number }
  | { readonly kind: 'callback'; readonly satisfied: boolean; readonly after: number }
  | { readonly kind: 'timers'; readonly after: number };

const MORE_REQUESTS: readonly Act[] = [
  ...REQUESTS,
  { type: 'decide_validity', decision: 'invalid', reason: '已按统一答复解释' },
  { type: 'decide_validity', decision: 'out_of_scope', redirectTo: '街道办' },
  { type: 'escalate', level: 2 },
];
const after = fc.integer({ min: 1, max: 900 });
const happenings = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('request' as const), command: fc.constantFrom(...MORE_REQUESTS), after }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('extend' as const),
        clock: fc.constantFrom(...CLOCK_KINDS),
        amount: fc.integer({ min: 1, max: 3 }),
        unit: fc.constantFrom('hours' as const, 'days' as const),
        after,
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('promise' as const), tier: fc.constantFrom(...PROMISE_TIERS), after }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('follow_up' as const), alreadyLinked: fc.boolean(), after }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('callback' as const), satisfied: fc.boolean(), after }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('timers' as const), after: fc.integer({ min: 1, max: 3_000 }) }) },
  ),
  { maxLength: 30 },
);

/** Why a request allowed from the ticket's status may still be refused: its SLA rules. */
const SLA_REFUSALS = ['SLA.CLOCK_STOPPED', 'SLA.DEADLINE_PASSED', 'SLA.ALREADY_REPLIED', 'SLA.PROMISE_IN_PAST', 'TICKET.CAP_EXCEEDED'];

/** The command a happening is, at `now`, and who asks it. */
function commandOf(h: Exclude<Happening, { kind: 'timers' }>, now: Date, step: number): { data: TicketCommandData; actor: string } {
  switch (h.kind) {
    case 'request':
      return { data: { action: h.command.type, command: h.command }, actor: 'agent-7' };
    case 'extend':
      return {
        data: { action: 'extend', clock: h.clock, by: working(h.amount, h.unit), reason: '等配件到货', customerInformedAt: now },
        actor: 'agent-7',
      };
    case 'promise':
      return { data: { action: 'promise', tier: h.tier }, actor: 'agent-7' };
    case 'follow_up':
      return { data: { action: 'link_follow_up', contactId: `c-${step}`, channel: 'phone', reason: 'same_item_open_ticket', alreadyLinked: h.alreadyLinked }, actor: 'system' };
    case 'callback':
      return { data: { action: 'reopen_on_callback', satisfied: h.satisfied, comment: '还是漏水' }, actor: 'callbacks' };
  }
}

/** Whether the state machine lets the command start from `status` at all. */
function allowedFrom(data: TicketCommandData, status: TicketStatus): boolean {
  switch (data.action) {
    case 'extend':
      return ALLOWED_FROM.extend.includes(status);
    case 'promise':
      return OPEN_STATUSES.includes(status);
    case 'link_follow_up':
    case 'reopen_on_callback':
      return true;
    default:
      return 'command' in data && ALLOWED_FROM[data.command.type].includes(status);
  }
}

/** What the ticket's history must say of an accepted decision: who, which action, and what was asked. */
function expectRecorded(data: TicketCommandData, outcome: readonly TicketEvent[], actor: string): void {
  const record = historyOf(data, outcome, actor);
  switch (data.action) {
    case 'link_follow_up':
      // A redelivered follow-up changes nothing and says nothing twice.
      if (data.alreadyLinked) return expect(record).toBeUndefined();
      return expect(record).toEqual({ actor, action: 'follow_up', details: expect.objectContaining({ contactId: data.contactId, channel: 'phone' }) });
    case 'reopen_on_callback':
      if (outcome.length === 0) return expect(record).toBeUndefined();
      return expect(record).toEqual({ actor, action: 'reopen', details: { reason: '回访不满意：还是漏水' } });
    case 'extend': {
      const extended = outcome.find((e) => e.type === 'deadline_extended');
      return expect(record).toEqual({
        actor,
        action: 'extend',
        details: { clock: data.clock, by: data.by, reason: data.reason, newDueAt: extended?.type === 'deadline_extended' ? extended.newDueAt.toISOString() : 'missing' },
      });
    }
    case 'promise':
      return expect(record).toEqual({ actor, action: 'promise', details: expect.objectContaining({ tier: data.tier, dueAt: expect.any(String) }) });
    case 'arrive': {
      const arrived = outcome.find((e) => e.type === 'arrived_on_site');
      return expect(record).toEqual({ actor, action: 'arrive', details: { arrivedAt: arrived?.type === 'arrived_on_site' ? arrived.arrivedAt.toISOString() : 'missing' } });
    }
    default: {
      // A person's lifecycle request is recorded even when it changed nothing (an escalation at the top).
      if (!('command' in data)) throw new Error(`unexpected ${data.action}`);
      const { type, ...asked } = data.command;
      return expect(record).toEqual({ actor, action: type, details: asked });
    }
  }
}

/** A ticket can always be brought to closed: resumed if it waits, resolved if open, then closed. */
function closedFrom(ticket: Ticket, now: Date): Ticket | DomainError {
  let current = ticket;
  for (const command of [{ type: 'resume' }, { type: 'resolve', resolution: '已处理' }, { type: 'close' }] as const) {
    if (!ALLOWED_FROM[command.type].includes(current.status)) continue;
    const outcome = decide({ data: { action: command.type, command }, metadata: meta(now, 'agent-7') }, current);
    if (outcome instanceof DomainError) return outcome;
    current = evolveAll(current, outcome) ?? current;
  }
  return current;
}

describe('a ticket under anything that can happen to it', () => {
  it('keeps its history complete, counts what its history says, and can always be closed and reopened', () => {
    const seen = new Set<string>();
    const statuses = new Set<TicketStatus>();
    fc.assert(
      fc.property(happenings, (plan: Happening[]) => {
        let ticket = openTicket();
        let now = opening;
        const recorded: string[] = [];
        plan.forEach((h, step) => {
          const planned = plannedTimers(ticket, now);
          now = new Date(now.getTime() + h.after * 60_000);
          if (h.kind === 'timers') {
            const { data, fired } = fireDue(ticket, planned, now) ?? {};
            if (!data || !fired) return;
            // A timer firing something is recorded; one that fires nothing (its moment moved) leaves no trace a reader sees.
            const record = historyOf(data, fired, 'system');
            if (fired.length === 0) expect(record).toBeUndefined();
            else {
              expect(record).toEqual({ actor: 'system', action: 'sla_timers', details: { fired: expect.any(Array) } });
              recorded.push('sla_timers');
            }
            fired.forEach((e) => seen.add(e.type));
            ticket = evolveAll(ticket, fired) ?? ticket;
          } else {
            const { data, actor } = commandOf(h, now, step);
            const outcome = decide({ data, metadata: meta(now, actor) }, ticket);
            if (outcome instanceof DomainError) {
              // Refused from a status the machine does not allow it from, or by an SLA rule; never anything else.
              // (An extension of a handled ticket is told that its clocks stopped, which is why.)
              if (!allowedFrom(data, ticket.status)) expect(outcome.code).toBe(data.action === 'extend' && outcome.code === 'SLA.CLOCK_STOPPED' ? outcome.code : 'TICKET.ILLEGAL_TRANSITION');
              // A validity is decided once.
              else if (data.action === 'decide_validity' && ticket.validity !== 'pending') expect(outcome.code).toBe('TICKET.ILLEGAL_TRANSITION');
              // The handler arrives once, and only when someone was sent.
              else if (data.action === 'arrive' && (ticket.onSiteAt || !ticket.dispatchedAt)) expect(outcome.code).toBe('TICKET.ILLEGAL_TRANSITION');
              else expect(SLA_REFUSALS).toContain(outcome.code);
              return;
            }
            expect(allowedFrom(data, ticket.status)).toBe(true);
            expect(outcome.every((e) => e.at.getTime() === now.getTime() && e.by === actor)).toBe(true);
            expectRecorded(data, outcome, actor);
            const record = historyOf(data, outcome, actor);
            if (record) recorded.push(record.action);
            outcome.forEach((e) => seen.add(e.type));
            ticket = evolveAll(ticket, outcome) ?? ticket;
          }
          statuses.add(ticket.status);
          assertInvariants(ticket, now);
          // What the ticket counts is what its history says happened.
          expect(ticket.reopenCount).toBe(recorded.filter((a) => a === 'reopen').length);
          expect(ticket.extensionCount).toBe(recorded.filter((a) => a === 'extend').length);
          // No status is a dead end: closed is reachable from here, and a closed ticket can be reopened.
          const closed = closedFrom(ticket, now);
          if (closed instanceof DomainError) throw new Error(`cannot close a ${ticket.status} ticket: ${closed.code}`);
          expect(closed.status).toBe('closed');
          const reopened = decide({ data: { action: 'reopen', command: { type: 'reopen', reason: '客户不满意' } }, metadata: meta(now, 'agent-7') }, closed);
          expect(reopened instanceof DomainError ? reopened.code : OPEN_STATUSES.includes((evolveAll(closed, reopened) ?? closed).status)).toBe(true);
        });
      }),
      { numRuns: 300, seed: 20261203 },
    );
    // Every status was reached, and every kind of change happened somewhere among the sequences.
    expect([...statuses].sort()).toEqual([...TICKET_STATUSES].sort());
    expect([...seen]).toEqual(
      expect.arrayContaining(['deadline_extended', 'reply_promised', 'follow_up_linked', 'reopened', 'validity_decided', 'sla_breached', 'escalated', 'paused', 'closed']),
    );
  });
});
