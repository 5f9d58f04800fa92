import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Nullable, Queryable, execute, projectCondition, selectRows } from '@cs/persistence';
import type { Period } from '../domain/period';
import type { CallbackChange, CallbackIdentity } from '../domain/projection-changes';
import type { CallbackRecord } from '../domain/ticket-record';
import { LIVE_TABLES, ProjectionTables } from './projection-tables';

/**
 * Creates the callback's row on its first event (whichever arrives first) and applies the change.
 * Identity fields an event lacks keep what an earlier one said; a final status stays final.
 */
export async function applyCallbackChange(
  tx: EntityManager,
  id: CallbackIdentity,
  change: CallbackChange,
  at: string,
  tables: ProjectionTables = LIVE_TABLES,
): Promise<void> {
  await execute(
    tx,
    `INSERT INTO ${tables.callbacks} AS c (callback_id, ticket_id, kind, project_code, section_code, item_code, assignee, due_at, status,
                                      completed_at, satisfied, satisfaction, on_time, attempts, overdue)
     VALUES ($1, $2, coalesce($3, 'ticket'), $4, $5, $6, $7, coalesce($8::timestamptz, $16::timestamptz), coalesce($9, 'scheduled'),
             $10, $11, $12, $13, coalesce($14, 0), coalesce($15, false))
     ON CONFLICT (callback_id) DO UPDATE SET
       ticket_id    = coalesce(EXCLUDED.ticket_id, c.ticket_id),
       kind         = coalesce($3, c.kind),
       project_code = coalesce(EXCLUDED.project_code, c.project_code),
       section_code = coalesce(EXCLUDED.section_code, c.section_code),
       item_code    = coalesce(EXCLUDED.item_code, c.item_code),
       assignee     = coalesce(EXCLUDED.assignee, c.assignee),
       due_at       = coalesce($8::timestamptz, c.due_at),
       status       = CASE WHEN $9::text IS NULL OR ($9 = 'scheduled' AND c.status <> 'scheduled') THEN c.status ELSE $9 END,
       completed_at = coalesce(EXCLUDED.completed_at, c.completed_at),
       satisfied    = coalesce(EXCLUDED.satisfied, c.satisfied),
       satisfaction = coalesce(EXCLUDED.satisfaction, c.satisfaction),
       on_time      = coalesce(EXCLUDED.on_time, c.on_time),
       attempts     = greatest(c.attempts, EXCLUDED.attempts),
       overdue      = c.overdue OR EXCLUDED.overdue`,
    [
      id.callbackId,
      id.ticketId ?? null,
      id.kind ?? null,
      id.projectCode ?? null,
      id.sectionCode ?? null,
      id.itemCode ?? null,
      id.assignee ?? null,
      id.dueAt ?? null,
      change.status ?? null,
      change.completedAt ?? null,
      change.satisfied ?? null,
      change.satisfaction ?? null,
      change.onTime ?? null,
      change.attempts ?? null,
      change.overdue ?? null,
      at,
    ],
  );
}

const Status = Type.Union([Type.Literal('scheduled'), Type.Literal('completed'), Type.Literal('failed'), Type.Literal('cancelled')]);
const CallbackRecordRow = Type.Object({
  callbackId: Type.String(),
  ticketId: Nullable(Type.String()),
  kind: Type.String(),
  projectCode: Nullable(Type.String()),
  sectionCode: Nullable(Type.String()),
  itemCode: Nullable(Type.String()),
  agent: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  department: Nullable(Type.String()),
  dueAt: Type.Date(),
  status: Status,
  completedAt: Nullable(Type.Date()),
  satisfied: Nullable(Type.Boolean()),
  satisfaction: Nullable(Type.String()),
  onTime: Nullable(Type.Boolean()),
  attempts: Type.Integer(),
  overdue: Type.Boolean(),
});

/** Callbacks due in the period, in the given projects, with their ticket's channel, department and owner. */
export async function callbacksDueIn(db: Queryable, period: Period, projects: readonly string[] | undefined): Promise<CallbackRecord[]> {
  const params: unknown[] = [period.from, period.to];
  return selectRows(
    db,
    CallbackRecordRow,
    `SELECT c.callback_id::text AS "callbackId", c.ticket_id::text AS "ticketId", c.kind,
            coalesce(c.project_code, t.project_code) AS "projectCode", coalesce(c.section_code, t.section_code) AS "sectionCode",
            coalesce(c.item_code, t.item_code) AS "itemCode", coalesce(c.assignee, t.owner_id) AS agent, t.channel, t.department,
            c.due_at AS "dueAt", c.status, c.completed_at AS "completedAt", c.satisfied, c.satisfaction, c.on_time AS "onTime",
            c.attempts, c.overdue
       FROM callback_facts c LEFT JOIN ticket_facts t ON t.ticket_id = c.ticket_id
      WHERE c.due_at >= $1 AND c.due_at < $2 AND ${projectCondition('coalesce(c.project_code, t.project_code)', projects, params)}
      ORDER BY c.due_at, c.callback_id`,
    params,
  );
}
