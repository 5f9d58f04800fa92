import type { EntityManager } from 'typeorm';
import { OPEN_STATUSES } from '../domain/ticket-lifecycle';

/** The customer's most recent open ticket for an item, if any. */
export async function openTicketFor(tx: EntityManager, customerId: string, itemCode: string): Promise<string | undefined> {
  const [row] = (await tx.query(
    `SELECT id FROM tickets WHERE customer_id = $1 AND item_code = $2 AND status = ANY($3)
      ORDER BY created_at DESC LIMIT 1`,
    [customerId, itemCode, OPEN_STATUSES],
  )) as { id: string }[];
  return row?.id;
}

/**
 * Records that a contact concerns a ticket; a follow-up raises the ticket's repeat-contact
 * count. Linking the same contact twice changes nothing.
 */
export async function linkContact(
  tx: EntityManager,
  ticketId: string,
  contactId: string,
  kind: 'opened' | 'follow_up',
  channel: string,
  at: Date,
): Promise<void> {
  const inserted = (await tx.query(
    `INSERT INTO ticket_contacts (contact_id, ticket_id, kind, channel, linked_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (contact_id) DO NOTHING RETURNING contact_id`,
    [contactId, ticketId, kind, channel, at],
  )) as unknown[];
  if (inserted.length > 0 && kind === 'follow_up') {
    await tx.query('UPDATE tickets SET repeat_contact_count = repeat_contact_count + 1, version = version + 1 WHERE id = $1', [ticketId]);
  }
}
