import type { EntityManager } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { Nullable, Queryable, execute, selectRows } from '@cs/persistence';

const LinkedRow = Type.Object({ contact_id: Type.String() });
const ContactRow = Type.Object({
  contact_id: Type.String(),
  kind: Type.Union([Type.Literal('opened'), Type.Literal('follow_up')]),
  channel: Type.String(),
  occurred_at: Type.Date(),
  summary: Nullable(Type.String()),
});

/** A contact about a ticket: the one that opened it (its demand, 诉求) or a follow-up (催办). */
export interface LinkedContact {
  readonly contactId: string;
  readonly kind: 'opened' | 'follow_up';
  readonly channel: string;
  readonly at: Date;
  /** Redacted by intake before it was announced; absent for contacts linked before summaries were kept. */
  readonly summary?: string;
}

/** Whether a contact is already on a ticket, as the one that opened it or a follow-up. */
export async function isContactLinked(tx: EntityManager, contactId: string): Promise<boolean> {
  const rows = await selectRows(tx, LinkedRow, 'SELECT contact_id::text FROM ticket_contacts WHERE contact_id = $1', [contactId]);
  return rows.length > 0;
}

/** Records that a contact concerns a ticket; linking the same contact twice changes nothing. */
export async function linkContact(
  tx: EntityManager,
  ticketId: string,
  contact: { contactId: string; kind: 'opened' | 'follow_up'; channel: string; occurredAt: Date; summary: string },
  at: Date,
): Promise<void> {
  await execute(
    tx,
    `INSERT INTO ticket_contacts (contact_id, ticket_id, kind, channel, linked_at, occurred_at, summary) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (contact_id) DO NOTHING`,
    [contact.contactId, ticketId, contact.kind, contact.channel, at, contact.occurredAt, contact.summary],
  );
}

/** The contacts about a ticket, oldest first: the opening one, then the follow-ups. */
export async function contactsOfTicket(db: Queryable, ticketId: string): Promise<LinkedContact[]> {
  const rows = await selectRows(
    db,
    ContactRow,
    `SELECT contact_id::text, kind, channel, occurred_at, summary FROM ticket_contacts WHERE ticket_id = $1
      ORDER BY kind = 'follow_up', occurred_at, contact_id`,
    [ticketId],
  );
  return rows.map((r) => ({
    contactId: r.contact_id,
    kind: r.kind,
    channel: r.channel,
    at: r.occurred_at,
    ...(r.summary !== null ? { summary: r.summary } : {}),
  }));
}
