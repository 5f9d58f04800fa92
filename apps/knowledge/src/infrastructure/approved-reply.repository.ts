import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Nullable, execute, projectCondition, selectRow } from '@cs/persistence';

export interface ApprovedReply {
  readonly ticketId: string;
  readonly projectCode?: string;
  readonly itemCode?: string;
  readonly text: string;
  readonly approvedBy: string;
  readonly approvedAt: Date;
  readonly draftAnswerId?: string;
}

const Row = Type.Object({
  ticket_id: Type.String(),
  project_code: Nullable(Type.String()),
  item_code: Nullable(Type.String()),
  text: Type.String(),
  approved_by: Type.String(),
  approved_at: Type.Date(),
  draft_answer_id: Nullable(Type.String()),
});

/** 审批答复 — replies supervisors approved for invalid complaints, from ticket.reply_approved. */
export class ApprovedReplyRepository {
  /** The latest approval of a ticket's reply wins. */
  async save(tx: EntityManager, r: ApprovedReply): Promise<void> {
    await execute(
      tx,
      `INSERT INTO approved_replies (ticket_id, project_code, item_code, text, approved_by, approved_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (ticket_id) DO UPDATE SET text = excluded.text, approved_by = excluded.approved_by, approved_at = excluded.approved_at
        WHERE approved_replies.approved_at <= excluded.approved_at`,
      [r.ticketId, r.projectCode ?? null, r.itemCode ?? null, r.text, r.approvedBy, r.approvedAt],
    );
  }

  async find(tx: EntityManager, ticketId: string, projects: readonly string[] | undefined): Promise<ApprovedReply | undefined> {
    const params: unknown[] = [ticketId];
    const r = await selectRow(tx, Row, `SELECT * FROM approved_replies WHERE ticket_id = $1 AND ${projectCondition('project_code', projects, params)} FOR UPDATE`, params);
    if (!r) return undefined;
    return {
      ticketId: r.ticket_id,
      ...(r.project_code !== null ? { projectCode: r.project_code } : {}),
      ...(r.item_code !== null ? { itemCode: r.item_code } : {}),
      text: r.text,
      approvedBy: r.approved_by,
      approvedAt: r.approved_at,
      ...(r.draft_answer_id !== null ? { draftAnswerId: r.draft_answer_id } : {}),
    };
  }

  async drafted(tx: EntityManager, ticketId: string, answerId: string): Promise<void> {
    await execute(tx, 'UPDATE approved_replies SET draft_answer_id = $2 WHERE ticket_id = $1', [ticketId, answerId]);
  }
}
