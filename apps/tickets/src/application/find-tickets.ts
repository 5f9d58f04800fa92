import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, presentProps } from '@cs/ddd';
import { decodeKeysetCursor, encodeKeysetCursor } from '@cs/platform';
import type { ClockView } from '../domain/sla-clock';
import type { Incident } from '../domain/incident';
import type { Ticket } from '../domain/ticket';
import { OPEN_STATUSES } from '../domain/ticket-lifecycle';
import { Actor, canSee, visibilityOf } from '../domain/ticket-access';
import { contactsOfTicket } from '../infrastructure/ticket-contacts';
import { IncidentRepository, IncidentUpdate } from '../infrastructure/incident.repository';
import { TicketCriteria, TicketRepository } from '../infrastructure/ticket.repository';
import { SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { CALENDAR_SOURCE, CalendarSource } from './calendar-source';
import { viewClocksOf } from './clock-views';

/** What a caller asks of the queue: the criteria, and `mine` for the tickets the caller owns or handles. */
export interface TicketQueueFilter extends Omit<TicketCriteria, 'visibleTo' | 'ownerOrHandler'> {
  readonly mine?: boolean;
}

export interface TicketFilter extends TicketQueueFilter {
  readonly sort: 'due' | 'created';
  readonly cursor?: string;
  readonly limit: number;
}

/** Incidents offered on one ticket: a place rarely has more than one fault of an item at once. */
const SUGGESTED_INCIDENTS = 5;

/** An open incident the ticket could join, with what its customers were last told. */
export interface IncidentSuggestion {
  readonly incident: Incident;
  readonly latestUpdate?: IncidentUpdate;
}

export interface TicketWithClocks {
  readonly ticket: Ticket;
  readonly clocks: ClockView[];
}

/** The criteria of a queue as the caller may see it (`visibilityOf`). */
export function criteriaFor(filter: TicketQueueFilter, actor: Actor, now: Date): TicketCriteria {
  const { mine, ...criteria } = filter;
  return {
    ...criteria,
    ...(mine ? { ownerOrHandler: actor.sub } : {}),
    asOf: now,
    visibleTo: visibilityOf(actor),
  };
}

/**
 * Reads tickets as the caller may see them: another project's ticket (or, for a handler,
 * another department's) is reported as not found, so its existence does not leak.
 */
@Injectable()
export class FindTickets {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly incidents: IncidentRepository,
    @Inject(CALENDAR_SOURCE) private readonly calendarSource: CalendarSource,
    private readonly timers: SlaTimerRepository,
  ) {}

  async byId(id: string, actor: Actor, now = new Date()) {
    const ticket = await this.tickets.find(this.dataSource.manager, id);
    if (!ticket || !canSee(actor, ticket)) throw new DomainError('TICKET.NOT_FOUND', 'not_found', `ticket ${id} not found`);
    const [withClocks] = await this.withClocks([ticket], now);
    return {
      ...withClocks!,
      history: await this.tickets.history(this.dataSource.manager, id),
      contacts: await contactsOfTicket(this.dataSource.manager, id),
      incidentSuggestions: await this.incidentsToJoin(ticket, actor),
    };
  }

  /**
   * 群发事件: the open incidents about the ticket's item and place, which the agent may join it to
   * in one call (`POST /v1/incidents/{id}/children`), those the reader may see; none once it is a
   * child, closed or resolved, nor for routine work a schedule opened (no caller to tell).
   */
  private async incidentsToJoin(ticket: Ticket, actor: Actor): Promise<IncidentSuggestion[]> {
    const { projectCode, building } = ticket.unit;
    if (ticket.incidentId || ticket.origin || !ticket.itemCode || !projectCode || !OPEN_STATUSES.includes(ticket.status)) return [];
    const db = this.dataSource.manager;
    const open = await this.incidents.openAbout(db, { projectCode, itemCode: ticket.itemCode, ...presentProps({ building }) }, visibilityOf(actor), SUGGESTED_INCIDENTS);
    const latest = await this.incidents.latestUpdates(db, open.map((i) => i.id));
    return open.map((incident) => ({ incident, ...presentProps({ latestUpdate: latest.get(incident.id) }) }));
  }

  async list(filter: TicketFilter, actor: Actor, now = new Date()): Promise<{ items: TicketWithClocks[]; nextCursor?: string }> {
    const { sort, cursor: given, limit, ...queue } = filter;
    const cursor = given ? decodeKeysetCursor(given, 'TICKET.BAD_CURSOR', { nullableKey: true, order: sort }) : undefined;
    const page = await this.tickets.page(this.dataSource.manager, {
      criteria: criteriaFor(queue, actor, now),
      sort,
      ...(cursor ? { after: cursor } : {}),
      limit,
    });
    return {
      items: await this.withClocks(page.tickets.filter((t) => canSee(actor, t)), now),
      ...(page.next ? { nextCursor: encodeKeysetCursor(page.next, sort) } : {}),
    };
  }

  private async withClocks(tickets: readonly Ticket[], now: Date): Promise<TicketWithClocks[]> {
    const clocks = await viewClocksOf(this.calendarSource, this.timers, this.dataSource.manager, tickets, now);
    return tickets.map((ticket, i) => ({ ticket, clocks: clocks[i]! }));
  }
}
