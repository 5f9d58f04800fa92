import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { assertExpectedVersion, DomainError, presentProps } from '@cs/ddd';
import { placeOf } from '../domain/catalogue';
import type { Ticket } from '../domain/ticket';
import { Actor, assertMayApproveCapException, assertMayDo, canSee } from '../domain/ticket-access';
import type { TicketCommandData } from '../domain/ticket-commands';
import { decide } from '../domain/ticket-decide';
import { evolveAll } from '../domain/ticket-evolve';
import type { TicketRequest } from '../domain/ticket-request';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { CALENDAR_SOURCE, CalendarSource, policiesAndCalendarsOf } from './calendar-source';
import { assertActiveItem } from './catalogue-items';
import { PublishedAnswers } from './published-answers';
import { redactTicketRequest } from './redact-ticket-request';
import { historyOf } from './ticket-history';
import { TicketChange, TicketWriter } from './ticket-writer';

export type { TicketRequest } from '../domain/ticket-request';

/** A command on a ticket the caller loaded and locked, and who gives it. */
export interface TicketCommandOn {
  readonly before: Ticket;
  readonly data: TicketCommandData;
  readonly by: string;
}

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
    private readonly catalogue: CatalogueRepository,
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
    assertMayDo(actor, before, 'command' in request ? request.command : request.action === 'amend_record' ? request : request.action);
    if ('exception' in request && request.exception) assertMayApproveCapException(actor);
    assertExpectedVersion('TICKET.VERSION_CONFLICT', 'ticket', before.version, expectedVersion);
    const checked = await this.withItemPlace(tx, before, request);
    const cited = this.publishedAnswers ? await this.publishedAnswers.citing(tx, checked, before, now) : checked;
    return this.decideAndSave(tx, before, cited, actor.sub, now);
  }

  /**
   * A new item of a record amendment, checked against the catalogue, with the place it asks its
   * record to name. Only an item the ticket does not hold yet is checked: a retired item it was
   * classified by stays until it is changed.
   */
  private async withItemPlace(tx: EntityManager, before: Ticket, request: TicketRequest): Promise<TicketRequest> {
    if (request.action !== 'amend_record' || request.itemCode === undefined || request.itemCode === before.itemCode || before.status === 'closed') return request;
    const item = await assertActiveItem(this.catalogue, tx, request.itemCode, 'TICKET.UNKNOWN_ITEM');
    return { ...request, itemPlace: placeOf(item) };
  }

  /** Decides a command on a ticket the caller loaded and locked, and saves what it caused. */
  async decideAndSave(tx: EntityManager, before: Ticket, data: TicketCommandData, by: string, now: Date): Promise<Ticket> {
    const [saved] = await this.decideAndSaveAll(tx, [{ before, data, by }], now);
    return saved!;
  }

  /**
   * Decides a command on each of the tickets the caller loaded and locked (timers firing on a
   * batch of tickets), reading their policies and calendars once and saving what they caused
   * together. A ticket whose command is refused fails them all: the caller decides what then.
   * Returns the tickets after their commands, in the order given.
   */
  async decideAndSaveAll(tx: EntityManager, commands: readonly TicketCommandOn[], now: Date): Promise<Ticket[]> {
    const { policies, calendars } = await policiesAndCalendarsOf(this.policies, this.calendarSource, tx, commands.map((c) => c.before));
    const decided = commands.map(({ before, data, by }): TicketChange | { readonly unchanged: Ticket } => {
      const policy = before.policyId ? policies.get(before.policyId) : undefined;
      const events = decide({ data, metadata: { at: now, by, calendars, ...presentProps({ policy }) } }, before);
      if (events instanceof DomainError) throw events;
      const history = historyOf(data, events, by);
      if (history) return { before, after: evolveAll(before, events) ?? before, events, saving: { calendars, policy, now, history } };
      // Timers claimed that fire nothing (their moment moved) are planned again at their moments,
      // leaving the ticket's version and history as they are: an If-Match taken before still holds.
      if (data.action === 'fire_sla_timers') return { before, after: before, events, saving: { calendars, policy, now } };
      return { unchanged: before };
    });
    const saved = await this.writer.saveAll(tx, decided.flatMap((d) => ('unchanged' in d ? [] : [d])));
    const byId = new Map(saved.map((t) => [t.id, t]));
    return decided.map((d) => ('unchanged' in d ? d.unchanged : byId.get(d.after.id)!));
  }
}
