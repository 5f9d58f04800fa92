import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Nullable, Queryable, changedRows, execute, selectRow, selectRows } from '@cs/persistence';
import { type KnowledgeGap, MAX_GAP_TICKET_IDS, soleProject } from '../domain/gap';

const GapRow = Type.Object({
  id: Type.String(),
  source: Type.Union([Type.Literal('consultation'), Type.Literal('search')]),
  status: Type.Union([Type.Literal('open'), Type.Literal('drafted')]),
  item_code: Nullable(Type.String()),
  projects: Nullable(Type.Array(Type.String())),
  drafted_apart: Nullable(Type.Array(Type.String())),
  drafted_from: Nullable(Type.String()),
  tokens: Type.Array(Type.String()),
  sample: Type.String(),
  sample_ticket_id: Nullable(Type.String()),
  occurrences: Type.Integer(),
  ticket_ids: Type.Array(Type.String()),
  ticket_count: Type.Integer(),
  draft_answer_id: Nullable(Type.String()),
  opened_at: Type.Date(),
  last_seen_at: Type.Date(),
});
const COLUMNS = 'id, source, status, item_code, projects, drafted_apart, drafted_from, tokens, sample, sample_ticket_id, occurrences, ticket_ids, ticket_count, draft_answer_id, opened_at, last_seen_at';
/**
 * The columns as read: a gap an older replica wrote during a rollout has only `project_code`, and
 * is of that project (read as NULL, it would be shown to every project's supervisors).
 */
const GAP_PROJECTS = 'COALESCE(projects, CASE WHEN project_code IS NOT NULL THEN ARRAY[project_code] END)';
/** The item of a gap as its open gaps are indexed by: '' for none. */
const GAP_ITEM = "coalesce(item_code, '')";
/** A gap written before the count (or by a replica of the release before) counts the tickets it lists. */
const TICKET_COUNT = 'COALESCE(ticket_count, cardinality(ticket_ids))';
const READ_COLUMNS = COLUMNS.replace('projects', `${GAP_PROJECTS} AS projects`).replace('ticket_count', `${TICKET_COUNT} AS ticket_count`);

/**
 * A gap is shown to a user serving one of its projects whose share was not drafted apart (ADR
 * 0072): for a gap of every project, one of the user's own. A user serving no project sees the
 * gaps of every project, as everything of no project.
 */
function shownTo(projects: readonly string[] | undefined, params: unknown[]): string {
  if (projects === undefined) return 'TRUE';
  const served = `$${params.push([...projects])}::text[]`;
  return `(${GAP_PROJECTS} IS NULL AND cardinality(${served}) = 0
           OR EXISTS (SELECT 1 FROM unnest(COALESCE(${GAP_PROJECTS}, ${served})) AS asked(code)
                       WHERE asked.code = ANY(${served}) AND asked.code <> ALL(COALESCE(drafted_apart, '{}'))))`;
}

function toGap(r: typeof GapRow.static): KnowledgeGap {
  return {
    id: r.id,
    source: r.source,
    status: r.status,
    ...(r.item_code !== null ? { itemCode: r.item_code } : {}),
    ...(r.projects !== null ? { projects: r.projects } : {}),
    ...(r.drafted_apart !== null ? { draftedApart: r.drafted_apart } : {}),
    ...(r.drafted_from !== null ? { draftedFrom: r.drafted_from } : {}),
    tokens: r.tokens,
    sample: r.sample,
    ...(r.sample_ticket_id !== null ? { sampleTicketId: r.sample_ticket_id } : {}),
    occurrences: r.occurrences,
    ticketIds: r.ticket_ids,
    ticketCount: r.ticket_count,
    ...(r.draft_answer_id !== null ? { draftAnswerId: r.draft_answer_id } : {}),
    openedAt: r.opened_at,
    lastSeenAt: r.last_seen_at,
  };
}

export class GapRepository {
  /**
   * Open gaps of the item, the most recent first: where a new question is grouped. Takes the
   * item's gap lock first: concurrent searches then group one after the other instead of locking
   * the same rows in different orders (a deadlock) or each opening a twin of the same gap. A gap of
   * no item is found by '' (no item code is empty), so the index of the open gaps by item serves
   * both, which `IS NOT DISTINCT FROM` could not.
   */
  async openOfItem(tx: Queryable, itemCode: string | undefined, projects: readonly string[] | undefined): Promise<KnowledgeGap[]> {
    await execute(tx, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`knowledge-gap:${itemCode ?? ''}:${projects?.join(',') ?? '*'}`]);
    const rows = await selectRows(
      tx,
      GapRow,
      `SELECT ${READ_COLUMNS} FROM knowledge_gaps WHERE status = 'open' AND ${GAP_ITEM} = $1 AND ${GAP_PROJECTS} IS NOT DISTINCT FROM $2::text[]
        ORDER BY last_seen_at DESC LIMIT 200`,
      [itemCode ?? '', projects ? [...projects] : null],
    );
    return rows.map(toGap);
  }

  /** `project_code` keeps the one project of a gap of one, as replicas from before `projects` read it (ADR 0066). */
  async save(tx: EntityManager, gap: KnowledgeGap): Promise<void> {
    await execute(
      tx,
      `INSERT INTO knowledge_gaps (${COLUMNS}, project_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, drafted_apart = excluded.drafted_apart, occurrences = excluded.occurrences,
         ticket_ids = excluded.ticket_ids, draft_answer_id = excluded.draft_answer_id, last_seen_at = excluded.last_seen_at`,
      [gap.id, gap.source, gap.status, gap.itemCode ?? null, gap.projects ? [...gap.projects] : null, gap.draftedApart ? [...gap.draftedApart] : null, gap.draftedFrom ?? null, gap.tokens, gap.sample, gap.sampleTicketId ?? null, gap.occurrences, gap.ticketIds, gap.ticketCount, gap.draftAnswerId ?? null, gap.openedAt, gap.lastSeenAt,
        soleProject(gap) ?? null],
    );
  }

  /**
   * One more ask of the gap, counted in place: a draft committed since the gap was read (its status,
   * its shares drafted apart) stays as it is. A ticket not listed yet is counted and listed, the
   * oldest listed giving way past MAX_GAP_TICKET_IDS (one of those may then be counted again).
   */
  async grow(tx: EntityManager, id: string, ticketId: string | undefined, at: Date): Promise<KnowledgeGap> {
    const listed = '($2::text IS NULL OR $2 = ANY(ticket_ids))';
    const [row] = await changedRows(
      tx,
      GapRow,
      `UPDATE knowledge_gaps SET occurrences = occurrences + 1, last_seen_at = GREATEST(last_seen_at, $3),
         ticket_count = CASE WHEN ${listed} THEN ticket_count ELSE ${TICKET_COUNT} + 1 END,
         ticket_ids = CASE WHEN ${listed} THEN ticket_ids ELSE (ticket_ids || $2::text)[cardinality(ticket_ids) + 2 - $4::int:] END
        WHERE id = $1 RETURNING ${READ_COLUMNS}`,
      [id, ticketId ?? null, at, MAX_GAP_TICKET_IDS],
    );
    if (!row) throw new Error(`knowledge gap ${id} vanished while a question was counted on it`);
    return toGap(row);
  }

  /** The gap of the user's share drafted apart from the gap named (ADR 0072). */
  async shareDraftedFrom(db: Queryable, id: string, projects: readonly string[] | undefined): Promise<KnowledgeGap | undefined> {
    const params: unknown[] = [id];
    const row = await selectRow(db, GapRow, `SELECT ${READ_COLUMNS} FROM knowledge_gaps WHERE drafted_from = $1 AND ${shownTo(projects, params)} ORDER BY opened_at, id LIMIT 1`, params);
    return row ? toGap(row) : undefined;
  }

  async find(db: Queryable, id: string, projects: readonly string[] | undefined, lock = false): Promise<KnowledgeGap | undefined> {
    const params: unknown[] = [id];
    const row = await selectRow(db, GapRow, `SELECT ${READ_COLUMNS} FROM knowledge_gaps WHERE id = $1 AND ${shownTo(projects, params)}${lock ? ' FOR UPDATE' : ''}`, params);
    return row ? toGap(row) : undefined;
  }

  /** Most asked first. */
  async list(db: Queryable, query: { projects: readonly string[] | undefined; status?: string; itemCode?: string; limit: number }): Promise<KnowledgeGap[]> {
    const params: unknown[] = [query.limit];
    const where = [shownTo(query.projects, params)];
    if (query.status) where.push(`status = $${params.push(query.status)}`);
    if (query.itemCode) where.push(`item_code = $${params.push(query.itemCode)}`);
    const rows = await selectRows(db, GapRow, `SELECT ${READ_COLUMNS} FROM knowledge_gaps WHERE ${where.join(' AND ')} ORDER BY occurrences DESC, last_seen_at DESC, id LIMIT $1`, params);
    return rows.map(toGap);
  }
}
