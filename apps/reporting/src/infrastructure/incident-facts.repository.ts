import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Nullable, Queryable, execute, projectCondition, selectRows } from '@cs/persistence';
import type { Period } from '../domain/period';
import type { IncidentRecord } from '../domain/ticket-record';
import { LIVE_TABLES, ProjectionTables } from './projection-tables';

/** An incident as its declaration told it. */
export interface IncidentFact {
  readonly incidentId: string;
  readonly number: string;
  readonly projectCode: string;
  readonly building?: string;
  readonly sectionCode: string;
  readonly itemCode: string;
  readonly title: string;
  readonly declaredAt: string;
}

/** Idempotent: a redelivered declaration finds its fact already recorded. */
export async function recordIncidentFact(tx: EntityManager, f: IncidentFact, tables: ProjectionTables = LIVE_TABLES): Promise<void> {
  await execute(
    tx,
    `INSERT INTO ${tables.incidents} (incident_id, number, project_code, building, section_code, item_code, title, declared_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (incident_id) DO NOTHING`,
    [f.incidentId, f.number, f.projectCode, f.building ?? null, f.sectionCode, f.itemCode, f.title, f.declaredAt],
  );
}

/**
 * The department it was last dispatched to, and when first, and whether its dispatch clock was met
 * late (a breach told before stands): applying it again changes nothing.
 */
export async function recordIncidentDispatch(
  tx: EntityManager,
  dispatch: { readonly incidentId: string; readonly department: string; readonly at: string; readonly breached?: boolean },
  tables: ProjectionTables = LIVE_TABLES,
): Promise<void> {
  await execute(
    tx,
    `UPDATE ${tables.incidents} SET department = $2, dispatched_at = coalesce(dispatched_at, $3),
            dispatch_breached = CASE WHEN dispatch_breached THEN true ELSE coalesce($4, dispatch_breached) END
      WHERE incident_id = $1`,
    [dispatch.incidentId, dispatch.department, dispatch.at, dispatch.breached ?? null],
  );
}

/** An incident is resolved once; a replay of it leaves the row as it was, and a breach recorded before stays. */
export async function recordIncidentResolution(tx: EntityManager, incidentId: string, at: string, breached: boolean, tables: ProjectionTables = LIVE_TABLES): Promise<void> {
  await execute(tx, `UPDATE ${tables.incidents} SET resolved_at = greatest(resolved_at, $2::timestamptz), breached = (breached IS TRUE OR $3) WHERE incident_id = $1`, [
    incidentId,
    at,
    breached,
  ]);
}

/**
 * The columns a breach of each counted clock marks: the resolution's judges it late, resolved or
 * not yet (kpis.md); the dispatch's (转发是否及时) whenever it is dispatched.
 */
const BREACH_COLUMNS = { resolution: 'breached', dispatch: 'dispatch_breached' } as const;
export type CountedIncidentClock = keyof typeof BREACH_COLUMNS;
export const isCountedIncidentClock = (clock: string): clock is CountedIncidentClock => clock in BREACH_COLUMNS;

/** A clock of the incident ran out; applying it again changes nothing. */
export async function recordIncidentBreach(tx: EntityManager, incidentId: string, clock: CountedIncidentClock, tables: ProjectionTables = LIVE_TABLES): Promise<void> {
  await execute(tx, `UPDATE ${tables.incidents} SET ${BREACH_COLUMNS[clock]} = true WHERE incident_id = $1`, [incidentId]);
}

const IncidentRow = Type.Object({
  incidentId: Type.String(),
  number: Type.String(),
  projectCode: Type.String(),
  building: Nullable(Type.String()),
  sectionCode: Type.String(),
  itemCode: Type.String(),
  title: Type.String(),
  department: Nullable(Type.String()),
  declaredAt: Type.Date(),
  dispatchedAt: Nullable(Type.Date()),
  resolvedAt: Nullable(Type.Date()),
  breached: Nullable(Type.Boolean()),
  dispatchBreached: Nullable(Type.Boolean()),
  children: Type.Integer(),
});

/** Incidents declared in the period, in the given projects (undefined: all), with how many tickets joined each (a merged duplicate counts for nothing, kpis.md). */
export async function incidentsDeclaredIn(db: Queryable, period: Period, projects: readonly string[] | undefined): Promise<IncidentRecord[]> {
  const params: unknown[] = [period.from, period.to];
  return selectRows(
    db,
    IncidentRow,
    `SELECT i.incident_id::text AS "incidentId", i.number, i.project_code AS "projectCode", i.building, i.section_code AS "sectionCode",
            i.item_code AS "itemCode", i.title, i.department, i.declared_at AS "declaredAt", i.dispatched_at AS "dispatchedAt",
            i.resolved_at AS "resolvedAt", i.breached, i.dispatch_breached AS "dispatchBreached",
            (SELECT count(*)::int FROM ticket_facts f WHERE f.incident_id = i.incident_id AND f.merged_into IS NULL) AS children
       FROM incident_facts i
      WHERE i.declared_at >= $1 AND i.declared_at < $2 AND ${projectCondition('i.project_code', projects, params)}
      ORDER BY i.declared_at, i.number`,
    params,
  );
}
