import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { execute, Nullable, projectCondition, Queryable, selectRow, sendAhead } from '@cs/persistence';
import { customerAsTheyStand, customerErased } from './customer-fates';

export interface StoredSuggestion {
  readonly answerId: string;
  readonly version: number;
  readonly score: number;
}

/** What the knowledge service knows of a ticket: its demand, the answers suggested for it and the one a reply cited. */
export interface TicketKnowledge {
  readonly ticketId: string;
  /** Whose demand it is; unknown for a ticket seen before customers were followed. */
  readonly customerId?: string;
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
  customer_id: Nullable(Type.String()),
  project_code: Nullable(Type.String()),
  item_code: Nullable(Type.String()),
  section_code: Nullable(Type.String()),
  demand: Nullable(Type.String()),
  suggestions: Type.Array(Type.Object({ answerId: Type.String(), version: Type.Integer(), score: Type.Number() })),
  cited_answer: Nullable(Type.String()),
  computed_at: Type.Date(),
});

export class TicketSuggestionRepository {
  /**
   * The tickets' demand and suggestions, in one statement however many (a consumer transaction's
   * new tickets, ADR 0046). A ticket named twice keeps the last; its cited answer is kept. Each is
   * its customer's as they stand (ADR 0092): the survivor of a merge heard before, and kept without
   * the demand when that customer was erased. Hold holdToKeepWords first.
   */
  async saveAll(tx: EntityManager, tickets: readonly TicketKnowledge[]): Promise<void> {
    const last = [...new Map(tickets.map((t) => [t.ticketId, t])).values()];
    if (last.length === 0) return;
    await sendAhead(
      tx,
      `INSERT INTO ticket_suggestions (ticket_id, customer_id, project_code, item_code, section_code, demand, suggestions, computed_at)
       SELECT t.ticket_id, c.id, t.project_code, t.item_code, t.section_code, CASE WHEN NOT ${customerErased('c.id')} THEN t.demand END, t.suggestions, t.computed_at
         FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::timestamptz[])
                AS t(ticket_id, customer_id, project_code, item_code, section_code, demand, suggestions, computed_at)
              CROSS JOIN LATERAL (SELECT ${customerAsTheyStand('t.customer_id')} AS id) c
       ON CONFLICT (ticket_id) DO UPDATE SET customer_id = excluded.customer_id, project_code = excluded.project_code, item_code = excluded.item_code,
         section_code = excluded.section_code, demand = excluded.demand, suggestions = excluded.suggestions, computed_at = excluded.computed_at`,
      [
        last.map((t) => t.ticketId),
        last.map((t) => t.customerId ?? null),
        last.map((t) => t.projectCode ?? null),
        last.map((t) => t.itemCode ?? null),
        last.map((t) => t.sectionCode ?? null),
        last.map((t) => t.demand ?? null),
        last.map((t) => JSON.stringify(t.suggestions)),
        last.map((t) => t.computedAt),
      ],
    );
  }

  /** A reply or validity decision cited an answer; remembered even if ticket.created comes later. Hold holdToKeepWords first. */
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
      ...(r.customer_id !== null ? { customerId: r.customer_id } : {}),
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
