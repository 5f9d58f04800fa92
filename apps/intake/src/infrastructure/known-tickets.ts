import type { EntityManager } from 'typeorm';
import { projectCondition } from '@cs/persistence';
import type { KnownTicket } from '../domain/contact-routing';

/** Intake's projection of tickets: which of a customer's matters in the given projects are still open. */
export async function openTicketsOf(tx: EntityManager, customerId: string, projects: readonly string[] | undefined): Promise<KnownTicket[]> {
  const params: unknown[] = [customerId];
  const rows = (await tx.query(
    `SELECT ticket_id, customer_id, item_code, project_code, open, opened_at FROM known_tickets
      WHERE customer_id = $1 AND open AND ${projectCondition('project_code', projects, params)}`,
    params,
  )) as { ticket_id: string; customer_id: string; item_code: string | null; project_code: string | null; open: boolean; opened_at: Date }[];
  return rows.map((r) => ({
    ticketId: r.ticket_id,
    customerId: r.customer_id,
    ...(r.item_code ? { itemCode: r.item_code } : {}),
    ...(r.project_code ? { projectCode: r.project_code } : {}),
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
  await tx.query(
    `INSERT INTO known_tickets (ticket_id, customer_id, item_code, project_code, open, opened_at)
     VALUES ($1, $2, $3, $4, true, $5) ON CONFLICT (ticket_id) DO NOTHING`,
    [matter.ticketId, matter.customerId, matter.itemCode ?? null, matter.projectCode ?? null, matter.openedAt],
  );
}

/** Whether a ticket exists in the given projects: another project's ticket is as unknown as a made-up id. */
export async function ticketKnownIn(tx: EntityManager, ticketId: string, projects: readonly string[] | undefined): Promise<boolean> {
  const params: unknown[] = [ticketId];
  const rows = (await tx.query(
    `SELECT 1 FROM known_tickets WHERE ticket_id = $1 AND ${projectCondition('project_code', projects, params)}`,
    params,
  )) as unknown[];
  return rows.length > 0;
}

export async function catalogueItemActive(tx: EntityManager, code: string): Promise<boolean> {
  const rows = (await tx.query('SELECT 1 FROM catalogue_items WHERE code = $1 AND active', [code])) as unknown[];
  return rows.length > 0;
}
