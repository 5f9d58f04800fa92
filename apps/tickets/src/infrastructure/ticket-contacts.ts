import type { EntityManager } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { execute, selectRows } from '@cs/persistence';

const LinkedRow = Type.Object({ contact_id: Type.String() });

/** Whether a contact is already on a ticket, as the one that opened it or a follow-up. */
export async function isContactLinked(tx: EntityManager, contactId: string): Promise<boolean> {
  const rows = await selectRows(tx, LinkedRow, 'SELECT contact_id::text FROM ticket_contacts WHERE contact_id = $1', [contactId]);
  return rows.length > 0;
}

/** Records that a contact concerns a ticket; linking the same contact twice changes nothing. */
export async function linkContact(
  tx: EntityManager,
  ticketId: string,
  contactId: string,
  kind: 'opened' | 'follow_up',
  channel: string,
  at: Date,
): Promise<void> {
  await execute(
    tx,
    `INSERT INTO ticket_contacts (contact_id, ticket_id, kind, channel, linked_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (contact_id) DO NOTHING`,
    [contactId, ticketId, kind, channel, at],
  );
}
