import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { DataSource, EntityManager } from 'typeorm';
import { presentProps } from '@cs/ddd';
import type { TicketResolution } from '../domain/held-callback';
import { execute, Nullable, projectCondition, selectRow, sendAhead } from '@cs/persistence';

export interface FollowedTicket {
  readonly ticketId: string;
  readonly number: string;
  readonly status: string;
  readonly itemCode?: string;
  readonly projectCode?: string;
  readonly openedAt: Date;
}

const FollowedTicketRow = Type.Object({
  ticket_id: Type.String(),
  number: Type.String(),
  status: Type.String(),
  item_code: Nullable(Type.String()),
  project_code: Nullable(Type.String()),
  opened_at: Type.Date(),
});

/** What a ticket.created event tells the callbacks service about a ticket. */
export interface NewFollowedTicket {
  readonly ticketId: string;
  readonly number: string;
  readonly customerId: string;
  readonly sectionCode?: string;
  readonly itemCode?: string;
  readonly projectCode?: string;
  readonly ownerId: string;
  readonly status: string;
  readonly openedAt: string;
  /** 周期工单 — opened by a recurring schedule, for no customer. */
  readonly scheduled: boolean;
}

/**
 * The tickets in one statement, however many (a consumer transaction's new tickets, ADR 0046).
 * Idempotent: a redelivered event finds its ticket already followed, and of one ticket named
 * twice the first is kept, as one insert after another would. A ticket of a customer merged away
 * since is the survivor's.
 */
export async function insertFollowedTickets(tx: EntityManager, tickets: readonly NewFollowedTicket[]): Promise<void> {
  const first = [...new Map([...tickets].reverse().map((t) => [t.ticketId, t])).values()];
  if (first.length === 0) return;
  await sendAhead(
    tx,
    `INSERT INTO followed_tickets (ticket_id, number, customer_id, section_code, item_code, project_code, owner_id, status, opened_at, scheduled)
     SELECT t.ticket_id, t.number, coalesce(m.survivor_id, t.customer_id), t.section_code, t.item_code, t.project_code, t.owner_id, t.status, t.opened_at, t.scheduled
       FROM jsonb_to_recordset($1::jsonb) AS t(ticket_id uuid, number text, customer_id uuid, section_code text, item_code text,
            project_code text, owner_id text, status text, opened_at timestamptz, scheduled boolean)
       LEFT JOIN merged_customers m ON m.customer_id = t.customer_id
     ON CONFLICT (ticket_id) DO NOTHING`,
    [
      JSON.stringify(
        first.map((t) => ({
          ticket_id: t.ticketId,
          number: t.number,
          customer_id: t.customerId,
          section_code: t.sectionCode ?? null,
          item_code: t.itemCode ?? null,
          project_code: t.projectCode ?? null,
          owner_id: t.ownerId,
          status: t.status,
          opened_at: t.openedAt,
          scheduled: t.scheduled,
        })),
      ),
    ],
  );
}

/** The callbacks service's copy of tickets, read within the caller's projects. */
@Injectable()
export class FollowedTicketsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(ticketId: string, projects: readonly string[] | undefined): Promise<FollowedTicket | undefined> {
    const params: unknown[] = [ticketId];
    const row = await selectRow(
      this.dataSource.manager,
      FollowedTicketRow,
      `SELECT ticket_id::text, number, status, item_code, project_code, opened_at FROM followed_tickets
        WHERE ticket_id = $1 AND ${projectCondition('project_code', projects, params)}`,
      params,
    );
    return row
      ? {
          ticketId: row.ticket_id,
          number: row.number,
          status: row.status,
          ...presentProps({ itemCode: row.item_code, projectCode: row.project_code }),
          openedAt: row.opened_at,
        }
      : undefined;
  }
}

const TraitsRow = Type.Object({
  owner_id: Type.String(),
  grade: Type.String(),
  section_code: Nullable(Type.String()),
  item_code: Nullable(Type.String()),
  scheduled: Type.Boolean(),
  resolved_without_policy: Type.Boolean(),
});

export interface FollowedTicketTraits {
  readonly ownerId: string;
  readonly grade: string;
  /** The section and item it was last resolved as (ADR 0075), else those it was opened with. */
  readonly sectionCode?: string;
  readonly itemCode?: string;
  /** A schedule opened it: routine work, no customer to call back. */
  readonly scheduled: boolean;
  /** Its last resolution found no callback policy for it, so none was scheduled. */
  readonly resolvedWithoutPolicy: boolean;
}

/** What the callbacks service knows of a followed ticket, when its ticket.created was seen. */
export async function followedTicketTraits(tx: EntityManager, ticketId: string): Promise<FollowedTicketTraits | undefined> {
  const row = await selectRow(
    tx,
    TraitsRow,
    'SELECT owner_id, grade, section_code, item_code, scheduled, resolved_without_policy FROM followed_tickets WHERE ticket_id = $1',
    [ticketId],
  );
  return (
    row && {
      ownerId: row.owner_id,
      grade: row.grade,
      ...presentProps({ sectionCode: row.section_code, itemCode: row.item_code }),
      scheduled: row.scheduled,
      resolvedWithoutPolicy: row.resolved_without_policy,
    }
  );
}

/** Whether the ticket's last resolution found a callback policy for it. */
export async function setResolvedWithoutPolicy(tx: EntityManager, ticketId: string, withoutPolicy: boolean): Promise<void> {
  await execute(tx, 'UPDATE followed_tickets SET resolved_without_policy = $2 WHERE ticket_id = $1', [ticketId, withoutPolicy]);
}

/** A ticket's grade as it changes (a complaint found major); a ticket never seen is left alone. */
export async function setFollowedTicketGrade(tx: EntityManager, ticketId: string, grade: string): Promise<void> {
  await execute(tx, 'UPDATE followed_tickets SET grade = $2 WHERE ticket_id = $1', [ticketId, grade]);
}

/** The ticket's status as last heard, so the detail view can show where the matter stands. */
export async function setFollowedTicketStatus(tx: EntityManager, ticketId: string, status: string): Promise<void> {
  await execute(tx, 'UPDATE followed_tickets SET status = $2 WHERE ticket_id = $1', [ticketId, status]);
}

/**
 * The ticket as it was resolved: its status and the item and section it was resolved as (the
 * desk may have classified or corrected it since it was opened, 补录). Its callback is owed, and
 * its close judged, by that classification. `at` is the instant the resolution's callback is
 * counted from, the same Date its hold keeps (ADR 0124): written from the event's text, a time
 * finer than microseconds was rounded by Postgres where the Date truncated it to milliseconds.
 */
export async function setFollowedTicketResolved(
  tx: EntityManager,
  ticketId: string,
  resolved: { readonly status: string; readonly sectionCode?: string; readonly itemCode?: string; readonly at: Date },
): Promise<void> {
  await execute(tx, 'UPDATE followed_tickets SET status = $2, section_code = coalesce($3, section_code), item_code = coalesce($4, item_code), resolved_at = $5 WHERE ticket_id = $1', [
    ticketId,
    resolved.status,
    resolved.sectionCode ?? null,
    resolved.itemCode ?? null,
    resolved.at,
  ]);
}

const ResolutionRow = Type.Object({ status: Type.String(), resolved_at: Nullable(Type.Date()) });

/**
 * Where a followed ticket's matter stands: its status and when its current resolution was made
 * (absent once it was reopened, by a trigger whatever release reopened it, ADR 0124); undefined
 * for a ticket whose creation was never seen here.
 */
export async function followedTicketResolution(tx: EntityManager, ticketId: string): Promise<TicketResolution | undefined> {
  const row = await selectRow(tx, ResolutionRow, 'SELECT status, resolved_at FROM followed_tickets WHERE ticket_id = $1', [ticketId]);
  return row && { status: row.status, ...presentProps({ resolvedAt: row.resolved_at }) };
}
