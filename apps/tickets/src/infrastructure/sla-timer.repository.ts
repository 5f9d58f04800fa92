import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PlannedTimer } from '../domain/sla-clock';
import type { ClockKind } from '../domain/sla-policy';
import { Type } from '@sinclair/typebox';
import { Queryable, type WritePart, changedRows, selectRows } from '@cs/persistence';
import { notPostponed } from '@cs/platform';
import type { DueWork } from './due-work.repository';

/** A timer that came due and was claimed: it fires in the transaction that claimed it. */
export interface DueTimer extends PlannedTimer {
  readonly id: string;
}

/** One subject's timers from now on: what its clocks need after a change. */
export interface TimerPlan {
  readonly subjectId: string;
  readonly timers: readonly PlannedTimer[];
  /** Its clocks that were held if no deadline was planned for them before this plan (ADR 0130): none unless given. */
  readonly heldIfUnplanned?: readonly ClockKind[];
}

const TimerRow = Type.Object({
  id: Type.String(),
  subject_id: Type.String(),
  clock: Type.Unsafe<ClockKind>(Type.String()),
  kind: Type.Unsafe<PlannedTimer['kind']>(Type.String()),
  threshold: Type.Integer(),
  fire_at: Type.Date(),
});
const SubjectIdRow = Type.Object({ subject_id: Type.String() });

/** The plans' timers as one JSON document rather than arrays: the driver serializes arrays (and dates in them) element by element. */
function plannedJson(plans: readonly TimerPlan[]): string {
  return JSON.stringify(
    plans.flatMap((p) => p.timers.map((t) => ({ subject_id: p.subjectId, clock: t.clock, kind: t.kind, threshold: t.threshold, fire_at: t.fireAt }))),
  );
}
const LastBreachRow = Type.Object({ subject_id: Type.String(), clock: Type.Unsafe<ClockKind>(Type.String()), fire_at: Type.Date() });

/**
 * Durable SLA timers of one kind of subject (ADR 0007): a subject's unfired timers are brought
 * to its current plan whenever its clocks change, in the same transaction, so what is left
 * unfired is always the current plan; a due timer is claimed with its subject's row locked.
 */
abstract class DurableTimers {
  protected constructor(
    private readonly table: 'sla_timers' | 'incident_sla_timers',
    private readonly subject: 'ticket_id' | 'incident_id',
    private readonly work: DueWork,
  ) {}

  async replan(tx: EntityManager, subjectId: string, timers: readonly PlannedTimer[]): Promise<void> {
    await this.replanAll(tx, [{ subjectId, timers }]);
  }

  /**
   * Brings each subject's unfired timers to its plan in one statement for any number of
   * subjects: those no longer planned are deleted, those newly planned inserted, and a timer the
   * plan keeps (most of them, when a warning fires) is left alone rather than rewritten. Both
   * comparisons are with the subjects' own unfired timers, read by the subject index, so the
   * cost follows the batch, not how many timers wait in the table.
   * Returns the subjects the plan found holding a clock: one of their `heldIfUnplanned` clocks
   * had no unfired breach timer, no deadline planned (ADR 0130). Read from the timers the
   * statement compares anyway, so a subject holding none costs no statement more.
   */
  async replanAll(tx: EntityManager, plans: readonly TimerPlan[]): Promise<string[]> {
    if (plans.length === 0) return [];
    const planned = plannedJson(plans);
    const heldIfUnplanned = JSON.stringify(plans.flatMap((p) => (p.heldIfUnplanned ?? []).map((clock) => ({ subject_id: p.subjectId, clock }))));
    const same = 'p.subject_id = c.subject_id AND p.clock = c.clock AND p.kind = c.kind AND p.threshold = c.threshold AND p.fire_at = c.fire_at';
    const rows = await selectRows(
      tx,
      SubjectIdRow,
      `WITH plan AS MATERIALIZED (
         SELECT * FROM jsonb_to_recordset($2::jsonb) AS p(subject_id uuid, clock text, kind text, threshold integer, fire_at timestamptz)),
       current AS MATERIALIZED (
         SELECT id, ${this.subject} AS subject_id, clock, kind, threshold, fire_at FROM ${this.table}
          WHERE ${this.subject} = ANY($1::uuid[]) AND fired_at IS NULL),
       dropped AS (
         DELETE FROM ${this.table} WHERE id IN (SELECT c.id FROM current c WHERE NOT EXISTS (SELECT 1 FROM plan p WHERE ${same}))),
       added AS (
         INSERT INTO ${this.table} (${this.subject}, clock, kind, threshold, fire_at)
         SELECT p.subject_id, p.clock, p.kind, p.threshold, p.fire_at FROM plan p WHERE NOT EXISTS (SELECT 1 FROM current c WHERE ${same}))
       SELECT DISTINCT h.subject_id::text AS subject_id FROM jsonb_to_recordset($3::jsonb) AS h(subject_id uuid, clock text)
        WHERE NOT EXISTS (SELECT 1 FROM current c WHERE c.subject_id = h.subject_id AND c.clock = h.clock AND c.kind = 'breach')`,
      [plans.map((p) => p.subjectId), planned, heldIfUnplanned],
    );
    return rows.map((r) => r.subject_id);
  }

  /**
   * The first timers of subjects created in this transaction, which have none to compare with:
   * inserted as planned, as a part of a statement written with others (`writeTogether`); none
   * when no subject has a timer.
   */
  planFirstPart(plans: readonly TimerPlan[]): WritePart | undefined {
    if (plans.every((p) => p.timers.length === 0)) return undefined;
    return (bind) =>
      `INSERT INTO ${this.table} (${this.subject}, clock, kind, threshold, fire_at)
       SELECT p.subject_id, p.clock, p.kind, p.threshold, p.fire_at
         FROM jsonb_to_recordset(${bind(plannedJson(plans))}::jsonb) AS p(subject_id uuid, clock text, kind text, threshold integer, fire_at timestamptz)`;
  }

  /**
   * Subjects with a timer due and not held back, earliest due first, at most `limit`: read from
   * the due index without grouping, so a pass costs the same with ten or a million timers due.
   * The caller locks each subject before touching its timers.
   */
  async withDueTimers(db: Queryable, now: Date, limit: number): Promise<string[]> {
    const rows = await selectRows(
      db,
      SubjectIdRow,
      `SELECT s.${this.subject}::text AS subject_id FROM ${this.table} s
        WHERE s.fired_at IS NULL AND s.fire_at <= $1 AND ${notPostponed(this.work, `s.${this.subject}`, '$1')}
        ORDER BY s.fire_at LIMIT $2`,
      [now, limit],
    );
    return [...new Set(rows.map((r) => r.subject_id))];
  }

  /**
   * Claims the locked subjects' due timers in one statement — marked fired in the transaction
   * that fires them — each subject's in the order they fall due. The subjects' rows are locked,
   * so no other replica holds these timers.
   */
  async claimDue(tx: EntityManager, subjectIds: readonly string[], now: Date): Promise<Map<string, DueTimer[]>> {
    const rows = await changedRows(
      tx,
      TimerRow,
      `UPDATE ${this.table} SET fired_at = $2 WHERE ${this.subject} = ANY($1::uuid[]) AND fired_at IS NULL AND fire_at <= $2
       RETURNING id::text, ${this.subject}::text AS subject_id, clock, kind, threshold, fire_at`,
      [subjectIds, now],
    );
    const due = new Map<string, DueTimer[]>();
    rows.sort((a, b) => a.fire_at.getTime() - b.fire_at.getTime() || Number(a.id) - Number(b.id));
    for (const r of rows) {
      const timer: DueTimer = { id: r.id, clock: r.clock, kind: r.kind, threshold: r.threshold, fireAt: r.fire_at };
      due.set(r.subject_id, [...(due.get(r.subject_id) ?? []), timer]);
    }
    return due;
  }

  /**
   * The deadline each running clock of the subjects is planned at, by subject and clock: its
   * unfired breach timer, which is always the current plan of the clock as it now is. None for a
   * clock met, paused or breached: a breach timer fired before may be of the clock a reopening or
   * a promise replaced, or one that fired nothing because its deadline had moved later.
   */
  async lastPlannedDeadlines(db: Queryable, subjectIds: readonly string[]): Promise<Map<string, Map<ClockKind, Date>>> {
    const deadlines = new Map<string, Map<ClockKind, Date>>();
    if (subjectIds.length === 0) return deadlines;
    const rows = await selectRows(
      db,
      LastBreachRow,
      `SELECT DISTINCT ON (${this.subject}, clock) ${this.subject}::text AS subject_id, clock, fire_at FROM ${this.table}
        WHERE ${this.subject} = ANY($1::uuid[]) AND kind = 'breach' AND fired_at IS NULL
        ORDER BY ${this.subject}, clock, fire_at DESC`,
      [subjectIds],
    );
    for (const r of rows) deadlines.set(r.subject_id, (deadlines.get(r.subject_id) ?? new Map<ClockKind, Date>()).set(r.clock, r.fire_at));
    return deadlines;
  }
}

/** A ticket's SLA timers. */
@Injectable()
export class SlaTimerRepository extends DurableTimers {
  constructor() {
    super('sla_timers', 'ticket_id', 'sla_timers');
  }
}

/** 群发事件 — an incident's own SLA timers, kept as a ticket's are (ADR 0040). */
@Injectable()
export class IncidentSlaTimerRepository extends DurableTimers {
  constructor() {
    super('incident_sla_timers', 'incident_id', 'incident_sla_timers');
  }
}
