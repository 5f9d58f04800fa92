import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, TicketClosedV1, TicketRepliedV1, TicketValidityDecidedV1 } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import { TicketSuggestionRepository } from '../infrastructure/ticket-suggestion.repository';
import { RecordGaps } from './record-gaps';

type Cited = EventData<typeof TicketRepliedV1> | EventData<typeof TicketValidityDecidedV1>;

const CONSULTATION = 'consultation';

/**
 * What became of a ticket, for the knowledge base: a reply or validity decision citing an answer
 * marks the matter as answered; a consultation closed without one is a knowledge gap.
 */
@Injectable()
export class TicketOutcomes {
  constructor(
    private readonly tickets: TicketSuggestionRepository,
    private readonly gaps: RecordGaps,
  ) {}

  async cited(event: DomainEvent<Cited>, tx: EntityManager): Promise<void> {
    const d = event.data;
    if (d.answerId) await this.tickets.cite(tx, d.ticketId, d.answerId, d.projectCode, new Date(d.at));
  }

  async closed(event: DomainEvent<EventData<typeof TicketClosedV1>>, tx: EntityManager): Promise<void> {
    const d = event.data;
    const known = await this.tickets.find(tx, d.ticketId, undefined);
    // The item the ticket closed as: the desk may have classified or corrected it since it opened (补录).
    const section = d.itemCode?.split('.')[0] ?? known?.sectionCode;
    if (section !== CONSULTATION || known?.citedAnswer) return;
    await this.gaps.record(
      tx,
      {
        source: 'consultation',
        text: known?.demand ?? d.itemCode ?? CONSULTATION,
        ticketId: d.ticketId,
        ...(d.itemCode ? { itemCode: d.itemCode } : {}),
        ...(d.projectCode ? { projects: [d.projectCode] } : {}),
      },
      new Date(d.at),
    );
  }
}
