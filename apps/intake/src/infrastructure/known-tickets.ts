import type { EntityManager } from 'typeorm';
import type { KnownTicket } from '../domain/contact-routing';

/** Intake's projection of tickets: which of a customer's matters are still open. */
export async function openTicketsOf(tx: EntityManager, customerId: string): Promise<KnownTicket[]> {
  const rows = (await tx.query(
    'SELECT ticket_id, customer_id, item_code, open, opened_at FROM known_tickets WHERE customer_id = $1 AND open',
    [customerId],
  )) as { ticket_id: string; customer_id: string; item_code: string | null; open: boolean; opened_at: Date }[];
  return rows.map((r) => ({
    ticketId: r.ticket_id,
    customerId: r.customer_id,
    ...(r.item_code ? { itemCode: r.item_code } : {}),
    open: r.open,
    openedAt: r.opened_at,
  }));
}

export async function ticketExists(tx: EntityManager, ticketId: string): Promise<boolean> {
  const rows = (await tx.query('SELECT 1 FROM known_tickets WHERE ticket_id = $1', [ticketId])) as unknown[];
  return rows.length > 0;
}

export async function catalogueItemActive(tx: EntityManager, code: string): Promise<boolean> {
  const rows = (await tx.query('SELECT 1 FROM catalogue_items WHERE code = $1 AND active', [code])) as unknown[];
  return rows.length > 0;
}
