import { Type } from '@sinclair/typebox';
import { presentProps } from '@cs/ddd';
import { Nullable, Queryable, execute, projectCondition, selectRows } from '@cs/persistence';
import type { CallbackMethod } from '../domain/callback-policy';
import type { CallbackKind } from '../domain/callback-task';
import type { HeldCallback, ListedHold } from '../domain/held-callback';

const Text = Type.String();
/** The callback as it will be scheduled, less what the row keeps in columns of its own. */
const HeldTask = Type.Object({
  kind: Type.Unsafe<CallbackKind>(Text),
  method: Type.Unsafe<CallbackMethod>(Text),
  sectionCode: Type.Optional(Text),
  itemCode: Type.Optional(Text),
  assignee: Type.Optional(Text),
  policyId: Type.Optional(Text),
  attemptsAllowed: Type.Integer(),
  retrySpacingMinutes: Type.Integer(),
  createdAt: Text,
});
const HeldRow = Type.Object({
  callback_id: Text,
  ticket_id: Nullable(Text),
  plan_id: Nullable(Text),
  customer_id: Text,
  project_code: Nullable(Text),
  calendar_id: Text,
  calendar_version: Type.Integer(),
  due_from: Type.Date(),
  due_working_days: Type.Integer(),
  task: HeldTask,
  refusal: Text,
});

const COLUMNS = `h.callback_id::text, h.ticket_id::text, h.plan_id::text, h.customer_id::text, h.project_code, h.calendar_id, h.calendar_version,
            h.due_from, h.due_working_days, h.task, h.refusal`;

function toHeld(r: typeof HeldRow.static): HeldCallback {
  const { createdAt, ...task } = r.task;
  return {
    task: {
      ...task,
      id: r.callback_id,
      customerId: r.customer_id,
      createdAt: new Date(createdAt),
      ...presentProps({ ticketId: r.ticket_id, planId: r.plan_id, projectCode: r.project_code }),
    },
    count: { calendarId: r.calendar_id, from: r.due_from, workingDays: r.due_working_days },
    calendarVersion: r.calendar_version,
    refusal: r.refusal,
  };
}

/** Holds a callback its calendar refused to count (ADR 0116); held again, it waits for a version newer than the one that refused it now. */
export async function holdCallback(tx: Queryable, h: HeldCallback, at: Date): Promise<void> {
  const { id, customerId, ticketId, planId, projectCode, createdAt, ...task } = h.task;
  await execute(
    tx,
    `INSERT INTO held_callbacks (callback_id, ticket_id, plan_id, customer_id, project_code, calendar_id, calendar_version, due_from, due_working_days, task, refusal, held_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)
     ON CONFLICT (callback_id) DO UPDATE SET calendar_version = EXCLUDED.calendar_version, refusal = EXCLUDED.refusal`,
    [id, ticketId ?? null, planId ?? null, customerId, projectCode ?? null, h.count.calendarId, h.calendarVersion, h.count.from, h.count.workingDays, JSON.stringify({ ...task, createdAt: createdAt.toISOString() }), h.refusal, at],
  );
}

/**
 * Held callbacks whose calendar has since reached a version newer than the one that refused them,
 * at most `limit`, in id order after `afterId`, locked; those another transaction holds are skipped,
 * taken on the next pass.
 */
export async function heldForNewerCalendars(tx: Queryable, limit: number, afterId?: string): Promise<HeldCallback[]> {
  const rows = await selectRows(
    tx,
    HeldRow,
    `SELECT ${COLUMNS}
       FROM held_callbacks h JOIN calendar_replicas r ON r.calendar_id = h.calendar_id
      WHERE h.calendar_version < r.version AND ($2::uuid IS NULL OR h.callback_id > $2::uuid)
      ORDER BY h.callback_id LIMIT $1 FOR UPDATE OF h SKIP LOCKED`,
    [limit, afterId ?? null],
  );
  return rows.map(toHeld);
}

const ListedRow = Type.Composite([HeldRow, Type.Object({ held_at: Type.Date() })]);

/** What a list of holds asks: every filter given must hold; at most `limit`, after `after` in hold order. */
export interface HeldFilter {
  readonly calendarId?: string;
  readonly projectCode?: string;
  readonly after?: { readonly heldAt: Date; readonly callbackId: string };
  readonly limit: number;
}

/** The callbacks held for their calendar within `projects` (undefined: every project), the longest held first. */
export async function listHeld(db: Queryable, filter: HeldFilter, projects: readonly string[] | undefined): Promise<ListedHold[]> {
  const params: unknown[] = [];
  const where = [projectCondition('h.project_code', projects, params)];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.calendarId !== undefined) add((n) => `h.calendar_id = ${n}`, filter.calendarId);
  if (filter.projectCode !== undefined) add((n) => `h.project_code = ${n}`, filter.projectCode);
  if (filter.after) {
    params.push(filter.after.heldAt, filter.after.callbackId);
    where.push(`(h.held_at, h.callback_id) > ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(filter.limit);
  const rows = await selectRows(
    db,
    ListedRow,
    `SELECT ${COLUMNS}, h.held_at FROM held_callbacks h WHERE ${where.join(' AND ')} ORDER BY h.held_at, h.callback_id LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({ ...toHeld(r), heldAt: r.held_at }));
}

/** Scheduled, or owed no more: no longer held. */
export async function releaseHeld(tx: Queryable, callbackId: string): Promise<void> {
  await execute(tx, 'DELETE FROM held_callbacks WHERE callback_id = $1', [callbackId]);
}

/** The ticket was reopened or merged away: the callback its resolution was owed is owed no more. */
export async function dropHeldOfTicket(tx: Queryable, ticketId: string): Promise<void> {
  await execute(tx, 'DELETE FROM held_callbacks WHERE ticket_id = $1', [ticketId]);
}

/** PIPL erasure: nothing is owed the customer any more. */
export async function forgetHeldOf(tx: Queryable, customerId: string): Promise<void> {
  await execute(tx, 'DELETE FROM held_callbacks WHERE customer_id = $1', [customerId]);
}
