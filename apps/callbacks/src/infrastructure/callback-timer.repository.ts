import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Queryable, type WritePart, execute, selectRows, writeTogether } from '@cs/persistence';
import { notPostponed } from '@cs/platform';
import type { FollowUp } from '../domain/callback-task';

export interface PlannedCallbackTimer {
  readonly deadline: FollowUp['deadline'];
  readonly fireAt: Date;
}
export interface DueCallbackTimer extends PlannedCallbackTimer {
  readonly id: string;
}

const TimerRow = Type.Object({ id: Type.String(), deadline: Type.Unsafe<FollowUp['deadline']>(Type.String()), fire_at: Type.Date() });
const CallbackIdRow = Type.Object({ callback_id: Type.String() });

/**
 * Durable callback deadlines. A task's unfired timers are replaced whenever it changes, in the
 * same transaction, so what is left unfired is always the current plan; a fired one keeps its
 * fired_at, so it never fires again.
 */
@Injectable()
export class CallbackTimerRepository {
  async replan(tx: Queryable, callbackId: string, timers: readonly PlannedCallbackTimer[]): Promise<void> {
    await execute(tx, 'DELETE FROM callback_timers WHERE callback_id = $1 AND fired_at IS NULL', [callbackId]);
    await writeTogether(tx, [this.planFirstPart([{ callbackId, timers }])]);
  }

  /**
   * Replaces the unfired timers of many callbacks in one statement: the DELETE reads the table as
   * the statement began, so it never takes the timers written beside it.
   */
  async replanAll(tx: Queryable, plans: readonly { readonly callbackId: string; readonly timers: readonly PlannedCallbackTimer[] }[]): Promise<void> {
    if (plans.length === 0) return;
    await writeTogether(tx, [
      (bind) => `DELETE FROM callback_timers WHERE callback_id = ANY(${bind(plans.map((p) => p.callbackId))}::uuid[]) AND fired_at IS NULL`,
      this.planFirstPart(plans),
    ]);
  }

  /**
   * Timers of callbacks with none unfired (scheduled in this transaction, or replanned): a part
   * of a statement written with others (`writeTogether`); none when there are none.
   */
  planFirstPart(plans: readonly { readonly callbackId: string; readonly timers: readonly PlannedCallbackTimer[] }[]): WritePart | undefined {
    const rows = plans.flatMap((p) => p.timers.map((t) => ({ callback_id: p.callbackId, deadline: t.deadline, fire_at: t.fireAt })));
    if (rows.length === 0) return undefined;
    return (bind) =>
      `INSERT INTO callback_timers (callback_id, deadline, fire_at)
       SELECT callback_id, deadline, fire_at
         FROM ROWS FROM (jsonb_to_recordset(${bind(JSON.stringify(rows))}::jsonb) AS (callback_id uuid, deadline text, fire_at timestamptz)) WITH ORDINALITY AS t
        ORDER BY ordinality`;
  }

  /**
   * Callbacks with a timer due and not held back (`work`: ADR 0040), earliest due first, at most
   * `limit`: read from the due index without grouping, so a pass costs the same with ten or a
   * million timers due. The caller locks each before touching its timers.
   */
  async callbacksWithDueTimers(db: Queryable, work: string, now: Date, limit: number): Promise<string[]> {
    const rows = await selectRows(
      db,
      CallbackIdRow,
      `SELECT t.callback_id::text FROM callback_timers t
        WHERE t.fired_at IS NULL AND t.fire_at <= $1 AND ${notPostponed(work, 't.callback_id', '$1')}
        ORDER BY t.fire_at LIMIT $2`,
      [now, limit],
    );
    return [...new Set(rows.map((r) => r.callback_id))];
  }

  /**
   * Claims a callback's due timers, in the order they are due and then written (the bigint
   * column, not the text the select names `id`); the callback row is already locked, so no other
   * replica holds them.
   */
  async claimDue(tx: EntityManager, callbackId: string, now: Date): Promise<DueCallbackTimer[]> {
    const rows = await selectRows(
      tx,
      TimerRow,
      `SELECT id::text, deadline, fire_at FROM callback_timers
        WHERE callback_id = $1 AND fired_at IS NULL AND fire_at <= $2 ORDER BY fire_at, callback_timers.id FOR UPDATE SKIP LOCKED`,
      [callbackId, now],
    );
    return rows.map((r) => ({ id: r.id, deadline: r.deadline, fireAt: r.fire_at }));
  }

  async markFired(tx: EntityManager, ids: readonly string[], at: Date): Promise<void> {
    if (ids.length > 0) await execute(tx, 'UPDATE callback_timers SET fired_at = $2 WHERE id = ANY($1::bigint[])', [ids, at]);
  }
}
