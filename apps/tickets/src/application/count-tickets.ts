import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GRADES, TICKET_STATUSES } from '@cs/contracts';
import type { Actor } from '../domain/ticket-access';
import type { EscalationLevel, Grade, TicketStatus } from '../domain/ticket-lifecycle';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { TicketQueueFilter, criteriaFor } from './find-tickets';

const LEVELS: readonly EscalationLevel[] = [0, 1, 2];

/** A dashboard's tallies of a queue; every status, grade and level is present, zero or not. */
export interface TicketCounts {
  readonly total: number;
  readonly byStatus: Record<TicketStatus, number>;
  readonly byGrade: Record<Grade, number>;
  readonly byEscalationLevel: Record<`${EscalationLevel}`, number>;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Counts the tickets of a queue exactly as the list would show them to the caller. */
@Injectable()
export class CountTickets {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
  ) {}

  async execute(filter: TicketQueueFilter, actor: Actor, now = new Date()): Promise<TicketCounts> {
    const groups = await this.tickets.count(this.dataSource.manager, criteriaFor(filter, actor, now));
    const counts = { total: 0, byStatus: zeros(TICKET_STATUSES), byGrade: zeros(GRADES), byEscalationLevel: zeros(LEVELS.map((l) => `${l}` as const)) };
    for (const g of groups) {
      counts.total += g.count;
      counts.byStatus[g.status] += g.count;
      counts.byGrade[g.grade] += g.count;
      counts.byEscalationLevel[`${g.escalationLevel}`] += g.count;
    }
    return counts;
  }
}
