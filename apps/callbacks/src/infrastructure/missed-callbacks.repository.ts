import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { presentProps } from '@cs/ddd';
import { Nullable, Queryable, execute, projectCondition, selectRow, selectRows } from '@cs/persistence';
import type { CallbackStatus } from '../domain/callback-task';

/** A closed ticket whose policy required a callback that was never completed. */
export interface MissedCallback {
  readonly ticketId: string;
  readonly number?: string;
  readonly customerId: string;
  readonly projectCode?: string;
  readonly sectionCode?: string;
  readonly itemCode?: string;
  readonly policyId: string;
  /** The ticket's last callback, when one was scheduled at all. */
  readonly callbackId?: string;
  readonly lastStatus?: CallbackStatus;
  readonly closedAt: Date;
}

const Text = Type.String();
const MissedRow = Type.Object({
  ticket_id: Text,
  number: Nullable(Text),
  customer_id: Text,
  project_code: Nullable(Text),
  section_code: Nullable(Text),
  item_code: Nullable(Text),
  policy_id: Text,
  callback_id: Nullable(Text),
  last_status: Nullable(Type.Unsafe<CallbackStatus>(Text)),
  closed_at: Type.Date(),
});
const LastCallbackRow = Type.Object({ id: Text, status: Type.Unsafe<CallbackStatus>(Text) });

@Injectable()
export class MissedCallbacksRepository {
  /**
   * The ticket's latest callback, or undefined when none was ever scheduled, held (shared) until
   * the close that asks is committed: an attempt completing it meanwhile waits, and then takes
   * the ticket off the report; unheld, it completed unseen by the close, whose record came after
   * its clearing and stayed.
   */
  async lastCallback(tx: EntityManager, ticketId: string): Promise<{ id: string; status: CallbackStatus } | undefined> {
    return selectRow(tx, LastCallbackRow, 'SELECT id::text, status FROM callbacks WHERE ticket_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1 FOR SHARE', [ticketId]);
  }

  /**
   * Idempotent: a ticket closed again after a reopening keeps its latest record, judged by the
   * policy, section and item it was last resolved as.
   */
  async record(tx: EntityManager, m: MissedCallback): Promise<void> {
    await execute(
      tx,
      `INSERT INTO missed_callbacks (ticket_id, number, customer_id, project_code, section_code, item_code, policy_id, callback_id, last_status, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (ticket_id) DO UPDATE SET policy_id = EXCLUDED.policy_id, section_code = EXCLUDED.section_code, item_code = EXCLUDED.item_code,
         callback_id = EXCLUDED.callback_id, last_status = EXCLUDED.last_status, closed_at = EXCLUDED.closed_at`,
      [m.ticketId, m.number ?? null, m.customerId, m.projectCode ?? null, m.sectionCode ?? null, m.itemCode ?? null, m.policyId, m.callbackId ?? null, m.lastStatus ?? null, m.closedAt],
    );
  }

  /** A callback completed after all (a late answer) takes the ticket off the report. */
  async clear(tx: EntityManager, ticketId: string): Promise<void> {
    await execute(tx, 'DELETE FROM missed_callbacks WHERE ticket_id = $1', [ticketId]);
  }

  /**
   * A page of the report, newest close first (ties by ticket id, also descending, so the close
   * index read backwards gives the order), after `before` — the close and ticket of the previous
   * page's last row — when given. Ordered by the uuid column, as the cursor compares and the index
   * holds it: a bare `ticket_id` there is the text the select names so, which no index serves.
   */
  async list(
    db: Queryable,
    q: { from?: Date; to?: Date; before?: { readonly closedAt: Date; readonly ticketId: string }; limit: number },
    projects: readonly string[] | undefined,
  ): Promise<MissedCallback[]> {
    const params: unknown[] = [];
    const where = [projectCondition('project_code', projects, params)];
    if (q.from) where.push(`closed_at >= $${params.push(q.from)}`);
    if (q.to) where.push(`closed_at < $${params.push(q.to)}`);
    if (q.before) where.push(`(closed_at, ticket_id) < ($${params.push(q.before.closedAt)}, $${params.push(q.before.ticketId)}::uuid)`);
    const rows = await selectRows(
      db,
      MissedRow,
      `SELECT ticket_id::text, number, customer_id::text, project_code, section_code, item_code, policy_id, callback_id::text, last_status, closed_at
         FROM missed_callbacks WHERE ${where.join(' AND ')} ORDER BY missed_callbacks.closed_at DESC, missed_callbacks.ticket_id DESC LIMIT $${params.push(q.limit)}`,
      params,
    );
    return rows.map((r) => ({
      ticketId: r.ticket_id,
      customerId: r.customer_id,
      policyId: r.policy_id,
      closedAt: r.closed_at,
      ...presentProps({
        number: r.number,
        projectCode: r.project_code,
        sectionCode: r.section_code,
        itemCode: r.item_code,
        callbackId: r.callback_id,
        lastStatus: r.last_status,
      }),
    }));
  }
}
