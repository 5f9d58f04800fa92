import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, TicketReopenedV1 } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { setFollowedTicketStatus } from '../infrastructure/followed-tickets.repository';
import { CallbackWriter } from './callback-writer';

/** 重新处理 — a reopened ticket is not ready to be called back about: its pending callback is cancelled. */
@Injectable()
export class CancelOnReopen {
  constructor(
    private readonly callbacks: CallbackRepository,
    private readonly writer: CallbackWriter,
  ) {}

  async handle(event: DomainEvent<EventData<typeof TicketReopenedV1>>, tx: EntityManager): Promise<void> {
    const t = event.data;
    await setFollowedTicketStatus(tx, t.ticketId, t.status);
    for (const id of await this.callbacks.ofTicket(tx, t.ticketId)) {
      const task = await this.callbacks.lock(tx, id, undefined);
      if (task) await this.writer.decideAndSave(tx, task, { action: 'cancel', reason: 'ticket_reopened' }, t.by, new Date(t.at));
    }
  }
}
