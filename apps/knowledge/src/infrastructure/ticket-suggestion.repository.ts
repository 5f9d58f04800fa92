import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Nullable, Queryable, execute, projectCondition, selectRow } from '@cs/persistence';

export interface StoredSuggestion {
  readonly answerId: string;
  readonly version: number;
  readonly score: number;
}

/** What the knowledge service knows of a ticket: its demand, the answers suggested for it and the one a reply cited. */
export interface TicketKnowledge {
  readonly ticketId: string;
  readonly projectCode?: string;
  readonly itemCode?: string;
  readonly sectionCode?: string;
  readonly demand?: string;
  readonly suggestions: readonly StoredSuggestion[];
  readonly citedAnswer?: string;
  readonly computedAt: Date;
}

const Row = Type.Object({
  ticket_id: Type.String(),
  project_code: Nullable(Type.String()),
  item_code: Nullable(Type.String()),
  section_code: Nullable(Type.String()),
  demand: Nullable(Type.String()),
  suggestions: Type.Array(Type.Object({ answerId: Type.String(), version: Type.Integer(), score: Type.Number() })),
  cited_answer: Nullable(Type.String()),
  computed_at: Type.Date(),
});

export class TicketSuggestionRepository {
  async save(tx: EntityManager, t: TicketKnowledge): Promise<void> {
    await execute(
      tx,
      `INSERT INTO ticket_suggestions (ticket_id, project_code, item_code, section_code, demand, suggestions, computed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (ticket_id) DO UPDATE SET project_code = excluded.project_code, item_code = excluded.item_code, section_code = excluded.section_code,
         demand = excluded.demand, suggestions = excluded.suggestions, computed_at = excluded.computed_at`,
      [t.ticketId, t.projectCode ?? null, t.itemCode ?? null, t.sectionCode ?? null, t.demand ?? null, JSON.stringify(t.suggestions), t.computedAt],
    );
  }

  /** A reply or validity decision cited an answer; remembered even if ticket.created comes later. */
  async cite(tx: EntityManager, ticketId: string, answerId: string, projectCode: string | undefined, at: Date): Promise<void> {
    await execute(
      tx,
      `INSERT INTO ticket_suggestions (ticket_id, project_code, suggestions, cited_answer, computed_at) VALUES ($1, $2, '[]', $3, $4)
       ON CONFLICT (ticket_id) DO UPDATE SET cited_answer = excluded.cited_answer`,
      [ticketId, projectCode ?? null, answerId, at],
    );
  }

  async find(db: Queryable, ticketId: string, projects: readonly string[] | undefined): Promise<TicketKnowledge | undefined> {
    const params: unknown[] = [ticketId];
    const r = await selectRow(db, Row, `SELECT * FROM ticket_suggestions WHERE ticket_id = $1 AND ${projectCondition('project_code', projects, params)}`, params);
    if (!r) return undefined;
    return {
      ticketId: r.ticket_id,
      ...(r.project_code !== null ? { projectCode: r.project_code } : {}),
      ...(r.item_code !== null ? { itemCode: r.item_code } : {}),
      ...(r.section_code !== null ? { sectionCode: r.section_code } : {}),
      ...(r.demand !== null ? { demand: r.demand } : {}),
      suggestions: r.suggestions,
      ...(r.cited_answer !== null ? { citedAnswer: r.cited_answer } : {}),
      computedAt: r.computed_at,
    };
  }
}
