import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@cs/ddd';
import { ClockView, viewClock } from '../domain/sla-clock';
import type { Ticket } from '../domain/ticket';
import { Actor, canSee } from '../domain/ticket-access';
import { contactsOfTicket } from '../infrastructure/ticket-contacts';
import { TicketCriteria, TicketRepository } from '../infrastructure/ticket.repository';
import { CALENDAR_SOURCE, CalendarSource, loadCalendars } from './calendar-source';
import { decodeCursor, encodeCursor } from './ticket-cursor';

export interface TicketFilter extends Omit<TicketCriteria, 'visibleTo'> {
  readonly sort: 'due' | 'created';
  readonly cursor?: string;
  readonly limit: number;
}

export interface TicketWithClocks {
  readonly ticket: Ticket;
  readonly clocks: ClockView[];
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
    @Inject(CALENDAR_SOURCE) private readonly calendarSource: CalendarSource,
  ) {}

  async byId(id: string, actor: Actor, now = new Date()) {
    const ticket = await this.tickets.find(this.dataSource.manager, id);
    if (!ticket || !canSee(actor, ticket)) throw new DomainError('TICKET.NOT_FOUND', 'not_found', `ticket ${id} not found`);
    const [withClocks] = await this.withClocks([ticket], now);
    return {
      ...withClocks!,
      history: await this.tickets.history(this.dataSource.manager, id),
      contacts: await contactsOfTicket(this.dataSource.manager, id),
    };
  }

  async list(filter: TicketFilter, actor: Actor, now = new Date()): Promise<{ items: TicketWithClocks[]; nextCursor?: string }> {
    const onlyHandler = actor.roles.every((r) => r === 'handler');
    const { sort, cursor: given, limit, ...criteria } = filter;
    const cursor = given ? decodeCursor(given) : undefined;
    const page = await this.tickets.page(this.dataSource.manager, {
      criteria: { ...criteria, visibleTo: onlyHandler ? { department: actor.department ?? '' } : { projects: actor.projects } },
      sort,
      ...(cursor ? { after: { key: cursor.k, id: cursor.id } } : {}),
      limit,
    });
    return {
      items: await this.withClocks(page.tickets.filter((t) => canSee(actor, t)), now),
      ...(page.next ? { nextCursor: encodeCursor({ k: page.next.key, id: page.next.id }) } : {}),
    };
  }

  private async withClocks(tickets: readonly Ticket[], now: Date): Promise<TicketWithClocks[]> {
    const calendars = await loadCalendars(this.calendarSource, tickets.flatMap((t) => t.clocks.map((c) => c.calendarId)));
    return tickets.map((ticket) => ({ ticket, clocks: ticket.clocks.map((c) => viewClock(calendars(c.calendarId), c, now)) }));
  }
}
