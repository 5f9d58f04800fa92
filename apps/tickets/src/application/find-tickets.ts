import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@cs/ddd';
import { ClockView, viewClock } from '../domain/sla-clock';
import type { Ticket } from '../domain/ticket';
import { Actor, canSee } from '../domain/ticket-access';
import { TicketRepository, fromRow } from '../infrastructure/ticket.repository';
import { CALENDAR_SOURCE, CalendarSource, loadCalendars } from './calendar-source';
import { decodeCursor, encodeCursor } from './ticket-cursor';

export interface TicketFilter {
  readonly status?: readonly string[];
  readonly section?: string;
  readonly item?: string;
  readonly department?: string;
  readonly assignee?: string;
  readonly project?: string;
  readonly customer?: string;
  readonly breached?: boolean;
  readonly dueBefore?: Date;
  readonly contactId?: string;
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
    return { ...withClocks!, history: await this.tickets.history(this.dataSource.manager, id) };
  }

  async list(filter: TicketFilter, actor: Actor, now = new Date()): Promise<{ items: TicketWithClocks[]; nextCursor?: string }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.status?.length) add('status = ANY(?)', filter.status);
    if (filter.section) add('section_code = ?', filter.section);
    if (filter.item) add('item_code = ?', filter.item);
    if (filter.department) add('department = ?', filter.department);
    if (filter.assignee) add('handler = ?', filter.assignee);
    if (filter.project) add('project_code = ?', filter.project);
    if (filter.customer) add('customer_id = ?::uuid', filter.customer);
    if (filter.breached !== undefined) add('breached = ?', filter.breached);
    if (filter.dueBefore) add('next_due_at < ?', filter.dueBefore);
    if (filter.contactId) add('id IN (SELECT ticket_id FROM ticket_contacts WHERE contact_id = ?::uuid)', filter.contactId);
    // Visibility in SQL, so pages are full: handlers see their department, others their projects.
    const onlyHandler = actor.roles.every((r) => r === 'handler');
    if (onlyHandler) add('department = ?', actor.department ?? '');
    else if (actor.projects) add('(project_code IS NULL OR project_code = ANY(?))', actor.projects);

    const key = filter.sort === 'due' ? 'next_due_at' : 'created_at';
    const direction = filter.sort === 'due' ? 'ASC' : 'DESC';
    if (filter.cursor) {
      const c = decodeCursor(filter.cursor);
      const op = direction === 'ASC' ? '>' : '<';
      if (filter.sort === 'due') {
        params.push(c.k, c.id);
        const [kp, ip] = [`$${params.length - 1}`, `$${params.length}`];
        where.push(
          c.k === null
            ? `(next_due_at IS NULL AND id > ${ip}::uuid)`
            : `(next_due_at > ${kp}::timestamptz OR (next_due_at = ${kp}::timestamptz AND id > ${ip}::uuid) OR next_due_at IS NULL)`,
        );
      } else {
        params.push(c.k, c.id);
        where.push(`(created_at, id) ${op} ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
      }
    }
    params.push(filter.limit + 1);
    const order = filter.sort === 'due' ? 'next_due_at ASC NULLS LAST, id ASC' : 'created_at DESC, id DESC';
    const rows = (await this.dataSource.query(
      `SELECT * FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT $${params.length}`,
      params,
    )) as Parameters<typeof fromRow>[0][];
    const page = rows.slice(0, filter.limit).map(fromRow).filter((t) => canSee(actor, t));
    const last = rows.length > filter.limit ? rows[filter.limit - 1] : undefined;
    const lastKey = last ? (last as unknown as Record<string, Date | null>)[key] : undefined;
    return {
      items: await this.withClocks(page, now),
      ...(last ? { nextCursor: encodeCursor({ k: lastKey ? lastKey.toISOString() : null, id: last.id }) } : {}),
    };
  }

  private async withClocks(tickets: readonly Ticket[], now: Date): Promise<TicketWithClocks[]> {
    const calendars = await loadCalendars(this.calendarSource, tickets.flatMap((t) => t.clocks.map((c) => c.calendarId)));
    return tickets.map((ticket) => ({ ticket, clocks: ticket.clocks.map((c) => viewClock(calendars(c.calendarId), c, now)) }));
  }
}
