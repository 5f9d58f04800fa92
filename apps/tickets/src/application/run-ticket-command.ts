import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, presentProps } from '@cs/ddd';
import type { Ticket } from '../domain/ticket';
import { Actor, assertMayApproveCapException, assertMayDo, canSee } from '../domain/ticket-access';
import type { TicketCommandData } from '../domain/ticket-commands';
import { decide } from '../domain/ticket-decide';
import { evolveAll } from '../domain/ticket-evolve';
import type { TicketRequest } from '../domain/ticket-request';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { CALENDAR_SOURCE, CalendarSource, loadCalendars } from './calendar-source';
import { PublishedAnswers } from './published-answers';
import { redactTicketRequest } from './redact-ticket-request';
import { historyOf } from './ticket-history';
import { TicketWriter } from './ticket-writer';

export type { TicketRequest } from '../domain/ticket-request';

/**
 * Runs one command against a ticket: load it with what the decision reads, decide, and save
 * the ticket, its history, its timers and its events together.
 */
@Injectable()
export class RunTicketCommand {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly policies: SlaPolicyRepository,
    private readonly writer: TicketWriter,
    @Inject(CALENDAR_SOURCE) private readonly calendarSource: CalendarSource,
    // Optional so tests of other rules can leave the projection of published answers out.
    @Optional() private readonly publishedAnswers?: PublishedAnswers,
  ) {}

  async execute(ticketId: string, actor: Actor, request: TicketRequest, expectedVersion?: number, now = new Date()): Promise<Ticket> {
    return this.dataSource.transaction((tx) => this.executeIn(tx, ticketId, actor, request, expectedVersion, now));
  }

  /** A person's request, inside a transaction the caller already holds: who may do it and the ETag are checked first. */
  async executeIn(tx: EntityManager, ticketId: string, actor: Actor, given: TicketRequest, expectedVersion?: number, now = new Date()): Promise<Ticket> {
    const request = redactTicketRequest(given);
    const before = await this.tickets.find(tx, ticketId, true);
    if (!before || !canSee(actor, before)) throw new DomainError('TICKET.NOT_FOUND', 'not_found', `ticket ${ticketId} not found`);
    assertMayDo(actor, before, 'command' in request ? request.command : request.action);
    if ('exception' in request && request.exception) assertMayApproveCapException(actor);
    if (expectedVersion !== undefined && expectedVersion !== before.version) {
      throw new DomainError('TICKET.VERSION_CONFLICT', 'precondition_failed', `ticket is at version ${before.version}, not ${expectedVersion}; reload it`);
    }
    const cited = this.publishedAnswers ? await this.publishedAnswers.citing(tx, request, before) : request;
    return this.decideAndSave(tx, before, cited, actor.sub, now);
  }

  /** Decides a command on a ticket the caller loaded and locked, and saves what it caused. */
  async decideAndSave(tx: EntityManager, before: Ticket, data: TicketCommandData, by: string, now: Date): Promise<Ticket> {
    const policy = await this.policies.find(tx, before.policyId);
    const calendars = await loadCalendars(this.calendarSource, [
      ...before.clocks.map((c) => c.calendarId),
      ...(policy ? [policy.calendarId] : []),
      'default',
    ]);
    const events = decide({ data, metadata: { at: now, by, calendars, ...presentProps({ policy }) } }, before);
    if (events instanceof DomainError) throw events;
    const history = historyOf(data, events, by);
    if (!history) return before;
    return this.writer.save(tx, before, evolveAll(before, events) ?? before, events, { calendars, policy, now, history });
  }
}
