import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, TicketClosedV1, TicketRepliedV1, TicketValidityDecidedV1 } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import { WORDLESS_CONSULTATION } from '../domain/gap';
import { holdToKeepWords } from '../infrastructure/customer-fates';
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

  /** `mergingLater`: the consumer transaction goes on to merge or erase customers (see holdToKeepWords). */
  async cited(event: DomainEvent<Cited>, tx: EntityManager, mergingLater = false): Promise<void> {
    const d = event.data;
    if (!d.answerId) return;
    // The gate before the ticket's row, as every other path takes them: a close later in the same
    // consumer transaction takes the gate, and an erasure holding it alone wipes this very row.
    await holdToKeepWords(tx, mergingLater);
    await this.tickets.cite(tx, d.ticketId, d.answerId, d.projectCode, new Date(d.at));
  }

  /** `mergingLater`: as for `cited`. */
  async closed(event: DomainEvent<EventData<typeof TicketClosedV1>>, tx: EntityManager, mergingLater = false): Promise<void> {
    const d = event.data;
    // The item the ticket closed as: the desk may have classified or corrected it since it opened (补录).
    const closedAs = d.itemCode?.split('.')[0];
    if (closedAs !== undefined && closedAs !== CONSULTATION) return;
    // The gap's sample is the demand read here: an erasure of its customer in flight commits before
    // the read, or after the gap is written, where it finds it by its ticket.
    await holdToKeepWords(tx, mergingLater);
    const known = await this.tickets.find(tx, d.ticketId, undefined);
    if ((closedAs ?? known?.sectionCode) !== CONSULTATION || known?.citedAnswer) return;
    await this.gaps.record(
      tx,
      {
        source: 'consultation',
        text: known?.demand ?? d.itemCode ?? WORDLESS_CONSULTATION,
        ticketId: d.ticketId,
        ...(d.itemCode ? { itemCode: d.itemCode } : {}),
        ...(d.projectCode ? { projects: [d.projectCode] } : {}),
      },
      new Date(d.at),
    );
  }
}
