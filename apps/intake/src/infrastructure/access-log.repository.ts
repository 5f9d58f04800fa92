import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { presentProps } from '@cs/ddd';
import { Queryable, execute, selectRows } from '@cs/persistence';
import { customerInProjects } from './customer-scope';

/** One unmasked view of a customer's personal data. */
export interface AccessLogRecord {
  readonly actorSub: string;
  readonly actorName: string;
  readonly customerId: string;
  readonly purpose: string;
  readonly fields: readonly string[];
  readonly requestId?: string;
}

export interface AccessLogEntry {
  readonly id: string;
  readonly actor: string;
  readonly actorName: string;
  readonly customerId: string;
  readonly purpose: string;
  readonly fields: readonly string[];
  readonly requestId?: string;
  readonly accessedAt: string;
}

export interface AccessLogFilter {
  readonly customerId?: string;
  readonly actor?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly cursor?: string;
  readonly limit: number;
  /** Only entries about customers of these projects (or of none); undefined: all. */
  readonly projects?: readonly string[];
}

const EntryRow = Type.Object({
  id: Type.String(),
  actor_sub: Type.String(),
  actor_name: Type.String(),
  customer_id: Type.String(),
  purpose: Type.String(),
  fields: Type.Array(Type.String()),
  request_id: Type.Union([Type.String(), Type.Null()]),
  accessed_at: Type.Date(),
});

export async function appendAccessLog(tx: EntityManager, record: AccessLogRecord): Promise<void> {
  await execute(
    tx,
    `INSERT INTO pii_access_log (actor_sub, actor_name, customer_id, purpose, fields, request_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [record.actorSub, record.actorName, record.customerId, record.purpose, record.fields, record.requestId ?? null],
  );
}

/**
 * Newest first; one more row than the page is read to know whether a next page exists. Ordered by
 * the bigint column, not the text the select names `id`: as text, entry 9 would come before 12.
 */
export async function listAccessLog(db: Queryable, filter: AccessLogFilter): Promise<{ items: AccessLogEntry[]; nextCursor?: string }> {
  const rows = await selectRows(
    db,
    EntryRow,
    `SELECT id::text, actor_sub, actor_name, customer_id::text, purpose, fields, request_id, accessed_at FROM pii_access_log l
      WHERE ($1::uuid IS NULL OR customer_id = $1) AND ($2::text IS NULL OR actor_sub = $2)
        AND ($3::timestamptz IS NULL OR accessed_at >= $3) AND ($4::timestamptz IS NULL OR accessed_at < $4)
        AND ($5::bigint IS NULL OR id < $5)
        AND ($7::text[] IS NULL OR ${customerInProjects('l.customer_id', '$7::text[]')})
      ORDER BY l.id DESC LIMIT $6`,
    [
      filter.customerId ?? null,
      filter.actor ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.cursor ?? null,
      filter.limit + 1,
      filter.projects ? [...filter.projects] : null,
    ],
  );
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      actor: r.actor_sub,
      actorName: r.actor_name,
      customerId: r.customer_id,
      purpose: r.purpose,
      fields: r.fields,
      ...presentProps({ requestId: r.request_id }),
      accessedAt: r.accessed_at.toISOString(),
    })),
    ...(rows.length > filter.limit ? { nextCursor: page[page.length - 1]!.id } : {}),
  };
}
