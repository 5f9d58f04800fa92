import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { presentProps } from '@cs/ddd';
import { execute, projectCondition, selectRows } from '@cs/persistence';
import type { KnownTicket } from '../domain/contact-routing';

const KnownTicketRow = Type.Object({
  ticket_id: Type.String(),
  customer_id: Type.String(),
  item_code: Type.Union([Type.String(), Type.Null()]),
  project_code: Type.Union([Type.String(), Type.Null()]),
  open: Type.Boolean(),
  opened_at: Type.Date(),
});

/** Intake's projection of tickets, from the tickets service's events (the matter may be known already): enough to link follow-ups. */
export async function rememberTicket(
  tx: EntityManager,
  ticket: { ticketId: string; number: string; customerId: string; itemCode?: string; projectCode?: string; openedAt: string },
): Promise<void> {
  await execute(
    tx,
    `INSERT INTO known_tickets (ticket_id, number, customer_id, item_code, project_code, open, opened_at)
     VALUES ($1, $2, $3, $4, $5, true, $6) ON CONFLICT (ticket_id) DO UPDATE SET number = excluded.number`,
    [ticket.ticketId, ticket.number, ticket.customerId, ticket.itemCode ?? null, ticket.projectCode ?? null, ticket.openedAt],
  );
}

/** Whether the ticket still collects follow-ups. */
export async function markTicketOpen(tx: EntityManager, ticketId: string, open: boolean): Promise<void> {
  await execute(tx, 'UPDATE known_tickets SET open = $2 WHERE ticket_id = $1', [ticketId, open]);
}

/** Which of a customer's matters in the given projects are still open. */
export async function openTicketsOf(tx: EntityManager, customerId: string, projects: readonly string[] | undefined): Promise<KnownTicket[]> {
  const params: unknown[] = [customerId];
  const rows = await selectRows(
    tx,
    KnownTicketRow,
    `SELECT ticket_id::text, customer_id::text, item_code, project_code, open, opened_at FROM known_tickets
      WHERE customer_id = $1 AND open AND ${projectCondition('project_code', projects, params)}`,
    params,
  );
  return rows.map((r) => ({
    ticketId: r.ticket_id,
    customerId: r.customer_id,
    ...presentProps({ itemCode: r.item_code, projectCode: r.project_code }),
    open: r.open,
    openedAt: r.opened_at,
  }));
}

/**
 * A new matter is open from the moment intake records it, under the ticket id intake names: a
 * second contact about it is a follow-up even before the tickets service has opened the ticket.
 */
export async function rememberNewMatter(
  tx: EntityManager,
  matter: { ticketId: string; customerId: string; itemCode?: string; projectCode?: string; openedAt: Date },
): Promise<void> {
  await execute(
    tx,
    `INSERT INTO known_tickets (ticket_id, customer_id, item_code, project_code, open, opened_at)
     VALUES ($1, $2, $3, $4, true, $5) ON CONFLICT (ticket_id) DO NOTHING`,
    [matter.ticketId, matter.customerId, matter.itemCode ?? null, matter.projectCode ?? null, matter.openedAt],
  );
}

const Found = Type.Object({ found: Type.Literal(1) });

/** Whether a ticket exists in the given projects: another project's ticket is as unknown as a made-up id. */
export async function ticketKnownIn(tx: EntityManager, ticketId: string, projects: readonly string[] | undefined): Promise<boolean> {
  const params: unknown[] = [ticketId];
  const rows = await selectRows(
    tx,
    Found,
    `SELECT 1 AS found FROM known_tickets WHERE ticket_id = $1 AND ${projectCondition('project_code', projects, params)}`,
    params,
  );
  return rows.length > 0;
}

export async function catalogueItemActive(tx: EntityManager, code: string): Promise<boolean> {
  const rows = await selectRows(tx, Found, 'SELECT 1 AS found FROM catalogue_items WHERE code = $1 AND active', [code]);
  return rows.length > 0;
}
