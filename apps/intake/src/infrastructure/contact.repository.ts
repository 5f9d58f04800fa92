import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { execute, selectRow } from '@cs/persistence';
import type { Channel } from '@cs/contracts';
import type { AttachmentRef } from '../domain/attachments';
import { PiiCodec } from './pii-codec';

const IdRow = Type.Object({ id: Type.String() });

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

  async insert(tx: EntityManager, c: StoredContact): Promise<void> {
    await execute(
      tx,
      `INSERT INTO contacts (id, customer_id, channel, direction, occurred_at, recorded_by, project_code, building, room,
                             content_enc, item_code, ticket_id, route, attachments, source, external_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
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
        JSON.stringify(c.attachments),
        c.source,
        c.externalId ?? null,
      ],
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

  /** Erasure: what the customer said is personal data too. */
  async wipeContentOf(tx: EntityManager, customerId: string): Promise<void> {
    await execute(tx, `UPDATE contacts SET content_enc = NULL, attachments = '[]' WHERE customer_id = $1`, [customerId]);
  }
}
