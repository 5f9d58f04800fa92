import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Queryable, execute, projectCondition, selectRows } from '@cs/persistence';

/** One opened ticket, as reporting counts it. */
export interface TicketFact {
  readonly ticketId: string;
  readonly number: string;
  readonly channel: string;
  readonly sectionCode?: string;
  readonly itemCode?: string;
  readonly projectCode?: string;
  readonly ownerId: string;
  readonly openedAt: string;
}

export interface OpenedCount {
  readonly section: string;
  readonly channel: string;
  readonly project: string;
  readonly n: number;
}

const OpenedCountRow = Type.Object({ section: Type.String(), channel: Type.String(), project: Type.String(), n: Type.Integer() });

/** Idempotent: a redelivered event finds its fact already recorded. */
export async function recordTicketFact(tx: EntityManager, f: TicketFact): Promise<void> {
  await execute(
    tx,
    `INSERT INTO ticket_facts (ticket_id, number, channel, section_code, item_code, project_code, owner_id, opened_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (ticket_id) DO NOTHING`,
    [f.ticketId, f.number, f.channel, f.sectionCode ?? null, f.itemCode ?? null, f.projectCode ?? null, f.ownerId, f.openedAt],
  );
}

/** Tickets opened in [from, to) in the given projects (undefined: all), counted by section, channel and project. */
export async function countOpened(db: Queryable, period: { from?: Date; to?: Date }, projects: readonly string[] | undefined): Promise<OpenedCount[]> {
  const params: unknown[] = [period.from ?? null, period.to ?? null];
  return selectRows(
    db,
    OpenedCountRow,
    `SELECT coalesce(section_code, 'unclassified') AS section, channel, coalesce(project_code, 'none') AS project,
            count(*)::int AS n
       FROM ticket_facts
      WHERE ($1::timestamptz IS NULL OR opened_at >= $1) AND ($2::timestamptz IS NULL OR opened_at < $2)
        AND ${projectCondition('project_code', projects, params)}
      GROUP BY 1, 2, 3`,
    params,
  );
}
