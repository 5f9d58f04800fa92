import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeKeysetCursor, encodeKeysetCursor } from '@cs/platform';
import type { CallbackStatus, CallbackTask } from '../domain/callback-task';
import { CallbackRepository, StoredAttempt } from '../infrastructure/callback.repository';
import { FollowedTicket, FollowedTicketsRepository } from '../infrastructure/followed-tickets.repository';
import { MissedCallback, MissedCallbacksRepository } from '../infrastructure/missed-callbacks.repository';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';
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

/** Where the previous page ended: the due time and id of its last callback. */
function dueAfter(cursor: string): { dueAt: Date; id: string } {
  const { key, id } = decodeKeysetCursor(cursor, 'CALLBACK.BAD_CURSOR');
  return { dueAt: new Date(key), id };
}

/** An agent's callback work queue, one callback in full and the missed-callback report, within the caller's projects (404 outside them). */
@Injectable()
export class FindCallbacks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly callbacks: CallbackRepository,
    private readonly tickets: FollowedTicketsRepository,
    private readonly missedCallbacks: MissedCallbacksRepository,
    private readonly customers: CallbackPlanRepository,
  ) {}

  /** 漏回访 — the closed tickets whose required callback never reached the customer. */
  missed(q: { from?: Date; to?: Date; limit: number }, projects: readonly string[] | undefined): Promise<MissedCallback[]> {
    return this.missedCallbacks.list(this.dataSource.manager, q, projects);
  }

  async list(q: CallbackQueueRequest, projects: readonly string[] | undefined): Promise<{ items: CallbackTask[]; nextCursor?: string }> {
    const items = await this.callbacks.list(
      this.dataSource.manager,
      {
        limit: q.limit + 1,
        ...(q.status ? { status: q.status } : {}),
        ...(q.assignee ? { assignee: q.assignee } : {}),
        ...(q.ticketId ? { ticketId: q.ticketId } : {}),
        ...(q.dueBefore ? { dueBefore: q.dueBefore } : {}),
        ...(q.callableAt ? { callableAt: q.callableAt } : {}),
        ...(q.cursor ? { after: dueAfter(q.cursor) } : {}),
      },
      projects,
    );
    if (items.length <= q.limit) return { items };
    const page = items.slice(0, q.limit);
    return { items: page, nextCursor: encodeKeysetCursor({ key: page[page.length - 1]!.dueAt.toISOString(), id: page[page.length - 1]!.id }) };
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
