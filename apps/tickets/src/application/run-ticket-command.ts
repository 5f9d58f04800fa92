import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  TicketClosedV1,
  TicketDispatchedV1,
  TicketEscalatedV1,
  TicketExtendedV1,
  TicketPausedV1,
  TicketPromisedV1,
  TicketRepliedV1,
  TicketReopenedV1,
  TicketResolvedV1,
  TicketResumedV1,
  TicketValidityDecidedV1,
} from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import { clockState, dueAt } from '../domain/sla-clock';
import type { Ticket } from '../domain/ticket';
import { Actor, assertMayDo, canSee } from '../domain/ticket-access';
import { LifecycleCommand, transition } from '../domain/ticket-lifecycle';
import { clocksAfter, extendTicketClock, promiseReply } from '../domain/ticket-sla';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { CALENDAR_SOURCE, CalendarSource, loadCalendars } from './calendar-source';
import { majorComplaintEscalated, notifyFor, ticketEventBase } from './ticket-events';
import { PendingEvent, TicketWriter, event } from './ticket-writer';
import { redactTicketRequest } from './redact-ticket-request';
import type { TicketRequest } from './ticket-request';

export type { TicketRequest } from './ticket-request';

/**
 * Runs one request against a ticket: checks who may do it and the ETag, applies the lifecycle
 * rules, moves the SLA clocks, and commits the ticket, its history, its timers and its events
 * together.
 */
@Injectable()
export class RunTicketCommand {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly policies: SlaPolicyRepository,
    private readonly writer: TicketWriter,
    @Inject(CALENDAR_SOURCE) private readonly calendarSource: CalendarSource,
  ) {}

  async execute(ticketId: string, actor: Actor, request: TicketRequest, expectedVersion?: number, now = new Date()): Promise<Ticket> {
    return this.dataSource.transaction((tx) => this.executeIn(tx, ticketId, actor, request, expectedVersion, now));
  }

  /** The same, inside a transaction the caller already holds (an event handler's). */
  async executeIn(tx: EntityManager, ticketId: string, actor: Actor, given: TicketRequest, expectedVersion?: number, now = new Date()): Promise<Ticket> {
    const request = redactTicketRequest(given);
    const before = await this.tickets.find(tx, ticketId, true);
    if (!before || !canSee(actor, before)) throw new DomainError('TICKET.NOT_FOUND', 'not_found', `ticket ${ticketId} not found`);
    assertMayDo(actor, before, 'command' in request ? request.command : request.action);
    if (expectedVersion !== undefined && expectedVersion !== before.version) {
      throw new DomainError('TICKET.STALE', 'precondition_failed', `ticket is at version ${before.version}, not ${expectedVersion}; reload it`);
    }
    const policy = await this.policies.find(tx, before.policyId);
    const calendars = await loadCalendars(this.calendarSource, [
      ...before.clocks.map((c) => c.calendarId),
      ...(policy ? [policy.calendarId] : []),
      'default',
    ]);
    const { after, events, details } = this.apply(before, actor, request, policy, calendars, now);
    return this.writer.update(tx, after, calendars, policy, now, { actor: actor.sub, action: request.action, details }, events);
  }

  private apply(
    before: Ticket,
    actor: Actor,
    request: TicketRequest,
    policy: Awaited<ReturnType<SlaPolicyRepository['find']>>,
    calendars: Awaited<ReturnType<typeof loadCalendars>>,
    now: Date,
  ): { after: Ticket; events: PendingEvent[]; details: object } {
    if (request.action === 'extend') {
      const clocks = extendTicketClock(calendars, before, request.clock, {
        by: request.by,
        reason: request.reason,
        customerInformedAt: request.customerInformedAt,
        at: now,
      });
      const after = { ...before, ...transition(before, { type: 'extend' }, now), clocks };
      const clock = clocks.find((c) => c.kind === request.clock)!;
      const newDueAt = dueAt(calendars(clock.calendarId), clock, now).toISOString();
      return {
        after,
        details: { clock: request.clock, by: request.by, reason: request.reason, newDueAt },
        events: [
          event(TicketExtendedV1, {
            ...ticketEventBase(after, now, actor.sub),
            clock: request.clock,
            extension: request.by,
            reason: request.reason,
            customerInformedAt: request.customerInformedAt.toISOString(),
            newDueAt,
            extensionCount: after.extensionCount,
          }),
        ],
      };
    }
    if (request.action === 'promise') {
      if (before.status === 'resolved' || before.status === 'closed') {
        throw new DomainError('TICKET.ILLEGAL_TRANSITION', 'conflict', `cannot promise a reply on a ${before.status} ticket`);
      }
      const clocks = promiseReply(calendars, before, request.tier, now);
      const after = { ...before, promisedReply: request.tier, clocks };
      const clock = clocks.find((c) => c.kind === 'first_response')!;
      const due = dueAt(calendars(clock.calendarId), clock, now).toISOString();
      return {
        after,
        details: { tier: request.tier, dueAt: due },
        events: [event(TicketPromisedV1, { ...ticketEventBase(after, now, actor.sub), tier: request.tier, dueAt: due })],
      };
    }
    const command = request.command;
    const lifecycle = transition(before, command, now);
    let after: Ticket = { ...before, ...lifecycle, ...(request.grade ? { grade: request.grade } : {}) };
    const majorNow = after.grade === 'major' && before.grade !== 'major' && after.sectionCode === 'complaint' && after.escalationLevel < 1;
    if (majorNow && after.status !== 'resolved') after = { ...after, ...transition(after, { type: 'escalate', level: 1 }, now) };
    const withClocks: Ticket = { ...after, clocks: clocksAfter(after, before, command, policy, now) };
    const breached = withClocks.clocks.some((c) => clockState(calendars(c.calendarId), c) === 'breached');
    const events = eventsFor(withClocks, before, command, { actor, now, breached, ...(request.note ? { note: request.note } : {}) });
    if (majorNow && withClocks.escalationLevel === 1) events.push(majorComplaintEscalated(withClocks, now, actor.sub));
    return { after: withClocks, details: { ...detailsOf(command, request.note), ...(request.grade ? { grade: request.grade } : {}) }, events };
  }
}

function detailsOf(command: LifecycleCommand, note?: string): object {
  const { type: _type, ...rest } = command;
  return { ...rest, ...(note ? { note } : {}) };
}

function eventsFor(
  after: Ticket,
  before: Ticket,
  command: LifecycleCommand,
  context: { actor: Actor; now: Date; breached: boolean; note?: string },
): PendingEvent[] {
  const { note } = context;
  const base = ticketEventBase(after, context.now, context.actor.sub);
  const resolved = () =>
    event(TicketResolvedV1, {
      ...base,
      resolution: after.resolution ?? '',
      ...(after.sectionCode ? { sectionCode: after.sectionCode } : {}),
      reopenCount: after.reopenCount,
      breached: context.breached,
    });
  switch (command.type) {
    case 'decide_validity': {
      const decided = event(TicketValidityDecidedV1, {
        ...base,
        decision: command.decision,
        ...(command.reason ? { reason: command.reason } : {}),
        ...(command.answerId ? { answerId: command.answerId } : {}),
        ...(command.redirectTo ? { redirectTo: command.redirectTo } : {}),
      });
      return after.status === 'resolved' ? [decided, resolved()] : [decided];
    }
    case 'dispatch':
      return [event(TicketDispatchedV1, { ...base, department: command.department, ...(command.handler ? { handler: command.handler } : {}) })];
    case 'reply':
      return [event(TicketRepliedV1, { ...base, ...(command.answerId ? { answerId: command.answerId } : {}), firstReply: !before.firstRepliedAt })];
    case 'pause':
      return [event(TicketPausedV1, { ...base, reason: command.reason })];
    case 'resume':
      return [event(TicketResumedV1, base)];
    case 'resolve':
      return [resolved()];
    case 'close':
      return [event(TicketClosedV1, base)];
    case 'reopen':
      return [event(TicketReopenedV1, { ...base, reason: command.reason, reopenCount: after.reopenCount })];
    case 'escalate':
      return after.escalationLevel > before.escalationLevel
        ? [event(TicketEscalatedV1, { ...base, level: after.escalationLevel as 1 | 2, reason: 'manual', ...(note ? { note } : {}), notify: notifyFor(after, after.escalationLevel) })]
        : [];
    case 'extend':
      return [];
  }
}
