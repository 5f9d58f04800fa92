import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type ProjectScope, scopedProjects } from '@cs/auth';

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

/**
 * 个人信息访问记录 — who saw whose personal data, when and why; newest first, cursor-paged, and
 * only about customers the reader may see (those with a unit in their projects, or none).
 */
@Injectable()
export class QueryAccessLog {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: { customerId?: string; actor?: string; from?: Date; to?: Date; cursor?: string; limit: number }, scope: ProjectScope): Promise<{
    items: AccessLogEntry[];
    nextCursor?: string;
  }> {
    const rows = (await this.dataSource.query(
      `SELECT id::text, actor_sub, actor_name, customer_id, purpose, fields, request_id, accessed_at FROM pii_access_log l
        WHERE ($1::uuid IS NULL OR customer_id = $1) AND ($2::text IS NULL OR actor_sub = $2)
          AND ($3::timestamptz IS NULL OR accessed_at >= $3) AND ($4::timestamptz IS NULL OR accessed_at < $4)
          AND ($5::bigint IS NULL OR id < $5)
          AND ($7::text[] IS NULL
               OR NOT EXISTS (SELECT 1 FROM customer_units u WHERE u.customer_id = l.customer_id)
               OR EXISTS (SELECT 1 FROM customer_units u WHERE u.customer_id = l.customer_id AND u.project_code = ANY($7::text[])))
        ORDER BY id DESC LIMIT $6`,
      [
        filter.customerId ?? null,
        filter.actor ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.cursor ?? null,
        filter.limit + 1,
        scopedProjects(scope) ?? null,
      ],
    )) as {
      id: string;
      actor_sub: string;
      actor_name: string;
      customer_id: string;
      purpose: string;
      fields: string[];
      request_id: string | null;
      accessed_at: Date;
    }[];
    const page = rows.slice(0, filter.limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        actor: r.actor_sub,
        actorName: r.actor_name,
        customerId: r.customer_id,
        purpose: r.purpose,
        fields: r.fields,
        ...(r.request_id ? { requestId: r.request_id } : {}),
        accessedAt: r.accessed_at.toISOString(),
      })),
      ...(rows.length > filter.limit ? { nextCursor: page[page.length - 1]!.id } : {}),
    };
  }
}
