import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, TicketMergedV1, TicketReopenedV1 } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import type { CancelReason } from '../domain/callback-task';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { holdToSchedule } from '../infrastructure/customer-copies';
import { setFollowedTicketStatus } from '../infrastructure/followed-tickets.repository';
import { dropHeldOfTicket } from '../infrastructure/held-callbacks.repository';
import { CallbackWriter } from './callback-writer';

/**
 * 重新处理 — a reopened ticket is not ready to be called back about: its pending callback is
 * cancelled, or dropped while held for its calendar (ADR 0116). 工单合并 — nor is a ticket merged into another: the survivor's resolution schedules
 * the one callback the customer gets. The promises the duplicate's last callback was watching
 * (the rectification, the next callback) are settled with it: its clocks were met at the merge and
 * the survivor's carry the promise (ADR 0038), and the duplicate is never resolved again to settle
 * them, so they would fire overdue on a matter the survivor handles.
 */
@Injectable()
export class CancelOnReopen {
  constructor(
    private readonly callbacks: CallbackRepository,
    private readonly writer: CallbackWriter,
  ) {}

  /** `mergingLater`: the consumer transaction goes on to merge or erase customers (see holdToSchedule). */
  async handle(event: DomainEvent<EventData<typeof TicketReopenedV1>>, tx: EntityManager, mergingLater = false): Promise<void> {
    await this.cancelPending(tx, event.data, 'ticket_reopened', false, mergingLater);
  }

  /** `mergingLater`: as for `handle`. */
  async handleMerge(event: DomainEvent<EventData<typeof TicketMergedV1>>, tx: EntityManager, mergingLater = false): Promise<void> {
    await this.cancelPending(tx, event.data, 'ticket_merged', true, mergingLater);
  }

  private async cancelPending(
    tx: EntityManager,
    t: { ticketId: string; status: string; by: string; at: string },
    reason: CancelReason,
    settleFollowUps: boolean,
    mergingLater: boolean,
  ): Promise<void> {
    // The customers' gate first, before any row a merge or an erasure locks (the followed ticket,
    // a held callback, a callback): one lock order for the whole consumer transaction (ADR 0092).
    await holdToSchedule(tx, mergingLater);
    await setFollowedTicketStatus(tx, t.ticketId, t.status);
    // Before its callbacks are read: one its hold is being scheduled from is then committed and read.
    await dropHeldOfTicket(tx, t.ticketId);
    const at = new Date(t.at);
    for (const id of await this.callbacks.ofTicket(tx, t.ticketId)) {
      const task = await this.callbacks.lock(tx, id, undefined);
      if (!task) continue;
      const cancelled = await this.writer.decideAndSave(tx, task, { action: 'cancel', reason }, t.by, at);
      if (settleFollowUps) await this.writer.decideAndSave(tx, cancelled, { action: 'settle_follow_ups' }, t.by, at);
    }
  }
}
