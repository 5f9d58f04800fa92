import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Nullable, Queryable, execute, projectCondition, selectRows } from '@cs/persistence';
import type { Period } from '../domain/period';
import type { CallbackFact } from '../domain/callback-evolution';
import type { CallbackRecord } from '../domain/ticket-record';
import { LIVE_TABLES, ProjectionTables } from './projection-tables';

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

/** The row as stored: the task's own assignee, none of its ticket's fields. */
const CallbackFactRow = Type.Composite([Type.Omit(CallbackRecordRow, ['agent', 'channel', 'department']), Type.Object({ assignee: Nullable(Type.String()) })]);

/** The callbacks' rows, locked until the transaction ends; a callback no event has named yet has none. */
export async function callbackFactsForUpdate(tx: EntityManager, callbackIds: readonly string[], tables: ProjectionTables = LIVE_TABLES): Promise<CallbackFact[]> {
  if (callbackIds.length === 0) return [];
  return selectRows(
    tx,
    CallbackFactRow,
    `SELECT callback_id::text AS "callbackId", ticket_id::text AS "ticketId", kind, project_code AS "projectCode", section_code AS "sectionCode",
            item_code AS "itemCode", assignee, due_at AS "dueAt", status, completed_at AS "completedAt", satisfied, satisfaction,
            on_time AS "onTime", attempts, overdue
       FROM ${tables.callbacks} WHERE callback_id = ANY($1::uuid[]) ORDER BY callback_id FOR UPDATE`,
    [[...callbackIds]],
  );
}

const CALLBACK_COLUMNS =
  'callback_id uuid, ticket_id uuid, kind text, project_code text, section_code text, item_code text, assignee text, due_at timestamptz, ' +
  'status text, completed_at timestamptz, satisfied boolean, satisfaction text, on_time boolean, attempts integer, overdue boolean';

/** Writes the callbacks' rows as they now stand, new or changed, in one statement. */
export async function saveCallbackFacts(tx: EntityManager, facts: readonly CallbackFact[], tables: ProjectionTables = LIVE_TABLES): Promise<void> {
  if (facts.length === 0) return;
  const columns = CALLBACK_COLUMNS.split(', ').map((c) => c.split(' ')[0] as string);
  await execute(
    tx,
    `INSERT INTO ${tables.callbacks} (${columns.join(', ')})
     SELECT ${columns.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${CALLBACK_COLUMNS})
     ON CONFLICT (callback_id) DO UPDATE SET ${columns
       .filter((c) => c !== 'callback_id')
       .map((c) => `${c} = EXCLUDED.${c}`)
       .join(', ')}`,
    [
      JSON.stringify(
        facts.map((f) => ({
          callback_id: f.callbackId,
          ticket_id: f.ticketId,
          kind: f.kind,
          project_code: f.projectCode,
          section_code: f.sectionCode,
          item_code: f.itemCode,
          assignee: f.assignee,
          due_at: f.dueAt,
          status: f.status,
          completed_at: f.completedAt,
          satisfied: f.satisfied,
          satisfaction: f.satisfaction,
          on_time: f.onTime,
          attempts: f.attempts,
          overdue: f.overdue,
        })),
      ),
    ],
  );
}

/** Every column a callback record is read with, its ticket's where it has none of its own. */
const CALLBACK_RECORD = `c.callback_id::text AS "callbackId", c.ticket_id::text AS "ticketId", c.kind,
            coalesce(c.project_code, t.project_code) AS "projectCode", coalesce(c.section_code, t.section_code) AS "sectionCode",
            coalesce(c.item_code, t.item_code) AS "itemCode", coalesce(c.assignee, t.owner_id) AS agent, t.channel, t.department,
            c.due_at AS "dueAt", c.status, c.completed_at AS "completedAt", c.satisfied, c.satisfaction, c.on_time AS "onTime",
            c.attempts, c.overdue`;

/** The callbacks of these tickets, whenever they were due (the ticket export's columns). */
export async function callbacksOfTickets(db: Queryable, ticketIds: readonly string[]): Promise<CallbackRecord[]> {
  if (ticketIds.length === 0) return [];
  return selectRows(
    db,
    CallbackRecordRow,
    `SELECT ${CALLBACK_RECORD}
       FROM callback_facts c LEFT JOIN ticket_facts t ON t.ticket_id = c.ticket_id
      WHERE c.ticket_id = ANY($1::uuid[]) ORDER BY c.due_at, c.callback_id`,
    [ticketIds],
  );
}

/** Callbacks due in the period, in the given projects, with their ticket's channel, department and owner. */
export async function callbacksDueIn(db: Queryable, period: Period, projects: readonly string[] | undefined): Promise<CallbackRecord[]> {
  const params: unknown[] = [period.from, period.to];
  return selectRows(
    db,
    CallbackRecordRow,
    `SELECT ${CALLBACK_RECORD}
       FROM callback_facts c LEFT JOIN ticket_facts t ON t.ticket_id = c.ticket_id
      WHERE c.due_at >= $1 AND c.due_at < $2 AND ${projectCondition('coalesce(c.project_code, t.project_code)', projects, params)}
      ORDER BY c.due_at, c.callback_id`,
    params,
  );
}
