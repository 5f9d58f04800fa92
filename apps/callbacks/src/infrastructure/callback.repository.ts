import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { DomainError, presentProps } from '@cs/ddd';
import { changedRows, execute, lockedInOrder, Nullable, projectCondition, Queryable, selectRow, selectRows, type WritePart, writeTogether } from '@cs/persistence';
import type { CallbackMethod } from '../domain/callback-policy';
import type { AttemptRecord, CallbackKind, CallbackOutcome, CallbackStatus, CallbackTask, DueBasis, FollowUp, Satisfaction } from '../domain/callback-task';

const Text = Type.String();
const CallbackRow = Type.Object({
  id: Text,
  kind: Type.Unsafe<CallbackKind>(Text),
  method: Type.Unsafe<CallbackMethod>(Text),
  status: Type.Unsafe<CallbackStatus>(Text),
  ticket_id: Nullable(Text),
  customer_id: Text,
  project_code: Nullable(Text),
  section_code: Nullable(Text),
  item_code: Nullable(Text),
  assignee: Nullable(Text),
  policy_id: Nullable(Text),
  plan_id: Nullable(Text),
  previous_callback_id: Nullable(Text),
  due_at: Type.Date(),
  attempts_allowed: Type.Integer(),
  retry_spacing_minutes: Type.Integer(),
  attempts: Type.Integer(),
  next_attempt_at: Nullable(Type.Date()),
  satisfied: Nullable(Type.Boolean()),
  completed_at: Nullable(Type.Date()),
  follow_ups: Type.Array(Type.Object({ deadline: Type.Unsafe<FollowUp['deadline']>(Text), at: Text, state: Type.Unsafe<FollowUp['state']>(Text) })),
  created_at: Type.Date(),
  version: Type.Integer(),
  due_calendar_id: Nullable(Text),
  due_calendar_version: Nullable(Type.Integer()),
  due_from: Nullable(Type.Date()),
  due_working_days: Nullable(Type.Integer()),
});
const COLUMNS = `id::text, kind, method, status, ticket_id::text, customer_id::text, project_code, section_code, item_code, assignee,
  policy_id, plan_id::text, previous_callback_id::text, due_at, attempts_allowed, retry_spacing_minutes, attempts, next_attempt_at,
  satisfied, completed_at, follow_ups, created_at, version, due_calendar_id, due_calendar_version, due_from, due_working_days`;

/** The columns a new callback is inserted with, and their types as a batch of them is read. */
const INSERTED_COLUMN_TYPES = `id uuid, kind text, method text, status text, ticket_id uuid, customer_id uuid, project_code text, section_code text, item_code text,
  assignee text, policy_id text, plan_id uuid, previous_callback_id uuid, due_at timestamptz, attempts_allowed integer, retry_spacing_minutes integer,
  attempts integer, next_attempt_at timestamptz, satisfied boolean, completed_at timestamptz, follow_ups jsonb, created_at timestamptz, version integer,
  due_calendar_id text, due_calendar_version integer, due_from timestamptz, due_working_days integer`;
const INSERTED_COLUMNS = INSERTED_COLUMN_TYPES.replace(/ [a-z]+(?=,|$)/g, '');

const AttemptRow = Type.Object({
  attempt: Type.Integer(),
  outcome: Type.Unsafe<CallbackOutcome>(Text),
  satisfaction: Nullable(Type.Unsafe<Satisfaction>(Text)),
  score: Nullable(Type.Integer()),
  service_score: Nullable(Type.Integer()),
  comment: Nullable(Text),
  new_needs: Nullable(Text),
  at: Type.Date(),
  by: Text,
});
const IdRow = Type.Object({ id: Text });

export interface StoredAttempt extends AttemptRecord {
  readonly at: Date;
  readonly by: string;
}

/** The basis a row records; the table's check keeps its four columns all set or all NULL. */
function basisOf(r: typeof CallbackRow.static): DueBasis | undefined {
  if (r.due_calendar_id === null || r.due_calendar_version === null || r.due_from === null || r.due_working_days === null) return undefined;
  return { calendarId: r.due_calendar_id, calendarVersion: r.due_calendar_version, from: r.due_from, workingDays: r.due_working_days };
}

function toTask(r: typeof CallbackRow.static): CallbackTask {
  return {
    id: r.id,
    kind: r.kind,
    method: r.method,
    status: r.status,
    customerId: r.customer_id,
    dueAt: r.due_at,
    attemptsAllowed: r.attempts_allowed,
    retrySpacingMinutes: r.retry_spacing_minutes,
    attempts: r.attempts,
    followUps: r.follow_ups.map((f) => ({ ...f, at: new Date(f.at) })),
    createdAt: r.created_at,
    version: r.version,
    ...presentProps({
      ticketId: r.ticket_id,
      projectCode: r.project_code,
      sectionCode: r.section_code,
      itemCode: r.item_code,
      assignee: r.assignee,
      policyId: r.policy_id,
      planId: r.plan_id,
      previousCallbackId: r.previous_callback_id,
      nextAttemptAt: r.next_attempt_at,
      satisfied: r.satisfied,
      completedAt: r.completed_at,
      dueBasis: basisOf(r),
    }),
  };
}

/** Which callbacks a work queue holds; every filter given must hold. */
export interface CallbackQueueFilter {
  readonly status?: CallbackStatus;
  readonly assignee?: string;
  readonly ticketId?: string;
  readonly dueBefore?: Date;
  readonly callableAt?: Date;
  readonly after?: { readonly dueAt: Date; readonly id: string };
  readonly limit: number;
}

/** 回访任务 — callback tasks and their attempts. Every read for a user goes through its projects. */
@Injectable()
export class CallbackRepository {
  async find(db: Queryable, id: string, projects: readonly string[] | undefined): Promise<CallbackTask | undefined> {
    const params: unknown[] = [id];
    const row = await selectRow(db, CallbackRow, `SELECT ${COLUMNS} FROM callbacks WHERE id = $1 AND ${projectCondition('project_code', projects, params)}`, params);
    return row && toTask(row);
  }

  /** Locks the task for a change; undefined when it is outside the projects or (with skipLocked) held elsewhere. */
  async lock(tx: EntityManager, id: string, projects: readonly string[] | undefined, skipLocked = false): Promise<CallbackTask | undefined> {
    const params: unknown[] = [id];
    const row = await selectRow(
      tx,
      CallbackRow,
      `SELECT ${COLUMNS} FROM callbacks WHERE id = $1 AND ${projectCondition('project_code', projects, params)} FOR UPDATE${skipLocked ? ' SKIP LOCKED' : ''}`,
      params,
    );
    return row && toTask(row);
  }

  /**
   * Those of the callbacks no one else holds, locked, at most `limit`, in the order given (a
   * due-work pass's batch): a pass never waits on a callback a person is recording on.
   */
  async lockAll(tx: EntityManager, ids: readonly string[], limit: number): Promise<CallbackTask[]> {
    const rows = await selectRows(
      tx,
      CallbackRow,
      lockedInOrder('callbacks', COLUMNS),
      [ids, limit],
    );
    return rows.map(toTask);
  }

  /** Saves the task as evolved from `expectedVersion`; a concurrent change makes this fail rather than be lost. */
  async save(tx: EntityManager, task: CallbackTask, expectedVersion: number | undefined): Promise<void> {
    if (expectedVersion === undefined) {
      await writeTogether(tx, [this.insertAllPart([task])]);
      return;
    }
    await this.saveAll(tx, [{ task, expectedVersion }]);
  }

  /**
   * Saves tasks each evolved from its `expectedVersion`, any number, in one statement; a
   * concurrent change to any of them makes this fail rather than be lost.
   */
  async saveAll(tx: EntityManager, changes: readonly { readonly task: CallbackTask; readonly expectedVersion: number }[]): Promise<void> {
    if (changes.length === 0) return;
    const rows = changes.map(({ task, expectedVersion }) => ({
      id: task.id,
      expected_version: expectedVersion,
      status: task.status,
      assignee: task.assignee ?? null,
      due_at: task.dueAt,
      attempts: task.attempts,
      next_attempt_at: task.nextAttemptAt ?? null,
      satisfied: task.satisfied ?? null,
      completed_at: task.completedAt ?? null,
      follow_ups: task.followUps,
      version: task.version,
      due_calendar_version: task.dueBasis?.calendarVersion ?? null,
    }));
    // The calendar version only moves forward: a task loaded before the walk after a calendar
    // change marked it (markCounted) keeps the mark when it is saved.
    const updated = await changedRows(
      tx,
      IdRow,
      `UPDATE callbacks c SET status = v.status, assignee = v.assignee, due_at = v.due_at, attempts = v.attempts, next_attempt_at = v.next_attempt_at,
         satisfied = v.satisfied, completed_at = v.completed_at, follow_ups = v.follow_ups, version = v.version,
         due_calendar_version = GREATEST(c.due_calendar_version, v.due_calendar_version)
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, expected_version integer, status text, assignee text, due_at timestamptz, attempts integer,
         next_attempt_at timestamptz, satisfied boolean, completed_at timestamptz, follow_ups jsonb, version integer, due_calendar_version integer)
       WHERE c.id = v.id AND c.version = v.expected_version RETURNING c.id::text`,
      [JSON.stringify(rows)],
    );
    if (updated.length !== changes.length) throw new DomainError('CALLBACK.VERSION_CONFLICT', 'conflict', 'the callback was changed meanwhile; reload it');
  }

  /** New callbacks, any number: a part of a statement written with others (`writeTogether`); none when there are none. */
  insertAllPart(tasks: readonly CallbackTask[]): WritePart | undefined {
    if (tasks.length === 0) return undefined;
    const rows = tasks.map((t) => ({
      id: t.id,
      kind: t.kind,
      method: t.method,
      status: t.status,
      ticket_id: t.ticketId ?? null,
      customer_id: t.customerId,
      project_code: t.projectCode ?? null,
      section_code: t.sectionCode ?? null,
      item_code: t.itemCode ?? null,
      assignee: t.assignee ?? null,
      policy_id: t.policyId ?? null,
      plan_id: t.planId ?? null,
      previous_callback_id: t.previousCallbackId ?? null,
      due_at: t.dueAt,
      attempts_allowed: t.attemptsAllowed,
      retry_spacing_minutes: t.retrySpacingMinutes,
      attempts: t.attempts,
      next_attempt_at: t.nextAttemptAt ?? null,
      satisfied: t.satisfied ?? null,
      completed_at: t.completedAt ?? null,
      follow_ups: t.followUps,
      created_at: t.createdAt,
      version: t.version,
      due_calendar_id: t.dueBasis?.calendarId ?? null,
      due_calendar_version: t.dueBasis?.calendarVersion ?? null,
      due_from: t.dueBasis?.from ?? null,
      due_working_days: t.dueBasis?.workingDays ?? null,
    }));
    return (bind) =>
      `INSERT INTO callbacks (${INSERTED_COLUMNS})
       SELECT ${INSERTED_COLUMNS}
         FROM ROWS FROM (jsonb_to_recordset(${bind(JSON.stringify(rows))}::jsonb) AS (${INSERTED_COLUMN_TYPES})) WITH ORDINALITY AS c
        ORDER BY ordinality`;
  }

  async addAttempt(tx: EntityManager, callbackId: string, a: StoredAttempt): Promise<void> {
    await execute(
      tx,
      `INSERT INTO callback_attempts (callback_id, attempt, outcome, satisfaction, score, service_score, comment, new_needs, at, by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [callbackId, a.attempt, a.outcome, a.satisfaction ?? null, a.score ?? null, a.serviceScore ?? null, a.comment ?? null, a.newNeeds ?? null, a.at, a.by],
    );
  }

  async attempts(db: Queryable, callbackId: string): Promise<StoredAttempt[]> {
    const rows = await selectRows(
      db,
      AttemptRow,
      'SELECT attempt, outcome, satisfaction, score, service_score, comment, new_needs, at, by FROM callback_attempts WHERE callback_id = $1 ORDER BY attempt',
      [callbackId],
    );
    return rows.map((r) => ({
      attempt: r.attempt,
      outcome: r.outcome,
      at: r.at,
      by: r.by,
      ...presentProps({ satisfaction: r.satisfaction, score: r.score, serviceScore: r.service_score, comment: r.comment, newNeeds: r.new_needs }),
    }));
  }

  /** The ticket's callbacks a resolution or a reopening concerns: the open one, and earlier ones with promises pending. */
  async ofTicket(tx: EntityManager, ticketId: string): Promise<string[]> {
    const rows = await selectRows(
      tx,
      IdRow,
      `SELECT id::text FROM callbacks WHERE ticket_id = $1
         AND (status IN ('due', 'overdue') OR follow_ups @> '[{"state": "pending"}]') ORDER BY created_at, id`,
      [ticketId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Those of the callbacks given still open, locked in id order, waiting for any another holds:
   * the order a merge and an erasure lock theirs (ADR 0097), so a stop cancelling many never
   * waits for one of them in a circle. One that ended meanwhile is left out.
   */
  async lockOpenInIdOrder(tx: EntityManager, ids: readonly string[]): Promise<CallbackTask[]> {
    if (ids.length === 0) return [];
    const rows = await selectRows(
      tx,
      CallbackRow,
      `SELECT ${COLUMNS} FROM callbacks WHERE id = ANY($1::uuid[]) AND status IN ('due', 'overdue') ORDER BY callbacks.id FOR UPDATE`,
      [[...ids]],
    );
    return rows.map(toTask);
  }

  /** The customer's open callbacks, in id order: several are locked in one order, so two such changes cannot deadlock. */
  async openOfCustomer(tx: Queryable, customerId: string): Promise<string[]> {
    const rows = await selectRows(tx, IdRow, `SELECT id::text FROM callbacks WHERE customer_id = $1 AND status IN ('due', 'overdue') ORDER BY id`, [customerId]);
    return rows.map((r) => r.id);
  }

  /**
   * Callbacks still due whose due time was counted by an older version of its calendar than this
   * service now holds (calendar_replicas), in id order after `afterId`.
   */
  async countedByOlderCalendars(db: Queryable, limit: number, afterId = '00000000-0000-0000-0000-000000000000'): Promise<string[]> {
    const rows = await selectRows(
      db,
      IdRow,
      `SELECT c.id::text FROM callbacks c JOIN calendar_replicas r ON r.calendar_id = c.due_calendar_id
        WHERE c.status = 'due' AND c.due_calendar_id IS NOT NULL AND c.due_calendar_version < r.version AND c.id > $2::uuid
        ORDER BY c.id LIMIT $1`,
      [limit, afterId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Callbacks still due that keep no basis (scheduled before bases were kept, ADR 0101), in id
   * order after `afterId`; read by their own index, empty once the last of them ended.
   */
  async dueWithoutBasis(db: Queryable, limit: number, afterId = '00000000-0000-0000-0000-000000000000'): Promise<CallbackTask[]> {
    const rows = await selectRows(
      db,
      CallbackRow,
      `SELECT ${COLUMNS} FROM callbacks WHERE status = 'due' AND due_calendar_id IS NULL AND id > $2::uuid ORDER BY id LIMIT $1`,
      [limit, afterId],
    );
    return rows.map(toTask);
  }

  /** Gives a callback that keeps none the basis its due time was counted by; a basis once kept is never replaced. */
  async adoptBasis(tx: EntityManager, id: string, basis: DueBasis): Promise<void> {
    await execute(
      tx,
      `UPDATE callbacks SET due_calendar_id = $2, due_calendar_version = $3, due_from = $4, due_working_days = $5
        WHERE id = $1 AND due_calendar_id IS NULL`,
      [id, basis.calendarId, basis.calendarVersion, basis.from, basis.workingDays],
    );
  }

  /** Records that a callback's due time was counted by `calendarVersion` and did not move. */
  async markCounted(tx: EntityManager, id: string, calendarVersion: number): Promise<void> {
    await execute(tx, 'UPDATE callbacks SET due_calendar_version = $2 WHERE id = $1 AND due_calendar_version < $2', [id, calendarVersion]);
  }

  /** A work queue page, nearest due first, within the caller's projects. */
  async list(db: Queryable, filter: CallbackQueueFilter, projects: readonly string[] | undefined): Promise<CallbackTask[]> {
    const params: unknown[] = [];
    const where = [projectCondition('project_code', projects, params)];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.status) add((n) => `status = ${n}`, filter.status);
    if (filter.assignee) add((n) => `assignee = ${n}`, filter.assignee);
    if (filter.ticketId) add((n) => `ticket_id = ${n}`, filter.ticketId);
    if (filter.dueBefore) add((n) => `due_at < ${n}`, filter.dueBefore);
    if (filter.callableAt) add((n) => `(next_attempt_at IS NULL OR next_attempt_at <= ${n})`, filter.callableAt);
    if (filter.after) {
      params.push(filter.after.dueAt, filter.after.id);
      where.push(`(due_at, id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(filter.limit);
    // By the uuid column, as the cursor compares and the indexes hold it: a bare `id` there is the text the select names so.
    const rows = await selectRows(
      db,
      CallbackRow,
      `SELECT ${COLUMNS} FROM callbacks WHERE ${where.join(' AND ')} ORDER BY callbacks.due_at, callbacks.id LIMIT $${params.length}`,
      params,
    );
    return rows.map(toTask);
  }
}
