import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { countOpened } from '../infrastructure/ticket-facts.repository';

export interface TicketSummary {
  readonly from: string;
  readonly to: string;
  readonly ticketsOpened: number;
  readonly bySection: Record<string, number>;
  readonly byChannel: Record<string, number>;
  readonly byProject: Record<string, number>;
}

/** Counts of opened tickets in a period, by catalogue section, channel and project — of the caller's projects only. */
@Injectable()
export class SummarizeTickets {
  constructor(private readonly dataSource: DataSource) {}

  async execute(period: { from: Date; to: Date }, projects: readonly string[] | undefined): Promise<TicketSummary> {
    const rows = await countOpened(this.dataSource.manager, period, projects);
    const tally = (key: 'section' | 'channel' | 'project') =>
      rows.reduce<Record<string, number>>((acc, row) => ({ ...acc, [row[key]]: (acc[row[key]] ?? 0) + row.n }), {});
    return {
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      ticketsOpened: rows.reduce((sum, row) => sum + row.n, 0),
      bySection: tally('section'),
      byChannel: tally('channel'),
      byProject: tally('project'),
    };
  }
}
