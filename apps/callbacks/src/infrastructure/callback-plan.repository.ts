import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { execute, IdRow, lockedInOrder, projectCondition, Queryable, selectRow, selectRows, sendAhead } from '@cs/persistence';
import { notPostponed } from '@cs/platform';
import type { CallbackPlan, PlanCustomer } from '../domain/callback-plan';

const YearRow = Type.Object({ year: Type.Integer() });
const PlanCustomerRow = Type.Object({ projects: Type.Array(Type.String()), tags: Type.Array(Type.String()) });
const CustomerSummaryRow = Type.Object({ name_masked: Type.String(), tags: Type.Array(Type.String()) });

/** What intake last announced of a customer, masked: enough to select it for a plan. */
export interface CustomerSnapshot {
  readonly customerId: string;
  readonly nameMasked: string;
  readonly projects: readonly string[];
  readonly tags: readonly string[];
  readonly asOf: Date;
}

/** The plan as stored: its document (dates as ISO text) and where its schedule stands. */
export interface StoredPlan {
  readonly plan: CallbackPlan;
  readonly active: boolean;
  readonly nextRunAt?: Date;
  readonly runs: number;
}

type PlanDocument = Omit<CallbackPlan, 'firstRunAt'> & { readonly firstRunAt: string };
const PlanRow = Type.Object({
  document: Type.Unsafe<PlanDocument>(Type.Object({ id: Type.String() })),
  active: Type.Boolean(),
  next_run_at: Type.Union([Type.Date(), Type.Null()]),
  runs: Type.Integer(),
});
const CustomerRow = Type.Object({ customer_id: Type.String() });
const PLAN_COLUMNS = 'document, active, next_run_at, runs';

function stored(r: typeof PlanRow.static): StoredPlan {
  return { plan: { ...r.document, firstRunAt: new Date(r.document.firstRunAt) }, active: r.active, runs: r.runs, ...(r.next_run_at ? { nextRunAt: r.next_run_at } : {}) };
}

/** Callback plans, and callbacks' copy of which customers belong to which projects with which tags. */
@Injectable()
export class CallbackPlanRepository {
  /** A birthday plan has no runs: it stays active with no next run until stopped. */
  async insert(tx: EntityManager, plan: CallbackPlan, at: Date): Promise<void> {
    await execute(tx, 'INSERT INTO callback_plans (id, document, project_code, active, next_run_at, created_at) VALUES ($1, $2, $3, true, $4, $5)', [
      plan.id,
      JSON.stringify(plan),
      plan.projectCode,
      plan.trigger === 'birthday' ? null : plan.firstRunAt,
      at,
    ]);
  }

  async find(db: Queryable, id: string, projects: readonly string[] | undefined, lock = false): Promise<StoredPlan | undefined> {
    const params: unknown[] = [id];
    const row = await selectRow(
      db,
      PlanRow,
      `SELECT ${PLAN_COLUMNS} FROM callback_plans WHERE id = $1 AND ${projectCondition('project_code', projects, params)}${lock ? ' FOR UPDATE' : ''}`,
      params,
    );
    return row && stored(row);
  }

  async list(db: Queryable, projects: readonly string[] | undefined): Promise<StoredPlan[]> {
    const params: unknown[] = [];
    const rows = await selectRows(db, PlanRow, `SELECT ${PLAN_COLUMNS} FROM callback_plans WHERE ${projectCondition('project_code', projects, params)} ORDER BY created_at, id`, params);
    return rows.map(stored);
  }

  /** Plans due to run at `now` and not held back after a failed run, the earliest due first, at most `limit`. */
  async dueIds(db: Queryable, work: string, now: Date, limit: number): Promise<string[]> {
    const rows = await selectRows(
      db,
      IdRow,
      `SELECT id::text FROM callback_plans WHERE active AND next_run_at <= $1 AND ${notPostponed(work, 'id', '$1')} ORDER BY next_run_at, id LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Those of the plans no one else holds, locked, at most `limit`, in the order given; each may have run meanwhile. */
  async lockAll(tx: EntityManager, ids: readonly string[], limit: number): Promise<(StoredPlan & { readonly id: string })[]> {
    const rows = await selectRows(
      tx,
      PlanRow,
      lockedInOrder('callback_plans', PLAN_COLUMNS),
      [ids, limit],
    );
    return rows.map((r) => ({ ...stored(r), id: r.document.id }));
  }

  /** The active birthday plans of these projects, each locked so a plan being stopped waits or is seen stopped. */
  async birthdayPlans(tx: EntityManager, projects: readonly string[]): Promise<StoredPlan[]> {
    const rows = await selectRows(
      tx,
      PlanRow,
      `SELECT ${PLAN_COLUMNS} FROM callback_plans WHERE active AND document ->> 'trigger' = 'birthday' AND project_code = ANY($1::text[]) ORDER BY created_at, id FOR SHARE`,
      [[...projects]],
    );
    return rows.map(stored);
  }

  /** Records the birthday callback of a plan for a customer and year; false when there already is one. */
  async claimBirthday(tx: EntityManager, c: { planId: string; customerId: string; year: number; callbackId: string }): Promise<boolean> {
    const rows = await selectRows(
      tx,
      YearRow,
      'INSERT INTO birthday_callbacks (plan_id, customer_id, year, callback_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING year',
      [c.planId, c.customerId, c.year, c.callbackId],
    );
    return rows.length > 0;
  }

  /** The customer's projects and tags as intake last announced them. */
  async planCustomer(db: Queryable, customerId: string): Promise<PlanCustomer | undefined> {
    const row = await selectRow(db, PlanCustomerRow, 'SELECT projects, tags FROM plan_customers WHERE customer_id = $1', [customerId]);
    return row && { projects: row.projects, tags: row.tags };
  }

  async advance(tx: EntityManager, id: string, nextRunAt: Date | undefined): Promise<void> {
    await execute(tx, 'UPDATE callback_plans SET runs = runs + 1, next_run_at = $2, active = $3 WHERE id = $1', [id, nextRunAt ?? null, nextRunAt !== undefined]);
  }

  async stop(tx: EntityManager, id: string): Promise<void> {
    await execute(tx, 'UPDATE callback_plans SET active = false, next_run_at = NULL WHERE id = $1', [id]);
  }

  /**
   * The customers a plan's run calls: of its project, holding any of its tags (all of the project
   * when none), less those the plan still has an open callback for (an earlier run's, ADR 0083).
   * Containment, not `= ANY`, so the projects' GIN index finds them.
   */
  async selection(tx: Queryable, plan: Pick<CallbackPlan, 'id' | 'projectCode' | 'tags'>): Promise<string[]> {
    const rows = await selectRows(
      tx,
      CustomerRow,
      `SELECT p.customer_id::text FROM plan_customers p
        WHERE p.projects @> ARRAY[$1::text] AND (cardinality($2::text[]) = 0 OR p.tags && $2::text[])
          AND NOT EXISTS (SELECT 1 FROM callbacks c WHERE c.plan_id = $3::uuid AND c.customer_id = p.customer_id AND c.status IN ('due', 'overdue'))
        ORDER BY p.customer_id`,
      [plan.projectCode, [...plan.tags], plan.id],
    );
    return rows.map((r) => r.customer_id);
  }

  /**
   * Keeps the newest snapshot of each customer's projects and tags, in one statement however many
   * (a consumer transaction's, ADR 0046); an older one arriving late changes nothing, nor does one
   * of a customer merged away or erased since (plans no longer select them). Of one customer's
   * snapshots the newest is written (the later of two as new), as one upsert after another would
   * leave it.
   */
  async rememberCustomers(tx: EntityManager, snapshots: readonly CustomerSnapshot[]): Promise<void> {
    // Keyed as the uuid column compares: two spellings of one id would be one row updated twice.
    const newest = new Map<string, CustomerSnapshot>();
    for (const c of snapshots) {
      const key = c.customerId.toLowerCase();
      const kept = newest.get(key);
      if (!kept || kept.asOf.getTime() <= c.asOf.getTime()) newest.set(key, c);
    }
    if (newest.size === 0) return;
    await sendAhead(
      tx,
      `INSERT INTO plan_customers (customer_id, name_masked, projects, tags, as_of)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(customer_id uuid, name_masked text, projects text[], tags text[], as_of timestamptz)
        WHERE NOT EXISTS (SELECT 1 FROM merged_customers m WHERE m.customer_id = c.customer_id)
          AND NOT EXISTS (SELECT 1 FROM erased_customers e WHERE e.customer_id = c.customer_id)
       ON CONFLICT (customer_id) DO UPDATE SET name_masked = EXCLUDED.name_masked, projects = EXCLUDED.projects, tags = EXCLUDED.tags, as_of = EXCLUDED.as_of
        WHERE plan_customers.as_of <= EXCLUDED.as_of`,
      [
        JSON.stringify(
          [...newest.values()].map((c) => ({ customer_id: c.customerId, name_masked: c.nameMasked, projects: c.projects, tags: c.tags, as_of: c.asOf.toISOString() })),
        ),
      ],
    );
  }

  /** The customer as a callback shows them: masked name and tags; the full record is read from intake, which checks permission. */
  async customerSummary(db: Queryable, customerId: string): Promise<{ nameMasked: string; tags: string[] } | undefined> {
    const row = await selectRow(db, CustomerSummaryRow, 'SELECT name_masked, tags FROM plan_customers WHERE customer_id = $1', [customerId]);
    return row && { nameMasked: row.name_masked, tags: row.tags };
  }

  /** A merged or erased customer is no longer selected. */
  async forgetCustomer(tx: EntityManager, customerId: string): Promise<void> {
    await execute(tx, 'DELETE FROM plan_customers WHERE customer_id = $1', [customerId]);
  }

  /** The plan's open tasks, to cancel when it stops. */
  /** In the order an erasure locks a customer's open callbacks (`openOfCustomer`), so a stop and an erasure never deadlock. */
  async openTasks(tx: Queryable, planId: string): Promise<string[]> {
    const rows = await selectRows(tx, IdRow, `SELECT id::text FROM callbacks WHERE plan_id = $1 AND status IN ('due', 'overdue') ORDER BY id`, [planId]);
    return rows.map((r) => r.id);
  }
}
