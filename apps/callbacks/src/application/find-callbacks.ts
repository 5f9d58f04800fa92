import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { presentProps } from '@cs/ddd';
import { decodeKeysetCursor, encodeKeysetCursor } from '@cs/platform';
import type { CallbackStatus, CallbackTask } from '../domain/callback-task';
import { CallbackRepository, StoredAttempt } from '../infrastructure/callback.repository';
import { FollowedTicket, FollowedTicketsRepository } from '../infrastructure/followed-tickets.repository';
import { MissedCallback, MissedCallbacksRepository } from '../infrastructure/missed-callbacks.repository';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';
import { listHeld } from '../infrastructure/held-callbacks.repository';
import type { ListedHold } from '../domain/held-callback';
import { callbackNotFound } from './record-attempt';

export interface CallbackQueueRequest {
  readonly status?: CallbackStatus;
  readonly assignee?: string;
  readonly ticketId?: string;
  readonly dueBefore?: Date;
  /** Only callbacks whose next attempt may be made by then. */
  readonly callableAt?: Date;
  readonly cursor?: string;
  readonly limit: number;
}

/** A page's query: within the report's bounds, at most `limit`, after the previous page's `cursor`. */
export interface MissedCallbacksRequest {
  readonly from?: Date;
  readonly to?: Date;
  readonly cursor?: string;
  readonly limit: number;
}

/** A page of callbacks held for their calendar: every filter given must hold. */
export interface HeldCallbacksRequest {
  readonly calendarId?: string;
  readonly projectCode?: string;
  readonly cursor?: string;
  readonly limit: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

/** Where the previous page ended: the sort time and id of its last item. */
function pageEnd(cursor: string): { at: Date; id: string } {
  const { key, id } = decodeKeysetCursor(cursor, 'CALLBACK.BAD_CURSOR');
  return { at: new Date(key), id };
}

/** The first `limit` of `rows`, read one over the limit: the cursor of the last when more follow. */
function pageOf<T>(rows: T[], limit: number, end: (last: T) => { at: Date; id: string }): Page<T> {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  const last = end(items[items.length - 1]!);
  return { items, nextCursor: encodeKeysetCursor({ key: last.at.toISOString(), id: last.id }) };
}

/** An agent's callback work queue, one callback in full, the callbacks held for their calendar and the missed-callback report, within the caller's projects (404 outside them). */
@Injectable()
export class FindCallbacks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly callbacks: CallbackRepository,
    private readonly tickets: FollowedTicketsRepository,
    private readonly missedCallbacks: MissedCallbacksRepository,
    private readonly customers: CallbackPlanRepository,
  ) {}

  /** 漏回访 — the closed tickets whose required callback never reached the customer, newest close first, a page at a time. */
  async missed(q: MissedCallbacksRequest, projects: readonly string[] | undefined): Promise<Page<MissedCallback>> {
    const end = q.cursor === undefined ? undefined : pageEnd(q.cursor);
    const rows = await this.missedCallbacks.list(
      this.dataSource.manager,
      { limit: q.limit + 1, ...presentProps({ from: q.from, to: q.to, before: end && { closedAt: end.at, ticketId: end.id } }) },
      projects,
    );
    return pageOf(rows, q.limit, (m) => ({ at: m.closedAt, id: m.ticketId }));
  }

  /** The callbacks held because their calendar cannot count their due time (ADR 0116), the longest held first, a page at a time. */
  async held(q: HeldCallbacksRequest, projects: readonly string[] | undefined): Promise<Page<ListedHold>> {
    const end = q.cursor === undefined ? undefined : pageEnd(q.cursor);
    const rows = await listHeld(
      this.dataSource.manager,
      { limit: q.limit + 1, ...presentProps({ calendarId: q.calendarId, projectCode: q.projectCode, after: end && { heldAt: end.at, callbackId: end.id } }) },
      projects,
    );
    return pageOf(rows, q.limit, (h) => ({ at: h.heldAt, id: h.task.id }));
  }

  async list(q: CallbackQueueRequest, projects: readonly string[] | undefined): Promise<Page<CallbackTask>> {
    const end = q.cursor === undefined ? undefined : pageEnd(q.cursor);
    const items = await this.callbacks.list(
      this.dataSource.manager,
      {
        limit: q.limit + 1,
        ...(q.status ? { status: q.status } : {}),
        ...(q.assignee ? { assignee: q.assignee } : {}),
        ...(q.ticketId ? { ticketId: q.ticketId } : {}),
        ...(q.dueBefore ? { dueBefore: q.dueBefore } : {}),
        ...(q.callableAt ? { callableAt: q.callableAt } : {}),
        ...(end ? { after: { dueAt: end.at, id: end.id } } : {}),
      },
      projects,
    );
    return pageOf(items, q.limit, (t) => ({ at: t.dueAt, id: t.id }));
  }

  async byId(
    id: string,
    projects: readonly string[] | undefined,
  ): Promise<{ task: CallbackTask; attempts: StoredAttempt[]; ticket?: FollowedTicket; customer?: { nameMasked: string; tags: string[] } }> {
    const task = await this.callbacks.find(this.dataSource.manager, id, projects);
    if (!task) throw callbackNotFound(id);
    const attempts = await this.callbacks.attempts(this.dataSource.manager, id);
    const ticket = task.ticketId ? await this.tickets.find(task.ticketId, projects) : undefined;
    const customer = await this.customers.customerSummary(this.dataSource.manager, task.customerId);
    return { task, attempts, ...(ticket ? { ticket } : {}), ...(customer ? { customer } : {}) };
  }
}
