import { Injectable } from '@nestjs/common';
import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { IdRow, Nullable, Queryable, SelectPart, type WritePart, execute, selectPart, selectRow, selectRows } from '@cs/persistence';
import type { Channel } from '@cs/contracts';
import type { AttachmentRef } from '../domain/attachments';
import { PiiCodec } from './pii-codec';
import { customerInProjects } from './customer-scope';

const Literal = <T extends string>() => Type.Unsafe<T>(Type.String());
const ContactRow = Type.Object({
  id: Type.String(),
  customer_id: Type.String(),
  channel: Literal<Channel>(),
  direction: Literal<'inbound' | 'outbound'>(),
  occurred_at: Type.Date(),
  recorded_by: Type.String(),
  project_code: Nullable(Type.String()),
  building: Nullable(Type.String()),
  room: Nullable(Type.String()),
  content_enc: Nullable(Type.String()),
  item_code: Nullable(Type.String()),
  ticket_id: Nullable(Type.String()),
  route: Literal<'new_matter' | 'follow_up'>(),
  /** Of a row written before attachments were sealed; `[]` since. */
  attachments: Type.Unsafe<AttachmentRef[]>(Type.Array(Type.Object({}))),
  attachments_enc: Nullable(Type.String()),
  customer_erased: Type.Boolean(),
});
type ContactRow = Static<typeof ContactRow>;
const PlainAttachmentsRow = Type.Object({ id: Type.String(), attachments: Type.Unsafe<AttachmentRef[]>(Type.Array(Type.Object({}))) });
const CONTACT_COLUMNS = `c.id::text, c.customer_id::text, c.channel, c.direction, c.occurred_at, c.recorded_by, c.project_code, c.building,
  c.room, c.content_enc, c.item_code, c.ticket_id::text, c.route, c.attachments, c.attachments_enc, cu.erased_at IS NOT NULL AS customer_erased`;

// Named, not `latest.*`: a statement reading whole rows is never prepared (@cs/persistence).
const LATEST_COLUMNS = Object.keys(ContactRow.properties)
  .map((column) => `latest.${column}`)
  .join(', ');

/**
 * Which contacts a user limited to `projects` sees (ADR 0006): those of their projects, and a
 * contact tied to no project when its customer is visible (a unit in one of the projects, or none).
 */
function visibleIn(projects: readonly string[] | undefined, params: unknown[]): string {
  if (projects === undefined) return 'TRUE';
  params.push([...projects]);
  const p = `$${params.length}::text[]`;
  return `(c.project_code = ANY(${p}) OR (c.project_code IS NULL AND ${customerInProjects('c.customer_id', p)}))`;
}

/** A contact as read back: what the customer said is absent once erased. */
export interface ContactRecord extends Omit<StoredContact, 'content' | 'source' | 'externalId'> {
  readonly content?: string;
  readonly customerErased: boolean;
}

/** Where a page of contacts ended: newest first, so the next page is older. */
export interface ContactPosition {
  readonly occurredAt: Date;
  readonly id: string;
}

export type ContactFilter = { readonly customerId: string } | { readonly ticketId: string };

export interface StoredContact {
  readonly id: string;
  readonly customerId: string;
  readonly channel: Channel;
  readonly direction: 'inbound' | 'outbound';
  readonly occurredAt: Date;
  readonly recordedBy: string;
  readonly unit: { projectCode?: string; building?: string; room?: string };
  readonly content: string;
  readonly itemCode?: string;
  readonly ticketId?: string;
  readonly route: 'new_matter' | 'follow_up';
  readonly attachments: readonly AttachmentRef[];
  readonly source: 'agent' | 'webhook';
  readonly externalId?: string;
}

@Injectable()
export class ContactRepository {
  constructor(private readonly pii: PiiCodec) {}

  /** The write of a new contact, to send with others (`writeTogether`); its content is sealed here, not when it is sent. */
  insertPart(c: StoredContact): WritePart {
    const row = [
      c.id,
      c.customerId,
      c.channel,
      c.direction,
      c.occurredAt,
      c.recordedBy,
      c.unit.projectCode ?? null,
      c.unit.building ?? null,
      c.unit.room ?? null,
      this.pii.seal('contact.content', c.content),
      c.itemCode ?? null,
      c.ticketId ?? null,
      c.route,
      // Their names and addresses are the sender's words, sealed as the content is.
      c.attachments.length > 0 ? this.pii.seal('contact.attachments', JSON.stringify(c.attachments)) : null,
      c.source,
      c.externalId ?? null,
    ];
    return (bind) =>
      `INSERT INTO contacts (id, customer_id, channel, direction, occurred_at, recorded_by, project_code, building, room,
                             content_enc, item_code, ticket_id, route, attachments_enc, source, external_id)
       VALUES (${row.map(bind).join(', ')})`;
  }

  /** A contact the user may see, or undefined: another project's contact is as unknown as a made-up id. */
  async findVisible(db: Queryable, id: string, projects: readonly string[] | undefined): Promise<ContactRecord | undefined> {
    const params: unknown[] = [id];
    const row = await selectRow(
      db,
      ContactRow,
      `SELECT ${CONTACT_COLUMNS} FROM contacts c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1 AND ${visibleIn(projects, params)}`,
      params,
    );
    return row ? this.fromRow(row) : undefined;
  }

  /** A page of a customer's or a ticket's contacts the user may see, newest first. */
  async page(
    db: Queryable,
    filter: ContactFilter,
    projects: readonly string[] | undefined,
    after: ContactPosition | undefined,
    limit: number,
  ): Promise<ContactRecord[]> {
    const params: unknown[] = ['customerId' in filter ? filter.customerId : filter.ticketId];
    // A ticket's contacts include those of the tickets merged into it, at any depth (ADR 0038).
    const ofTicket = `c.ticket_id IN (
      WITH RECURSIVE merged (ticket_id) AS (
        SELECT $1::uuid UNION SELECT k.ticket_id FROM known_tickets k JOIN merged m ON k.merged_into = m.ticket_id
      ) SELECT ticket_id FROM merged)`;
    const where = ['customerId' in filter ? 'c.customer_id = $1' : ofTicket, visibleIn(projects, params)];
    if (after) {
      params.push(after.occurredAt, after.id);
      where.push(`(c.occurred_at, c.id) < ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(limit);
    const rows = await selectRows(
      db,
      ContactRow,
      `SELECT ${CONTACT_COLUMNS} FROM contacts c JOIN customers cu ON cu.id = c.customer_id
        WHERE ${where.join(' AND ')} ORDER BY c.occurred_at DESC, c.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => this.fromRow(r));
  }

  /** The latest contacts of each customer that the user may see, newest first: a part of the caller desk's one read (`selectTogether`). */
  latestOf(params: unknown[], customerIds: readonly string[], projects: readonly string[] | undefined, perCustomer: number): SelectPart<ContactRecord> {
    const [ids, limit] = [`$${params.push(customerIds)}`, `$${params.push(perCustomer)}`];
    return selectPart(
      ContactRow,
      `SELECT ${LATEST_COLUMNS} FROM unnest(${ids}::uuid[]) AS owner(id)
        CROSS JOIN LATERAL (
          SELECT ${CONTACT_COLUMNS} FROM contacts c JOIN customers cu ON cu.id = c.customer_id
           WHERE c.customer_id = owner.id AND ${visibleIn(projects, params)}
           ORDER BY c.occurred_at DESC, c.id DESC LIMIT ${limit}
        ) latest`,
      'occurred_at DESC, id DESC',
      (r) => this.fromRow(r),
    );
  }

  async findIdByExternalId(tx: EntityManager, channel: Channel, externalId: string): Promise<string | undefined> {
    const row = await selectRow(tx, IdRow, 'SELECT id::text FROM contacts WHERE channel = $1 AND external_id = $2', [
      channel,
      externalId,
    ]);
    return row?.id;
  }

  async moveToCustomer(tx: EntityManager, fromCustomerId: string, toCustomerId: string): Promise<void> {
    await execute(tx, 'UPDATE contacts SET customer_id = $2 WHERE customer_id = $1', [fromCustomerId, toCustomerId]);
  }

  /**
   * Seals up to `limit` contacts' attachments stored in clear before attachments were sealed,
   * skipping rows a request holds; returns how many it sealed.
   */
  async sealPlainAttachments(tx: EntityManager, limit: number): Promise<number> {
    const rows = await selectRows(
      tx,
      PlainAttachmentsRow,
      `SELECT id::text, attachments FROM contacts WHERE attachments <> '[]'::jsonb ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    if (rows.length === 0) return 0;
    await execute(
      tx,
      `UPDATE contacts c SET attachments_enc = s.sealed, attachments = '[]' FROM unnest($1::uuid[], $2::text[]) AS s(id, sealed) WHERE c.id = s.id`,
      [rows.map((r) => r.id), rows.map((r) => this.pii.seal('contact.attachments', JSON.stringify(r.attachments)))],
    );
    return rows.length;
  }

  /** Erasure: what the customer said is personal data too. */
  async wipeContentOf(tx: EntityManager, customerId: string): Promise<void> {
    await execute(tx, `UPDATE contacts SET content_enc = NULL, attachments = '[]', attachments_enc = NULL WHERE customer_id = $1`, [customerId]);
  }

  private attachmentsOf(r: ContactRow): AttachmentRef[] {
    return r.attachments_enc ? (JSON.parse(this.pii.open('contact.attachments', r.attachments_enc)) as AttachmentRef[]) : r.attachments;
  }

  private fromRow(r: ContactRow): ContactRecord {
    const content = r.customer_erased ? undefined : this.pii.openOptional('contact.content', r.content_enc);
    return {
      id: r.id,
      customerId: r.customer_id,
      channel: r.channel,
      direction: r.direction,
      occurredAt: r.occurred_at,
      recordedBy: r.recorded_by,
      unit: {
        ...(r.project_code ? { projectCode: r.project_code } : {}),
        ...(r.building ? { building: r.building } : {}),
        ...(r.room ? { room: r.room } : {}),
      },
      ...(content !== undefined ? { content } : {}),
      ...(r.item_code ? { itemCode: r.item_code } : {}),
      ...(r.ticket_id ? { ticketId: r.ticket_id } : {}),
      route: r.route,
      attachments: r.customer_erased ? [] : this.attachmentsOf(r),
      customerErased: r.customer_erased,
    };
  }
}
