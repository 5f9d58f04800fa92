import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Nullable, Queryable, execute, projectCondition, selectRow, selectRows } from '@cs/persistence';
import { redactIdentifiersInUrl } from '@cs/privacy';
import type { Period } from '../domain/period';
import type { ScorecardScheme } from '../domain/scorecard';
import { UUID } from './ticket-facts.repository';

const VersionRow = Type.Object({ version: Type.Integer() });

const SCHEME_ID = 'default';
const SchemeRow = Type.Object({ version: Type.Integer(), scheme: Type.Unsafe<ScorecardScheme>(Type.Object({})) });

export async function findScheme(db: Queryable): Promise<{ version: number; scheme: ScorecardScheme } | undefined> {
  return selectRow(db, SchemeRow, 'SELECT version, scheme FROM scorecard_schemes WHERE id = $1', [SCHEME_ID]);
}

/** Replaces the scheme; each replacement is a new version. */
export async function replaceScheme(tx: EntityManager, scheme: ScorecardScheme, by: string): Promise<number> {
  const row = await selectRow(
    tx,
    VersionRow,
    `INSERT INTO scorecard_schemes AS s (id, version, scheme, updated_at, updated_by) VALUES ($1, 1, $2::jsonb, now(), $3)
     ON CONFLICT (id) DO UPDATE SET version = s.version + 1, scheme = EXCLUDED.scheme, updated_at = now(), updated_by = EXCLUDED.updated_by
     RETURNING version`,
    [SCHEME_ID, JSON.stringify(scheme), by],
  );
  return row?.version ?? 1;
}

export interface SpotCheck {
  readonly id: string;
  readonly agentId: string;
  readonly targetKind: 'ticket' | 'callback' | 'recording';
  readonly targetId: string | null;
  readonly targetUrl: string | null;
  readonly projectCode: string | null;
  readonly passed: boolean;
  readonly comments: string;
  readonly checkedAt: Date;
  readonly checkedBy: string;
}

export async function insertSpotCheck(tx: EntityManager, s: SpotCheck): Promise<void> {
  await execute(
    tx,
    `INSERT INTO spot_checks (id, agent_id, target_kind, target_id, target_url, project_code, passed, comments, checked_at, checked_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [s.id, s.agentId, s.targetKind, s.targetId, s.targetUrl, s.projectCode, s.passed, s.comments, s.checkedAt, s.checkedBy],
  );
}

const SpotCheckRow = Type.Object({
  id: Type.String(),
  agentId: Type.String(),
  targetKind: Type.Union([Type.Literal('ticket'), Type.Literal('callback'), Type.Literal('recording')]),
  targetId: Nullable(Type.String()),
  targetUrl: Nullable(Type.String()),
  projectCode: Nullable(Type.String()),
  passed: Type.Boolean(),
  comments: Type.String(),
  checkedAt: Type.Date(),
  checkedBy: Type.String(),
});

/**
 * The period's spot checks, a recording's url masked (ADR 0006) though it was masked when written:
 * a replica of the release before masking, still serving during a rollout, stores it in clear.
 */
export async function spotChecksIn(db: Queryable, period: Period, agent: string | undefined, projects: readonly string[] | undefined): Promise<SpotCheck[]> {
  const params: unknown[] = [period.from, period.to, agent ?? null];
  const rows = await selectRows(
    db,
    SpotCheckRow,
    `SELECT id::text, agent_id AS "agentId", target_kind AS "targetKind", target_id AS "targetId", target_url AS "targetUrl",
            project_code AS "projectCode", passed, comments, checked_at AS "checkedAt", checked_by AS "checkedBy"
       FROM spot_checks
      WHERE checked_at >= $1 AND checked_at < $2 AND ($3::text IS NULL OR agent_id = $3)
        AND ${projectCondition('project_code', projects, params)}
      ORDER BY checked_at, id`,
    params,
  );
  return rows.map((row) => (row.targetUrl === null ? row : { ...row, targetUrl: redactIdentifiersInUrl(row.targetUrl) }));
}

export interface Praise {
  readonly id: string;
  readonly agentId: string;
  readonly reason: string;
  readonly ticketId: string | null;
  readonly projectCode: string | null;
  readonly receivedAt: Date;
  readonly recordedBy: string;
}

export async function insertPraise(tx: EntityManager, p: Praise): Promise<void> {
  await execute(
    tx,
    'INSERT INTO praise (id, agent_id, reason, ticket_id, project_code, received_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [p.id, p.agentId, p.reason, p.ticketId, p.projectCode, p.receivedAt, p.recordedBy],
  );
}

const PraiseRow = Type.Object({
  id: Type.String(),
  agentId: Type.String(),
  reason: Type.String(),
  ticketId: Nullable(Type.String()),
  projectCode: Nullable(Type.String()),
  receivedAt: Type.Date(),
  recordedBy: Type.String(),
});

export async function praiseIn(db: Queryable, period: Period, agent: string | undefined, projects: readonly string[] | undefined): Promise<Praise[]> {
  const params: unknown[] = [period.from, period.to, agent ?? null];
  return selectRows(
    db,
    PraiseRow,
    `SELECT id::text, agent_id AS "agentId", reason, ticket_id AS "ticketId", project_code AS "projectCode", received_at AS "receivedAt",
            recorded_by AS "recordedBy"
       FROM praise
      WHERE received_at >= $1 AND received_at < $2 AND ($3::text IS NULL OR agent_id = $3)
        AND ${projectCondition('project_code', projects, params)}
      ORDER BY received_at, id`,
    params,
  );
}

const ProjectRow = Type.Object({ projectCode: Nullable(Type.String()) });

/** The project of a ticket or callback the read model knows; undefined when it knows none by that id. */
export async function projectOfTarget(db: Queryable, kind: 'ticket' | 'callback', id: string): Promise<{ projectCode: string | null } | undefined> {
  // Compared as uuid, by the key's index (as text, every row was read); an id of another shape names nothing.
  if (!UUID.test(id)) return undefined;
  const sql =
    kind === 'ticket'
      ? 'SELECT project_code AS "projectCode" FROM ticket_facts WHERE ticket_id = $1::uuid'
      : // A callback of no project of its own counts in its ticket's, as the callback reports count it.
        `SELECT coalesce(c.project_code, t.project_code) AS "projectCode"
           FROM callback_facts c LEFT JOIN ticket_facts t ON t.ticket_id = c.ticket_id
          WHERE c.callback_id = $1::uuid`;
  return selectRow(db, ProjectRow, sql, [id]);
}
