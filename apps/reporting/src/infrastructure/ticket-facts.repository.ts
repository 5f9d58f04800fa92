import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Nullable, Queryable, execute, projectCondition, selectRows } from '@cs/persistence';
import type { Period } from '../domain/period';
import type { TicketChange } from '../domain/projection-changes';
import type { TicketRecord } from '../domain/ticket-record';
import { LIVE_TABLES, ProjectionTables } from './projection-tables';

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
export async function recordTicketFact(tx: EntityManager, f: TicketFact, tables: ProjectionTables = LIVE_TABLES): Promise<void> {
  await execute(
    tx,
    `INSERT INTO ${tables.tickets} (ticket_id, number, channel, section_code, item_code, project_code, owner_id, opened_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (ticket_id) DO NOTHING`,
    [f.ticketId, f.number, f.channel, f.sectionCode ?? null, f.itemCode ?? null, f.projectCode ?? null, f.ownerId, f.openedAt],
  );
}

const COLUMNS = {
  validity: 'validity',
  department: 'department',
  itemCode: 'item_code',
  sectionCode: 'section_code',
  projectCode: 'project_code',
  resolvedAt: 'resolved_at',
  reopenedAt: 'reopened_at',
  closedAt: 'closed_at',
  dispatchedAt: 'dispatched_at',
  firstReplyAt: 'first_reply_at',
  extensionCount: 'extension_count',
  reopenCount: 'reopen_count',
  escalationLevel: 'escalation_level',
  replied: 'replied',
  answeredFromKnowledge: 'answered_from_knowledge',
  firstResponseBreached: 'first_response_breached',
  resolutionBreached: 'resolution_breached',
  majorComplaint: 'major_complaint',
  incidentId: 'incident_id',
} as const;

/** Applies one event's change to the ticket's row; a ticket reporting never saw opened is left alone. */
export async function applyTicketChange(tx: EntityManager, ticketId: string, change: TicketChange, tables: ProjectionTables = LIVE_TABLES): Promise<void> {
  const params: unknown[] = [ticketId];
  const place = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const column = (key: string): string => COLUMNS[key as keyof typeof COLUMNS];
  const assignments = [
    ...Object.entries(change.set ?? {}).map(([k, v]) => `${column(k)} = ${place(v)}`),
    ...Object.entries(change.latest ?? {}).map(([k, v]) => `${column(k)} = greatest(${column(k)}, ${place(v)}::timestamptz)`),
    ...Object.entries(change.first ?? {}).map(([k, v]) => `${column(k)} = coalesce(${column(k)}, ${place(v)})`),
    ...Object.entries(change.raise ?? {}).map(([k, v]) => `${column(k)} = greatest(${column(k)}, ${place(v)})`),
    ...Object.entries(change.flag ?? {}).map(([k, v]) => `${column(k)} = ${column(k)} OR ${place(v)}`),
  ];
  if (assignments.length === 0) return;
  await execute(tx, `UPDATE ${tables.tickets} SET ${assignments.join(', ')} WHERE ticket_id = $1`, params);
}

/**
 * 工单合并 — the merged ticket's matter is its survivor's: it drops out of every figure. A mark
 * rather than a deletion, so a replayed `ticket.created` cannot count it again.
 */
export async function recordMerge(tx: EntityManager, ticketId: string, survivorTicketId: string, tables: ProjectionTables = LIVE_TABLES): Promise<void> {
  await execute(tx, `UPDATE ${tables.tickets} SET merged_into = $2 WHERE ticket_id = $1`, [ticketId, survivorTicketId]);
}

/** 重大投诉 graded on receipt: intake names the ticket's id, which may arrive before or after the ticket. */
export async function recordContactGrade(tx: EntityManager, ticketId: string, grade: string, tables: ProjectionTables = LIVE_TABLES): Promise<void> {
  await execute(
    tx,
    `INSERT INTO ${tables.grades} (ticket_id, grade) VALUES ($1, $2) ON CONFLICT (ticket_id) DO UPDATE SET grade = EXCLUDED.grade`,
    [ticketId, grade],
  );
}

const Validity = Type.Union([Type.Literal('valid'), Type.Literal('invalid'), Type.Literal('out_of_scope')]);
const TicketRecordRow = Type.Object({
  ticketId: Type.String(),
  number: Type.String(),
  channel: Type.String(),
  sectionCode: Nullable(Type.String()),
  itemCode: Nullable(Type.String()),
  projectCode: Nullable(Type.String()),
  ownerId: Type.String(),
  openedAt: Type.Date(),
  grade: Nullable(Type.String()),
  validity: Nullable(Validity),
  department: Nullable(Type.String()),
  dispatchedAt: Nullable(Type.Date()),
  firstReplyAt: Nullable(Type.Date()),
  replied: Type.Boolean(),
  answeredFromKnowledge: Type.Boolean(),
  firstResponseBreached: Type.Boolean(),
  resolutionBreached: Type.Boolean(),
  resolvedAt: Nullable(Type.Date()),
  reopenedAt: Nullable(Type.Date()),
  closedAt: Nullable(Type.Date()),
  reopenCount: Type.Integer(),
  escalationLevel: Type.Integer(),
  majorComplaint: Type.Boolean(),
  extensionCount: Type.Integer(),
  incidentId: Nullable(Type.String()),
});

/** Tickets opened in the period, in the given projects (undefined: all); merged duplicates left out. */
export async function ticketsOpenedIn(db: Queryable, period: Period, projects: readonly string[] | undefined): Promise<TicketRecord[]> {
  const params: unknown[] = [period.from, period.to];
  return selectRows(
    db,
    TicketRecordRow,
    `SELECT f.ticket_id::text AS "ticketId", f.number, f.channel, f.section_code AS "sectionCode", f.item_code AS "itemCode",
            f.project_code AS "projectCode", f.owner_id AS "ownerId", f.opened_at AS "openedAt", g.grade,
            f.validity, f.department, f.dispatched_at AS "dispatchedAt", f.first_reply_at AS "firstReplyAt", f.replied,
            f.answered_from_knowledge AS "answeredFromKnowledge", f.first_response_breached AS "firstResponseBreached",
            f.resolution_breached AS "resolutionBreached", f.resolved_at AS "resolvedAt", f.reopened_at AS "reopenedAt",
            f.closed_at AS "closedAt", f.reopen_count AS "reopenCount", f.escalation_level AS "escalationLevel",
            f.major_complaint AS "majorComplaint", f.extension_count AS "extensionCount", f.incident_id::text AS "incidentId"
       FROM ticket_facts f LEFT JOIN ticket_contact_grades g ON g.ticket_id = f.ticket_id::text
      WHERE f.opened_at >= $1 AND f.opened_at < $2 AND f.merged_into IS NULL AND ${projectCondition('f.project_code', projects, params)}
      ORDER BY f.opened_at, f.number`,
    params,
  );
}

/** Tickets opened in [from, to) in the given projects (undefined: all), counted by section, channel and project; merged duplicates left out. */
export async function countOpened(db: Queryable, period: { from?: Date; to?: Date }, projects: readonly string[] | undefined): Promise<OpenedCount[]> {
  const params: unknown[] = [period.from ?? null, period.to ?? null];
  return selectRows(
    db,
    OpenedCountRow,
    `SELECT coalesce(section_code, 'unclassified') AS section, channel, coalesce(project_code, 'none') AS project,
            count(*)::int AS n
       FROM ticket_facts
      WHERE ($1::timestamptz IS NULL OR opened_at >= $1) AND ($2::timestamptz IS NULL OR opened_at < $2) AND merged_into IS NULL
        AND ${projectCondition('project_code', projects, params)}
      GROUP BY 1, 2, 3`,
    params,
  );
}
