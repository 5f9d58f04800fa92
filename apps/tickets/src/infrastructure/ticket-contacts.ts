import type { EntityManager } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { Nullable, Queryable, type WritePart, changedRows, selectRows } from '@cs/persistence';

const LinkedRow = Type.Object({ contact_id: Type.String() });
const ContactRow = Type.Object({
  contact_id: Type.String(),
  kind: Type.Union([Type.Literal('opened'), Type.Literal('follow_up')]),
  channel: Type.String(),
  occurred_at: Type.Date(),
  summary: Nullable(Type.String()),
  merged_from: Nullable(Type.String()),
});
const MovedRow = Type.Object({ contact_id: Type.String() });

/** A contact about a ticket: the one that opened it (its demand, 诉求) or a follow-up (催办). */
export interface LinkedContact {
  readonly contactId: string;
  readonly kind: 'opened' | 'follow_up';
  readonly channel: string;
  readonly at: Date;
  /** Redacted by intake before it was announced; absent for contacts linked before summaries were kept. */
  readonly summary?: string;
  /** 工单合并 — the ticket it first belonged to, when that one was merged into this. */
  readonly mergedFrom?: string;
}

/** Whether a contact is already on a ticket, as the one that opened it or a follow-up. */
export async function isContactLinked(tx: EntityManager, contactId: string): Promise<boolean> {
  const rows = await selectRows(tx, LinkedRow, 'SELECT contact_id::text FROM ticket_contacts WHERE contact_id = $1', [contactId]);
  return rows.length > 0;
}

/** A contact to record as concerning a ticket. */
export interface ContactLink {
  readonly ticketId: string;
  readonly contactId: string;
  readonly kind: 'opened' | 'follow_up';
  readonly channel: string;
  readonly occurredAt: Date;
  /** None when the customer was erased. */
  readonly summary: string | undefined;
}

/** Records that contacts concern tickets (linking the same contact twice changes nothing): a part of a statement written with others (`writeTogether`). */
export function linkContactsPart(links: readonly ContactLink[], at: Date): WritePart {
  return (bind) =>
    `INSERT INTO ticket_contacts (contact_id, ticket_id, kind, channel, linked_at, occurred_at, summary)
     SELECT contact_id, ticket_id, kind, channel, ${bind(at)}::timestamptz, occurred_at, summary
       FROM jsonb_to_recordset(${bind(
         JSON.stringify(links.map((l) => ({ contact_id: l.contactId, ticket_id: l.ticketId, kind: l.kind, channel: l.channel, occurred_at: l.occurredAt, summary: l.summary ?? null }))),
       )}::jsonb) AS l(contact_id uuid, ticket_id uuid, kind text, channel text, occurred_at timestamptz, summary text)
     ON CONFLICT (contact_id) DO NOTHING`;
}

/** The contacts about a ticket, oldest first: the opening one, then the follow-ups. */
export async function contactsOfTicket(db: Queryable, ticketId: string): Promise<LinkedContact[]> {
  const rows = await selectRows(
    db,
    ContactRow,
    `SELECT contact_id::text, kind, channel, occurred_at, summary, merged_from::text FROM ticket_contacts WHERE ticket_id = $1
      ORDER BY kind = 'follow_up', occurred_at, contact_id`,
    [ticketId],
  );
  return rows.map((r) => ({
    contactId: r.contact_id,
    kind: r.kind,
    channel: r.channel,
    at: r.occurred_at,
    ...(r.summary !== null ? { summary: r.summary } : {}),
    ...(r.merged_from !== null ? { mergedFrom: r.merged_from } : {}),
  }));
}

/**
 * 工单合并 — every contact of the merged ticket now concerns the survivor, remembering the ticket
 * it first belonged to (through a chain of merges, the first); returns how many moved.
 */
export async function moveContacts(tx: EntityManager, fromTicketId: string, toTicketId: string): Promise<number> {
  const moved = await changedRows(
    tx,
    MovedRow,
    `UPDATE ticket_contacts SET ticket_id = $2, merged_from = COALESCE(merged_from, $1) WHERE ticket_id = $1 RETURNING contact_id::text`,
    [fromTicketId, toTicketId],
  );
  return moved.length;
}
